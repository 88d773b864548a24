"""`quizapp backup PATH`: a consistent copy of a live SQLite database, taken while it is written."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import User
from quizapp.services.accounts import create_user
from tests.conftest import PASSWORD, Actions


def users_in(path: Path) -> int:
    with sqlite3.connect(path) as copy:
        count: int = copy.execute("SELECT count(*) FROM user").fetchone()[0]
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return count


@pytest.fixture
def sqlite_app(app_config: dict[str, Any], tmp_path: Path) -> Flask:
    """The app on a SQLite file whichever database the other tests use (backup is for SQLite)."""
    app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'live.db'}"})
    with app.app_context():
        db.create_all()
    return app


def test_a_backup_taken_during_writes_restores(
    sqlite_app: Flask, app_config: dict[str, Any], tmp_path: Path
) -> None:
    written: list[int] = []
    stop = threading.Event()

    def write_users() -> None:
        with sqlite_app.app_context():
            while not stop.is_set():
                create_user(f"writer{len(written)}", PASSWORD)
                db.session.commit()
                written.append(1)
            db.session.remove()

    writer = threading.Thread(target=write_users)
    writer.start()
    try:
        while len(written) < 5:
            stop.wait(0.01)
        before = len(written)
        result = sqlite_app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy.db")])
        after = len(written)
        while len(written) < after + 3:  # the writer goes on after the backup
            stop.wait(0.01)
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    saved = users_in(tmp_path / "copy.db")
    assert before <= saved <= after + 1  # +1: a commit may land while the count is read
    assert saved < len(written)
    assert not list(tmp_path.glob(".copy.db*")), "no partial file left behind"

    restored = tmp_path / "restored.db"
    (tmp_path / "copy.db").rename(restored)
    app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{restored}"})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == saved
    assert Actions(app.test_client()).login("writer0").status_code == 302
    with app.app_context():
        db.engine.dispose()


def test_backup_never_overwrites(sqlite_app: Flask, tmp_path: Path) -> None:
    target = tmp_path / "there.db"
    target.write_text("keep me")
    result = sqlite_app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 1
    assert "exists already" in result.output
    assert target.read_text() == "keep me"


def test_backup_of_postgresql_points_to_pg_dump(app_config: dict[str, Any], tmp_path: Path) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": url})
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "pg_dump" in result.output
