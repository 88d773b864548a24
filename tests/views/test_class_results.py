"""Class results pages: who may see them, the results table, the responses grid, the gradebook."""

from __future__ import annotations

import csv
import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.bank import TOPICS
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import PRACTICE, User
from quizapp.services.classes import create_assignment, create_classroom, join_classroom
from quizapp.services.quiz import finish_attempt, start_attempt
from tests.conftest import MINI_BANK, Actions
from tests.views.results_data import ClassWithResults, make_class_with_results
from tests.views.results_data import user_id as id_of


@pytest.fixture
def klass(app: Flask) -> ClassWithResults:
    return make_class_with_results(app)


def get_urls(k: ClassWithResults) -> list[str]:
    """Every new teacher GET page of the class."""
    base = f"/classes/{k.classroom_id}"
    attempt = k.sit("ana", [True, False, None])
    return [
        f"{base}/results",
        f"{base}/results.csv",
        f"{base}/assignments/{k.assignment_id}/responses",
        f"{base}/assignments/{k.assignment_id}/preview",
        f"{base}/assignments/{k.assignment_id}/edit",
        f"{base}/assignments/{k.assignment_id}/delete",
        f"{base}/students/{k.ana}",
        f"{base}/students/{k.ana}/attempts/{attempt}",
        f"{base}/students/{k.ana}/reset-password",
        f"{base}/students/{k.ana}/remove",
        f"{base}/banks/harbour-strike/analysis",
        f"{base}/banks/harbour-strike/analysis?scope=all",
        f"{base}/sign-up-sheet",
    ]


def post_urls(k: ClassWithResults) -> list[str]:
    base = f"/classes/{k.classroom_id}"
    return [
        f"{base}/settings",
        f"{base}/join-code",
        f"{base}/assignments/{k.assignment_id}/edit",
        f"{base}/assignments/{k.assignment_id}/delete",
        f"{base}/students/{k.ana}/reset-password",
        f"{base}/students/{k.ana}/remove",
    ]


@pytest.mark.parametrize(
    ("who", "status"), [("mr-t", 200), ("ms-o", 403), ("ana", 403), (None, 302)]
)
def test_every_results_page_is_for_the_class_teacher_only(
    client: FlaskClient, actions: Actions, klass: ClassWithResults, who: str | None, status: int
) -> None:
    urls = get_urls(klass)
    if who:
        actions.login(who)
    for url in urls:
        page = client.get(url)
        assert page.status_code == status, url
        if who is None:
            assert page.headers["Location"].startswith("/login"), url


@pytest.mark.parametrize(("who", "status"), [("ms-o", 403), ("ana", 403), (None, 302)])
def test_every_results_form_refuses_all_but_the_class_teacher(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults,
    who: str | None, status: int,
) -> None:  # fmt: skip
    if who:
        actions.login(who)
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"',
        client.get("/login").get_data(as_text=True),
    )
    assert token
    for url in post_urls(klass):
        page = client.post(url, data={"csrf_token": token.group(1), "name": "Taken", "title": "X"})
        assert page.status_code == status, url
    with app.app_context():
        ana = db.session.get(User, klass.ana)
        assert ana is not None
        assert not ana.must_change_password


