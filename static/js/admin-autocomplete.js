// The admin's search-as-you-type boxes (select2) for assistive technology: the search field gets
// the name of the field it searches, and the mouse-only "clear all" cross, which select2 puts
// inside its list of choices, is hidden from screen readers (Backspace clears from the keyboard).
(function () {
  "use strict";
  function fieldName(container) {
    var select = container.previousElementSibling;
    if (!select || !select.id) { return ""; }
    var label = document.querySelector("label[for='" + select.id + "']");
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }
  function fix(root) {
    root.querySelectorAll(".select2-container").forEach(function (container) {
      var name = fieldName(container);
      container.querySelectorAll(".select2-search__field").forEach(function (input) {
        if (name && !input.getAttribute("aria-label")) { input.setAttribute("aria-label", name); }
      });
      container.querySelectorAll(".select2-selection__clear").forEach(function (cross) {
        cross.setAttribute("aria-hidden", "true");
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    fix(document);
    new MutationObserver(function () { fix(document); }).observe(document.body, { childList: true, subtree: true });
  });
})();
