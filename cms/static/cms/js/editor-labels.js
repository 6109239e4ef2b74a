// Wagtail's page editor: a block placed directly in a StreamField or a ListBlock (a lesson's "Texte", each
// "Point" of a list) shows its name in its panel heading but gives its input no accessible name (axe: label,
// aria-input-field-name). Each such input is named by its panel heading, including the blocks added later.
(function () {
  var FIELDS = "input:not([type=hidden]), textarea, select, [role=textbox][contenteditable=true]";

  function isNamed(field) {
    if (field.getAttribute("aria-label") || field.getAttribute("aria-labelledby")) return true;
    return Boolean(field.id && document.querySelector('label[for="' + CSS.escape(field.id) + '"]'));
  }

  function name(root) {
    root.querySelectorAll("[data-streamfield-child] > section[aria-labelledby]").forEach(function (section) {
      var heading = section.getAttribute("aria-labelledby");
      var content = section.querySelector(":scope > .w-panel__content");
      if (!content) return;
      content.querySelectorAll(FIELDS).forEach(function (field) {
        // Only the block's own input: not the fields of a struct block nested below (they have their labels).
        if (field.closest("[data-streamfield-child] > section") !== section) return;
        if (field.closest(".w-field") && field.closest(".w-field").querySelector(":scope > label, :scope > .w-field__label")) return;
        if (!isNamed(field)) field.setAttribute("aria-labelledby", heading);
      });
    });
  }

  function start() {
    name(document);
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; name(document); });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
