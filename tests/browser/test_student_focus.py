"""What matters is on screen: the verdict after an answer and the score of a finished quiz open
inside the window, on a phone and on a desktop, and they hold the focus."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import SetQuiz
from .screens import SIZES, in_viewport
from .steps import click_to_navigate, press_to_navigate, sign_in, start_set_quiz

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_verdict_and_the_score_open_on_screen(page: Page, set_quiz: SetQuiz, size: str) -> None:
    page.set_viewport_size(SIZES[size])
    set_quiz(["multiple_choice", "matching"])
    sign_in(page, "ana")
    start_set_quiz(page)

    prompt = page.locator("h1.prompt")
    page.locator("label.choice").nth(1).click()
    click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
    verdict = page.locator("#verdict")
    expect(verdict).to_be_focused()
    assert in_viewport(page, verdict), f"the verdict is off screen: {verdict.bounding_box()}"
    assert in_viewport(page, prompt), "the question is scrolled away"
    # The first choice is on screen too: the choices stay, marked.
    assert in_viewport(page, page.locator(".marked-choices li").first)

    press_to_navigate(page)  # Enter from the verdict goes on
    click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
    expect(page.locator("#verdict")).to_be_focused()
    assert in_viewport(page, page.locator("#verdict"))
    assert in_viewport(page, page.locator("h1.prompt"))

    press_to_navigate(page)  # the last question's Enter: See your score
    score = page.get_by_role("heading", level=1)
    expect(score).to_contain_text("Your score:")
    expect(score).to_be_focused()
    assert page.evaluate("window.scrollY") == 0
    assert in_viewport(page, score), f"the score is off screen: {score.bounding_box()}"
    assert in_viewport(page, page.locator(".score-figure"))
    assert in_viewport(page, page.locator(".encouragement"))


def test_finish_now_asks_first_without_javascript(
    browser: Browser, base_url: str, set_quiz: SetQuiz
) -> None:
    set_quiz(["multiple_choice", "numeric", "short_answer"])
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, "ana")
        start_set_quiz(page)
        page.locator("label.choice").first.click()
        click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
        click_to_navigate(page, page.get_by_role("button", name="Next question"))
        click_to_navigate(page, page.get_by_role("button", name="Finish now"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Finish the quiz now?")
        expect(page.locator("main")).to_contain_text(
            "2 questions are unanswered; they will count as wrong."
        )
        click_to_navigate(page, page.get_by_role("button", name="Keep answering"))
        expect(page.locator("#progress-label")).to_have_text("Question 2 of 3")

        click_to_navigate(page, page.get_by_role("button", name="Finish now"))
        click_to_navigate(page, page.get_by_role("button", name="Finish and see my score"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Your score:")
        expect(page.locator(".score-meta")).to_contain_text("2 left unanswered")
        expect(page.locator(".verdict-word", has_text="✗ not answered")).to_have_count(2)
    finally:
        context.close()
