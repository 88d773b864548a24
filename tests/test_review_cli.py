"""`quizapp review due|rebuild|retention|exam`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Classroom, MemoryState
from quizapp.scheduling import Rating
from quizapp.services.accounts import create_user
from quizapp.services.classes import create_classroom
from quizapp.services.memory import record_self_rating
from tests.conftest import MINI_BANK, PASSWORD

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def reviewed(app: Flask) -> None:
    """Ana rated two facts: one Again (due in a day), one Easy (due in a week or more)."""
    with app.app_context():
        ana = create_user("ana", PASSWORD)
        record_self_rating(ana, MINI_BANK, "quist-crate", Rating.Again, AT)
        record_self_rating(ana, MINI_BANK, "ships-waiting", Rating.Easy, AT)
        record_self_rating(ana, "other-bank", "x", Rating.Good, AT + timedelta(days=3))
        db.session.commit()


def due_json(runner: FlaskCliRunner, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(args=["review", "due", "ana", "--json", *args])
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


@pytest.mark.usefixtures("reviewed")
def test_due_lists_facts_as_seen_at_a_time(runner: FlaskCliRunner) -> None:
    rows = due_json(runner, "--bank", MINI_BANK, "--at", "2026-11-03T10:00:00Z")
    assert [(r["fact"], r["due_now"]) for r in rows] == [
        ("quist-crate", True), ("ships-waiting", False),
    ]  # fmt: skip
    first = rows[0]
    assert first["bank"] == MINI_BANK
    assert first["due"] == "2026-11-03T09:00:00+00:00"
    assert (first["reps"], first["lapses"], first["last_rating"]) == (1, 0, "Again")
    assert isinstance(first["stability"], float)
    assert isinstance(first["difficulty"], float)


@pytest.mark.usefixtures("reviewed")
def test_due_at_an_earlier_time_shows_only_what_was_reviewed_by_then(
    runner: FlaskCliRunner,
) -> None:
    assert {r["bank"] for r in due_json(runner)} == {MINI_BANK, "other-bank"}
    assert {r["bank"] for r in due_json(runner, "--at", "2026-11-04T00:00")} == {MINI_BANK}


@pytest.mark.usefixtures("reviewed")
def test_due_prints_a_readable_list(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["review", "due", "ana", "--at", "2026-11-03T10:00Z"])
    assert result.exit_code == 0, result.output
    assert "1 due at 2026-11-03T10:00:00+00:00" in result.stdout
    assert f"due 2026-11-03T09:00:00+00:00  {MINI_BANK}/quist-crate" in result.stdout


@pytest.mark.usefixtures("reviewed")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody"], "No user named 'nobody'"),
        (["ana", "--at", "yesterday"], "'yesterday' is not an ISO 8601 time"),
    ],
)
def test_due_explains_bad_input(runner: FlaskCliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(args=["review", "due", *args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("reviewed")
def test_rebuild_check_passes_then_fails_on_drift(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["review", "rebuild", "--check"])
    assert result.exit_code == 0, result.output
    assert "matched the replay exactly" in result.stdout
    with app.app_context():
        row = db.session.scalars(select(MemoryState)).first()
        assert row is not None
        row.reps = 50
        db.session.commit()
    assert runner.invoke(args=["review", "rebuild", "--check"]).exit_code == 1
    result = runner.invoke(args=["review", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "1 stored memory states differed" in result.stdout
    assert runner.invoke(args=["review", "rebuild", "--check"]).exit_code == 0


def test_retention_is_set_per_class(app: Flask, runner: FlaskCliRunner) -> None:
    with app.app_context():
        teacher = create_user("mr-t", PASSWORD, role="teacher")
        code = create_classroom(teacher, "Year 9").join_code
        db.session.commit()
    result = runner.invoke(args=["review", "retention", code.lower(), "0.85"])
    assert result.exit_code == 0, result.output
    refused = runner.invoke(args=["review", "retention", code, "0.5"])
    assert refused.exit_code == 1
    assert "between 0.70 and 0.97" in refused.output
    with app.app_context():
        assert db.session.scalars(select(Classroom.desired_retention)).one() == 0.85


@pytest.mark.usefixtures("reviewed")
def test_an_exam_date_brings_due_dates_forward(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["review", "exam", "ana", MINI_BANK, "2026-11-06"])
    assert result.exit_code == 0, result.output
    rows = due_json(runner, "--bank", MINI_BANK, "--at", "2026-11-03T10:00Z")
    assert {r["fact"]: r["due"] for r in rows}["ships-waiting"] == "2026-11-05T00:00:00+00:00"
    assert runner.invoke(args=["review", "exam", "ana", MINI_BANK, "none"]).exit_code == 0
    rows = due_json(runner, "--bank", MINI_BANK, "--at", "2026-11-03T10:00Z")
    assert str({r["fact"]: r["due"] for r in rows}["ships-waiting"]) > "2026-11-06"
    bad = runner.invoke(args=["review", "exam", "ana", MINI_BANK, "soon"])
    assert bad.exit_code != 0
    assert "'soon' is not a date" in bad.output
