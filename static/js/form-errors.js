// After a failed submit the error summary takes the focus, so that a screen reader reads it and a
// phone shows it; each of its links then moves the focus to its field and scrolls the field's
// label and error into view (a plain fragment link would hide the label above the input).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var input = link && document.getElementById(link.hash.slice(1));
    if (!input) return;
    event.preventDefault();
    var details = input.closest("details");
    if (details) details.open = true;
    var top = (input.closest(".field") || input).getBoundingClientRect().top;
    window.scrollTo(0, window.scrollY + top - 16);  // the label and error, with some air above
    input.focus({ preventScroll: true });
  });
})();
