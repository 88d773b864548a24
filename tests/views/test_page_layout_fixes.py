"""Fixes from the QA walk of a student's and a teacher's pages (see the browser twin,
tests/browser/test_layout_fixes.py, for the geometry): what each page now says and marks up."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import PRACTICE, STUDENT, TEACHER
from quizapp.services.accounts import create_user, find_user
from quizapp.services.classes import create_assignment, create_classroom, join_classroom
from tests.conftest import MINI_BANK, PASSWORD, Actions, MakeUser
from tests.views.conftest import EVERY_KIND, MakeAttempt, Quiz

WHO_SAID, MATCHING = EVERY_KIND["multiple_choice"], EVERY_KIND["matching"]


def section(html: str, start: str, end: str) -> str:
    """The page's text from ``start`` up to ``end`` (both must be there, in that order)."""
    found = re.search(re.escape(start) + "(.*?)" + re.escape(end), html, re.DOTALL)
    assert found, f"no {start!r} … {end!r} on the page"
    return found.group(1)


def make_classroom(app: Flask, *, students: tuple[str, ...] = (), assign: bool = False) -> int:
    """mr-t's class (made if need be), with these students and, if asked, one quiz set."""
    with app.app_context():
        teacher = find_user("mr-t") or create_user("mr-t", PASSWORD, role=TEACHER)
        classroom = create_classroom(teacher, "Year 9 English")
        for username in students:
            student = find_user(username) or create_user(username, PASSWORD, role=STUDENT)
            join_classroom(student, classroom.join_code)
        if assign:
            ids = [q.id for q in catalogue().questions(MINI_BANK)][:3]
            create_assignment(classroom, "Strike check", MINI_BANK, ids, PRACTICE)
        db.session.commit()
        return classroom.id


@pytest.fixture
def ana_takes(make_user: MakeUser, make_attempt: MakeAttempt, actions: Actions) -> MakeAttempt:
    def start(question_ids: list[str]) -> int:
        make_user("ana")
        attempt_id = make_attempt("ana", question_ids)
        actions.login("ana")
        return attempt_id

    return start


# --- #1: the result's next steps by the score -----------------------------------------------


def test_the_results_next_steps_lead_to_the_first_wrong_answer(
    client: FlaskClient, quiz: Quiz, ana_takes: MakeAttempt
) -> None:
    attempt_id = ana_takes([WHO_SAID, MATCHING])
    quiz.answer_right(attempt_id, 1)
    quiz.answer_wrong(attempt_id, 2)
    html = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    top = section(html, '<nav class="actions" aria-label="Next steps">', "</nav>")
    assert f'href="/quiz/{MINI_BANK}" role="button">Take another quiz</a>' in top
    assert f'href="/mistakes?attempt={attempt_id}"' in top
    assert 'href="/history"' in top
    assert html.index("Take another quiz") < html.index('id="answers-title"')
    # The jump link leads to the first wrong answer, open in the list below.
    jump = re.search(r'href="#(q-\d+)" role="button"[^>]*>Jump to your wrong answers', top)
    assert jump, top
    assert re.search(rf'<li class="wrong">\s*<details open>\s*<summary id="{jump.group(1)}">', html)
    foot = section(html, '<nav class="actions" aria-label="Next steps, again">', "</nav>")
    assert "Jump to your wrong answers" not in foot


def test_a_perfect_result_has_no_jump_to_wrong_answers(
    client: FlaskClient, quiz: Quiz, ana_takes: MakeAttempt
) -> None:
    attempt_id = ana_takes([WHO_SAID])
    quiz.answer_right(attempt_id, 1)
    html = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    top = section(html, '<nav class="actions" aria-label="Next steps">', "</nav>")
    assert "Jump to your wrong answers" not in top
    assert ">Take another quiz</a>" in top


# --- #3: the matching table stacks on a phone -----------------------------------------------


def test_matching_feedback_cells_carry_their_column_names(
    client: FlaskClient, quiz: Quiz, ana_takes: MakeAttempt
) -> None:
    attempt_id = ana_takes([MATCHING])
    quiz.answer_wrong(attempt_id, 1)
    for url in (f"/attempts/{attempt_id}/q/1", f"/attempts/{attempt_id}/result"):
        table = section(
            client.get(url).get_data(as_text=True), '<table class="pairs stacked">', "</table>"
        )
        rows = re.findall(r"<tr class=\"pair-(?:right|wrong)\">(.*?)</tr>", table, re.DOTALL)
        assert rows, url
        for row in rows:
            assert re.findall(r'<td data-label="([^"]+)">', row) == ["Your match", "Right match"]


# --- #5: the bank list and a class's quizzes stack on a phone -------------------------------


