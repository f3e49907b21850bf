// "Copy the text" beside each toolkit text (templates/portal/toolkit.html): a phone makes it
// hard to select a long text in a box. Without a clipboard (an old browser, plain http) the
// button stays hidden and the text can still be selected by hand.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        if (status) status.textContent = button.getAttribute("data-copied");
      });
    });
  });
})();
