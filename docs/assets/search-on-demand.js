/* Material starts its search worker and builds the index in it as soon as any page
   opens, though few readers search: on this site that was about half of Chromium's
   CPU time for a page load (README, "Search"). Loaded before the theme's bundle, this file
   hands Material a stand-in for that one worker. The real worker is started, and the
   index built, only when the reader turns to the search box. Until then the stand-in
   answers as the worker would: "ready" to the set-up, and no results to an empty query.

   It follows Material 9.8's messages to its worker: 0 set up, 1 ready, 2 query,
   3 result. tests/test_csp_browser.py searches through it in Chromium. */
(() => {
  "use strict";
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  const config = document.getElementById("__config");
  const NativeWorker = window.Worker;
  if (!config || typeof NativeWorker !== "function") return;
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

  class SearchWorkerOnDemand extends EventTarget {
    constructor(url, options) {
      super();
      this.url = url;
      this.options = options;
      this.worker = null;
      this.setUp = null;  // Material's set-up message, with the index, until it is wanted
      this.stopListening = onIntent(() => this.start());
    }

    start() {
      if (this.worker) return;
      this.stopListening();
      this.worker = new NativeWorker(this.url, this.options);
      this.worker.addEventListener("message", event => this.dispatchEvent(new MessageEvent("message", event)));
      this.worker.addEventListener("error", event => this.dispatchEvent(new ErrorEvent("error", event)));
      if (this.setUp) this.worker.postMessage(this.setUp);
    }

    postMessage(message) {
      if (this.worker) {
        this.worker.postMessage(message);
      } else if (message && message.type === SETUP) {
        this.setUp = message;
        this.reply({ type: READY });
      } else if (message && message.type === QUERY && !String(message.data).trim()) {
        this.reply({ type: RESULT, data: { items: [] } });
      } else {
        // A query with text before any intent (the theme fills ?q= into the box itself).
        this.start();
        this.worker.postMessage(message);
      }
    }

    // As a worker replies: later, as a message event.
    reply(data) {
      setTimeout(() => this.dispatchEvent(new MessageEvent("message", { data })), 0);
    }

    terminate() {
      this.stopListening();
      if (this.worker) this.worker.terminate();
    }
  }

  // A constructor that returns an object makes `new` give that object.
  function Worker(url, options) {
    if (!new.target) throw new TypeError("Failed to construct 'Worker': Please use the 'new' operator.");
    return String(url) === searchWorker ? new SearchWorkerOnDemand(url, options) : new NativeWorker(url, options);
  }
  Worker.prototype = NativeWorker.prototype;
  window.Worker = Worker;
})();
