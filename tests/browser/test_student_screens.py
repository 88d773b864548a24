"""The student's main pages at a phone's and a desktop's size: axe clean, no sideways scroll,
and a screenshot of each kept for a reviewer (tests/browser/artifacts/ or $QUIZAPP_SCREENSHOTS)."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .conftest import SetQuiz
from .screens import SIZES, save_screenshot, screenshot_dir
from .steps import WCAG_A_AA, click_to_navigate, sign_in, start_set_quiz

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_main_pages_are_clean_and_photographed(
    page: Page, set_quiz: SetQuiz, size: str, scheme: str
) -> None:
    viewport = SIZES[size]
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    set_quiz(["multiple_choice", "matching", "numeric"])
    problems: dict[str, Any] = {}

    def visit(name: str) -> None:
        expect(page.locator("main h1")).to_be_visible()
        width: int = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            problems[f"{name}: scrollWidth"] = width
        found = Axe().run(page, options=WCAG_A_AA).response["violations"]
        if found:
            problems[f"{name}: axe"] = [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]
        save_screenshot(page, f"{size}-{scheme}-{name}")

    page.goto("/")
    visit("home")
    page.goto("/login")
    visit("sign-in")
    sign_in(page, "ana")
    visit("dashboard")
    page.goto("/quiz/harbour-strike")
    visit("quiz-options")
    page.goto("/")
    start_set_quiz(page)
    visit("question-choice")
    page.locator("label.choice").nth(1).click()
    click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
    visit("feedback-choice")
    click_to_navigate(page, page.locator("a.next"))
    visit("question-matching")
    click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
    visit("feedback-matching")
    click_to_navigate(page, page.locator("a.next"))
    visit("question-numeric")
    click_to_navigate(page, page.get_by_role("button", name="Finish now"))
    visit("finish-confirmation")
    page.goto("/")
    click_to_navigate(page, page.get_by_role("link", name="Resume Harbour strike quiz"))
    page.get_by_label("Your answer").fill("200")
    click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
    visit("feedback-numeric")
    click_to_navigate(page, page.locator("a.next"))
    visit("result")
    page.goto("/history")
    visit("history")
    # A quiz of one's own can be discarded (a set quiz cannot): start one, then discard it.
    page.goto("/quiz/harbour-strike")
    click_to_navigate(page, page.get_by_role("button", name="Start quiz"))
    page.goto("/")
    click_to_navigate(page, page.get_by_role("link", name="Discard").first)
    visit("discard-confirmation")
    page.goto("/articles/harbour-strike?p=3#p-3")
    visit("article")

    assert not problems, problems
    assert len(list(screenshot_dir().glob(f"{size}-{scheme}-*.png"))) >= 14
