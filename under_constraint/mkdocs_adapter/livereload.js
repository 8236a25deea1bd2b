// Live reload under `make serve`, as MkDocs' own script does it, but loaded from a file:
// the site's Content-Security-Policy refuses inline scripts other than the theme's, so
// the server's inline copy would never run. The server writes the build's epoch and a
// request id into this tag's data attributes (see mkdocs_adapter/serve.py).
(function () {
  "use strict";
  var tag = document.currentScript;
  var epoch = Number(tag.dataset.epoch);
  var requestId = tag.dataset.request;
  var request, timer;

  function poll() {
    request = new XMLHttpRequest();
    request.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timer = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    request.open("GET", "/livereload/" + epoch + "/" + requestId);
    request.send();
  }

  function stop() {
    if (request) request.abort();
    if (timer) clearTimeout(timer);
    request = timer = undefined;
  }

  function start() {
    if (document.visibilityState === "visible" && !request) poll();
  }

  window.addEventListener("load", start);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") start(); else stop();
  });
  window.addEventListener("beforeunload", stop);
})();
