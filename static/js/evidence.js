// Evidence questions: clicking a sentence in the passage picks its radio button below.
// Progressive enhancement: without this file the radio list does everything, and the radio
// list stays the way in for keyboards and screen readers (the sentences are not focusable).
(function () {
  "use strict";
  document.querySelectorAll("figure.evidence-passage[data-passage-for]").forEach(function (passage) {
    var name = passage.getAttribute("data-passage-for");
    var form = passage.closest("form");
    if (!form) return;
    var radios = form.querySelectorAll('fieldset[data-passage-field="' + name + '"] input[type="radio"]');
    var sentences = passage.querySelectorAll(".sentence[data-choice]");
    if (!radios.length || !sentences.length) return;
    passage.classList.add("clickable");

    function show() {
      sentences.forEach(function (sentence) {
        var radio = radios[Number(sentence.getAttribute("data-choice"))];
        sentence.classList.toggle("picked", Boolean(radio && radio.checked));
      });
    }
    sentences.forEach(function (sentence) {
      sentence.addEventListener("click", function () {
        var radio = radios[Number(sentence.getAttribute("data-choice"))];
        if (!radio) return;
        radio.checked = true;
        radio.focus();
        show();
      });
    });
    radios.forEach(function (radio) { radio.addEventListener("change", show); });
    show();
  });
})();
