"""Migrations: upgrading an empty database gives exactly the models' schema (SQLite, PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask.testing import FlaskCliRunner
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from quizapp.cli import FIRST_REVISION
from quizapp.extensions import db
from quizapp.models import SNAPSHOT_VERSION, AttemptItem
from tests.conftest import drop_everything

# The newest revision in migrations/versions, read from the scripts rather than written here.
HEAD = ScriptDirectory(str(Path(__file__).parent.parent / "migrations")).get_current_head()


def differences() -> list[Any]:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        found: list[Any] = compare_metadata(context, db.metadata)
    return found


def revision() -> str | None:
    with db.engine.connect() as connection:
        current: str | None = MigrationContext.configure(connection).get_current_revision()
    return current


def test_upgrading_an_empty_database_gives_the_models_schema(app: Flask) -> None:
    with app.app_context():
        drop_everything()
        assert differences(), "an empty database differs from the models"
        upgrade()
        assert differences() == []
        assert set(inspect(db.engine).get_table_names()) == {
            *db.metadata.tables,
            "alembic_version",
        }


def test_every_revision_downgrades_and_upgrades_again(app: Flask) -> None:
    with app.app_context():
        drop_everything()
        upgrade()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
        upgrade()
        assert differences() == []


def test_init_upgrades_a_database_made_before_migrations(
    app: Flask, runner: FlaskCliRunner
) -> None:
    """An old database (first revision's tables, no version table) is stamped, then upgraded."""
    with app.app_context():
        drop_everything()
        upgrade(revision=FIRST_REVISION)
        db.session.execute(
            text(
                'INSERT INTO "user" (id, username, display_name, password_hash, role,'
                " created_at) VALUES (1, 'ana', 'Ana', 'x', 'student', CURRENT_TIMESTAMP)"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO attempt (id, user_id, bank_slug, bank_digest, mode, topics,"
                " started_at) VALUES (1, 1, 'b', 'd', 'test', '[]', CURRENT_TIMESTAMP)"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO attempt_item (id, attempt_id, position, question_id, fact_id,"
                " question) VALUES (1, 1, 0, 'q', 'f', '{}')"
            )
        )
        # An answer too: a migration that rebuilt a table its rows point at would fail here.
        db.session.execute(
            text(
                "INSERT INTO response (id, item_id, attempt_id, user_id, bank_slug, question_id,"
                " fact_id, answer, answer_text, correct, score, feedback, answered_at) VALUES"
                " (1, 1, 1, 1, 'b', 'q', 'f', '{}', 'x', true, 1.0, 'ok', CURRENT_TIMESTAMP)"
            )
        )
        db.session.execute(text("DROP TABLE alembic_version"))
        db.session.commit()

    result = runner.invoke(args=["init"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert differences() == []
        assert revision() == HEAD
        item = db.session.scalar(select(AttemptItem))
        assert item is not None
        # A row stored before versions existed has the first layout, older than today's.
        assert item.snapshot_version == 1 < SNAPSHOT_VERSION


def test_init_takes_a_database_made_by_create_all_as_up_to_date(
    app: Flask, runner: FlaskCliRunner
) -> None:
    result = runner.invoke(args=["init"])  # the fixture made today's tables with create_all
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert differences() == []
        assert revision() == HEAD


def test_dropping_the_first_display_time_keeps_every_item_and_its_answer(app: Flask) -> None:
    """0006 rebuilds attempt_item on SQLite (batch mode) while answers point at its rows."""
    with app.app_context():
        drop_everything()
        upgrade(revision="0005")
        for statement in (
            'INSERT INTO "user" (id, username, display_name, password_hash, role, created_at,'
            " must_change_password) VALUES (1, 'ana', 'Ana', 'x', 'student', CURRENT_TIMESTAMP,"
            " false)",
            "INSERT INTO attempt (id, user_id, bank_slug, bank_digest, mode, topics, started_at)"
            " VALUES (1, 1, 'b', 'd', 'test', '[]', CURRENT_TIMESTAMP)",
            "INSERT INTO attempt_item (id, attempt_id, position, question_id, fact_id, question,"
            " snapshot_version, first_shown_at) VALUES (1, 1, 1, 'q', 'f', '{}', 2,"
            " CURRENT_TIMESTAMP)",
            "INSERT INTO response (id, item_id, attempt_id, user_id, bank_slug, question_id,"
            " fact_id, answer, answer_text, correct, score, typo, feedback, answered_at)"
            " VALUES (1, 1, 1, 1, 'b', 'q', 'f', '{}', 'x', true, 1.0, false, 'ok',"
            " CURRENT_TIMESTAMP)",
        ):
            db.session.execute(text(statement))
        db.session.commit()
        upgrade()
        assert differences() == []
        rows = db.session.execute(
            text(
                "SELECT r.id, i.question_id FROM response r JOIN attempt_item i ON i.id = r.item_id"
            )
        ).all()
        assert [tuple(row) for row in rows] == [(1, "q")]
