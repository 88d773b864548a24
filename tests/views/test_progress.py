"""/progress: due forecast, true retention, facts mastered per topic, the study streak."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.extensions import db
from quizapp.models import utcnow
from quizapp.scheduling import Rating
from quizapp.services.accounts import find_user
from quizapp.services.memory import record_self_rating
from tests.conftest import MINI_BANK


@pytest.fixture
def studied(app: Flask) -> None:
    """Three days in a row of study; one lapse; one fact held for months."""
    with app.app_context():
        ana = find_user("ana")
        assert ana is not None
        now = utcnow()

        def rate(fact: str, rating: Rating, days_ago: float) -> None:
            record_self_rating(ana, MINI_BANK, fact, rating, now - timedelta(days=days_ago))

        rate("quist-crate", Rating.Good, 2)  # first meeting: not counted in retention
        rate("quist-crate", Rating.Good, 1)  # passed
        rate("quist-crate", Rating.Again, 0)  # failed: due tomorrow
        for days in (200, 150, 60):
            rate("ships-waiting", Rating.Easy, days)  # mastered, passed twice (one in 30 days)
        db.session.commit()


def cells(html: str, caption: str) -> list[list[str]]:
    table = html.split(caption, 1)[1].split("</table>", 1)[0]
    return [
        re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        for row in re.findall(r"<tr>(.*?)</tr>", table)
    ]


@pytest.mark.usefixtures("student", "studied")
def test_progress_shows_streak_retention_forecast_and_mastery(client: FlaskClient) -> None:
    html = client.get("/progress").get_data(as_text=True)
    assert "<strong>3</strong> days in a row" in html
    # In the last 30 days: Good then Again on quist-crate (its first meeting does not count).
    assert "<strong>50%</strong> of your reviews in the last 30 days were passed (1 of 2" in html
    forecast = cells(html, "Facts due per day (UTC)")[1:]
    assert len(forecast) == 30
    assert forecast[1][1] == "1"  # the lapse, tomorrow
    assert sum(int(row[1]) for row in forecast) == 1  # the mastered fact: beyond 30 days
    assert html.count("<rect ") == 30
    mastery = cells(html, "Facts mastered per topic")
    assert ["Figures", "1", "1"] in mastery
    assert ["Quotes", "0", "1"] in mastery


@pytest.mark.usefixtures("student")
def test_progress_before_any_study(client: FlaskClient) -> None:
    html = client.get("/progress").get_data(as_text=True)
    assert "<strong>0</strong> days in a row" in html
    assert "No reviews of facts you had met before" in html
    assert "No facts in memory yet" in html


def test_progress_needs_a_signed_in_user(client: FlaskClient) -> None:
    assert client.get("/progress").status_code == 302
