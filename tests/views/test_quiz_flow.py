"""Starting a quiz and answering it: options, one question a page, every kind, answers once."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.forms import AnswerForm
from quizapp.models import PRACTICE, TEST, AttemptItem, Response
from quizapp.services.accounts import find_user
from tests.conftest import MINI_BANK, Actions, MakeUser, csrf_token
from tests.views.conftest import (
    EVERY_KIND,
    MakeAttempt,
    Quiz,
    controls,
    right_answer,
    wrong_answer,
)


def shown_stamp(app: Flask, item_id: int, at: datetime) -> str:
    """The signed 'shown' value the question page would have stamped at that time."""
    with app.test_request_context():
        form = AnswerForm(meta={"csrf": False})
        form.stamp_shown(item_id, at)
        return str(form.shown.data)


@pytest.mark.usefixtures("student")
def test_one_question_a_page_with_progress_and_the_article(client: FlaskClient, quiz: Quiz) -> None:
    attempt_id = quiz.start(length="10")
    html = client.get(f"/attempts/{attempt_id}/q/3").get_data(as_text=True)
    assert "Question 3 of 10" in html
    assert '<progress value="3" max="10"' in html
    assert f'href="/articles/{MINI_BANK}"' in html
    assert html.count('class="answer-form"') == 1
    assert client.get(f"/attempts/{attempt_id}/q/11").status_code == 404


@pytest.mark.parametrize("kind", list(EVERY_KIND))
@pytest.mark.parametrize("right", [True, False])
def test_every_kind_is_answerable_with_a_plain_form(
    client: FlaskClient,
    actions: Actions,
    make_user: MakeUser,
    make_attempt: MakeAttempt,
    quiz: Quiz,
    kind: str,
    right: bool,
) -> None:
    make_user("ana")
    attempt_id = make_attempt("ana", list(EVERY_KIND.values()))
    actions.login("ana")
    items = quiz.items(attempt_id)
    position = next(i for i, item in enumerate(items, start=1) if item["kind"] == kind)
    question = items[position - 1]
    page = client.get(f"/attempts/{attempt_id}/q/{position}")
    if kind == "matching":
        selects = [c for c in controls(page) if c.get("name", "").startswith("pair_")]
        assert [c["tag"] for c in selects] == ["select"] * len(question["pairs"])
    elif kind in ("multiple_choice", "true_false"):
        radios = controls(page, "answer")
        assert [(c["type"], c["value"]) for c in radios] == [
            ("radio", choice) for choice in question["choices"]
        ]
    else:
        [typed] = controls(page, "answer")
        assert typed["type"] == "text"
        assert (typed.get("inputmode") == "decimal") == (kind == "numeric")

    data = right_answer(question) if right else wrong_answer(question)
    page = quiz.answer(attempt_id, position, data)
    assert page.status_code == 302, "post, redirect, get"
    assert page.headers["Location"] == f"/attempts/{attempt_id}/q/{position}"
    [response] = quiz.responses(attempt_id)
    assert response.question_id == question["id"]
    assert response.correct is right
    assert response.score == (1.0 if right else 0.0)


@pytest.mark.parametrize("mode", [PRACTICE, TEST])
@pytest.mark.parametrize("second", ["same", "different"])
def test_a_second_post_of_an_answer_keeps_the_first(
    client: FlaskClient,
    actions: Actions,
    make_user: MakeUser,
    make_attempt: MakeAttempt,
    quiz: Quiz,
    mode: str,
    second: str,
) -> None:
    ids = [EVERY_KIND["multiple_choice"], EVERY_KIND["numeric"]]
    make_user("ana")
    attempt_id = make_attempt("ana", ids, mode=mode)
    actions.login("ana")
    question = quiz.items(attempt_id)[0]
    url = f"/attempts/{attempt_id}/q/1"
    token = csrf_token(client.get(url))  # the page stays open: back button, double click
    first = client.post(url, data={**right_answer(question), "csrf_token": token})
    again = right_answer(question) if second == "same" else wrong_answer(question)
    repeat = client.post(url, data={**again, "csrf_token": token})
    assert first.status_code == repeat.status_code == 302
    [response] = quiz.responses(attempt_id)
    assert response.correct
    assert response.answer == {"value": question["answer"]}


@pytest.mark.usefixtures("student")
def test_an_unfinished_attempt_can_be_resumed_where_it_stopped(
    client: FlaskClient, quiz: Quiz
) -> None:
    attempt_id = quiz.start(length="5", mode=TEST)
    quiz.answer_right(attempt_id, 1)
    quiz.answer_wrong(attempt_id, 3)
    html = client.get("/").get_data(as_text=True)
    assert re.search(rf'<a href="/attempts/{attempt_id}"[^>]*>\s*Resume\b', html)
    assert "2 of 5 answered" in html
    page = client.get(f"/attempts/{attempt_id}")
    assert page.headers["Location"] == f"/attempts/{attempt_id}/q/2"

    for position in (2, 4, 5):
        quiz.answer_right(attempt_id, position)
    assert quiz.attempt(attempt_id).finished
    assert "Pick up where you left off" not in client.get("/").get_data(as_text=True)
    assert client.get(f"/attempts/{attempt_id}").headers["Location"].endswith("/result")


def test_every_response_is_stored_with_its_context(
    app: Flask,
    client: FlaskClient,
    actions: Actions,
    make_user: MakeUser,
    make_attempt: MakeAttempt,
    quiz: Quiz,
) -> None:
    make_user("ana")
    attempt_id = make_attempt("ana", [EVERY_KIND["numeric"], EVERY_KIND["cloze"]])
    actions.login("ana")
    url = f"/attempts/{attempt_id}/q/1"
    page = client.get(url)
    assert 'name="shown" type="hidden"' in page.text, "the form carries when it was shown"
    with app.app_context():
        user = find_user("ana")
        assert user is not None
        user_id = user.id
        item_id = db.session.scalars(
            select(AttemptItem.id).filter_by(attempt_id=attempt_id, position=1)
        ).one()
    shown = datetime.now(UTC) - timedelta(seconds=4.5)
    before = datetime.now(UTC)
    client.post(url, data={"answer": "wrong guess", "csrf_token": csrf_token(page),
                           "shown": shown_stamp(app, item_id, shown)})  # fmt: skip
    after = datetime.now(UTC)

    question = quiz.items(attempt_id)[0]
    [response] = quiz.responses(attempt_id)
    assert (response.user_id, response.attempt_id) == (user_id, attempt_id)
    assert (response.question_id, response.fact_id) == (question["id"], question["fact"])
    assert response.bank_slug == MINI_BANK
    assert response.answer == {"value": "wrong guess"}
    assert response.answer_text == "wrong guess"
    assert response.correct is False
    assert response.time_taken_ms is not None
    assert 4500 <= response.time_taken_ms <= 4500 + (after - before) / timedelta(milliseconds=1)
    assert before <= response.answered_at <= after


@pytest.mark.parametrize("stamp", ["forged", "other item", "in the future", "missing"])
def test_an_answer_whose_shown_stamp_is_not_genuine_is_untimed(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser,
    make_attempt: MakeAttempt, stamp: str,
) -> None:  # fmt: skip
    """A timed answer can rate Easy: only the app's own stamp for this question times it."""
    make_user("ana")
    attempt_id = make_attempt("ana", [EVERY_KIND["numeric"]])
    actions.login("ana")
    url = f"/attempts/{attempt_id}/q/1"
    page = client.get(url)
    with app.app_context():
        item_id = db.session.scalars(select(AttemptItem.id).filter_by(attempt_id=attempt_id)).one()
    earlier = datetime.now(UTC) - timedelta(seconds=3)
    shown = {
        "forged": shown_stamp(app, item_id, earlier)[:-2] + "xx",
        "other item": shown_stamp(app, item_id + 1, earlier),
        "in the future": shown_stamp(app, item_id, datetime.now(UTC) + timedelta(hours=1)),
        "missing": "",
    }[stamp]
    posted = client.post(url, data={"answer": "7", "csrf_token": csrf_token(page),
                                    "shown": shown})  # fmt: skip
    assert posted.status_code == 302
    with app.app_context():
        response = db.session.scalars(select(Response).filter_by(item_id=item_id)).one()
        assert response.time_taken_ms is None
