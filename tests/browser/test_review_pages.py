"""Review pages in the browser: axe at a phone's and a desktop's width, a session by keyboard."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Page, ViewportSize, expect

from quizapp.bank import TOPICS
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import utcnow
from quizapp.scheduling import Rating
from quizapp.services.accounts import create_user
from quizapp.services.memory import record_self_rating
from quizapp.services.quiz import record_response, start_attempt
from tests.conftest import MINI_BANK, PASSWORD

from .steps import WCAG_A_AA, click_to_navigate, nav_link, sign_in

pytestmark = pytest.mark.browser

MISSED = ("vell-disaster:who-said", "queue-length:numeric")  # facts other than the due ones
WIDTHS = (ViewportSize(width=360, height=740), ViewportSize(width=1280, height=800))


@pytest.fixture
def ana_remembers(app: Flask) -> None:
    """Ana, with two facts due and one that is not, and two questions missed."""
    with app.app_context():
        ana = create_user("ana", PASSWORD, display_name="Ana")
        now = utcnow()
        record_self_rating(ana, MINI_BANK, "quist-crate", Rating.Again, now - timedelta(days=4))
        record_self_rating(ana, MINI_BANK, "ships-waiting", Rating.Again, now - timedelta(days=3))
        record_self_rating(ana, MINI_BANK, "bellport", Rating.Easy, now)
        loaded = catalogue().bank(MINI_BANK)
        assert loaded is not None
        wanted = [q for q in catalogue().questions(MINI_BANK) if q.id in MISSED]
        attempt = start_attempt(ana, loaded, wanted, mode="practice", topics=TOPICS, length=None)
        for item in attempt.items:
            record_response(item, "Mara Quist" if item.fact_id == "vell-disaster" else "120")
        db.session.commit()


def problems(page: Page, where: str) -> list[str]:
    """axe's WCAG A/AA violations, and any sideways scrolling at this width."""
    expect(page.locator("main h1")).to_be_visible()
    found = [f"{where}: {v['id']} {v['help']}" for v in _violations(page)]
    width: int = page.evaluate("document.documentElement.scrollWidth")
    viewport: int = page.evaluate("window.innerWidth")
    if width > viewport:
        found.append(f"{where}: {width} px wide in a {viewport} px window")
    return found


def _violations(page: Page) -> list[dict[str, Any]]:
    violations: list[dict[str, Any]] = Axe().run(page, options=WCAG_A_AA).response["violations"]
    return violations


@pytest.mark.usefixtures("ana_remembers")
@pytest.mark.parametrize("size", WIDTHS, ids=lambda size: f"{size['width']}px")
def test_review_pages_are_accessible(page: Page, size: ViewportSize) -> None:
    page.set_viewport_size(size)
    sign_in(page, "ana")
    found = problems(page, "dashboard with due facts")
    click_to_navigate(page, nav_link(page, "Review"))
    found += problems(page, "review overview")
    click_to_navigate(page, page.get_by_role("link", name="Your progress"))
    expect(page.locator("svg rect")).to_have_count(30)
    found += problems(page, "progress")
    page.goto(f"/review/{MINI_BANK}")
    found += problems(page, "review of one article")
    page.get_by_role("textbox", name="Exam date").fill("2020-01-01")
    click_to_navigate(page, page.get_by_role("button", name="Save exam date"))
    expect(page.locator(".field-error")).to_contain_text("in the past")
    found += problems(page, "exam date refused")
    click_to_navigate(page, page.get_by_role("button", name="Review 2 facts"))
    found += problems(page, "review question")
    page.goto(f"/flashcards/{MINI_BANK}")
    found += problems(page, "flashcard")
    page.goto("/mistakes")
    expect(page.get_by_text("You gave Tomas Vell’s words to Mara Quist.")).to_be_visible()
    page.get_by_text("Why, and where the article says so").first.click()
    found += problems(page, "mistakes")
    page.goto("/mistakes?topic=gossip")
    found += problems(page, "mistakes, bad filter")
    assert not found, "\n".join(found)


@pytest.mark.usefixtures("ana_remembers")
def test_a_review_session_by_keyboard(page: Page) -> None:
    sign_in(page, "ana")
    page.goto("/review")
    page.get_by_role("button", name="Start review: most overdue first").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Question 1 of 2")).to_be_visible()
