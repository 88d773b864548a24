"""A whole flashcard session by keyboard (Space, 1-4); axe at a phone's and a desktop's width."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Page, ViewportSize, expect
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import ReviewLog
from tests.conftest import MINI_BANK, MakeUser

from .steps import WCAG_A_AA, sign_in

pytestmark = pytest.mark.browser

FRONT = f"/flashcards/{MINI_BANK}"


def violations(page: Page, where: str) -> list[str]:
    found: list[dict[str, Any]] = Axe().run(page, options=WCAG_A_AA).response["violations"]
    problems = [f"{where}: {v['id']} {v['help']}" for v in found]
    width: int = page.evaluate("document.documentElement.scrollWidth")
    viewport: int = page.evaluate("window.innerWidth")
    if width > viewport:
        problems.append(f"{where}: {width} px wide in a {viewport} px window")
    return problems


@pytest.mark.parametrize(
    "size",
    [ViewportSize(width=360, height=740), ViewportSize(width=1280, height=800)],
    ids=lambda size: f"{size['width']}px",
)
def test_a_flashcard_session_by_keyboard(
    page: Page, app: Flask, make_user: MakeUser, size: ViewportSize
) -> None:
    make_user("ana")
    page.set_viewport_size(size)
    sign_in(page, "ana")
    page.goto(FRONT)
    problems: list[str] = []
    for number, key in enumerate(["1", "2", "3", "4"], start=1):
        expect(page.get_by_role("button", name="Show answer")).to_be_visible()
        if number == 1:
            problems += violations(page, "front")
        with page.expect_navigation():
            page.keyboard.press(" " if number % 2 else "Enter")
        expect(page.get_by_role("heading", name="Answer:")).to_be_visible()
        expect(page.get_by_role("button", name="3 · Good ·")).to_be_focused()
        if number == 1:
            problems += violations(page, "back")
        with page.expect_navigation():
            page.keyboard.press(key)
        expect(page.get_by_text("this card comes back in")).to_be_visible()
    assert not problems, "\n".join(problems)
    with app.app_context():
        ratings = db.session.scalars(select(ReviewLog.rating).order_by(ReviewLog.id)).all()
        sources = set(db.session.scalars(select(ReviewLog.source)))
    assert ratings == [1, 2, 3, 4]
    assert sources == {"self"}
