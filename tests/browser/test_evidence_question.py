"""Evidence and two-part questions in Chromium: by keyboard, by clicking a sentence, and axe
at phone and desktop widths."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from quizapp.builder import Question
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.services.accounts import create_user
from quizapp.services.quiz import start_attempt
from tests.conftest import PASSWORD, PROJECT, SEED_BANK

from .steps import click_to_navigate, press_to_navigate, sign_in, tab_to
from .test_accessibility import describe, violations_on

pytestmark = pytest.mark.browser

EVIDENCE = "french-senators-duty-to-help:evidence"
TWO_PART = "inf-not-all-call-up:conclusion-two-part"
VOCABULARY = "voc-exodus:meaning"


@pytest.fixture
def questions_dir(questions_dir: Path) -> Path:
    for suffix in (".yaml", ".txt"):
        shutil.copy(PROJECT / "questions" / f"{SEED_BANK}{suffix}", questions_dir)
    return questions_dir


def _quiz(app: Flask, question_ids: list[str]) -> tuple[int, list[Question]]:
    """Student ana's practice attempt of exactly these questions, in this order."""
    with app.app_context():
        loaded = catalogue().bank(SEED_BANK)
        assert loaded is not None
        by_id = {q.id: q for q in catalogue().questions(SEED_BANK)}
        wanted = [by_id[qid] for qid in question_ids]
        ana = create_user("ana", PASSWORD)
        attempt = start_attempt(
            ana, loaded, wanted, mode="practice", topics=[], length=None, preset=wanted
        )
        db.session.commit()
        return attempt.id, wanted


def test_an_evidence_question_answered_by_keyboard(app: Flask, page: Page) -> None:
    attempt_id, [question] = _quiz(app, [EVIDENCE])
    sign_in(page, "ana")
    page.goto(f"/attempts/{attempt_id}/q/1")
    tab_to(page, "input[name=answer]")
    right = list(question.choices).index(question.answer)
    for _ in range(right):
        page.keyboard.press("ArrowDown")  # arrows move through a radio group and pick
    expect(page.locator("input[name=answer]").nth(right)).to_be_checked()
    # The sentence picked is shown picked in the passage too (evidence.js).
    expect(page.locator(f'.sentence[data-choice="{right}"]')).to_have_class("sentence picked")
    press_to_navigate(page)
    expect(page.locator(".feedback h2")).to_have_text("✓ Right")


def test_an_evidence_question_answered_by_clicking_a_sentence(app: Flask, page: Page) -> None:
    attempt_id, [question] = _quiz(app, [EVIDENCE])
    sign_in(page, "ana")
    page.goto(f"/attempts/{attempt_id}/q/1")
    wrong = next(i for i, c in enumerate(question.choices) if c != question.answer)
    right = list(question.choices).index(question.answer)
    page.locator(f'.sentence[data-choice="{wrong}"]').click()
    expect(page.locator("input[name=answer]").nth(wrong)).to_be_checked()
    page.locator(f'.sentence[data-choice="{right}"]').click()
    expect(page.locator("input[name=answer]").nth(right)).to_be_checked()
    expect(page.locator(f'.sentence[data-choice="{wrong}"]')).to_have_class("sentence")
    click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
    expect(page.locator(".feedback h2")).to_have_text("✓ Right")


def test_a_two_part_question_with_part_b_clicked_in_the_passage(app: Flask, page: Page) -> None:
    attempt_id, [question] = _quiz(app, [TWO_PART])
    sign_in(page, "ana")
    page.goto(f"/attempts/{attempt_id}/q/1")
    page.get_by_label(question.answer).check()
    support = list(question.supports).index(question.support)
    page.locator(f'.sentence[data-choice="{support}"]').click()
    expect(page.locator("input[name=support]").nth(support)).to_be_checked()
    expect(page.locator("input[name=answer]:checked")).to_have_value(question.answer)
    click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
    expect(page.locator(".feedback")).to_contain_text("Part A: correct. Part B: correct.")


@pytest.mark.parametrize("width", [360, 1280])
def test_the_new_question_pages_have_no_wcag_violations(app: Flask, page: Page, width: int) -> None:
    attempt_id, questions = _quiz(app, [EVIDENCE, TWO_PART, VOCABULARY])
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "ana")
    found = {}
    for position, question in enumerate(questions, start=1):
        page.goto(f"/attempts/{attempt_id}/q/{position}")
        expect(page.locator("main h1")).to_be_visible()
        found[f"{question.kind} question at {width} px"] = violations_on(page)
    page.goto(f"/attempts/{attempt_id}/q/1")
    page.locator('.sentence[data-choice="0"]').click()
    click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
    found[f"evidence feedback at {width} px"] = violations_on(page)
    assert not any(found.values()), describe(found)


def test_a_two_part_question_wrong_in_both_parts_fits_a_phone(app: Flask, page: Page) -> None:
    # The labels of the answered parts once kept to one line and squeezed the answers into a
    # one-word column, pushing the feedback and result pages sideways.
    attempt_id, [question] = _quiz(app, [TWO_PART])
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, "ana")
    page.goto(f"/attempts/{attempt_id}/q/1")
    page.get_by_label(next(c for c in question.choices if c != question.answer)).check()
    wrong = next(i for i, s in enumerate(question.supports) if s != question.support)
    page.locator("input[name=support]").nth(wrong).check()
    click_to_navigate(page, page.get_by_role("button", name="Submit answer"))
    expect(page.locator(".feedback")).to_contain_text("Supporting sentence (part B), your answer")
    widths = {"feedback": page.evaluate("document.documentElement.scrollWidth")}
    click_to_navigate(page, page.locator("a.next"))
    expect(page.locator("#score-heading")).to_be_visible()
    widths["result"] = page.evaluate("document.documentElement.scrollWidth")
    too_wide = {where: width for where, width in widths.items() if width > 360}
    assert not too_wide, f"wider than 360 px (scrollWidth): {too_wide}"
