"""The keyboard shortcuts overlay, and turning the shortcuts off for good."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import SetQuiz
from .steps import sign_in, start_set_quiz

pytestmark = pytest.mark.browser


def test_overlay_lists_shortcuts_and_turning_them_off_persists(
    page: Page, set_quiz: SetQuiz
) -> None:
    set_quiz(["multiple_choice", "multiple_choice"])
    sign_in(page, "ana")
    start_set_quiz(page)
    first_choice = page.locator('input[name=answer][data-key="1"]')
    overlay = page.get_by_role("dialog", name="Keyboard shortcuts")
    switch = page.get_by_role("switch", name="Use keyboard shortcuts")

    page.keyboard.press("?")
    expect(overlay).to_be_visible()
    expect(overlay.get_by_role("rowheader")).to_have_text(["1–9", "Enter", "?", "Esc"])
    expect(overlay.get_by_role("cell")).to_have_text(
        [
            "Pick that answer",
            "Submit the answer, or go to the next question",
            "Show or hide this list",
            "Close this list",
        ]
    )
    expect(switch).to_be_focused()  # the modal takes the focus
    page.keyboard.press("Space")
    expect(switch).not_to_be_checked()
    page.keyboard.press("Escape")
    expect(overlay).to_be_hidden()

    page.keyboard.press("1")
    expect(first_choice).not_to_be_checked()

    page.reload()
    page.keyboard.press("1")
    expect(first_choice).not_to_be_checked()
    page.keyboard.press("?")
    expect(switch).not_to_be_checked()
    assert page.evaluate("localStorage.getItem('quizapp.shortcuts')") == "off"

    page.keyboard.press("Space")  # and back on
    page.keyboard.press("Escape")
    page.keyboard.press("1")
    expect(first_choice).to_be_checked()
