"""Whole quizzes in a real browser: joining a class, answering by keyboard, practice and test."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD, MakeUser

from .conftest import SetQuiz
from .steps import (
    RADIO_KINDS,
    answer_by_keyboard,
    click_to_navigate,
    expect_feedback,
    press_to_navigate,
    question_on,
    score_percent,
    sign_in,
    tab_to,
)

pytestmark = pytest.mark.browser

EVERY_KIND = ("multiple_choice", "true_false", "numeric", "short_answer", "cloze", "matching")


def test_new_student_joins_a_class_and_practises_by_keyboard(
    app: Flask, page: Page, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    sign_in(page, "mr-t")
    page.goto("/classes/")
    page.get_by_label("Class name").fill("Year 9 English")
    click_to_navigate(page, page.get_by_role("button", name="Create class"))
    code = page.locator(".join-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{6}", code)
    click_to_navigate(page, page.get_by_role("button", name="Sign out"))

    page.goto("/register")
    page.get_by_label("Your name").fill("Ana Silva")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_label("Class code (optional)").fill(code.lower())
    click_to_navigate(page, page.get_by_role("button", name="Create account"))
    expect(page.get_by_role("status")).to_have_text("You joined Year 9 English.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ana Silva")

    # From here on, the keyboard alone.
    tab_to(page, 'a[href="/quiz/harbour-strike"]')
    press_to_navigate(page)
    tab_to(page, "input[name=length]:checked")  # a radio group is one tab stop
    page.keyboard.press("ArrowUp")
    expect(page.get_by_label("5 questions")).to_be_checked()
    expect(page.get_by_label("Practice: feedback after each answer")).to_be_checked()
    tab_to(page, "input[type=submit]")
    press_to_navigate(page)

    for position in range(1, 6):
        expect(page).to_have_url(re.compile(rf"/q/{position}$"))
        expect(page.locator("#progress-label")).to_have_text(f"Question {position} of 5")
        question = question_on(app, page)
        right = position != 2  # one wrong answer, to see both verdicts
        answer_by_keyboard(page, question, right=right)
        expect_feedback(page, question, right=right)
        press_to_navigate(page)  # Enter on the focused verdict: Next question / See your score

    expect(page).to_have_url(re.compile(r"/result$"))
    assert score_percent(page) == 80
    expect(page.locator("ol.answers > li")).to_have_count(5)


def test_every_question_kind_answers_by_keyboard(app: Flask, page: Page, set_quiz: SetQuiz) -> None:
    set_quiz(EVERY_KIND)
    sign_in(page, "ana")
    tab_to(page, 'form[action^="/assignments/"] button')
    press_to_navigate(page)

    kinds = []
    for position in range(1, len(EVERY_KIND) + 1):
        expect(page).to_have_url(re.compile(rf"/q/{position}$"))
        question = question_on(app, page)
        kinds.append(question.kind)
        answer_by_keyboard(page, question, right=True)
        expect_feedback(page, question, right=True)
        if position % 2:
            tab_to(page, "a.next")
            press_to_navigate(page, "Space")  # it looks like a button, so it acts like one
        else:
            press_to_navigate(page)  # Enter from the verdict

    assert sorted(kinds) == sorted(EVERY_KIND)
    assert score_percent(page) == 100


def test_test_mode_shows_answers_only_at_the_end(
    app: Flask, page: Page, make_user: MakeUser
) -> None:
    make_user("ana")
    sign_in(page, "ana")
    page.goto("/quiz/harbour-strike")
    page.get_by_label("5 questions").check()
    page.get_by_label("Test: feedback at the end").check()
    click_to_navigate(page, page.get_by_role("button", name="Start quiz"))

    asked = []
    for position in range(1, 6):
        expect(page).to_have_url(re.compile(rf"/q/{position}$"))
        expect(page.locator("section.feedback")).to_have_count(0)
        question = question_on(app, page)
        right = position % 2 == 1
        given = answer_by_keyboard(page, question, right=right)
        asked.append((question, given, right))

    expect(page).to_have_url(re.compile(r"/result$"))
    assert score_percent(page) == 60
    rows = page.locator("ol.answers > li")
    expect(rows).to_have_count(5)
    for row, (question, given, right) in zip(rows.all(), asked, strict=True):
        expect(row.locator("summary")).to_contain_text(question.prompt)
        expect(row.locator(".verdict-word")).to_have_text("✓ right" if right else "✗ wrong")
        if right:  # folded to its line until opened
            expect(row.locator("details")).not_to_have_attribute("open", "")
            row.locator("summary").click()
        expect(row.locator("details")).to_have_attribute("open", "")
        if question.kind in RADIO_KINDS:
            expect(row.locator("li.picked")).to_contain_text(given[0])
            expect(row.locator("li.right")).to_contain_text(question.answer)
        elif question.kind == "matching":
            expect(row.locator("table.pairs tbody tr")).to_have_count(len(given))
        else:
            expect(row.locator(".typed-answer dd").first).to_contain_text(given[0])
            expect(row.locator(".typed-answer dd").nth(1)).to_have_text(question.answer)
