"""What a teacher changes: assignment rules as students meet them, passwords, members, settings."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import (
    AFTER_DUE,
    AFTER_LAST_ATTEMPT,
    Assignment,
    Attempt,
    Classroom,
    Enrollment,
    LoginSession,
    User,
    utcnow,
)
from tests.conftest import PASSWORD, Actions
from tests.views.conftest import right_answer
from tests.views.results_data import ClassWithResults, make_class_with_results

NEW_PASSWORD = "a-fresh-pass-42"


@pytest.fixture
def klass(app: Flask) -> ClassWithResults:
    return make_class_with_results(app)


def set_rules(app: Flask, assignment_id: int, **values: object) -> None:
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        assert assignment is not None
        for name, value in values.items():
            setattr(assignment, name, value)
        db.session.commit()


def start(actions: Actions, assignment_id: int) -> str:
    page = actions.submit("/", {}, f"/assignments/{assignment_id}/start")
    assert page.status_code == 302
    return page.headers["Location"]


def test_a_test_set_once_cannot_be_started_again(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    set_rules(app, klass.assignment_id, attempts_allowed=1, show_answers=AFTER_LAST_ATTEMPT)
    klass.sit("ana", [None, None, None])  # finished with no answers at all
    actions.login("ana")
    assert start(actions, klass.assignment_id) == "/"
    home = client.get("/").get_data(as_text=True)
    assert "You have used your 1 attempt at this quiz." in home
    assert "Take again: Strike check" not in home
    with app.app_context():
        count = db.session.scalar(
            select(func.count(Attempt.id)).where(Attempt.user_id == klass.ana)
        )
    assert count == 1


# Only a result page that reveals the answers shows each one proved from the article.
SHOWN = "the article says so"


def test_answers_stay_hidden_until_the_last_attempt(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    set_rules(app, klass.assignment_id, attempts_allowed=2, show_answers=AFTER_LAST_ATTEMPT)
    first = klass.sit("ana", [False, False, False])
    actions.login("ana")
    result = client.get(f"/attempts/{first}/result").get_data(as_text=True)
    assert SHOWN not in result
    assert "after your last attempt" in result
    question = client.get(f"/attempts/{first}/q/1")
    assert question.headers["Location"] == f"/attempts/{first}/result"
    mistakes = client.get("/mistakes").get_data(as_text=True)
    assert "Right answer:" not in mistakes
    second = klass.sit("ana", [True, False, False])
    assert SHOWN in client.get(f"/attempts/{second}/result").get_data(as_text=True)
    assert SHOWN in client.get(f"/attempts/{first}/result").get_data(as_text=True)
    assert "Right answer:" in client.get("/mistakes").get_data(as_text=True)


def test_a_test_in_progress_shows_no_right_answers_among_mistakes(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    """Its questions come again in the next attempt: the mistakes page must not key them."""
    set_rules(app, klass.assignment_id, attempts_allowed=2, show_answers=AFTER_LAST_ATTEMPT)
    klass.sit("ana", [False, False, False], finish=False)
    actions.login("ana")
    mistakes = client.get("/mistakes").get_data(as_text=True)
    assert "Right answer:" not in mistakes
    assert "No mistakes" in mistakes


def test_answers_after_the_due_date_and_no_start_once_it_passed(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    set_rules(app, klass.assignment_id, due_at=utcnow() + timedelta(days=2), show_answers=AFTER_DUE)
    attempt = klass.sit("ana", [True, True, False])
    actions.login("ana")
    assert SHOWN not in client.get(f"/attempts/{attempt}/result").get_data(as_text=True)
    set_rules(app, klass.assignment_id, due_at=utcnow() - timedelta(minutes=1))
    assert SHOWN in client.get(f"/attempts/{attempt}/result").get_data(as_text=True)
    assert start(actions, klass.assignment_id) == "/"
    assert "This quiz was due already" in client.get("/").get_data(as_text=True)


def started_with_an_answer(
    app: Flask, actions: Actions, klass: ClassWithResults
) -> tuple[int, dict[str, str]]:
    """The signed-in student starts the class quiz: its attempt, and a right first answer."""
    attempt_id = int(start(actions, klass.assignment_id).split("/")[2])
    with app.app_context():
        item = db.session.get(Attempt, attempt_id).items[0]  # type: ignore[union-attr]
        return attempt_id, right_answer(dict(item.question))


def answered_too_late(app: Flask, actions: Actions, attempt_id: int, data: dict[str, str]) -> str:
    """The answer posted from a page left open goes to the result: closed, nothing stored."""
    page = actions.submit("/", data, f"/attempts/{attempt_id}/q/1")
    assert page.headers["Location"] == f"/attempts/{attempt_id}/result"
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt is not None
        assert attempt.finished
        assert all(item.response is None for item in attempt.items)
    return page.headers["Location"]


def test_an_open_attempt_closes_at_the_due_date(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    actions.login("ana")
    attempt_id, data = started_with_an_answer(app, actions, klass)
    set_rules(app, klass.assignment_id, due_at=utcnow() - timedelta(seconds=1))
    answered_too_late(app, actions, attempt_id, data)


def test_the_teacher_sets_rules_when_assigning_and_changes_them_later(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    actions.login("mr-t")
    base = f"/classes/{klass.classroom_id}"
    data = {"title": "Due soon", "bank": "harbour-strike", "length": "5", "mode": "test",
            "topics": ["quotes", "figures"], "due_on": "2031-03-04", "attempts_allowed": "mode",
            "show_answers": AFTER_DUE}  # fmt: skip
    assert actions.submit(base, data, f"{base}/assignments").status_code == 302
    with app.app_context():
        made = db.session.scalar(select(Assignment).where(Assignment.title == "Due soon"))
        assert made is not None
        assert made.attempts_allowed == 1  # the test mode's default
        assert made.due_on is not None
        assert made.due_on.isoformat() == "2031-03-04"
        made_id = made.id
    edit = f"{base}/assignments/{made_id}/edit"
    bad = actions.submit(edit, {"title": "Due soon", "attempts_allowed": "unlimited",
                                "show_answers": AFTER_LAST_ATTEMPT})  # fmt: skip
    assert bad.status_code == 200
    assert "there is no last one" in bad.get_data(as_text=True)
    good = actions.submit(edit, {"title": "Renamed", "attempts_allowed": "3",
                                 "show_answers": AFTER_LAST_ATTEMPT})  # fmt: skip
    assert good.status_code == 302
    with app.app_context():
        changed = db.session.get(Assignment, made_id)
        assert changed is not None
        assert (changed.title, changed.attempts_allowed, changed.due_at) == ("Renamed", 3, None)


def test_practice_shows_answers_at_once_or_is_refused(
    actions: Actions, klass: ClassWithResults
) -> None:
    actions.login("mr-t")
    base = f"/classes/{klass.classroom_id}"
    data = {"title": "Practice", "bank": "harbour-strike", "length": "5", "mode": "practice",
            "topics": ["quotes"], "attempts_allowed": "mode",
            "show_answers": AFTER_LAST_ATTEMPT}  # fmt: skip
    page = actions.submit(base, data, f"{base}/assignments")
    assert page.status_code == 200
    assert "Practice mode shows the right answer after each question" in page.get_data(as_text=True)


def test_deleting_an_assignment_keeps_the_attempts(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    attempt = klass.sit("ana", [True, True, True])
    actions.login("mr-t")
    url = f"/classes/{klass.classroom_id}/assignments/{klass.assignment_id}/delete"
    assert "Delete the assignment" in client.get(url).get_data(as_text=True)
    assert actions.submit(url, {}).status_code == 302
    assert client.get(url).status_code == 404
    with app.app_context():
        assert db.session.get(Attempt, attempt) is not None
    actions.logout()
    actions.login("ana")
    assert "Strike check" not in client.get("/").get_data(as_text=True).split("Pick up")[0]
    assert start(actions, klass.assignment_id) == "/"
    assert client.get(f"/attempts/{attempt}/result").status_code == 200


def test_the_preview_shows_the_questions_with_their_answers(
    client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    actions.login("mr-t")
    page = client.get(f"/classes/{klass.classroom_id}/assignments/{klass.assignment_id}/preview")
    html = page.get_data(as_text=True)
    assert html.count('<fieldset disabled class="preview-answer">') == 3
    assert html.count("<summary>Right answer") == 3


def test_a_reset_password_is_shown_once_and_must_be_changed(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    ana_client = app.test_client()
    Actions(ana_client).login("ana")
    actions.login("mr-t")
    url = f"/classes/{klass.classroom_id}/students/{klass.ana}/reset-password"
    assert "Reset the password" in client.get(url).get_data(as_text=True)
    page = actions.submit(url, {})
    assert page.headers["Cache-Control"] == "no-store"
    found = re.search(
        r'<p class="temporary-password">([a-z0-9-]+)</p>', page.get_data(as_text=True)
    )
    assert found
    password = found.group(1)
    with app.app_context():
        sessions = db.session.scalar(
            select(func.count()).select_from(LoginSession).where(LoginSession.user_id == klass.ana)
        )
    assert sessions == 0, "the student is signed out everywhere"
    assert ana_client.get("/").status_code == 200
    assert "Hello, Ana" not in ana_client.get("/").get_data(as_text=True)

    actions.logout()
    assert actions.login("ana", PASSWORD).status_code == 200  # the old password is gone
    assert actions.login("ana", password).status_code == 302
    assert client.get("/").headers["Location"] == "/account/password"
    assert client.get("/history").headers["Location"] == "/account/password"
    changed = actions.submit("/account/password", {"current": password, "password": NEW_PASSWORD,
                                                   "confirm": NEW_PASSWORD})  # fmt: skip
    assert changed.status_code == 302
    assert client.get("/").status_code == 200
    with app.app_context():
        ana = db.session.get(User, klass.ana)
        assert ana is not None
        assert not ana.must_change_password


def test_removing_a_student_keeps_their_attempts(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    attempt = klass.sit("ana", [True, False, True])
    actions.login("mr-t")
    url = f"/classes/{klass.classroom_id}/students/{klass.ana}/remove"
    assert "Remove from the class" in client.get(url).get_data(as_text=True)
    assert actions.submit(url, {}).status_code == 302
    with app.app_context():
        assert db.session.get(Enrollment, (klass.classroom_id, klass.ana)) is None
        assert db.session.get(Attempt, attempt) is not None
    assert client.get(f"/classes/{klass.classroom_id}/students/{klass.ana}").status_code == 404


def test_a_removed_student_can_answer_no_more_of_the_class_quiz(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    actions.login("ana")
    attempt_id, data = started_with_an_answer(app, actions, klass)
    actions.logout()
    actions.login("mr-t")
    assert actions.submit(f"/classes/{klass.classroom_id}/students/{klass.ana}/remove", {})
    actions.logout()
    actions.login("ana")
    result = answered_too_late(app, actions, attempt_id, data)
    assert "You are no longer in this quiz" in client.get(result).get_data(as_text=True)


def test_the_teacher_renames_the_class_and_sets_its_retention(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    actions.login("mr-t")
    base = f"/classes/{klass.classroom_id}"
    too_high = actions.submit(base, {"name": "9B", "retention_percent": "99"}, f"{base}/settings")
    assert too_high.status_code == 200
    assert "Give a percentage from 70 to 97." in too_high.get_data(as_text=True)
    page = actions.submit(
        base, {"name": " 9B English ", "retention_percent": "85"}, f"{base}/settings"
    )
    assert page.status_code == 302
    with app.app_context():
        classroom = db.session.get(Classroom, klass.classroom_id)
        assert classroom is not None
        assert (classroom.name, classroom.desired_retention) == ("9B English", 0.85)


def test_a_new_join_code_replaces_the_old_one(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    with app.app_context():
        old = db.session.get(Classroom, klass.classroom_id).join_code  # type: ignore[union-attr]
    actions.login("mr-t")
    base = f"/classes/{klass.classroom_id}"
    assert actions.submit(base, {}, f"{base}/join-code").status_code == 302
    with app.app_context():
        new = db.session.get(Classroom, klass.classroom_id).join_code  # type: ignore[union-attr]
    assert new != old
    detail = client.get(base).get_data(as_text=True)
    assert f'<span id="join-code" class="join-code">{new}</span>' in detail
    assert 'data-copy="join-code" hidden' in detail
    assert new in client.get(f"{base}/sign-up-sheet").get_data(as_text=True)
    actions.logout()
    actions.login("cyd")
    page = actions.submit("/classes/", {"code": old}, "/classes/join")
    assert "No class has this code" in page.get_data(as_text=True)


def test_item_analysis_waits_for_five_students(
    app: Flask, client: FlaskClient, actions: Actions, klass: ClassWithResults
) -> None:
    klass.sit("ana", [True, False, True])
    actions.login("mr-t")
    url = f"/classes/{klass.classroom_id}/banks/harbour-strike/analysis"
    html = client.get(url).get_data(as_text=True)
    assert "Fewer than 5 students have answered: figures not shown yet." in html
    assert "upper–lower index" in html
