"""What a student does in the browser, kept out of the tests so each test reads as a story."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from playwright.sync_api import Locator, Page, expect

from quizapp.builder import Question
from quizapp.extensions import db
from quizapp.models import Attempt
from tests.conftest import PASSWORD

QUESTION_URL = re.compile(r"/attempts/(\d+)/q/(\d+)$")
RADIO_KINDS = ("multiple_choice", "true_false", "evidence")
TYPED_KINDS = ("numeric", "short_answer", "cloze")
WCAG_A_AA: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    click_to_navigate(page, page.get_by_role("button", name="Sign in"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")


def nav_link(page: Page, name: str) -> Locator:
    """A link of the main navigation, unfolding the menu first where it is folded (phones)."""
    menu = page.locator(".site-menu > summary")
    if menu.is_visible() and page.locator(".site-menu[open]").count() == 0:
        menu.click()
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def focused(page: Page) -> str:
    """The focused element's opening tag, for assertion messages."""
    html: str = page.evaluate("document.activeElement.outerHTML.split('>')[0] + '>'")
    return html


def tab_to(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}; the focus is on {focused(page)}")


def press_to_navigate(page: Page, key: str = "Enter") -> None:
    """Press a key that follows a link or sends a form, and wait for the new page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def click_to_navigate(page: Page, target: Locator) -> None:
    """Click a link or button and wait until the page it leads to has loaded."""
    with page.expect_navigation():
        target.click()


def start_set_quiz(page: Page) -> None:
    """From the dashboard, start the quiz the class was set (see the `set_quiz` fixture)."""
    click_to_navigate(page, page.get_by_role("button", name="Start: Harbour strike quiz"))


def position_of(page: Page) -> tuple[int, int]:
    """(attempt id, question position) of the question page on screen."""
    match = QUESTION_URL.search(page.url)
    assert match, f"not a question page: {page.url}"
    return int(match.group(1)), int(match.group(2))


def question_on(app: Flask, page: Page) -> Question:
    """The question on screen, as frozen in its attempt (with this attempt's choice order)."""
    attempt_id, position = position_of(page)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt is not None
        return Question.from_dict(attempt.items[position - 1].question)


def answer_by_keyboard(page: Page, question: Question, *, right: bool) -> list[str]:
    """Answer the question on screen with the keyboard alone and submit it.

    Returns what the student's answer reads like when it is shown back to them.
    """
    if question.kind in RADIO_KINDS:
        return _pick_radio(page, question, right=right)
    if question.kind in TYPED_KINDS:
        return _type_answer(page, question, right=right)
    if question.kind == "matching":
        return _match_pairs(page, question, right=right)
    raise AssertionError(f"no keyboard recipe for {question.kind} questions")


def _pick_radio(page: Page, question: Question, *, right: bool) -> list[str]:
    values = [r.get_attribute("value") or "" for r in page.locator("input[name=answer]").all()]
    assert values == list(question.choices)
    index = values.index(question.answer)
    if not right:
        index = (index + 1) % len(values)
    page.keyboard.press(str(index + 1))
    chosen = page.locator(f'input[name=answer][data-key="{index + 1}"]')
    expect(chosen).to_be_checked()
    expect(chosen).to_be_focused()
    press_to_navigate(page)
    return [values[index]]


def _type_answer(page: Page, question: Question, *, right: bool) -> list[str]:
    box = page.locator("#answer")
    expect(box).to_be_focused()  # autofocus: no Tab needed
    text = question.answer if right else ("9999" if question.kind == "numeric" else "no idea")
    page.keyboard.type(text)
    press_to_navigate(page)
    return [text]


def _match_pairs(page: Page, question: Question, *, right: bool) -> list[str]:
    expect(page.locator("#pair_0")).to_be_focused()  # autofocus, as for typed answers
    shown: list[str] = []
    lefts = [left for left, _ in question.pairs]
    for i, (left, match) in enumerate(question.pairs):
        wanted = match if right else question.pairs[(i + 1) % len(lefts)][1]
        select = page.locator(f"#pair_{i}")
        tab_to(page, f"#pair_{i}")
        options = [o.get_attribute("value") or "" for o in select.locator("option").all()]
        # A closed select steps through its options with the arrow keys.
        for _ in range(options.index(wanted)):
            page.keyboard.press("ArrowDown")
        expect(select).to_have_value(wanted)
        shown.append(f"{left} → {wanted}")
    tab_to(page, "form.answer-form button[type=submit]")
    press_to_navigate(page)
    return shown


def expect_feedback(page: Page, question: Question, *, right: bool) -> None:
    """Practice mode: the verdict (focused), the answer marked, and the evidence."""
    feedback = page.locator("section.feedback")
    expect(feedback).to_be_visible()
    verdict = feedback.get_by_role("heading", level=2)
    expect(verdict).to_have_text("✓ Right" if right else "✗ Not right")
    expect(verdict).to_be_focused()  # not Next: that would scroll the verdict away
    if question.kind in RADIO_KINDS:
        expect(feedback.locator(".marked-choices li.right")).to_contain_text(question.answer)
    elif question.kind == "matching":
        expect(feedback.locator("table.pairs tbody tr")).to_have_count(len(question.pairs))
    else:
        expect(feedback.locator(".typed-answer dd").nth(1)).to_have_text(question.answer)
    if question.kind != "matching":  # matching shows each pair's own evidence
        expect(feedback.locator("mark")).to_have_text(" ".join(question.evidence.split()))


def score_percent(page: Page) -> int:
    """The percentage in the score page's heading."""
    # Its percentage is visually hidden (the figure above shows it): innerText splits it off.
    heading = page.get_by_role("heading", level=1).text_content() or ""
    match = re.search(r"Your score: .* \((\d+)%\)", heading)
    assert match, f"no percentage in {heading!r}"
    return int(match.group(1))
