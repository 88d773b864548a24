"""The fact editor in Chromium: a figure edited with a live preview reaches the next quiz; the
article highlights a fact's evidence and gives a sentence as evidence; axe on every page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Page, ViewportSize, expect

from quizapp.extensions import db
from quizapp.models import STUDENT, TEACHER, Attempt
from quizapp.services.accounts import create_user
from tests.conftest import MINI_BANK, PASSWORD

from .steps import WCAG_A_AA, click_to_navigate, sign_in

pytestmark = pytest.mark.browser

BANK = f"/banks/{MINI_BANK}"
NEW_MEASURE = "the number of ships queuing outside Port Alba on Monday"


@pytest.fixture
def people(app: Flask) -> None:
    with app.app_context():
        create_user("mr-t", PASSWORD, role=TEACHER)
        create_user("ana", PASSWORD, role=STUDENT)
        db.session.commit()


@pytest.mark.usefixtures("people")
def test_a_teacher_edits_a_figure_and_the_next_quiz_asks_it(page: Page, app: Flask) -> None:
    sign_in(page, "mr-t")
    page.goto(BANK)
    click_to_navigate(page, page.get_by_role("link", name="Edit ships-waiting"))
    preview = page.locator("#fact-preview")
    expect(preview).to_contain_text("the number of ships waiting outside Port Alba")
    page.get_by_label("What it measures").fill(NEW_MEASURE)
    # The script refreshes the preview as the teacher types, before anything is saved.
    expect(preview).to_contain_text("ships queuing outside Port Alba")
    click_to_navigate(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".flash")).to_contain_text("Saved ships-waiting")
    expect(page.locator("#fact-ships-waiting")).to_contain_text("ships queuing")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "ana")
    page.goto(f"/quiz/{MINI_BANK}")
    page.get_by_label("All (one question per fact)").check()
    for topic in ("Quotes", "Stances", "Places", "Events"):
        page.get_by_label(topic, exact=True).uncheck()
    click_to_navigate(page, page.get_by_role("button", name="Start quiz"))
    attempt_id = int(re.search(r"/attempts/(\d+)/", page.url).group(1))  # type: ignore[union-attr]
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt is not None
        prompts = [item.question["prompt"] for item in attempt.items]
        position = next(i for i, p in enumerate(prompts, 1) if "ships queuing" in p)
    page.goto(f"/attempts/{attempt_id}/q/{position}")
    expect(page.locator("h1.prompt")).to_contain_text("ships queuing outside Port Alba")


@pytest.mark.usefixtures("people")
def test_a_fact_highlights_its_evidence_and_a_sentence_becomes_evidence(page: Page) -> None:
    sign_in(page, "mr-t")
    page.goto(BANK)
    page.locator("#fact-queue-length .fact-label").click()
    mark = page.locator("#p-5 mark.evidence-mark")
    expect(mark).to_have_text(
        "Satellite firm Orbis estimated the queue at around 12 miles (19km) long."
    )
    page.locator("#fact-bellport .fact-label").click()
    expect(mark).to_have_count(0)
    expect(page.locator("#p-6 mark.evidence-mark")).to_contain_text("Bellport")

    page.goto(f"{BANK}/facts/new/statements")
    page.locator("#p-7 .sentence").first.click()
    expect(page.get_by_label("Evidence")).to_have_value(
        "Norland backed the workers, while Sudmark called the strike illegal."
    )


def _violations(page: Page) -> list[str]:
    found: list[dict[str, Any]] = Axe().run(page, options=WCAG_A_AA).response["violations"]
    return [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']]}" for v in found]


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize("width", [360, 1280])
def test_every_editor_page_has_no_wcag_violations(page: Page, width: int) -> None:
    page.set_viewport_size(ViewportSize(width=width, height=800))
    sign_in(page, "mr-t")
    found: dict[str, list[str]] = {}

    def check(where: str) -> None:
        expect(page.locator("main h1")).to_be_visible()
        found[where] = _violations(page)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            found[where].append(f"the page is {scroll} px wide at {width} px")

    page.goto(BANK)
    check("bank")
    page.goto(f"{BANK}/facts/ships-waiting")
    check("edit figure")
    page.get_by_label("Value").fill("250")
    click_to_navigate(page, page.get_by_role("button", name="Preview"))
    check("edit figure, with errors")
    page.goto(f"{BANK}/facts/new/quotes")
    check("new quote")
    page.goto(f"{BANK}/facts/new/stances")
    check("new stance")
    page.goto(f"{BANK}/facts/quist/delete")
    check("delete a used actor")
    page.goto(f"{BANK}/facts/why-holiday/delete")
    check("delete")
    page.goto("/banks/new")
    check("new bank")
    click_to_navigate(page, page.get_by_role("button", name="Create bank"))
    check("new bank, with errors")
    assert not any(found.values()), found
