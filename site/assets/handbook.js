/* The handbook's additions to the theme's search box (loaded after the theme's own script).
 *
 * - Typing through an input method (Chinese pinyin, handwriting, voice): the theme searches on
 *   `keyup`, and a composition committed by the input method sends none, so the query would only
 *   run at the next key press. Each finished input is passed on as a `keyup`.
 * - The search dialog gets the search box's label as its accessible name.
 * - Opening search tells the search worker to fetch the documents (see revise/handbook/lazysearch.py).
 * - Opened from the disk (file://), a note says how to serve the handbook instead.
 */
(function () {
  "use strict";
  if (location.protocol === "file:") {  /* opened from the disk: say how to serve it (site/overrides/main.html) */
    var note = document.querySelector(".rv-file-note");
    if (note) note.hidden = false;
  }
  var input = document.querySelector("[data-md-component=search-query]");
  if (!input) return;
  var dialog = input.closest("[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "");

  function keyup() { input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })); }
  input.addEventListener("compositionend", keyup);
  input.addEventListener("input", function (event) { if (!event.isComposing) keyup(); });

  var opened = false;
  function open() {
    if (opened) return;
    opened = true;
    try { new BroadcastChannel("revise-search").postMessage("open"); } catch (error) { /* the first word typed loads it */ }
  }
  input.addEventListener("focus", open);
  var toggle = document.getElementById("__search");
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) open(); });
  if (document.activeElement === input || (toggle && toggle.checked)) open();
})();
