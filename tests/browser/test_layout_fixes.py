"""Fixes from the QA walk, measured in the browser at a phone's (360x740) and a desktop's
(1280x800) size: nothing wider than the window, next steps by the score, legible chart labels,
number badges only where there are keys (tests/views/test_page_layout_fixes.py: the markup)."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from quizapp.catalogue import catalogue

from .conftest import MakeClass, QuestionIds, SetQuiz
from .screens import PHONE, SIZES, in_viewport
from .steps import answer_by_keyboard, click_to_navigate, question_on, sign_in, start_set_quiz

pytestmark = pytest.mark.browser

# How far the page, or an element, reaches past the window's right edge (px; 0 if not at all).
PAST_THE_EDGE = """selector => Math.max(0,
  document.documentElement.scrollWidth - innerWidth,
  ...[...document.querySelectorAll(selector)].map(
    e => e.getBoundingClientRect().right - innerWidth))"""

# Each table's content wider than its box (its scrolling box if it has one), in px.
CLIPPED = """selector => [...document.querySelectorAll(selector)].map(table => {
  const box = table.closest('.overflow-auto') || table.parentElement;
  return Math.max(table.scrollWidth - box.clientWidth, table.getBoundingClientRect().right
    - box.getBoundingClientRect().right, box.scrollWidth - box.clientWidth);
})"""

# The on-screen size of the history chart's labels: their font size in the SVG's units
# times the scale the SVG is drawn at.
LABEL_PX = """() => {
  const svg = document.querySelector('svg.history-chart');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text.axis')].map(
    text => parseFloat(getComputedStyle(text).fontSize) * scale);
}"""


def past_the_edge(page: Page, selector: str = "body") -> float:
    found: float = page.evaluate(PAST_THE_EDGE, selector)
    return found


def finish_with_mistakes(app: Flask, page: Page, set_quiz: SetQuiz, size: str) -> None:
    """At this size, ana takes a set quiz (choice, matching) from the dashboard, both wrong."""
    page.set_viewport_size(SIZES[size])
    set_quiz(["multiple_choice", "matching"])
    sign_in(page, "ana")
    start_set_quiz(page)
    for _ in range(2):
        answer_by_keyboard(page, question_on(app, page), right=False)
        click_to_navigate(page, page.locator("a.next"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your score:")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_results_next_steps_open_with_the_score(
    app: Flask, page: Page, set_quiz: SetQuiz, size: str
) -> None:
    finish_with_mistakes(app, page, set_quiz, size)

    top = page.get_by_role("navigation", name="Next steps", exact=True)
    for name in ("Take another quiz", "Review this quiz’s mistakes", "Your history"):
        link = top.get_by_role("button", name=name)  # links drawn as buttons
        assert in_viewport(page, link), f"{name} is not on screen with the score at {size}"
    jump = top.get_by_role("button", name="Jump to your wrong answers")
    assert in_viewport(page, jump)
    jump.click()
    expect(page.locator("ol.answers > li.wrong").first).to_be_in_viewport()
    assert past_the_edge(page, ".actions, table.pairs") <= 0.5


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_matching_feedback_fits_the_card(
    app: Flask, page: Page, set_quiz: SetQuiz, size: str
) -> None:
    page.set_viewport_size(SIZES[size])
    set_quiz(["matching", "multiple_choice"])
    sign_in(page, "ana")
    start_set_quiz(page)
    answer_by_keyboard(page, question_on(app, page), right=False)
    table = page.locator("section.feedback table.pairs")
    expect(table).to_be_visible()
    card, box = page.locator("article.question").bounding_box(), table.bounding_box()
    assert card is not None
    assert box is not None
    assert box["x"] + box["width"] <= card["x"] + card["width"] + 0.5, (box, card)
    assert past_the_edge(page, "table.pairs") <= 0.5
    # On a phone each pair is a card whose cells say which column they are; a table on a desktop.
    display = "block" if size == "phone" else "table-row"
    expect(table.locator("tbody tr").first).to_have_css("display", display)
    if size == "phone":
        cell = table.locator("td[data-label]").first
        assert "Your match" in cell.evaluate("td => getComputedStyle(td, '::before').content")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_bank_list_and_a_class_s_quizzes_show_every_column(
    app: Flask, page: Page, make_class: MakeClass, question_ids: QuestionIds, size: str
) -> None:
    with app.app_context():
        catalogue().refresh()
    make_class(students=["ana"], question_ids=question_ids("multiple_choice")[:2])
    page.set_viewport_size(SIZES[size])
    sign_in(page, "mr-t")

    page.goto("/banks")
    assert max(page.evaluate(CLIPPED, "table.bank-table")) <= 1
    assert past_the_edge(page, "table.bank-table") <= 0.5
    assert in_viewport(page, page.get_by_role("link", name="Raw YAML").first)

    page.goto("/classes/")
    click_to_navigate(page, page.get_by_role("link", name="Year 9 English"))
    assert max(page.evaluate(CLIPPED, "table.assigned-quizzes")) <= 1
    # On a phone each quiz is a card of its own (its rows would fit here, titles being short).
    row = page.locator("table.assigned-quizzes tbody tr").first
    expect(row).to_have_css("display", "block" if size == "phone" else "table-row")
    assert past_the_edge(page, "table.assigned-quizzes") <= 0.5
    delete = page.get_by_role("link", name="Delete Harbour strike quiz")
    delete.scroll_into_view_if_needed()
    assert in_viewport(page, delete), "the Actions column is cut off"
    # The rare, disruptive new join code: an outlined button, not a full-width filled one.
    new_code = page.get_by_role("button", name="Make a new join code")
    section = page.locator("section.join-box").bounding_box()
    button = new_code.bounding_box()
    assert section is not None
    assert button is not None
    assert button["width"] < section["width"] * 0.8, "the new-code button fills the width"
    background = new_code.evaluate("b => getComputedStyle(b).backgroundColor")
    assert background in ("transparent", "rgba(0, 0, 0, 0)"), background


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_history_charts_labels_are_legible(
    app: Flask, page: Page, set_quiz: SetQuiz, size: str
) -> None:
    finish_with_mistakes(app, page, set_quiz, size)
    page.goto("/history")
    sizes: list[float] = page.evaluate(LABEL_PX)
    assert len(sizes) == 4, "0%, 50%, 100% and the quiz's number"
    assert min(sizes) >= 12, f"chart labels {sizes} px on screen at {size}"
    expect(page.locator("svg.history-chart text.quiz-number")).to_have_text(["#1"])
    assert past_the_edge(page, "svg.history-chart") <= 0.5


def test_choice_feedback_keeps_the_question_order_and_badges_go_on_touch_screens(
    app: Flask, browser: Browser, base_url: str, page: Page, set_quiz: SetQuiz
) -> None:
    set_quiz(["multiple_choice", "multiple_choice"])
    sign_in(page, "ana")
    start_set_quiz(page)
    question = question_on(app, page)
    answer_by_keyboard(page, question, right=False)
    marked = page.locator(".marked-choices li")
    expect(marked).to_have_count(len(question.choices))
    badges = page.locator(".marked-choices kbd.choice-number")
    expect(badges).to_have_text([str(n) for n in range(1, len(question.choices) + 1)])
    for li, choice in zip(marked.all(), question.choices, strict=True):
        expect(li).to_contain_text(choice)
    expect(badges.first).to_be_visible()

    touch = browser.new_context(base_url=base_url, viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        phone = touch.new_page()
        sign_in(phone, "ana")
        phone.goto(page.url)  # the same feedback, on a touch phone
        expect(phone.locator(".marked-choices li").first).to_be_visible()
        expect(phone.locator(".marked-choices kbd.choice-number").first).to_be_hidden()
        expect(phone.locator(".shortcut-hint")).to_be_hidden()
        assert past_the_edge(phone) <= 0.5
    finally:
        touch.close()


def test_a_student_in_a_class_is_not_sent_to_the_code_field(page: Page, set_quiz: SetQuiz) -> None:
    page.set_viewport_size(PHONE)
    set_quiz(["multiple_choice"])
    sign_in(page, "ana")
    page.goto("/classes/")
    expect(page.get_by_role("button", name="Start: Harbour strike quiz")).to_be_visible()
    assert not page.evaluate("document.activeElement.matches('input')"), "a field took the focus"
    assert past_the_edge(page) <= 0.5
