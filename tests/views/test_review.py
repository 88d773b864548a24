"""Review pages: due counts on the dashboard, review sessions, weakest facts, exam dates."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import REVIEW, ExamDate, MemoryState, utcnow
from quizapp.scheduling import RECOGNITION_KINDS, Rating
from quizapp.services.accounts import find_user
from quizapp.services.memory import record_self_rating
from tests.conftest import MINI_BANK, Actions
from tests.views.conftest import Quiz, attempt_id_of, field_error

Remember = Callable[..., None]


@pytest.fixture
def remember(app: Flask) -> Remember:
    """remember(fact, rating, days_ago): ana rated the fact that long ago."""

    def rate(fact: str, rating: Rating = Rating.Again, days_ago: float = 10) -> None:
        with app.app_context():
            ana = find_user("ana")
            assert ana is not None
            record_self_rating(ana, MINI_BANK, fact, rating, utcnow() - timedelta(days=days_ago))
            db.session.commit()

    return rate


def memory(app: Flask, fact: str) -> MemoryState:
    with app.app_context():
        row = db.session.scalar(select(MemoryState).where(MemoryState.fact_id == fact))
        assert row is not None
        db.session.expunge(row)
        return row


@pytest.mark.usefixtures("student")
def test_the_dashboard_shows_due_facts_per_bank(client: FlaskClient, remember: Remember) -> None:
    assert "Due for review" not in client.get("/").get_data(as_text=True)
    remember("quist-crate", days_ago=10)
    remember("ships-waiting", days_ago=9)
    remember("bellport", Rating.Easy, days_ago=0)
    html = client.get("/").get_data(as_text=True)
    assert "Due for review" in html
    assert "<strong>2</strong> facts due now" in html
    assert f'href="/review/{MINI_BANK}"' in html
    assert re.search(r"· next <time datetime=\"[^\"]+\">[^<]+ UTC</time></small>", html), (
        "when the Easy one falls due"
    )


@pytest.mark.usefixtures("student")
def test_a_review_session_asks_the_due_facts_most_overdue_first(
    client: FlaskClient, actions: Actions, quiz: Quiz, remember: Remember, app: Flask
) -> None:
    remember("ships-waiting", days_ago=5)
    remember("quist-crate", days_ago=10)
    remember("bellport", Rating.Easy, days_ago=0)  # not due
    page = client.get(f"/review/{MINI_BANK}").get_data(as_text=True)
    assert "<strong>2</strong> facts are due now" in page
    started = actions.submit(f"/review/{MINI_BANK}", {})
    attempt_id = attempt_id_of(started)
    assert quiz.attempt(attempt_id).mode == REVIEW
    items = quiz.items(attempt_id)
    assert [item["fact"] for item in items] == ["quist-crate", "ships-waiting"]
    assert all(item["kind"] in RECOGNITION_KINDS for item in items)  # weak facts: recognition

    answered = quiz.answer_right(attempt_id, 1)
    assert answered.headers["Location"].endswith(f"/attempts/{attempt_id}/q/1")  # feedback
    assert "Correct" in client.get(f"/attempts/{attempt_id}/q/1").get_data(as_text=True)
    assert memory(app, "quist-crate").due > utcnow() + timedelta(hours=12)


@pytest.mark.usefixtures("student")
def test_review_starts_with_the_bank_of_the_most_overdue_fact(
    actions: Actions, quiz: Quiz, remember: Remember
) -> None:
    remember("quist-crate", days_ago=3)
    attempt_id = attempt_id_of(actions.submit("/review", {}))
    assert [item["fact"] for item in quiz.items(attempt_id)] == ["quist-crate"]


@pytest.mark.usefixtures("student")
def test_when_nothing_is_due_the_weakest_facts_are_offered(
    client: FlaskClient, actions: Actions, quiz: Quiz, remember: Remember
) -> None:
    remember("quist-crate", Rating.Easy, days_ago=0)
    remember("ships-waiting", Rating.Good, days_ago=1.5)  # due in half a day
    html = client.get(f"/review/{MINI_BANK}").get_data(as_text=True)
    assert "Nothing is due. The next fact falls due on" in html
    assert "Practise your weakest facts" in html
    refused = actions.submit(f"/review/{MINI_BANK}", {})
    assert refused.headers["Location"].endswith(f"/review/{MINI_BANK}")
    assert "Nothing is due for review" in client.get(f"/review/{MINI_BANK}").get_data(as_text=True)
    attempt_id = attempt_id_of(
        actions.submit(f"/review/{MINI_BANK}", {}, action=f"/review/{MINI_BANK}/weakest")
    )
    assert quiz.attempt(attempt_id).mode == "practice"
    # Recalled less surely after a day and a half than just now: the weaker, asked first.
    assert [item["fact"] for item in quiz.items(attempt_id)] == ["ships-waiting", "quist-crate"]


@pytest.mark.usefixtures("student")
def test_before_any_answer_the_review_page_says_what_to_do(
    client: FlaskClient, actions: Actions
) -> None:
    html = client.get("/review").get_data(as_text=True)
    assert "Nothing to review yet" in html
    assert actions.submit("/review", {}).headers["Location"].endswith("/review")
    weakest = actions.submit(f"/review/{MINI_BANK}", {}, action=f"/review/{MINI_BANK}/weakest")
    assert weakest.status_code == 302
    assert "Take a quiz on this article first" in client.get(f"/review/{MINI_BANK}").get_data(
        as_text=True
    )


@pytest.mark.usefixtures("student")
def test_an_exam_date_is_set_refused_in_the_past_and_cleared(
    client: FlaskClient, actions: Actions, app: Flask
) -> None:
    url, action = f"/review/{MINI_BANK}", f"/review/{MINI_BANK}/exam"
    soon = utcnow().date() + timedelta(days=7)
    saved = actions.submit(url, {"exam_on": soon.isoformat()}, action=action)
    assert saved.status_code == 302
    assert f'value="{soon.isoformat()}"' in client.get(url).get_data(as_text=True)
    past = actions.submit(url, {"exam_on": "2020-01-01"}, action=action)
    assert past.status_code == 422
    assert "in the past" in field_error(past, "exam_on")
    with app.app_context():
        assert db.session.scalars(select(ExamDate.exam_on)).all() == [soon]
    actions.submit(url, {"exam_on": ""}, action=action)
    with app.app_context():
        assert db.session.scalars(select(ExamDate)).all() == []


def test_review_pages_need_a_signed_in_user(client: FlaskClient) -> None:
    assert client.get("/review").status_code == 302
    assert client.get(f"/review/{MINI_BANK}").status_code == 302


@pytest.mark.usefixtures("student")
def test_an_unknown_bank_is_not_found(client: FlaskClient) -> None:
    assert client.get("/review/no-such-bank").status_code == 404
