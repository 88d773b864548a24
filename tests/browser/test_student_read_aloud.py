"""Read aloud with the browser's own speech: by keyboard, with pause and the sentence being read
highlighted; hidden where the browser has no voices, and absent from the page without JavaScript.

Chromium here has no speech voices, so a stand-in speechSynthesis records what would be said
and ends an utterance only when the test says so.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from .conftest import SetQuiz
from .steps import question_on, sign_in, start_set_quiz, tab_to

pytestmark = pytest.mark.browser

FAKE_SPEECH = """
(() => {
  const voices = %s;
  const queue = [];
  const fake = {
    speaking: false, paused: false, pending: false, spoken: [], _listeners: {},
    getVoices() { return voices; },
    speak(u) {
      queue.push(u); this.spoken.push(u.text);
      if (queue.length > 1) return;
      this.speaking = true;
      setTimeout(() => u.dispatchEvent(new Event("start")), 0);
    },
    cancel() { queue.length = 0; this.speaking = false; this.paused = false; },
    pause() { this.paused = true; },
    resume() { this.paused = false; },
    addEventListener(name, f) { (this._listeners[name] = this._listeners[name] || []).push(f); },
    removeEventListener() {},
  };
  // The test's hand: finish the sentence being read, so the next one starts.
  window.__endUtterance = () => {
    const u = queue.shift();
    if (u) u.dispatchEvent(new Event("end"));
    if (queue.length) queue[0].dispatchEvent(new Event("start"));
  };
  Object.defineProperty(window, "speechSynthesis", { value: fake, configurable: true });
})();
"""
VOICE = '[{name: "Test voice", lang: "en-GB", default: true, localService: true, voiceURI: "t"}]'

HIGHLIGHTED = (
    "() => { const h = CSS.highlights.get('read-aloud'); return h ? [...h][0].toString() : null; }"
)


def spoken(page: Page) -> list[str]:
    said: list[str] = page.evaluate("window.speechSynthesis.spoken")
    return said


def test_the_article_is_read_by_keyboard_with_pause_and_the_sentence_highlighted(
    page: Page,
) -> None:
    page.add_init_script(FAKE_SPEECH % VOICE)
    page.goto("/articles/harbour-strike")
    whole = page.locator("div.read-aloud button").first
    expect(whole).to_have_accessible_name("Read the article aloud")
    pause = page.get_by_role("button", name="Pause")
    expect(pause).to_be_hidden()

    tab_to(page, "div.read-aloud button")
    page.keyboard.press("Enter")
    expect(whole).to_have_text("Stop reading")
    expect(whole).to_have_attribute("aria-pressed", "true")
    first = page.locator("#article-body p .para-text").first.inner_text()
    first_sentence = re.split(r"(?<=[.!?])\s", first)[0]
    # One sentence at a time, without the paragraph's number.
    assert spoken(page)[0] == first_sentence
    page.wait_for_function("() => CSS.highlights.has('read-aloud')")
    assert page.evaluate(HIGHLIGHTED) == first_sentence

    page.evaluate("window.__endUtterance()")
    page.wait_for_function(f"() => ({HIGHLIGHTED})() !== {first_sentence!r}")
    second = page.evaluate(HIGHLIGHTED)
    assert second == spoken(page)[1]
    assert second != first_sentence

    expect(pause).to_be_visible()
    tab_to(page, "div.read-aloud button:nth-child(2)")
    page.keyboard.press("Enter")
    assert page.evaluate("window.speechSynthesis.paused") is True
    expect(page.get_by_role("button", name="Resume")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("window.speechSynthesis.paused") is False

    whole.click()  # stop
    expect(whole).to_have_text("Read the article aloud")
    assert page.evaluate("CSS.highlights.has('read-aloud')") is False


def test_one_paragraph_or_one_question_is_read_on_its_own(
    app: Flask, page: Page, set_quiz: SetQuiz
) -> None:
    page.add_init_script(FAKE_SPEECH % VOICE)
    page.goto("/articles/harbour-strike")
    third = page.locator("#p-3 button.para-read")
    expect(third).to_have_accessible_name("Read paragraph 3 aloud")
    third.click()
    text = page.locator("#p-3 .para-text").inner_text()
    assert spoken(page)[0] == re.split(r"(?<=[.!?])\s", text)[0]
    expect(third).to_have_accessible_name("Stop reading paragraph 3")

    set_quiz(["multiple_choice"])
    sign_in(page, "ana")
    start_set_quiz(page)
    question = question_on(app, page)
    page.get_by_role("button", name="Read the question aloud").click()
    said = " ".join(spoken(page))
    assert question.prompt.split("?")[0] in said
    assert "Submit answer" not in said
    assert "Quotes" not in said, "the topic label is not read"


def test_hidden_without_voices_and_absent_without_javascript(
    page: Page, browser: Browser, base_url: str
) -> None:
    page.add_init_script(FAKE_SPEECH % "[]")
    page.goto("/articles/harbour-strike")
    expect(page.locator("#article-body p").first).to_be_visible()
    expect(page.locator(".read-aloud, .para-read")).to_have_count(0)

    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto("/articles/harbour-strike")
        expect(plain.locator("#article-body p").first).to_be_visible()
        expect(plain.locator(".read-aloud, #article-body button")).to_have_count(0)
    finally:
        context.close()
