"""At a phone's width (360 px) no page needs sideways scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from .conftest import SetQuiz
from .steps import click_to_navigate, sign_in, start_set_quiz

pytestmark = pytest.mark.browser

PHONE = ViewportSize(width=360, height=740)
KINDS = ("multiple_choice", "matching", "numeric")


# The words of these elements that the browser laid out over more than one line.
_SPLIT_WORDS = """selector => [...document.querySelectorAll(selector)].flatMap(element => {
  const text = element.firstChild;
  if (!text || text.nodeType !== Node.TEXT_NODE) return [];
  return [...text.data.matchAll(/\\S+/g)].filter(word => {
    const range = document.createRange();
    range.setStart(text, word.index);
    range.setEnd(text, word.index + word[0].length);
    return range.getClientRects().length > 1;
  }).map(word => word[0]);
})"""

# What a sighted reader sees of an element: its text without the parts for screen readers.
_SEEN_TEXT = """selector => {
  const copy = document.querySelector(selector).cloneNode(true);
  copy.querySelectorAll(".visually-hidden").forEach(hidden => hidden.remove());
  return copy.textContent;
}"""


def split_words(page: Page, selector: str) -> list[str]:
    found: list[str] = page.evaluate(_SPLIT_WORDS, selector)
    return found


def test_no_horizontal_scroll_at_360px(page: Page, set_quiz: SetQuiz) -> None:
    set_quiz(KINDS)
    page.set_viewport_size(PHONE)
    too_wide: dict[str, int] = {}

    def measure(where: str) -> None:
        width: int = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[where] = width

    sign_in(page, "ana")
    measure("dashboard")
    start_set_quiz(page)
    for kind in KINDS:
        expect(page.locator("article.question")).to_have_attribute("data-kind", kind)
        measure(f"question ({kind})")
        if kind == "multiple_choice":
            page.locator("label.choice").first.click()
        elif kind == "numeric":
            page.get_by_label("Your answer").fill("200")
        click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
        measure(f"feedback ({kind})")
        click_to_navigate(page, page.locator("a.next"))
    measure("result")
    assert not split_words(page, ".score-bars li > :first-child"), "a score label splits a word"
    seen = page.evaluate(_SEEN_TEXT, ".score-card")
    assert seen.count("%") == 1, f"the score's percentage is shown more than once: {seen!r}"
    page.goto("/history")
    measure("history")
    page.goto("/articles/harbour-strike?p=3#p-3")
    measure("article")
    page.goto("/quiz/harbour-strike")
    measure("quiz options")

    assert not too_wide, f"wider than {PHONE['width']} px (scrollWidth): {too_wide}"


def test_buttons_that_wrap_on_a_phone_keep_apart(page: Page) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    first = page.get_by_role("button", name="Create a student account").bounding_box()
    second = page.get_by_role("button", name="Sign in").bounding_box()
    assert first is not None
    assert second is not None
    gap = max(
        second["y"] - (first["y"] + first["height"]), second["x"] - (first["x"] + first["width"])
    )
    assert gap >= 6, f"the buttons are {gap:.0f} px apart"
