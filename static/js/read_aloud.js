// Read aloud with the browser's own speech (Web Speech API: no server, no network, no key).
// Every element marked data-read-aloud="Label" gets a "Label" button and a Pause button; an
// element marked data-read-aloud-each="p" also gets a small button on each such child. The
// sentence being read is highlighted with the CSS Custom Highlight API. Without speech voices
// (or without this file) the page stays exactly as the server sent it.
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  if (!synth || !window.SpeechSynthesisUtterance) return;
  var SKIP = "button, kbd, select, script, .visually-hidden, .para-number, .topic, .read-aloud, a[role=button]";
  var HIGHLIGHT = "read-aloud";
  var current = null; // {sentences, index, controls}
  var installed = false;

  function textRanges(root) {
    // The readable text of `root` as one string, and a way back from offsets to DOM ranges.
    var nodes = [], text = "";
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        return parent && parent.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node: node, start: text.length });
      text += node.data;
    }
    function at(offset) {
      for (var i = nodes.length - 1; i >= 0; i--) {
        if (nodes[i].start <= offset) return { node: nodes[i].node, offset: Math.min(offset - nodes[i].start, nodes[i].node.data.length) };
      }
      return null;
    }
    return { text: text, range: function (start, end) {
      var from = at(start), to = at(end);
      if (!from || !to) return null;
      var range = document.createRange();
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      return range;
    } };
  }

  function sentencesOf(root) {
    var found = textRanges(root), sentences = [];
    var lang = document.documentElement.lang || "en";
    var pieces = window.Intl && Intl.Segmenter
      ? Array.from(new Intl.Segmenter(lang, { granularity: "sentence" }).segment(found.text))
      : [{ segment: found.text, index: 0 }];
    pieces.forEach(function (piece) {
      var lead = piece.segment.length - piece.segment.replace(/^\s+/, "").length;
      var spoken = piece.segment.trim().replace(/\s+/g, " ");
      if (!spoken) return;
      var start = piece.index + lead;
      sentences.push({ text: spoken, range: found.range(start, start + piece.segment.trim().length) });
    });
    return sentences;
  }

  function highlight(range) {
    if (!window.CSS || !CSS.highlights || !window.Highlight) return;
    if (range) { CSS.highlights.set(HIGHLIGHT, new Highlight(range)); } else { CSS.highlights.delete(HIGHLIGHT); }
  }

  function setState(controls, reading, paused) {
    if (controls.word) {
      controls.word.data = reading ? "Stop" : "Read";
      controls.hidden.textContent = (reading ? " reading paragraph " : " paragraph ") + controls.name + (reading ? "" : " aloud");
    } else {
      controls.play.textContent = reading ? "Stop reading" : controls.label;
    }
    controls.play.setAttribute("aria-pressed", reading ? "true" : "false");
    if (controls.pause) {
      controls.pause.hidden = !reading;
      controls.pause.textContent = paused ? "Resume" : "Pause";
    }
  }

  function stop() {
    if (!current) return;
    var was = current;
    current = null;
    synth.cancel();
    highlight(null);
    setState(was.controls, false, false);
  }

  function speakNext() {
    if (!current) return;
    var sentence = current.sentences[current.index];
    if (!sentence) { stop(); return; }
    var reading = current;
    var utterance = new SpeechSynthesisUtterance(sentence.text);
    utterance.lang = document.documentElement.lang || "en";
    utterance.addEventListener("start", function () { if (current === reading) highlight(sentence.range); });
    utterance.addEventListener("end", function () {
      if (current !== reading) return;
      reading.index += 1;
      speakNext();
    });
    utterance.addEventListener("error", function () { if (current === reading) stop(); });
    synth.speak(utterance);
  }

  function read(root, controls) {
    var again = current && current.controls === controls;
    stop();
    if (again) return; // the same button again: stop
    synth.cancel();
    current = { sentences: sentencesOf(root), index: 0, controls: controls };
    setState(controls, true, false);
    speakNext();
  }

  function togglePause(controls) {
    if (!current || current.controls !== controls) return;
    if (synth.paused) { synth.resume(); setState(controls, true, false); } else { synth.pause(); setState(controls, true, true); }
  }

  function button(text, className) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = text;
    return element;
  }

  function addControls(root) {
    var label = root.getAttribute("data-read-aloud") || "Read aloud";
    var group = document.createElement("div");
    group.className = "read-aloud";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Read aloud");
    var controls = { label: label, play: button(label, "secondary outline"), pause: button("Pause", "secondary outline") };
    controls.pause.hidden = true;
    group.append(controls.play, controls.pause);
    controls.play.addEventListener("click", function () { read(root, controls); });
    controls.pause.addEventListener("click", function () { togglePause(controls); });
    root.parentNode.insertBefore(group, root);
    var each = root.getAttribute("data-read-aloud-each");
    if (!each) return;
    root.querySelectorAll(each).forEach(function (part, index) {
      var number = part.querySelector(".para-number");
      var name = number ? number.textContent.trim() : String(index + 1);
      var small = button("", "secondary outline para-read");
      var word = document.createTextNode("Read");
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " paragraph " + name + " aloud";
      small.append(word, hidden);
      var partControls = { play: small, pause: null, word: word, hidden: hidden, name: name };
      small.addEventListener("click", function () { read(part, partControls); });
      part.insertBefore(small, number ? number.nextSibling : part.firstChild);
    });
  }

  function install() {
    if (installed || synth.getVoices().length === 0) return;
    installed = true;
    document.querySelectorAll("[data-read-aloud]").forEach(addControls);
  }

  install();
  // Chromium lists its voices a moment after the page loads.
  if (synth.addEventListener) synth.addEventListener("voiceschanged", install);
  window.addEventListener("pagehide", stop);
})();
