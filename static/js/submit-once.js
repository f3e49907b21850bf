// A guarded form (templates/includes/submission.html) is sent once: after the first submit its
// buttons are disabled, so that a double tap sends one request. The server accepts a submission
// once anyway (solidarity/common/idempotency.py); this only spares the second request. Going
// back to the page (the browser's back-forward cache) gives the buttons back.
(function () {
  "use strict";
  var BUTTONS = "button:not([type]), button[type='submit'], input[type='submit']";
  document.querySelectorAll("input[name='submission']").forEach(function (token) {
    var form = token.form;
    if (!form || form.hasAttribute("data-submit-once")) return;
    form.setAttribute("data-submit-once", "");
    form.addEventListener("submit", function () {
      // After this event: the browser has already taken the clicked button's name and value.
      window.setTimeout(function () {
        form.querySelectorAll(BUTTONS).forEach(function (button) {
          if (button.disabled) return;
          button.disabled = true;
          button.setAttribute("data-disabled-once", "");
        });
      }, 0);
    });
  });
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("[data-disabled-once]").forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("data-disabled-once");
    });
  });
})();
