"""A teacher exports and imports banks in Chromium: axe-clean at 1280 and 360 px, no script."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import FilePayload, Page, ViewportSize, expect

from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import TEACHER
from quizapp.services.accounts import create_user
from tests.conftest import MINI_BANK, PASSWORD

from .steps import WCAG_A_AA, click_to_navigate, sign_in

pytestmark = pytest.mark.browser

PHONE = ViewportSize(width=360, height=740)
WIDE = ViewportSize(width=1280, height=800)


@pytest.fixture
def teacher(app: Flask) -> None:
    with app.app_context():
        create_user("mr-t", PASSWORD, role=TEACHER)
        db.session.commit()


def check_page(page: Page, where: str, found: dict[str, list[str]]) -> None:
    """axe's WCAG A/AA rules at both widths, and no sideways scrolling on a phone."""
    expect(page.locator("main h1")).to_be_visible()
    for size in (WIDE, PHONE):
        page.set_viewport_size(size)
        violations: list[dict[str, Any]] = Axe().run(page, options=WCAG_A_AA).response["violations"]
        found[f"{where} at {size['width']} px"] = [
            f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in violations
        ]
        if size == PHONE:
            width: int = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                found[f"{where} at 360 px"].append(f"scrolls sideways ({width} px)")
    page.set_viewport_size(WIDE)


def test_a_teacher_exports_prints_and_imports_with_no_wcag_violations(
    page: Page, app: Flask, teacher: None, questions_dir: Path
) -> None:
    found: dict[str, list[str]] = {}
    sign_in(page, "mr-t")
    page.goto(f"/banks/{MINI_BANK}/export")
    check_page(page, "export menu", found)

    with page.expect_download() as download:
        page.get_by_role("link", name="Anki deck (.apkg)").click()
    assert download.value.suggested_filename == f"{MINI_BANK}.apkg"

    click_to_navigate(page, page.get_by_role("link", name="Printable quiz"))
    assert page.locator("script").count() == 0
    expect(page.locator("ol.quiz > li")).to_have_count(len(exported(app)))
    check_page(page, "printable quiz", found)
    page.goto(f"/banks/{MINI_BANK}/export/answer-key")
    check_page(page, "answer key", found)

    page.goto("/banks/import")
    check_page(page, "import form", found)
    page.get_by_label("Moodle GIFT questions (.gift or .txt)").check()
    page.get_by_label("File", exact=True).set_input_files(
        FilePayload(name="quiz.gift", mimeType="text/plain", buffer=b"Fine?{=yes}\n\nBroken {=no\n")
    )
    click_to_navigate(page, page.get_by_role("button", name="Check and import"))
    expect(page.get_by_role("heading", name="Problems found")).to_be_visible()
    expect(page.locator(".import-problems li")).to_contain_text("line 3")
    # A hint beside an error stays a hint: only the error is red.
    colour = "e => getComputedStyle(e).color"
    hint, neutral = (
        page.locator("#upload-help").evaluate(colour),
        page.locator("#article-help").evaluate(colour),
    )
    assert hint == neutral != page.locator("#upload-error").evaluate(colour)
    check_page(page, "import form with problems", found)

    page.get_by_label("Quizlet cards: tab-separated term and definition (.tsv or .txt)").check()
    page.get_by_label("File", exact=True).set_input_files(
        FilePayload(name="tides.tsv", mimeType="text/plain", buffer=b"tide\tthe sea rising\n")
    )
    click_to_navigate(page, page.get_by_role("button", name="Check and import"))
    expect(page.get_by_role("status")).to_contain_text("Imported")
    assert page.url.endswith("/banks/tides/export")
    assert (questions_dir / "tides.yaml").exists()

    assert not any(found.values()), "\n".join(f"{k}: {v}" for k, v in found.items() if v)


def exported(app: Flask) -> list[str]:
    with app.app_context():
        return [q.id for q in catalogue().questions(MINI_BANK) if not q.background]
