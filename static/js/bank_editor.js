// The bank editor's comforts: highlight a fact's evidence, pick evidence in the article,
// refresh the preview while typing, propose a bank's address. Every page works without it.
(function () {
  "use strict";
  var article = document.querySelector("[data-article]");

  function clearMarks() {
    article.querySelectorAll("mark.evidence-mark").forEach(function (mark) {
      mark.replaceWith(document.createTextNode(mark.textContent));
    });
    article.querySelectorAll(".evidence-paragraph").forEach(function (p) {
      p.classList.remove("evidence-paragraph");
      p.normalize();
    });
  }

  function highlight(number, passage) {
    var paragraph = document.getElementById("p-" + number);
    var span = paragraph && paragraph.querySelector(".paragraph-text");
    if (!span) return;
    clearMarks();
    var text = span.textContent;
    var at = passage ? text.indexOf(passage) : -1;
    if (at >= 0) {
      var mark = document.createElement("mark");
      mark.className = "evidence-mark";
      mark.textContent = passage;
      span.textContent = "";
      span.append(text.slice(0, at), mark, text.slice(at + passage.length));
    }
    paragraph.classList.add("evidence-paragraph");
    paragraph.scrollIntoView({ block: "center" });
  }

  // The bank page: selecting a fact highlights its evidence in the article.
  if (article && document.querySelector("[data-bank-browser]")) {
    document.querySelectorAll(".fact[data-paragraph]").forEach(function (fact) {
      fact.addEventListener("click", function (event) {
        if (event.target.closest(".fact-edit")) return;
        if (event.target.closest(".fact-evidence")) event.preventDefault();
        document.querySelectorAll(".fact.selected").forEach(function (other) {
          other.classList.remove("selected");
        });
        fact.classList.add("selected");
        highlight(fact.dataset.paragraph, fact.dataset.passage);
        history.replaceState(null, "", "#p-" + fact.dataset.paragraph);
      });
    });
  }

  // The fact form: a click on a sentence of the article, or selected text, becomes evidence.
  var evidence = document.querySelector("[data-evidence-field]");
  if (article && evidence) {
    var SENTENCE = /[^.!?]+(?:[.!?]+["”’')\]]*|$)\s*/g;
    article.querySelectorAll(".paragraph-text").forEach(function (span) {
      var text = span.textContent;
      span.textContent = "";
      (text.match(SENTENCE) || [text]).forEach(function (sentence) {
        var part = document.createElement("span");
        part.className = "sentence";
        part.textContent = sentence;
        span.append(part);
      });
    });
    var chosen = "";
    document.addEventListener("selectionchange", function () {
      var selection = document.getSelection();
      if (selection && !selection.isCollapsed && article.contains(selection.anchorNode)) {
        chosen = selection.toString().replace(/\s+/g, " ").trim();
      }
    });
    var use = function (text) {
      if (!text) return;
      evidence.value = text;
      evidence.classList.add("picked");
      evidence.dispatchEvent(new Event("input", { bubbles: true }));
      setTimeout(function () { evidence.classList.remove("picked"); }, 1200);
    };
    article.addEventListener("click", function (event) {
      var sentence = event.target.closest(".sentence");
      var selection = document.getSelection();
      if (sentence && (!selection || selection.isCollapsed)) use(sentence.textContent.trim());
    });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary pick-evidence";
    button.textContent = "Use selected text as evidence";
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () { use(chosen); });
    var help = document.getElementById(evidence.id + "-help");
    (help || evidence).after(button);
  }

  // The fact form: the preview follows the form as the teacher types (the same route as the
  // Preview button, asked for the preview alone).
  var form = document.querySelector("[data-fact-form]");
  var preview = document.querySelector("[data-preview]");
  if (form && preview && window.fetch) {
    var timer = null;
    var pending = null;
    var refresh = function () {
      var data = new FormData(form);
      data.set("preview", "Preview");
      data.delete("submit");
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(form.action, {
        method: "POST", body: data, headers: { "X-Preview": "1" },
        credentials: "same-origin", signal: pending.signal,
      }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (html) {
        if (html === null) return;
        preview.innerHTML = html;
        var status = document.querySelector("[data-preview-status]");
        var count = preview.querySelectorAll("[data-question]").length;
        if (status) status.textContent = "Preview updated: " + count + (count === 1 ? " question." : " questions.");
      }).catch(function () { /* a newer refresh replaced it, or the network dropped */ });
    };
    var later = function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 700);
    };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
  }

  // A new bank: the address proposed from the title, shown until one is typed.
  var title = document.querySelector("[data-new-bank] #title");
  var slug = document.querySelector("[data-new-bank] #slug");
  if (title && slug) {
    title.addEventListener("input", function () {
      slug.placeholder = title.value.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
        .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
    });
  }
})();
