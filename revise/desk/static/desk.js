// revise desk: the little JavaScript there is. A search box filters a list as you type (the page works
// without it: the list is all there). Served from the desk itself; no inline script, nothing from outside.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.filter[data-filter]").forEach(function (box) {
    var items = document.querySelectorAll(box.getAttribute("data-filter"));
    function apply() {
      var q = box.value.trim().toLowerCase();
      items.forEach(function (li) {
        var text = (li.getAttribute("data-text") || li.textContent).toLowerCase();
        li.hidden = q !== "" && text.indexOf(q) < 0 && !li.querySelector("input:checked");
      });
    }
    box.addEventListener("input", apply);
    apply();
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  });
});
