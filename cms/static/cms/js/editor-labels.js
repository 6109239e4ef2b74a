// Wagtail's page editor, made keyboard- and screen-reader-friendly where the project's blocks meet it.
//
// A block placed directly in a StreamField or a ListBlock (a lesson's "Texte", each
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

  // The minimap (the outline of a long page) scrolls: it must be reachable with the keyboard (axe:
  // scrollable-region-focusable).
  function minimap(root) {
    root.querySelectorAll(".w-minimap__list").forEach(function (list) {
      if (list.scrollHeight > list.clientHeight && !list.hasAttribute("tabindex")) list.setAttribute("tabindex", "0");
    });
  }

  function start() {
    name(document);
    minimap(document);
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; name(document); minimap(document); });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
