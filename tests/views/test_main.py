"""The home page, the dashboard and the article pages; friendly error pages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import User
from quizapp.services.classes import (
    create_assignment,
    create_classroom,
    due_at_of,
    join_classroom,
)
from tests.conftest import MINI_BANK, Actions, MakeUser

TITLE = "Dock workers strike as harbour queues grow"


def test_strangers_see_the_articles_and_how_to_join(client: FlaskClient) -> None:
    page = client.get("/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert TITLE in html
    assert f'href="/articles/{MINI_BANK}"' in html
    assert 'href="/register"' in html
    assert f'href="/quiz/{MINI_BANK}"' not in html, "quizzes need an account"


def test_signed_in_users_get_a_dashboard(
    client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("ana")
    actions.login("ana")
    html = client.get("/").get_data(as_text=True)
    assert "Hello, ana" in html
    assert f'href="/quiz/{MINI_BANK}"' in html
    assert "Pick up where you left off" not in html, "nothing started yet"


def test_the_article_has_numbered_linkable_paragraphs(client: FlaskClient) -> None:
    page = client.get(f"/articles/{MINI_BANK}?p=3")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<p id="p-2">' in html
    assert '<p id="p-3" class="highlight">' in html
    # The first paragraph repeats the headline shown as the page's title: shown once.
    assert '<p id="p-1"' not in html
    assert html.count("Dock workers strike as harbour queues grow") == 2  # <title> and <h1>
    assert "The union leader, Mara Quist, told reporters" in html
    assert html.count('class="highlight"') == 1


def test_the_article_links_back_to_the_question_it_was_opened_from(client: FlaskClient) -> None:
    html = client.get(f"/articles/{MINI_BANK}?p=3&back=/attempts/12/q/3").get_data(as_text=True)
    # At the top, and under the evidence's paragraph, where the page opens.
    assert html.count('<a href="/attempts/12/q/3" class="back-to-question">') == 2


@pytest.mark.parametrize(
    "back",
    [
        "https://evil.example/attempts/1/q/1",
        "//evil.example/attempts/1/q/1",
        "/\\evil.example/attempts/1/q/1",
        "/attempts/1/q/1/../../../logout",
        "/attempts/1/q/1?next=https://evil.example",
        "/attempts/1/q/1\n",
        "/attempts/01/q/1",
        "/attempts/x/q/1",
        "/attempts/1/result",
        "javascript:alert(1)",
        "",
    ],
)
def test_a_foreign_or_malformed_back_address_is_ignored(client: FlaskClient, back: str) -> None:
    page = client.get(f"/articles/{MINI_BANK}", query_string={"p": "3", "back": back})
    assert page.status_code == 200
    assert "Back to the question" not in page.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/articles/no-such-article", "/no/such/page"])
def test_unknown_pages_get_the_friendly_404(client: FlaskClient, url: str) -> None:
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 404
    assert "404 Not Found" in html
    assert "Back to the start page" in html
    assert "Traceback" not in html


def test_teachers_see_broken_banks_and_students_do_not(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser, questions_dir: Path
) -> None:
    (questions_dir / "broken.yaml").write_text("title: Broken\narticle: {}\n")
    with app.app_context():
        catalogue().refresh(force=True)
    make_user("ana")
    make_user("mr-t", teacher=True)
    actions.login("ana")
    assert "Banks with errors" not in client.get("/").get_data(as_text=True)
    actions.logout()
    actions.login("mr-t")
    html = client.get("/").get_data(as_text=True)
    assert "Banks with errors" in html
    assert 'href="/banks"' in html, "the dashboard links to the errors on the banks page"
    assert "broken.yaml" in client.get("/banks").get_data(as_text=True)
    assert TITLE in html, "the good bank is still served"


def test_a_teachers_dashboard_lists_their_classes_with_codes(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    teacher = make_user("mr-t", teacher=True)
    actions.login("mr-t")
    assert "No classes yet." in client.get("/").get_data(as_text=True)
    with app.app_context():
        owner = db.session.get(User, teacher.id)
        assert owner is not None
        classroom = create_classroom(owner, "Year 10 English")
        db.session.commit()
        code, classroom_id = classroom.join_code, classroom.id
    html = client.get("/").get_data(as_text=True)
    assert f'<a href="/classes/{classroom_id}">Year 10 English</a>' in html
    assert f"<code>{code}</code>, 0 students" in html


def test_a_teacher_sees_how_many_students_a_class_has_in_words(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    students = [make_user(name) for name in ("ana", "ben")]
    with app.app_context():
        owner = db.session.get(User, make_user("ms-q", teacher=True).id)
        assert owner is not None
        one, two = create_classroom(owner, "One"), create_classroom(owner, "Two")
        for classroom, joining in ((one, students[:1]), (two, students)):
            for student in joining:
                joiner = db.session.get(User, student.id)
                assert joiner is not None
                join_classroom(joiner, classroom.join_code)
        db.session.commit()
        codes = one.join_code, two.join_code
    actions.login("ms-q")
    for page in ("/", "/classes/"):
        html = client.get(page).get_data(as_text=True)
        assert f"<code>{codes[0]}</code>, 1 student</small>" in html, page
        assert f"<code>{codes[1]}</code>, 2 students</small>" in html, page


def test_a_student_sees_the_year_of_a_due_date_only_when_it_is_not_this_year(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    year = datetime.now(UTC).year
    student = make_user("ana")
    with app.app_context():
        owner = db.session.get(User, make_user("mr-t", teacher=True).id)
        ana = db.session.get(User, student.id)
        assert owner is not None
        assert ana is not None
        classroom = create_classroom(owner, "Year 9 English")
        join_classroom(ana, classroom.join_code)
        question_ids = [q.id for q in catalogue().questions(MINI_BANK)[:2]]
        for title, day in (("Soon", date(year, 12, 31)), ("Later", date(year + 1, 1, 1))):
            create_assignment(classroom, title, MINI_BANK, question_ids,
                              due_at=due_at_of(day))  # fmt: skip
        db.session.commit()
    actions.login("ana")
    html = client.get("/").get_data(as_text=True)
    assert "test mode, due 31 December</small>" in html
    assert f"test mode, due 1 January {year + 1}</small>" in html
