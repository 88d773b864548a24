"""Per-user limits on guessing class codes and starting quizzes; teachers do not join classes;
Start clicked several times at once makes one attempt."""

from __future__ import annotations

import threading

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Attempt
from tests.conftest import Actions, MakeUser, csrf_token
from tests.views.conftest import Quiz, attempt_id_of, field_error
from tests.views.test_classes import assign, create_class, join_code


def test_a_teacher_cannot_join_a_class(app: Flask, actions: Actions, make_user: MakeUser) -> None:
    make_user("mr-t", teacher=True)
    make_user("ms-k", teacher=True)
    actions.login("mr-t")
    code = join_code(app, create_class(actions))
    actions.logout()
    actions.login("ms-k")
    page = actions.submit("/classes/", {"code": code}, "/classes/join")
    assert page.status_code == 200
    assert "Teachers cannot join classes" in field_error(page, "code")


@pytest.mark.parametrize("rate_limited", [True])
def test_guessing_class_codes_is_limited_per_student(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    make_user("ana")
    make_user("bob")
    actions.login("mr-t")
    code = join_code(app, create_class(actions))
    actions.logout()
    actions.login("ana")
    for _ in range(10):
        assert actions.submit("/classes/", {"code": "QQQQQQ"}, "/classes/join").status_code == 200
    assert actions.submit("/classes/", {"code": code}, "/classes/join").status_code == 429
    actions.logout()
    actions.login("bob")  # same address, another student
    assert actions.submit("/classes/", {"code": code}, "/classes/join").status_code == 302


@pytest.mark.parametrize("rate_limited", [True])
def test_starting_quizzes_is_limited_per_student(
    actions: Actions, make_user: MakeUser, quiz: Quiz
) -> None:
    make_user("ana")
    make_user("bob")
    actions.login("ana")
    for _ in range(10):
        quiz.start(length="5")
    page = actions.submit("/quiz/harbour-strike", {"length": "5", "topics": ["quotes"]})
    assert page.status_code == 429
    actions.logout()
    actions.login("bob")
    quiz.start(length="5")


def test_start_clicked_several_times_at_once_makes_one_attempt(
    app: Flask, actions: Actions, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    make_user("ana")
    actions.login("mr-t")
    classroom_id = create_class(actions)
    assignment_id = assign(actions, classroom_id)
    actions.logout()
    actions.login("ana")
    actions.submit("/classes/", {"code": join_code(app, classroom_id)}, "/classes/join")
    token = csrf_token(actions.client.get("/"))
    cookie = actions.client.get_cookie("session")
    assert cookie is not None

    clicks = 4
    ready = threading.Barrier(clicks)
    locations: list[int] = []
    statuses: list[int] = []

    def click() -> None:
        browser = app.test_client()  # one tab each, all in the same session
        browser.set_cookie("session", cookie.value)
        ready.wait()
        page = browser.post(f"/assignments/{assignment_id}/start", data={"csrf_token": token})
        statuses.append(page.status_code)
        if page.status_code == 302:
            locations.append(attempt_id_of(page))

    threads = [threading.Thread(target=click) for _ in range(clicks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [302] * clicks
    assert len(set(locations)) == 1, "every click leads to the same attempt"
    with app.app_context():
        query = select(func.count()).select_from(Attempt).where(Attempt.finished_at.is_(None))
        assert db.session.scalar(query) == 1
