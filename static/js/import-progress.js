// Follows a background import: updates the progress bar, reloads the page when it is done.
// The page works without it (a "Refresh" link); no framework needed for a dozen lines.
(function () {
  "use strict";
  var section = document.querySelector("[data-import-progress]");
  if (!section) return;
  var bar = section.querySelector("progress");
  var phase = section.querySelector("[data-import-phase]");
  var count = section.querySelector("[data-import-count]");
  var template = count.textContent.replace(/\d[\d\s,.]*/g, "#").trim();

  function poll() {
    fetch(section.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        if (!data.running) {
          window.location.assign(section.dataset.detailUrl);
          return;
        }
        bar.value = data.percent;
        bar.textContent = data.percent + " %";
        phase.textContent = data.phase_label;
        var numbers = [data.done, data.total];
        count.textContent = template.replace(/#/g, function () { return numbers.shift(); });
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
