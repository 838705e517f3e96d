/* The handbook's search worker (see revise/handbook/lazysearch.py).
 *
 * It runs the theme's own search worker, named in ?worker=, and stands between it and the page:
 * the page hands the worker an index without documents when it loads; this worker answers "ready"
 * at once and fetches the documents only when search is opened (a message on the BroadcastChannel
 * "revise-search") or a first word is typed, from search/search_docs.json.gz when the browser can
 * unzip it, else search/search_docs.json. Then the theme's worker builds its index and answers the
 * latest query.
 */
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // the theme's SearchMessageType
  var worker = new URLSearchParams(self.location.search).get("worker") || "";
  var folder = new URL("../../../search/", self.location.href);
  var post = self.postMessage.bind(self);
  var setup = null, state = "waiting", latest = null, passing = false, swallowReady = false;

  /* The theme's worker answers our SETUP with READY: the page had its READY already. */
  self.postMessage = function (message) {
    if (swallowReady && message && message.type === READY) {
      swallowReady = false;
      state = "ready";
      if (latest !== null) pass(latest);
      latest = null;
      return;
    }
    post(message);
  };

  function pass(message) {
    passing = true;
    try { self.dispatchEvent(new MessageEvent("message", { data: message })); } finally { passing = false; }
  }

  function documents() {
    if (typeof DecompressionStream === "function") {
      return fetch(new URL("search_docs.json.gz", folder)).then(function (response) {
        if (!response.ok) throw new Error("search_docs.json.gz: " + response.status);
        return response.arrayBuffer();
      }).then(function (buffer) {
        var bytes = new Uint8Array(buffer);
        if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes)); // unzipped by the server
        return new Response(new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"))).json();
      });
    }
    return fetch(new URL("search_docs.json", folder)).then(function (response) {
      if (!response.ok) throw new Error("search_docs.json: " + response.status);
      return response.json();
    });
  }

  function load() {
    if (state !== "waiting" || setup === null) return;
    state = "loading";
    documents().then(function (docs) {
      setup.docs = docs;
      swallowReady = true;
      pass({ type: SETUP, data: setup });
    }).catch(function (error) {
      console.warn(error);
      state = "waiting";
      post({ type: RESULT, data: { items: [] } });
    });
  }

  self.addEventListener("message", function (event) {
    if (passing) return;
    event.stopImmediatePropagation();
    var message = event.data || {};
    if (message.type === SETUP) {
      setup = message.data;
      post({ type: READY });
    } else if (message.type === QUERY && state !== "ready") {
      if (String(message.data || "").trim() === "") {
        post({ type: RESULT, data: { items: [] } });
      } else {
        latest = message;
        load();
      }
    } else {
      pass(message);
    }
  });

  try {
    new BroadcastChannel("revise-search").onmessage = load;
  } catch (error) { /* no BroadcastChannel: the first word typed loads the documents */ }

  if (!/^search\.[0-9a-f]+\.min\.js$/.test(worker)) throw new Error("revise-search: not a search worker: " + worker);
  importScripts(worker);
})();
