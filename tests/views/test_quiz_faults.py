"""Database trouble while answering: a wait, a reconnect or a clear retry page; nothing lost."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from tests.conftest import csrf_token

from .conftest import EVERY_KIND, MakeAttempt, Quiz, right_answer


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    # SQLite waits 0.3 s for a lock here instead of the usual seconds, to keep the test short.
    options: dict[str, Any] = {"pool_pre_ping": True}
    if app_config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        options["connect_args"] = {"timeout": 0.3}
    return {**app_config, "SQLALCHEMY_ENGINE_OPTIONS": options}


@contextmanager
def sqlite_locked(url: str) -> Iterator[None]:
    """Another process holding the database's write lock (and, without WAL, its read lock)."""
    holder = sqlite3.connect(str(make_url(url).database), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def _end_app_connections(url: str) -> int:
    """PostgreSQL: end every other backend of this database, as an admin or a failover would."""
    admin = create_engine(url, poolclass=NullPool)
    try:
        with admin.connect() as connection:
            ended = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
    finally:
        admin.dispose()
    return int(ended)


def test_database_trouble_gives_a_retry_page_or_a_reconnect_and_loses_nothing(
    app: Flask, client: FlaskClient, quiz: Quiz, make_attempt: MakeAttempt, student: None
) -> None:
    attempt_id = make_attempt("ana", [EVERY_KIND["true_false"], EVERY_KIND["numeric"]])
    url = f"/attempts/{attempt_id}/q/1"
    form = {**right_answer(quiz.items(attempt_id)[0]), "csrf_token": csrf_token(client.get(url))}
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    if database.startswith("sqlite"):
        with sqlite_locked(database):
            refused = client.post(url, data=form)
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "5"
        assert "send it again" in refused.get_data(as_text=True)
        assert quiz.responses(attempt_id) == []
        retried = client.post(url, data=form)  # the student presses the button again
    else:
        # The pool's connections are dead; pool_pre_ping notices and reconnects.
        assert _end_app_connections(database) >= 1
        retried = client.post(url, data=form)
    assert retried.status_code == 302
    assert client.post(url, data=form).status_code == 302  # and once more: the first stands
    assert [r.item_id for r in quiz.responses(attempt_id)] == [quiz.attempt(attempt_id).items[0].id]
