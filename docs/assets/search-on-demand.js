/* Material builds its search index in a web worker as soon as any page opens, though
   few readers search: on this site that costs about 0.14 CPU-seconds a page on a
   desktop (more on a phone). This file, loaded before the theme's bundle, holds the
   theme's set-up message until the reader turns to the search box, so only readers
   who search pay for the index. Meanwhile it answers as the worker would: "ready" to
   the set-up, and no results to an empty query.

   It follows Material 9.8's messages to its worker: 0 set up, 1 ready, 2 query,
   3 result. tests/test_csp_browser.py searches through it in Chromium. */
(() => {
  "use strict";
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  const config = document.getElementById("__config");
  if (!config || typeof window.Worker !== "function") return;
  const searchWorker = JSON.parse(config.textContent).search;

  // The reader turns to search: the box takes focus, or the search toggle opens.
  function onIntent(start) {
    const focused = event => {
      if (event.target instanceof Element && event.target.closest(".md-search")) start();
    };
    const toggled = event => {
      if (event.target instanceof HTMLInputElement && event.target.id === "__search" && event.target.checked) start();
    };
    document.addEventListener("focusin", focused);
    document.addEventListener("change", toggled);
    return () => {
      document.removeEventListener("focusin", focused);
      document.removeEventListener("change", toggled);
    };
  }

  // As a worker replies: later, as a message event on the worker object.
  function reply(worker, data) {
    setTimeout(() => worker.dispatchEvent(new MessageEvent("message", { data })), 0);
  }

  function holdUntilWanted(worker, send) {
    let started = false;
    let setUp = null;
    const stopListening = onIntent(() => start());
    function start() {
      if (started) return;
      started = true;
      stopListening();
      if (setUp) send(setUp);
    }
    worker.postMessage = message => {
      if (started) {
        send(message);
      } else if (message && message.type === SETUP) {
        setUp = message;
        reply(worker, { type: READY });
      } else if (message && message.type === QUERY && !String(message.data).trim()) {
        reply(worker, { type: RESULT, data: { items: [] } });
      } else {
        // A query with text before any intent (the theme fills ?q= into the box itself).
        start();
        send(message);
      }
    };
  }

  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      if (String(url) === searchWorker) holdUntilWanted(this, message => super.postMessage(message));
    }
  };
})();
