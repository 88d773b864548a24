"""Feedback that teaches at a glance: the choices stay, marked by symbol and word as well as
colour; matching is a table of pairs with each pair's evidence; the result leads with the score."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from .conftest import SetQuiz
from .steps import answer_by_keyboard, click_to_navigate, question_on, sign_in, start_set_quiz

pytestmark = pytest.mark.browser


def test_choices_stay_on_screen_marked_and_matching_is_a_table(
    app: Flask, page: Page, set_quiz: SetQuiz
) -> None:
    set_quiz(["multiple_choice", "matching", "short_answer"])
    sign_in(page, "ana")
    start_set_quiz(page)
    question = question_on(app, page)
    given = answer_by_keyboard(page, question, right=False)[0]

    choices = page.locator(".marked-choices li")
    expect(choices).to_have_count(len(question.choices))
    for choice, text in zip(choices.all(), question.choices, strict=True):
        expect(choice).to_contain_text(text)
    picked = page.locator(".marked-choices li.picked")
    expect(picked).to_contain_text(given)
    expect(picked).to_contain_text("Your answer, wrong")  # a word, not a colour alone
    expect(picked.locator(".mark-symbol")).to_have_text("✗")
    right = page.locator(".marked-choices li.right")
    expect(right).to_contain_text(question.answer)
    expect(right).to_contain_text("Right answer")
    expect(right.locator(".mark-symbol")).to_have_text("✓")
    colours = page.evaluate(
        "() => ['li.right', 'li.picked', 'li:not(.right):not(.picked)']"
        ".map(s => document.querySelector('.marked-choices ' + s))"
        ".map(li => li && getComputedStyle(li).backgroundColor)"
    )
    others = [colour for colour in colours if colour is not None]
    assert len(set(others)) == len(others), f"right, wrong and other choices look alike: {colours}"

    click_to_navigate(page, page.locator("a.next"))
    matching = question_on(app, page)
    answer_by_keyboard(page, matching, right=True)
    rows = page.locator("table.pairs tbody tr")
    expect(rows).to_have_count(len(matching.pairs))
    for row, (left, match) in zip(rows.all(), matching.pairs, strict=True):
        expect(row.get_by_role("rowheader")).to_have_text(left)
        cells = row.get_by_role("cell")
        expect(cells.nth(0)).to_have_text(f"✓ Right: {match}")
        expect(cells.nth(1)).to_have_text(match)
    # The right answer is not printed again as one long line joined with ";".
    expect(page.locator("section.feedback")).not_to_contain_text(".;")
    expect(page.locator("section.feedback")).not_to_contain_text(matching.answer)
    # Every pair's evidence, each sentence once (one sentence here proves both pairs).
    proofs = page.locator("section.feedback figure.evidence")
    expect(proofs.first).to_be_visible()
    captions = " ".join(proofs.locator("figcaption").all_inner_texts())
    assert all(left in captions for left, _ in matching.pairs), captions
    marks = proofs.locator("mark").all_inner_texts()
    assert len(marks) == len(set(marks)) == proofs.count()


def test_the_result_leads_with_the_score_then_topics_then_folded_questions(
    app: Flask, page: Page, set_quiz: SetQuiz
) -> None:
    set_quiz(["multiple_choice", "short_answer", "numeric"])
    sign_in(page, "ana")
    start_set_quiz(page)
    for right in (True, False, True):
        answer_by_keyboard(page, question_on(app, page), right=right)
        click_to_navigate(page, page.locator("a.next"))

    figure = page.locator(".score-figure")
    expect(figure).to_have_text("67%")
    size = float(figure.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert size >= 48, f"the score figure is {size}px: not a figure"
    expect(page.locator(".encouragement")).to_have_text(
        "A good start. Each wrong answer below shows the sentence to reread."
    )
    bars = page.locator(".topic-bars meter")
    expect(bars).to_have_count(3)
    order = page.evaluate(
        "() => ['.score-card', '.topic-bars', 'ol.answers']"
        ".map(s => document.querySelector(s).getBoundingClientRect().top)"
    )
    assert order == sorted(order), "score, then topics, then the questions"
    details = page.locator("ol.answers details")
    expect(details).to_have_count(3)
    expect(details.nth(0)).not_to_have_attribute("open", "")
    expect(details.nth(1)).to_have_attribute("open", "")
    expect(details.nth(2)).not_to_have_attribute("open", "")
    expect(details.nth(0).locator(".evidence")).to_be_hidden()
    details.nth(0).locator("summary").click()
    expect(details.nth(0).locator(".evidence")).to_be_visible()
