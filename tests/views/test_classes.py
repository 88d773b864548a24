"""Classes: teachers create them and assign quizzes; students join with a code."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import AFTER_LAST_ATTEMPT, TEST, Assignment, Attempt, Classroom, Enrollment
from quizapp.services.classes import JOIN_ALPHABET
from tests.conftest import MINI_BANK, Actions, MakeUser
from tests.views.conftest import attempt_id_of, field_error


def create_class(actions: Actions, name: str = "Year 9 English") -> int:
    page = actions.submit("/classes/", {"name": name})
    assert page.status_code == 302, page.get_data(as_text=True)
    match = re.fullmatch(r"/classes/(\d+)", page.headers["Location"])
    assert match
    return int(match.group(1))


def join_code(app: Flask, classroom_id: int) -> str:
    with app.app_context():
        classroom = db.session.get(Classroom, classroom_id)
        assert classroom is not None
        return classroom.join_code


def members(app: Flask, classroom_id: int) -> list[str]:
    with app.app_context():
        query = select(Enrollment).where(Enrollment.classroom_id == classroom_id)
        return sorted(e.user.username for e in db.session.scalars(query))


def assign(
    actions: Actions,
    classroom_id: int,
    length: str = "5",
    mode: str = TEST,
    **rules: str,
) -> int:
    """Set a quiz for the class and return its id (`rules`: attempts_allowed, due_on...)."""
    url = f"/classes/{classroom_id}"
    data = {"title": "Strike check", "bank": MINI_BANK, "length": length, "mode": mode, **rules}
    page = actions.submit(
        url, {**data, "topics": ["quotes", "figures", "places"]}, f"{url}/assignments"
    )
    assert page.status_code == 302, page.get_data(as_text=True)
    assert page.headers["Location"] == url
    with actions.client.application.app_context():
        query = select(Assignment.id).where(Assignment.classroom_id == classroom_id)
        found = db.session.scalar(query)
        assert found is not None
        return found


def test_a_teacher_creates_a_class_with_a_join_code(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    classroom_id = create_class(actions)
    code = join_code(app, classroom_id)
    assert re.fullmatch(f"[{JOIN_ALPHABET}]{{6}}", code)
    assert set(code).isdisjoint("0O1IL2Z5S8B")
    page = client.get(f"/classes/{classroom_id}").get_data(as_text=True)
    assert f"Class created. Its join code is {code}." in page
    assert "Year 9 English" in page


@pytest.mark.parametrize("name", ["", "   ", "\t \u00a0"])
def test_a_class_needs_a_name(actions: Actions, make_user: MakeUser, name: str) -> None:
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    page = actions.submit("/classes/", {"name": name})
    assert page.status_code == 200
    assert field_error(page, "name") == "Give the class a name."


@pytest.mark.parametrize("typed", [str.upper, str.lower, lambda code: f" {code[:3]} {code[3:]} "])
def test_a_student_joins_with_the_code_however_typed(
    app: Flask,
    client: FlaskClient,
    actions: Actions,
    make_user: MakeUser,
    typed: Callable[[str], str],
) -> None:
    make_user("mr-t", teacher=True)
    make_user("ana")
    actions.login("mr-t")
    classroom_id = create_class(actions)
    actions.logout()
    actions.login("ana")
    page = actions.submit("/classes/", {"code": typed(join_code(app, classroom_id).lower())},
                          "/classes/join")  # fmt: skip
    assert page.status_code == 302
    assert "You joined Year 9 English." in client.get("/classes/").get_data(as_text=True)
    assert members(app, classroom_id) == ["ana"]


def test_a_wrong_code_is_shown_next_to_the_field(
    app: Flask, actions: Actions, make_user: MakeUser
) -> None:
    make_user("ana")
    actions.login("ana")
    page = actions.submit("/classes/", {"code": "QQQQQQ"}, "/classes/join")
    assert page.status_code == 200
    assert "No class has this code" in field_error(page, "code")


def test_a_student_joins_when_signing_up(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    classroom_id = create_class(actions)
    actions.logout()
    password = "pw-long-enough"
    sign_up = {"display_name": "Ana", "username": "ana", "password": password, "confirm": password}
    sign_up["code"] = join_code(app, classroom_id).lower()
    assert actions.submit("/register", sign_up).status_code == 302
    assert members(app, classroom_id) == ["ana"]


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/classes/{id}"), ("POST", "/classes/"), ("POST", "/classes/{id}/assignments")],
)
def test_teacher_pages_refuse_students_and_send_strangers_to_sign_in(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser, method: str, path: str
) -> None:
    make_user("mr-t", teacher=True)
    make_user("ana")
    actions.login("mr-t")
    url = path.format(id=create_class(actions))
    actions.logout()
    data = {"name": "Mine now", "title": "x", "bank": MINI_BANK, "topics": "quotes"}

    def visit() -> int:
        page = client.get(url) if method == "GET" else actions.submit("/login", data, action=url)
        if page.status_code == 302:
            assert page.headers["Location"].startswith("/login?next=")
        return page.status_code

    assert visit() == 302
    actions.login("ana")
    assert visit() == 403
    with app.app_context():
        assert db.session.scalar(select(Classroom.id).where(Classroom.name == "Mine now")) is None
        assert db.session.scalar(select(Assignment.id)) is None


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_teacher_cannot_open_another_teachers_class(
    client: FlaskClient, actions: Actions, make_user: MakeUser, method: str
) -> None:
    make_user("mr-t", teacher=True)
    make_user("ms-q", teacher=True)
    actions.login("mr-t")
    classroom_id = create_class(actions)
    actions.logout()
    actions.login("ms-q")
    if method == "GET":
        page = client.get(f"/classes/{classroom_id}")
    else:
        data = {"title": "x", "bank": MINI_BANK, "topics": "quotes", "length": "5", "mode": TEST}
        page = actions.submit("/classes/", data, f"/classes/{classroom_id}/assignments")
    assert page.status_code == 403
    assert "another teacher" in page.get_data(as_text=True)
    assert client.get("/classes/999").status_code == 404


def test_an_assigned_quiz_gives_enrolled_students_exactly_its_questions(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    for name in ("ana", "bob", "cyd"):
        make_user(name)
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    classroom_id = create_class(actions)
    other_class = create_class(actions, "Other class")
    assignment_id = assign(actions, classroom_id)
    actions.logout()
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        assert assignment is not None
        question_ids = list(assignment.question_ids)
    assert len(question_ids) == 5

    for student, classroom in (("ana", classroom_id), ("bob", classroom_id), ("cyd", other_class)):
        actions.login(student)
        actions.submit("/classes/", {"code": join_code(app, classroom)}, "/classes/join")
        start = f"/assignments/{assignment_id}/start"
        if student == "cyd":
            assert "Strike check" not in client.get("/").get_data(as_text=True)
            assert actions.submit("/", {}, start).status_code == 403
        else:
            assert "Start: Strike check" in client.get("/").get_data(as_text=True)
            attempt_id = attempt_id_of(actions.submit("/", {}, start))
            with app.app_context():
                attempt = db.session.get(Attempt, attempt_id)
                assert attempt is not None
                assert [item.question_id for item in attempt.items] == question_ids
                assert attempt.mode == TEST
                assert attempt.assignment_id == assignment_id
            again = actions.submit("/", {}, start)
            assert again.headers["Location"] == f"/attempts/{attempt_id}", "resumes, no new one"
        actions.logout()


def test_an_assignment_needs_topics_with_questions(actions: Actions, make_user: MakeUser) -> None:
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    url = f"/classes/{create_class(actions)}"
    data = {"title": "Strike check", "bank": "no-such-bank", "length": "5", "mode": TEST}
    page = actions.submit(url, {**data, "topics": ["quotes"]}, f"{url}/assignments")
    assert page.status_code == 200
    assert field_error(page, "bank") == "Not a valid choice."
    page = actions.submit(url, {**data, "bank": MINI_BANK}, f"{url}/assignments")
    assert field_error(page, "topics") == "Choose at least one topic."


def test_a_finished_assignment_shows_its_score_and_can_be_taken_again(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    make_user("ana")
    actions.login("mr-t")
    classroom_id = create_class(actions)
    assignment_id = assign(actions, classroom_id, attempts_allowed="2")
    actions.logout()
    actions.login("ana")
    actions.submit("/classes/", {"code": join_code(app, classroom_id)}, "/classes/join")
    attempt_id = attempt_id_of(actions.submit("/", {}, f"/assignments/{assignment_id}/start"))
    actions.submit("/", {}, f"/attempts/{attempt_id}/finish")

    html = client.get("/").get_data(as_text=True)
    assert "Take again: Strike check" in html
    assert f'done, <a href="/attempts/{attempt_id}/result">0%' in html
    again = attempt_id_of(actions.submit("/", {}, f"/assignments/{assignment_id}/start"))
    assert again != attempt_id, "a finished assignment starts afresh"


def test_a_students_classes_page_lists_each_classes_quizzes(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    make_user("ana")
    actions.login("mr-t")
    classroom_id, quiet_id = create_class(actions), create_class(actions, "Quiet class")
    due = datetime.now(UTC).date()
    assignment_id = assign(actions, classroom_id, due_on=due.isoformat())
    actions.logout()
    actions.login("ana")
    for classroom in (classroom_id, quiet_id):
        actions.submit("/classes/", {"code": join_code(app, classroom)}, "/classes/join")

    html = client.get("/classes/").get_data(as_text=True)
    start = f'action="/assignments/{assignment_id}/start"'
    assert start in html
    assert "Start: Strike check" in html
    assert f"5 questions, test mode, due {due.day} {due:%B}" in html
    assert "No quizzes set yet." in html, "the class without quizzes says so"
    actions.submit("/classes/", {}, f"/assignments/{assignment_id}/start")
    assert "Resume: Strike check" in client.get("/classes/").get_data(as_text=True)
    assert "Resume: Strike check" in client.get("/").get_data(as_text=True)


def test_the_class_page_opens_at_its_top(
    client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    # Autofocus on the settings form at the foot of the page made browsers scroll down to it.
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    page = client.get(f"/classes/{create_class(actions)}").get_data(as_text=True)
    name_field = re.search(r'<input[^>]*\bid="name"[^>]*>', page)
    assert name_field, "the class settings have a name field"
    assert "autofocus" not in name_field.group(0)
    assert "autofocus" not in page


PASSED_DUE = "The due date has passed: choose a date from today on."


def test_an_assignment_due_in_the_past_is_refused(
    app: Flask, actions: Actions, make_user: MakeUser
) -> None:
    # Such an assignment could never be started.
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    url = f"/classes/{create_class(actions)}"
    data = {"title": "Strike check", "bank": MINI_BANK, "length": "5", "mode": TEST,
            "topics": ["quotes"], "due_on": "2020-01-01"}  # fmt: skip
    page = actions.submit(url, data, f"{url}/assignments")
    assert page.status_code == 200
    assert field_error(page, "due_on") == PASSED_DUE
    with app.app_context():
        assert db.session.scalar(select(Assignment.id)) is None
    today = {**data, "due_on": datetime.now(UTC).date().isoformat()}
    assert actions.submit(url, today, f"{url}/assignments").status_code == 302


@pytest.mark.parametrize("due_on", ["9999-12-31", "2999-01-01"])
def test_a_due_date_years_ahead_is_refused_next_to_the_field(
    app: Flask, actions: Actions, make_user: MakeUser, due_on: str
) -> None:
    # 9999-12-31 has no end of day to be due at: it once raised an OverflowError.
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    url = f"/classes/{create_class(actions)}"
    data = {"title": "Strike check", "bank": MINI_BANK, "length": "5", "mode": TEST,
            "topics": ["quotes"], "due_on": due_on, "show_answers": "after_due"}  # fmt: skip
    page = actions.submit(url, data, f"{url}/assignments")
    assert page.status_code == 200
    assert field_error(page, "due_on") == "Choose a due date within the next five years."
    with app.app_context():
        assert db.session.scalar(select(Assignment.id)) is None


def test_an_assignment_cannot_be_moved_into_the_past(
    app: Flask, actions: Actions, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    classroom_id = create_class(actions)
    assignment_id = assign(actions, classroom_id)
    edit = f"/classes/{classroom_id}/assignments/{assignment_id}/edit"
    rules = {"title": "Renamed", "attempts_allowed": "1", "show_answers": AFTER_LAST_ATTEMPT}
    page = actions.submit(edit, {**rules, "due_on": "2020-01-01"})
    assert page.status_code == 200
    assert field_error(page, "due_on") == PASSED_DUE
    # A due date that has passed since it was set stays, and the rest can still be changed.
    passed = datetime(2020, 1, 2, tzinfo=UTC)
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        assert assignment is not None
        assert assignment.due_at is None
        assignment.due_at = passed
        db.session.commit()
    assert actions.submit(edit, {**rules, "due_on": "2020-01-01"}).status_code == 302
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        assert assignment is not None
        assert (assignment.title, assignment.due_at) == ("Renamed", passed)


def test_the_class_form_takes_the_focus_only_while_there_is_no_class_to_show(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    make_user("ana")
    actions.login("mr-t")
    assert "autofocus" in client.get("/classes/").get_data(as_text=True)
    classroom_id = create_class(actions)
    assert "autofocus" not in client.get("/classes/").get_data(as_text=True)
    actions.logout()
    actions.login("ana")
    assert "autofocus" in client.get("/classes/").get_data(as_text=True)
    page = actions.submit("/classes/", {"code": join_code(app, classroom_id)}, "/classes/join")
    assert page.status_code == 302
    assert "autofocus" not in client.get("/classes/").get_data(as_text=True)
