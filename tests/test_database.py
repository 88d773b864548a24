"""SQLite tuned on every connection, a busy database waited for, /healthz, and ProxyFix."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, request
from sqlalchemy import func, select, text

from quizapp import create_app
from quizapp.database import SQLITE_BUSY_TIMEOUT_MS
from quizapp.extensions import db
from quizapp.models import User
from tests.conftest import Actions

STRONG_PASSWORD = "quiet-harbour-lantern-47"


@pytest.fixture
def sqlite_app(app_config: dict[str, Any], tmp_path: Path) -> Iterator[Flask]:
    """An app on a SQLite file, whichever database the other tests use."""
    app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'l.db'}"})
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_every_sqlite_connection_is_tuned(sqlite_app: Flask) -> None:
    with sqlite_app.app_context():
        for _ in range(2):  # a fresh connection each time, not one tuned by hand
            with db.engine.connect() as connection:
                pragma = {
                    name: connection.execute(text(f"PRAGMA {name}")).scalar()
                    for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
                }
            db.engine.dispose()
            assert pragma == {
                "journal_mode": "wal",
                "synchronous": 1,  # NORMAL
                "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,
                "foreign_keys": 1,
            }


def test_a_busy_database_is_waited_for(sqlite_app: Flask, tmp_path: Path) -> None:
    """Another process holds the write lock and writes; a sign-up waits for it, then works."""
    actions = Actions(sqlite_app.test_client())
    token_page = "/register"
    other = sqlite3.connect(tmp_path / "l.db", isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO user (username, display_name, password_hash, role, created_at)"
        " VALUES ('other', 'Other', 'x', 'student', '2026-01-01 00:00:00')"
    )
    held = 1.5
    release = threading.Timer(held, lambda: other.execute("COMMIT"))
    start = time.monotonic()
    release.start()
    try:
        page = actions.submit(
            token_page,
            {
                "display_name": "Ana",
                "username": "ana",
                "password": STRONG_PASSWORD,
                "confirm": STRONG_PASSWORD,
            },
        )
    finally:
        release.join()
        other.close()
    waited = time.monotonic() - start
    assert page.status_code == 302, page.get_data(as_text=True)
    assert waited >= held * 0.9, "the sign-up really met the lock"
    with sqlite_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 2


def test_a_savepoint_on_sqlite_stays_inside_the_request_transaction(sqlite_app: Flask) -> None:
    """What a savepoint wrote is undone with the transaction around it.

    Python's sqlite3 starts no transaction before a SAVEPOINT, so SQLite took the savepoint
    for the transaction itself and RELEASE committed it at once: an answer could be stored
    while the rest of its request (finishing the attempt) was rolled back.
    """
    with sqlite_app.app_context():
        db.session.execute(select(func.count(User.id)))  # a read first, as in a request
        with db.session.begin_nested():
            db.session.add(User(username="kept", display_name="Kept", password_hash="x"))
        db.session.rollback()
        assert db.session.scalar(select(func.count(User.id))) == 0
        with db.session.begin_nested():
            db.session.add(User(username="both", display_name="Both", password_hash="x"))
        db.session.add(User(username="after", display_name="After", password_hash="x"))
        db.session.commit()
        assert db.session.scalar(select(func.count(User.id))) == 2


def test_healthz_answers_without_a_session(app: Flask) -> None:
    page = app.test_client().get("/healthz")
    assert page.status_code == 200
    assert page.get_data(as_text=True) == "ok\n"
    assert page.mimetype == "text/plain"
    assert "Set-Cookie" not in page.headers


def test_healthz_is_503_when_the_database_does_not_answer(
    app_config: dict[str, Any], tmp_path: Path
) -> None:
    unreachable = f"sqlite:///{tmp_path / 'no-such-folder' / 'quizapp.db'}"
    app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": unreachable})
    page = app.test_client().get("/healthz")
    assert page.status_code == 503
    assert page.get_data(as_text=True) == "database unavailable\n"
    assert "Set-Cookie" not in page.headers


def _seen_by_the_app(app: Flask) -> dict[str, str | None]:
    @app.get("/seen")
    def seen() -> dict[str, str | None]:
        return {"address": request.remote_addr, "scheme": request.scheme, "host": request.host}

    headers = {
        "X-Forwarded-For": "203.0.113.9",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "quiz.example.org",
    }
    found: dict[str, str | None] = app.test_client().get("/seen", headers=headers).get_json()
    return found


def test_forwarded_headers_are_ignored_without_proxy_hops(app_config: dict[str, Any]) -> None:
    seen = _seen_by_the_app(create_app(app_config))
    assert seen == {"address": "127.0.0.1", "scheme": "http", "host": "localhost"}


def test_proxy_hops_trust_the_proxy(
    app_config: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZAPP_PROXY_HOPS", "1")
    seen = _seen_by_the_app(create_app(app_config))
    assert seen == {"address": "203.0.113.9", "scheme": "https", "host": "quiz.example.org"}
