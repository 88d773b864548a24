"""The teachers' bank pages in the browser: axe at a phone's and a desktop's width."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, ViewportSize, expect

from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import TEACHER
from quizapp.services.accounts import create_user, find_user
from quizapp.services.bank_revisions import latest_revision, save_revision
from quizapp.services.quiz import record_response, start_attempt
from tests.conftest import MINI_BANK, PASSWORD

from .steps import click_to_navigate, sign_in
from .test_review_pages import problems

pytestmark = pytest.mark.browser

WIDTHS = (ViewportSize(width=360, height=740), ViewportSize(width=1280, height=800))


def bank_file(questions_dir: Path) -> str:
    return (questions_dir / f"{MINI_BANK}.yaml").read_text(encoding="utf-8")


@pytest.fixture
def classroom_answered(app: Flask) -> None:
    """Two teachers, and ana's answer '250' to the ship count (200 in the bank)."""
    with app.app_context():
        catalogue().refresh()
        create_user("mr-t", PASSWORD, display_name="Mr T", role=TEACHER)
        create_user("ms-k", PASSWORD, display_name="Ms K", role=TEACHER)
        ana = create_user("ana", PASSWORD, display_name="Ana")
        loaded = catalogue().bank(MINI_BANK)
        assert loaded is not None
        chosen = [q for q in catalogue().questions(MINI_BANK) if q.id == "ships-waiting:numeric"]
        attempt = start_attempt(
            ana, loaded, chosen, mode="practice", topics=(), length=None, preset=chosen
        )
        record_response(attempt.items[0], "250")
        db.session.commit()


def save_as(app: Flask, username: str, text: str, base: int | None) -> None:
    with app.app_context():
        save_revision(
            slug=MINI_BANK, yaml_text=text, article_text="", author=find_user(username),
            base_number=base,
        )  # fmt: skip
        db.session.commit()


@pytest.mark.usefixtures("classroom_answered")
@pytest.mark.parametrize("size", WIDTHS, ids=lambda size: f"{size['width']}px")
def test_bank_pages_are_accessible(
    page: Page, app: Flask, questions_dir: Path, size: ViewportSize
) -> None:
    page.set_viewport_size(size)
    sign_in(page, "mr-t")
    page.goto("/banks")
    found = problems(page, "banks")
    click_to_navigate(page, page.get_by_role("link", name=f"Raw YAML of {TITLE}"))
    found += problems(page, "raw YAML")
    text = bank_file(questions_dir)
    page.get_by_label("The bank's YAML").fill(text.replace("speaker: quist", "speaker: nobody"))
    click_to_navigate(page, page.get_by_role("button", name="Save as a new revision"))
    expect(page.locator(".listing li.marked")).to_have_count(1)
    # The listing scrolls in a box of its own: the form to fix the text comes right after.
    box = page.locator(".listing").bounding_box()
    assert box is not None
    assert box["height"] <= size["height"] * 0.6 + 2
    found += problems(page, "raw YAML with errors")

    page.goto(f"/banks/{MINI_BANK}/yaml")  # based on the latest revision...
    save_as(app, "ms-k", text.replace("measures: the number", "measures: the count"), None)
    page.get_by_label("The bank's YAML").fill(
        text.replace("measures: the number", "measures: the total")
    )  # ...which ms-k changed meanwhile
    click_to_navigate(page, page.get_by_role("button", name="Save as a new revision"))
    expect(page.locator("h1")).to_contain_text("changed the same fact")
    found += problems(page, "conflict")

    corrected = bank_file(questions_dir).replace("200 ships", "250 ships")
    save_as(app, "ms-k", corrected.replace("value: 200", "value: 250"), None)
    page.goto(f"/banks/{MINI_BANK}/revisions")
    found += problems(page, "revisions")
    with app.app_context():
        latest = latest_revision(MINI_BANK)
        assert latest is not None
        newest = latest.number
    page.goto(f"/banks/{MINI_BANK}/revisions/1/{newest}")
    expect(page.locator(".fact-change")).not_to_have_count(0)
    found += problems(page, "diff")
    page.goto(f"/banks/{MINI_BANK}/revisions/1/restore")
    found += problems(page, "restore")
    page.goto(f"/banks/{MINI_BANK}/regrade")
    expect(page.get_by_role("button", name="Regrade 1 response")).to_be_visible()
    found += problems(page, "regrade")
    assert found == [], "\n".join(found)


TITLE = "Dock workers strike as harbour queues grow"
