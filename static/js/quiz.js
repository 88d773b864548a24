// Keyboard shortcuts and small comforts. Everything works without this file.
(function () {
  "use strict";
  var STORE = "quizapp.shortcuts";
  var dialog = document.getElementById("shortcuts");
  var toggle = document.getElementById("shortcuts-enabled");

  function enabled() {
    try { return localStorage.getItem(STORE) !== "off"; } catch (e) { return true; }
  }
  if (toggle) {
    toggle.checked = enabled();
    toggle.addEventListener("change", function () {
      try { localStorage.setItem(STORE, toggle.checked ? "on" : "off"); } catch (e) { /* private mode */ }
    });
  }
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "TEXTAREA" || tag === "SELECT" ||
      (tag === "INPUT" && !/^(radio|checkbox|submit|button)$/.test(target.type));
  }
  function showHelp() {
    if (!dialog) return;
    if (dialog.open) { dialog.close(); } else { dialog.showModal(); }
  }
  document.getElementById("shortcuts-close")?.addEventListener("click", function () { dialog.close(); });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    // Links styled and announced as buttons (Next question...) answer Space like buttons do.
    if (event.key === " " && event.target.matches && event.target.matches('a[role="button"]')) {
      event.preventDefault();
      event.target.click();
      return;
    }
    if (event.key === "?" && !typing(event.target)) {
      event.preventDefault();
      showHelp();
      return;
    }
    if (!enabled() || typing(event.target) || (dialog && dialog.open)) return;
    var form = document.querySelector("form.answer-form");
    if (!form) {
      // Feedback: the verdict holds the focus (so that it stays on screen); Enter moves on
      // unless the focus is on a link or button of its own.
      var next = document.querySelector("a.next");
      if (next && event.key === "Enter" && !event.target.closest("a, button, summary")) {
        event.preventDefault();
        next.click();
      }
      return;
    }
    if (/^[1-9]$/.test(event.key)) {
      var radio = form.querySelector('input[type="radio"][data-key="' + event.key + '"]');
      if (radio) { radio.checked = true; radio.focus(); event.preventDefault(); }
    } else if (event.key === "Enter" && event.target.type === "radio") {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  // A second click on Submit while the first is on its way would only be ignored by the
  // server; disabling the button says so at once.
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector('button[type="submit"], input[type="submit"]');
      if (button) { setTimeout(function () { button.disabled = true; }, 0); }
    });
  });
  // ...but a page restored by the Back button must not keep its buttons disabled.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll('[type="submit"]:disabled').forEach(function (button) {
      button.disabled = false;
    });
  });
})();
