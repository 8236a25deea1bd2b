// A case page's "All cases" link: back to the gallery view the reader came from, with
// its filters, when they came from the gallery; otherwise to the whole gallery.
(() => {
  "use strict";
  const back = document.querySelector("[data-uc-back]");
  if (!back || !document.referrer) return;
  const gallery = new URL(back.href);
  let from;
  try {
    from = new URL(document.referrer);
  } catch {
    return;
  }
  if (from.origin === gallery.origin && from.pathname === gallery.pathname) back.href = from.href;
})();
