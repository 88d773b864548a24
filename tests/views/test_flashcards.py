"""Flashcards without JavaScript: front, back with evidence, rating buttons with intervals."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import ReviewLog, utcnow
from quizapp.scheduling import Rating
from quizapp.services.accounts import find_user
from quizapp.services.flashcards import fronts
from quizapp.services.memory import record_self_rating
from quizapp.services.review import set_exam_date
from tests.conftest import MINI_BANK, Actions, csrf_token

FRONT = f"/flashcards/{MINI_BANK}"


def logs(app: Flask) -> list[tuple[str, str, int]]:
    with app.app_context():
        rows = db.session.scalars(select(ReviewLog).order_by(ReviewLog.id))
        return [(r.fact_id, r.source, r.rating) for r in rows]


@pytest.mark.usefixtures("student")
def test_a_card_turns_over_and_its_rating_updates_memory(client: FlaskClient, app: Flask) -> None:
    front = client.get(FRONT).get_data(as_text=True)
    assert "Show answer" in front
    assert 'class="flashcard-flip"' in front
    back_url = f"{FRONT}/quist-crate"
    assert f'action="{back_url}"' in front  # the first fact not met yet
    back = client.get(back_url)
    html = back.get_data(as_text=True)
    assert "Answer: " in html
    assert "Where the article says so (paragraph" in html
    for label in ("1 · Again · 1 d", "2 · Hard · 1 d", "3 · Good · 2 d", "4 · Easy · 8 d"):
        assert label in html
    rated = client.post(back_url, data={"rating": "3", "csrf_token": csrf_token(back)})
    assert rated.headers["Location"].endswith(FRONT)
    assert logs(app) == [("quist-crate", "self", int(Rating.Good))]
    after = client.get(FRONT).get_data(as_text=True)
    assert "Good: this card comes back in 2 d." in after
    assert f'action="{back_url}"' not in after  # on to the next fact


@pytest.mark.usefixtures("student")
def test_the_buttons_show_intervals_cut_at_the_exam(client: FlaskClient, app: Flask) -> None:
    """With the exam in three days, no button promises a wait past the day before it."""
    with app.app_context():
        ana = find_user("ana")
        assert ana is not None
        set_exam_date(ana, MINI_BANK, (utcnow() + timedelta(days=3)).date())
        db.session.commit()
    html = client.get(f"{FRONT}/quist-crate").get_data(as_text=True)
    assert "4 · Easy · 8 d" not in html
    easy = re.search(r"4 · Easy · (\d+) d", html)
    assert easy is not None
    assert int(easy.group(1)) <= 2
    assert "1 · Again · 1 d" in html  # short intervals stay as they are


@pytest.mark.usefixtures("student")
def test_a_due_fact_comes_before_a_new_one(client: FlaskClient, app: Flask) -> None:
    with app.app_context():
        ana = find_user("ana")
        assert ana is not None
        record_self_rating(ana, MINI_BANK, "bellport", Rating.Again, utcnow() - timedelta(days=3))
        db.session.commit()
    assert f'action="{FRONT}/bellport"' in client.get(FRONT).get_data(as_text=True)
    back = client.get(f"{FRONT}/bellport").get_data(as_text=True)
    assert "3 · Good ·" in back


@pytest.mark.usefixtures("student")
def test_bad_ratings_and_unknown_cards_are_refused(client: FlaskClient, app: Flask) -> None:
    back = client.get(f"{FRONT}/quist-crate")
    token = csrf_token(back)
    assert (
        client.post(f"{FRONT}/quist-crate", data={"rating": "7", "csrf_token": token}).status_code
        == 400
    )
    assert client.post(f"{FRONT}/quist-crate", data={"rating": "3"}).status_code == 400
    assert client.get(f"{FRONT}/no-such-fact").status_code == 404
    assert client.get("/flashcards/no-such-bank").status_code == 404
    assert logs(app) == []


@pytest.mark.usefixtures("student")
def test_when_every_card_is_done_the_page_says_when_the_next_is_due(
    client: FlaskClient, actions: Actions
) -> None:
    for _ in range(40):
        front = client.get(FRONT).get_data(as_text=True)
        if "No card is due" in front:
            break
        back_url = front.split('class="flashcard-flip"')[0].rsplit('action="', 1)[1].split('"')[0]
        back = client.get(back_url)
        client.post(back_url, data={"rating": "4", "csrf_token": csrf_token(back)})
    else:
        pytest.fail("the cards never ran out")
    assert "the next falls due on" in front


def test_flashcards_need_a_signed_in_user(client: FlaskClient) -> None:
    assert client.get(FRONT).status_code == 302


@pytest.mark.usefixtures("student")
def test_the_wait_after_rating_reads_as_on_the_button(client: FlaskClient) -> None:
    # Again's wait of one day was announced as "1440 min" under a button saying "1 d".
    back = client.get(f"{FRONT}/quist-crate")
    assert "1 · Again · 1 d" in back.get_data(as_text=True)
    client.post(f"{FRONT}/quist-crate", data={"rating": "1", "csrf_token": csrf_token(back)})
    assert "Again: this card comes back in 1 d." in client.get(FRONT).get_data(as_text=True)


@pytest.mark.usefixtures("student")
def test_with_nothing_due_a_student_can_study_ahead_the_likeliest_forgotten_first(
    client: FlaskClient, app: Flask
) -> None:
    with app.app_context():
        user = find_user("ana")
        assert user is not None
        now = utcnow()
        # Every card known and none due; "quist-crate" was learnt longest ago.
        for fact in fronts(catalogue().questions(MINI_BANK)):
            ago = timedelta(days=4) if fact == "quist-crate" else timedelta(hours=1)
            record_self_rating(user, MINI_BANK, fact, Rating.Easy, now - ago)
        db.session.commit()
    front = client.get(FRONT).get_data(as_text=True)
    assert "No card is due" in front
    assert f'href="{FRONT}?ahead=1"' in front

    ahead = client.get(f"{FRONT}?ahead=1").get_data(as_text=True)
    assert "Studying ahead" in ahead
    assert f'action="{FRONT}/quist-crate"' in ahead  # the weakest, though not due
    assert '<input type="hidden" name="ahead" value="1">' in ahead
    back = client.get(f"{FRONT}/quist-crate?ahead=1")
    assert f'action="{FRONT}/quist-crate?ahead=1"' in back.get_data(as_text=True)
    rated = client.post(
        f"{FRONT}/quist-crate?ahead=1", data={"rating": "3", "csrf_token": csrf_token(back)}
    )
    assert rated.headers["Location"].endswith(f"{FRONT}?ahead=1")  # on to the next weakest
    assert logs(app)[-1] == ("quist-crate", "self", int(Rating.Good))
    after = client.get(f"{FRONT}?ahead=1").get_data(as_text=True)
    assert f'action="{FRONT}/quist-crate"' not in after
    assert "No card is due" in client.get(FRONT).get_data(as_text=True)  # ahead, not due
