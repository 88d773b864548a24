"""Finishing early asks first; an unfinished attempt can be discarded, with its answers."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import TEST, Attempt, MemoryState, Response, ReviewLog
from quizapp.services.rebuild import rebuild
from tests.conftest import Actions, MakeUser
from tests.views.conftest import EVERY_KIND, MakeAttempt, Quiz


def count(app: Flask, model: type[object], **where: object) -> int:
    with app.app_context():
        query = select(func.count()).select_from(model)
        for column, value in where.items():
            query = query.where(getattr(model, column) == value)
        return int(db.session.scalar(query) or 0)


@pytest.mark.usefixtures("student")
def test_finish_now_asks_first_and_says_how_many_count_as_wrong(
    client: FlaskClient, actions: Actions, quiz: Quiz
) -> None:
    attempt_id = quiz.start(length="5", mode=TEST)
    quiz.answer_right(attempt_id, 1)
    quiz.answer_right(attempt_id, 2)
    question = client.get(f"/attempts/{attempt_id}/q/3").get_data(as_text=True)
    # A link to a page, not a button that finishes at once: no JavaScript is needed to ask.
    assert f'href="/attempts/{attempt_id}/finish" role="button"' in question

    page = client.get(f"/attempts/{attempt_id}/finish")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "3 questions are unanswered; they will count as wrong." in html
    assert f'action="/attempts/{attempt_id}/finish"' in html
    assert f'href="/attempts/{attempt_id}"' in html, "and a way back to the quiz"
    assert not quiz.attempt(attempt_id).finished, "asking finishes nothing"

    done = actions.submit(f"/attempts/{attempt_id}/finish", {})
    assert done.headers["Location"] == f"/attempts/{attempt_id}/result"
    assert quiz.attempt(attempt_id).finished
    again = client.get(f"/attempts/{attempt_id}/finish")
    assert again.headers["Location"] == f"/attempts/{attempt_id}/result"


@pytest.mark.usefixtures("student")
def test_one_unanswered_question_is_named_in_the_singular(client: FlaskClient, quiz: Quiz) -> None:
    attempt_id = quiz.start(length="5", mode=TEST)
    for position in range(1, 5):
        quiz.answer_right(attempt_id, position)
    html = client.get(f"/attempts/{attempt_id}/finish").get_data(as_text=True)
    assert "1 question is unanswered; it will count as wrong." in html


def test_discarding_deletes_the_attempt_its_answers_and_what_memory_had_of_them(
    app: Flask,
    client: FlaskClient,
    actions: Actions,
    quiz: Quiz,
    make_user: MakeUser,
    make_attempt: MakeAttempt,
) -> None:
    make_user("ana")
    kept = make_attempt("ana", [EVERY_KIND["short_answer"]])
    dropped = make_attempt("ana", [EVERY_KIND["numeric"], EVERY_KIND["multiple_choice"]])
    actions.login("ana")
    quiz.answer_right(kept, 1)
    quiz.answer_wrong(dropped, 1)
    assert count(app, MemoryState) == 2

    dashboard = client.get("/").get_data(as_text=True)
    assert f'href="/attempts/{dropped}/discard"' in dashboard
    page = client.get(f"/attempts/{dropped}/discard")
    assert page.status_code == 200
    assert "1 of 2 answered" in page.get_data(as_text=True)
    assert count(app, Attempt, id=dropped) == 1, "asking deletes nothing"

    done = actions.submit(f"/attempts/{dropped}/discard", {})
    assert done.headers["Location"] == "/"
    assert "The unfinished quiz was discarded." in client.get("/").get_data(as_text=True)
    assert count(app, Attempt, id=dropped) == 0
    assert count(app, Response, attempt_id=dropped) == 0
    assert count(app, Response) == 1
    assert count(app, ReviewLog) == 1
    # The memory forgets the discarded answer, exactly as a replay of the answers left has it.
    with app.app_context():
        facts = set(db.session.scalars(select(MemoryState.fact_id)))
        assert facts == {EVERY_KIND["short_answer"].split(":")[0]}
        assert rebuild(write=False).exact
    assert client.get(f"/attempts/{dropped}").status_code == 404
    assert client.get(f"/attempts/{kept}").status_code == 302


@pytest.mark.usefixtures("student")
def test_a_finished_attempt_cannot_be_discarded(
    app: Flask, client: FlaskClient, actions: Actions, quiz: Quiz
) -> None:
    attempt_id = quiz.start(length="5", mode=TEST)
    actions.submit(f"/attempts/{attempt_id}/finish", {})
    page = client.get(f"/attempts/{attempt_id}/discard")
    assert page.headers["Location"] == f"/attempts/{attempt_id}/result"
    posted = actions.submit("/", {}, f"/attempts/{attempt_id}/discard")
    assert posted.headers["Location"] == f"/attempts/{attempt_id}/result"
    assert count(app, Attempt, id=attempt_id) == 1


def test_discarding_needs_the_owner_and_a_csrf_token(
    app: Flask,
    client: FlaskClient,
    actions: Actions,
    make_user: MakeUser,
    make_attempt: MakeAttempt,
) -> None:
    make_user("ana")
    make_user("bob")
    attempt_id = make_attempt("ana", [EVERY_KIND["short_answer"]])
    actions.login("bob")
    assert client.get(f"/attempts/{attempt_id}/discard").status_code == 404
    assert actions.submit("/", {}, f"/attempts/{attempt_id}/discard").status_code == 404
    actions.logout()
    actions.login("ana")
    assert client.post(f"/attempts/{attempt_id}/discard").status_code == 400
    assert count(app, Attempt, id=attempt_id) == 1
