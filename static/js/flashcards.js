// Flashcard keys: Space or Enter turns the card over, 1-4 rate it. The pages work without this.
(function () {
  "use strict";
  function enabled() {
    try { return localStorage.getItem("quizapp.shortcuts") !== "off"; } catch (e) { return true; }
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || !enabled()) return;
    var dialog = document.getElementById("shortcuts");
    if (dialog && dialog.open) return;
    var flip = document.querySelector("form.flashcard-flip button");
    if (flip && (event.key === " " || event.key === "Enter")) {
      event.preventDefault();
      flip.click();
      return;
    }
    var rate = document.querySelector('form.flashcard-rate button[data-key="' + event.key + '"]');
    if (rate) {
      event.preventDefault();
      rate.click();
    }
  });
})();
