// The page "Préparation du fichier": asks the file's status every two seconds and shows it (the progress bar, the
// message read out by screen readers, the "Télécharger" button when the file is ready). Without script, the page
// reloads itself (a <noscript> refresh).
document.addEventListener("DOMContentLoaded", function () {
  var root = document.querySelector("[data-prepared-file]");
  if (!root) return;
  var bar = root.querySelector("progress");
  var message = root.querySelector("[data-message]");
  var download = root.querySelector("[data-download]");
  var link = root.querySelector("[data-download-link]");
  var failures = 0;

  function show(state) {
    bar.value = state.percent;
    bar.textContent = state.percent + " %";
    if (message.textContent !== state.message) message.textContent = state.message;
    if (state.download_url) {
      link.href = state.download_url;
      download.hidden = false;
    }
  }

  function poll() {
    fetch(root.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) {
        failures = 0;
        show(state);
        if (!state.finished) window.setTimeout(poll, 2000);
      })
      .catch(function () {
        failures += 1;
        if (failures < 5) window.setTimeout(poll, 4000);
      });
  }

  if (download.hidden) window.setTimeout(poll, 1000);
});