def test_a_student_of_another_class_is_not_found_not_confirmed(
    client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    actions.login("mr-t")
    base = f"/classes/{klass.classroom_id}/students"
    for user_id in (klass.outsider, 999_999):
        for tail in ("", "/reset-password", "/remove", "/attempts/1"):
            assert client.get(f"{base}/{user_id}{tail}").status_code == 404
    other_assignment = f"/classes/{klass.classroom_id}/assignments/999/responses"
    assert client.get(other_assignment).status_code == 404
    assert client.get(f"/classes/{klass.classroom_id}/banks/elsewhere/analysis").status_code == 404


def test_the_results_table_has_a_row_per_student_with_latest_and_best(
    client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    klass.sit("ana", [True, True, True])
    klass.sit("ana", [True, False, False])
    actions.login("mr-t")
    html = client.get(f"/classes/{klass.classroom_id}/results").get_data(as_text=True)
    ana_row = re.search(
        r"<tr>\s*<th scope=\"row\"><a href=\"[^\"]+/students/\d+\">Ana</a>.*?</tr>", html, re.S
    )
    assert ana_row
    assert "best 100% · latest 33%" in ana_row.group(0)
    assert "(2 attempts)" in ana_row.group(0)
    bo_row = re.search(r">Bo</a>.*?</tr>", html, re.S)
    assert bo_row
    assert "not finished" in bo_row.group(0)
    assert f'href="/classes/{klass.classroom_id}/students/{klass.ana}"' in html


def test_the_results_sort_by_a_column_without_javascript(
    client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    klass.sit("bob", [True, True, True])
    klass.sit("ana", [False, False, True])
    actions.login("mr-t")
    base = f"/classes/{klass.classroom_id}/results"

    def order(query: str) -> list[str]:
        html = client.get(f"{base}?{query}").get_data(as_text=True)
        return re.findall(r'<th scope="row"><a [^>]+>(\w+)</a>', html)

    assert order("sort=name") == ["Ana", "Bo"]
    assert order("sort=name&dir=desc") == ["Bo", "Ana"]
    assert order(f"sort=a{klass.assignment_id}&dir=desc") == ["Bo", "Ana"]
    assert order(f"sort=a{klass.assignment_id}&dir=asc") == ["Ana", "Bo"]
    html = client.get(f"{base}?sort=a{klass.assignment_id}&dir=desc").get_data(as_text=True)
    assert 'aria-sort="descending"' in html
    assert order("sort=nonsense") == ["Ana", "Bo"]


def test_the_responses_grid_shows_each_answer_in_an_accessible_table(
    client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    klass.sit("ana", [True, False, None])
    actions.login("mr-t")
    url = f"/classes/{klass.classroom_id}/assignments/{klass.assignment_id}/responses"
    html = client.get(url).get_data(as_text=True)
    assert "<caption" in html
    # How to read the grid stands outside the table, which scrolls sideways on a phone.
    assert '<p id="grid-help">' in html.split('<div class="overflow-auto"')[0]
    assert 'aria-describedby="grid-help"' in html
    assert html.count('<th scope="col">') >= 2
    cells = re.findall(r'<span class="cell (\w+)" tabindex="0">(.*?)</span></td>', html, re.S)
    assert [state for state, _ in cells] == ["right", "wrong", "blank"]
    wrong_text = cells[1][1]
    assert "Q2 wrong: " in wrong_text
    assert 'class="given" aria-hidden="true"' in wrong_text  # shown on hover and focus
    assert "Q3 not answered" in cells[2][1]
    assert "No finished attempt yet." in html  # Bo


def test_a_teacher_opens_a_students_attempt_read_only_with_the_answers(
    client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    attempt = klass.sit("ana", [True, False, True])
    actions.login("mr-t")
    student_page = client.get(f"/classes/{klass.classroom_id}/students/{klass.ana}")
    link = f"/classes/{klass.classroom_id}/students/{klass.ana}/attempts/{attempt}"
    assert link in student_page.get_data(as_text=True)
    assert "Weakest facts" in student_page.get_data(as_text=True)
    html = client.get(link).get_data(as_text=True)
    assert "Ana’s result, read-only" in html
    assert "the article says so" in html  # the answers, each with its evidence
    assert "Take another quiz" not in html
    assert "Back to the student&#39;s page" in html or "Back to the student's page" in html


def test_the_gradebook_is_utf8_with_a_bom_and_one_column_per_assignment(
    client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    klass.sit("ana", [True, True, False])
    actions.login("mr-t")
    page = client.get(f"/classes/{klass.classroom_id}/results.csv")
    assert page.mimetype == "text/csv"
    assert "attachment" in page.headers["Content-Disposition"]
    assert page.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(page.data.decode("utf-8-sig"))))
    assert rows == [
        ["Student", "Username", "Strike check (best %)"],
        ["Ana", "ana", "67"],
        ["Bo", "bob", ""],
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_the_gradebook_neutralises_cells_a_spreadsheet_would_run(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults, start: str
) -> None:
    with app.app_context():
        ana = db.session.get(User, klass.ana)
        assert ana is not None
        ana.display_name = f'{start}HYPERLINK("http://evil")'
        db.session.commit()
    actions.login("mr-t")
    page = client.get(f"/classes/{klass.classroom_id}/results.csv")
    rows = list(csv.reader(io.StringIO(page.data.decode("utf-8-sig"), newline="")))
    assert rows[1][0] == f'\'{start}HYPERLINK("http://evil")'
    assert rows[2][0] == "Bo"


def test_another_class_teacher_sees_the_students_practice_but_not_that_class_quiz(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    """Ana is in ms-o's class too, on the same article: mr-t's quiz (answers and key) is
    mr-t's to show; her own practice is seen by both teachers."""
    with app.app_context():
        teacher = db.session.get(User, id_of(app, "ms-o"))
        ana = db.session.get(User, klass.ana)
        assert teacher is not None
        assert ana is not None
        other = create_classroom(teacher, "9C")
        join_classroom(ana, other.join_code)
        create_assignment(other, "Harbour practice", MINI_BANK, klass.question_ids[:1])
        loaded = catalogue().bank(MINI_BANK)
        assert loaded is not None
        practice = start_attempt(
            ana, loaded, catalogue().questions(MINI_BANK), mode=PRACTICE, topics=TOPICS, length=2
        )
        finish_attempt(practice)
        db.session.commit()
        other_id, practice_id = other.id, practice.id
    quiz_of_mr_t = klass.sit("ana", [True, False, True])
    actions.login("ms-o")
    base = f"/classes/{other_id}/students/{klass.ana}"
    page = client.get(base).get_data(as_text=True)
    assert f"{base}/attempts/{practice_id}" in page
    assert f"/attempts/{quiz_of_mr_t}" not in page
    assert client.get(f"{base}/attempts/{quiz_of_mr_t}").status_code == 404
    assert client.get(f"{base}/attempts/{practice_id}").status_code == 200
