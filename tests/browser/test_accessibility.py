"""WCAG 2.1 A/AA checks (axe-core) on every student page, and a visible keyboard focus."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

from .conftest import SetQuiz
from .steps import WCAG_A_AA, click_to_navigate, focused, sign_in, start_set_quiz

pytestmark = pytest.mark.browser


def violations_on(page: Page) -> list[dict[str, Any]]:
    violations: list[dict[str, Any]] = Axe().run(page, options=WCAG_A_AA).response["violations"]
    return violations


def describe(found: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for where, violations in found.items():
        for violation in violations:
            lines.append(f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}")
            for node in violation["nodes"]:
                lines.append(f"    {node['target']} {node['html'][:160]}")
                lines.append(f"      {node.get('failureSummary', '')}".replace("\n", " "))
    return "\n".join(lines)


def test_every_student_page_has_no_wcag_violations(page: Page, set_quiz: SetQuiz) -> None:
    set_quiz(["multiple_choice", "matching"])
    found: dict[str, list[dict[str, Any]]] = {}

    def check(where: str) -> None:
        expect(page.locator("main h1")).to_be_visible()
        found[where] = violations_on(page)

    page.goto("/")
    check("home (anonymous)")
    page.goto("/login")
    check("sign in")
    page.goto("/register")
    check("create account")
    page.get_by_label("Your name").fill("Bo")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    click_to_navigate(page, page.get_by_role("button", name="Create account"))
    check("create account, with errors")

    sign_in(page, "ana")
    start_set_quiz(page)
    check("question (multiple choice)")
    page.keyboard.press("?")
    expect(page.get_by_role("dialog")).to_be_visible()
    found["shortcuts overlay"] = violations_on(page)
    page.keyboard.press("Escape")
    click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
    check("answer not chosen")
    page.locator("label.choice").first.click()
    click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
    check("feedback")
    page.goto("/")
    check("dashboard, quiz unfinished")
    click_to_navigate(page, page.get_by_role("link", name="Resume Harbour strike quiz"))
    check("question (matching)")
    click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
    check("feedback (matching)")
    click_to_navigate(page, page.get_by_role("button", name="See your score"))
    check("result")
    click_to_navigate(page, page.get_by_role("button", name="Your history").first)
    expect(page.locator("svg.score-chart")).to_be_visible()
    check("history")
    page.goto("/articles/harbour-strike?p=2#p-2")
    check("article")
    page.goto("/quiz/harbour-strike")
    check("quiz options")
    page.goto("/classes/")
    check("classes")
    page.goto("/account/password")
    check("change password")
    response = page.goto("/no-such-page")
    assert response is not None
    assert response.status == 404
    check("not found (404)")

    found = {where: violations for where, violations in found.items() if violations}
    assert not found, "WCAG 2.1 A/AA violations:\n" + describe(found)


def test_keyboard_focus_is_always_visible_on_a_question(page: Page, set_quiz: SetQuiz) -> None:
    set_quiz(["multiple_choice"])
    sign_in(page, "ana")
    start_set_quiz(page)
    expect(page.locator("form.answer-form")).to_be_visible()

    seen: list[str] = []
    for _ in range(20):  # every tab stop of the page, until the focus comes back round
        page.keyboard.press("Tab")
        here = focused(page)
        # Past the last element Chromium focuses the document itself (a page taller than the
        # window) before it comes round again: the end of the cycle, not a control.
        if here in seen or here == "<body>":
            break
        seen.append(here)
        style, width = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert style != "none", f"no focus outline on {here}"
        assert width >= 2, f"a focus outline under 2px on {here}"
    else:
        raise AssertionError(f"the focus never came back round: {seen}")
    assert seen[0] == '<a class="skip-link" href="#content">', seen
    assert sum('type="radio"' in tag for tag in seen) == 1, seen  # one stop for the group
    assert '<button type="submit">' in seen, seen  # Submit answer
    assert '<button type="submit" class="secondary">' in seen, seen  # Sign out, Finish now
