// After a refused form: the error summary is announced (role="alert") and the first field in error gets the
// focus, so that keyboard and screen-reader users land where the correction is needed.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  var first = document.querySelector('[aria-invalid="true"]');
  (first || summary).focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (target) {
      event.preventDefault();
      target.focus();
    }
  });
});
