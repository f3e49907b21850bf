// Filters the long list of parliaments as one types; without JavaScript the select still works
// (with the browser's own type-ahead). Options stay in the DOM so the form posts the same value.
(function () {
  "use strict";
  document.querySelectorAll("[data-parliament-picker]").forEach(function (picker) {
    var filter = picker.querySelector("[data-filter]");
    var select = picker.querySelector("select");
    if (!filter || !select) return;
    filter.hidden = false;
    var normalise = function (text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    };
    filter.addEventListener("input", function () {
      var query = normalise(filter.value.trim());
      var firstMatch = null;
      select.querySelectorAll("optgroup").forEach(function (group) {
        var groupMatches = query && normalise(group.label).indexOf(query) !== -1;
        var visible = 0;
        group.querySelectorAll("option").forEach(function (option) {
          var show = !query || groupMatches || normalise(option.text).indexOf(query) !== -1;
          option.hidden = !show;
          option.disabled = !show && !option.selected;
          if (show) { visible += 1; if (!firstMatch) firstMatch = option; }
        });
        group.hidden = visible === 0;
      });
      if (query && firstMatch && select.selectedOptions[0] && select.selectedOptions[0].hidden) {
        select.value = firstMatch.value;
      }
      if (query && firstMatch && !select.value) select.value = firstMatch.value;
    });
  });
})();
