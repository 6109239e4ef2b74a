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

// Tables of people on the move (candidates, learners, tutors) stack on a phone: each cell shows its column's
// name (data-label, read from the table's header) above its value, so nothing is cut at the right edge.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.table-stack").forEach(function (table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (names[index] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", names[index]);
      });
    });
  });
});

// A table frame that scrolls sideways (a wide table on a narrow screen) can be reached and scrolled with the
// keyboard: it takes the focus and is named after the table's caption or the heading above it.
(function () {
  function update() {
    document.querySelectorAll(".table-wrap").forEach(function (frame) {
      var scrolls = frame.scrollWidth > frame.clientWidth + 1;
      if (scrolls && !frame.hasAttribute("tabindex")) {
        frame.setAttribute("tabindex", "0");
        frame.setAttribute("role", "region");
        if (!frame.hasAttribute("aria-label") && !frame.hasAttribute("aria-labelledby")) {
          var caption = frame.querySelector("caption");
          var section = frame.closest("section, article, main");
          var heading = section && section.querySelector("h1, h2, h3");
          var name = (caption || heading || { textContent: "" }).textContent.trim();
          if (name) frame.setAttribute("aria-label", name);
        }
      } else if (!scrolls && frame.getAttribute("tabindex") === "0" && frame.getAttribute("role") === "region") {
        frame.removeAttribute("tabindex");
        frame.removeAttribute("role");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("resize", update);
})();

// A file made on request (an export, a PDF bundle, the personal-data ZIP) can take a while: the page says at once
// that it is being prepared, and takes the message down when the download begins (the server then sets the
// `file_ready` cookie, see core/downloads.py).
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[href]");
  var text = document.getElementById("file-preparing");
  if (!link || !text || !/\.(csv|xlsx|pdf|zip)$/.test(link.pathname)) return;
  document.cookie = "file_ready=; Max-Age=0; path=/; SameSite=Lax";
  var status = document.getElementById("file-status");
  if (!status) {
    status = document.createElement("p");
    status.id = "file-status";
    status.className = "help file-status";
    status.setAttribute("role", "status");
  }
  link.insertAdjacentElement("afterend", status);
  status.textContent = text.content.textContent.trim();
  link.setAttribute("aria-busy", "true");
  var started = Date.now();
  var timer = window.setInterval(function () {
    if (document.cookie.indexOf("file_ready=1") === -1 && Date.now() - started < 120000) return;
    window.clearInterval(timer);
    document.cookie = "file_ready=; Max-Age=0; path=/; SameSite=Lax";
    link.removeAttribute("aria-busy");
    status.textContent = "";
  }, 500);
});