def test_the_bank_list_and_the_class_quizzes_stack_with_labelled_cells(
    app: Flask, client: FlaskClient, actions: Actions
) -> None:
    classroom_id = make_classroom(app, assign=True)
    actions.login("mr-t")
    banks = section(
        client.get("/banks").get_data(as_text=True),
        '<table class="bank-table stacked">',
        "</table>",
    )
    assert re.findall(r'<td data-label="([^"]+)">', banks) == ["Revision", "Last change", "Edit"]
    page = client.get(f"/classes/{classroom_id}").get_data(as_text=True)
    quizzes = section(page, '<table class="stacked assigned-quizzes">', "</table>")
    assert re.findall(r'<td data-label="([^"]+)">', quizzes) == ["Rules", "Actions"]


# --- #8: a choice's feedback keeps the question's order and numbers --------------------------


def test_choice_feedback_keeps_the_questions_order_and_numbers(
    client: FlaskClient, quiz: Quiz, ana_takes: MakeAttempt
) -> None:
    attempt_id = ana_takes([WHO_SAID])
    url = f"/attempts/{attempt_id}/q/1"
    asked = re.findall(
        r'<kbd aria-hidden="true">(\d)</kbd></span><span class="choice-text">(.*?)</span>',
        client.get(url).get_data(as_text=True),
    )
    assert len(asked) >= 2
    quiz.answer_wrong(attempt_id, 1)
    marked = re.findall(
        r'<kbd class="choice-number" aria-hidden="true">(\d)</kbd>([^<]+)',
        section(client.get(url).get_data(as_text=True), '<ul class="marked-choices"', "</ul>"),
    )
    assert [(n, text.strip()) for n, text in marked] == asked


# --- #10: the history chart labels its quizzes ------------------------------------------------


def test_the_history_chart_numbers_its_quizzes(
    client: FlaskClient, quiz: Quiz, ana_takes: MakeAttempt, make_attempt: MakeAttempt
) -> None:
    first = ana_takes([WHO_SAID])
    second = make_attempt("ana", [WHO_SAID])
    quiz.answer_right(first, 1)
    quiz.answer_wrong(second, 1)
    svg = section(client.get("/history").get_data(as_text=True), "<svg", "</svg>")
    assert 'class="score-chart history-chart"' in svg
    assert re.findall(r'class="axis quiz-number" aria-hidden="true">(#\d+)</text>', svg) == [
        "#1",
        "#2",
    ]
    # The percentages sit inside the chart, not in a 32-unit margin at its left edge.
    assert re.findall(r'<text x="32" y="[\d.]+" class="axis">(\d+%)</text>', svg) == [
        "0%",
        "50%",
        "100%",
    ]


# --- #11: the skills hint says what the ticked boxes mean ------------------------------------


@pytest.mark.usefixtures("student")
def test_the_skills_hint_fits_boxes_that_start_ticked(client: FlaskClient) -> None:
    html = client.get(f"/quiz/{MINI_BANK}").get_data(as_text=True)
    hint = re.search(r'<small id="skills-help">(.*?)</small>', html, re.DOTALL)
    assert hint, "the skills have a hint"
    assert "None ticked: every skill." not in html
    assert hint.group(1).startswith("Untick"), hint.group(1)
    boxes = re.findall(r'<input[^>]*name="skills"[^>]*>', html)
    assert boxes, "the skills are boxes to tick"
    assert all(" checked" in box for box in boxes), "every skill starts ticked"


# --- #14: small things ----------------------------------------------------------------------


@pytest.mark.usefixtures("student")
def test_the_exam_section_does_not_repeat_its_fields_label(client: FlaskClient) -> None:
    html = client.get(f"/review/{MINI_BANK}").get_data(as_text=True)
    heading = re.search(r'<h2 id="exam-title">(.*?)</h2>', html)
    assert heading, "the review page has its exam section"
    assert heading.group(1) != "Exam date"
    assert re.search(r'<label for="exam_on">Exam date</label>', html)


def test_the_classes_page_focuses_the_code_only_for_a_student_in_no_class(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("ana")
    actions.login("ana")
    code_field = r'<input[^>]*\bid="code"[^>]*>'
    field = re.search(code_field, client.get("/classes/").get_data(as_text=True))
    assert field, "the join form has a code field"
    assert "autofocus" in field.group(0), "no class yet: joining is the page's point"
    make_classroom(app, students=("ana",), assign=True)
    page = client.get("/classes/").get_data(as_text=True)
    field = re.search(code_field, page)
    assert field, "a student can still join another class"
    assert "autofocus" not in page


def test_a_new_join_code_is_an_outlined_secondary_button(
    app: Flask, client: FlaskClient, actions: Actions
) -> None:
    classroom_id = make_classroom(app)
    actions.login("mr-t")
    html = client.get(f"/classes/{classroom_id}").get_data(as_text=True)
    form = section(html, f'action="/classes/{classroom_id}/join-code"', "</form>")
    assert '<button type="submit" class="secondary outline">Make a new join code</button>' in form
