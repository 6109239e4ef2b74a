// Starts Wagtail's date, date-time and time choosers from the data the widgets leave in the page
// (cms/templates/wagtailadmin/widgets/), instead of the inline scripts the Content-Security-Policy refuses.
// Fields added later (a new row of an inline panel, a filter drawer) are started when they appear.
(function () {
  "use strict";
  var starters = { date: "initDateChooser", datetime: "initDateTimeChooser", time: "initTimeChooser" };

  function start(root) {
    root.querySelectorAll("[data-pa-chooser]:not([data-pa-started])").forEach(function (marker) {
      var starter = window[starters[marker.dataset.paChooser]];
      if (typeof starter !== "function" || !document.getElementById(marker.dataset.paTarget)) {
        return;
      }
      marker.dataset.paStarted = "true";
      starter(marker.dataset.paTarget, JSON.parse(marker.dataset.paConfig || "{}"));
    });
  }

  function watch() {
    start(document);
    new MutationObserver(function () {
      start(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
