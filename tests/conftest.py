"""Shared fixtures: an app on a real database, a client, a CLI runner and factories.

The database is a SQLite file per test by default; set QUIZAPP_TEST_DATABASE_URL (e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/test) to run the same tests on PostgreSQL.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from hypothesis import HealthCheck, settings
from sqlalchemy import text
from werkzeug.test import TestResponse

os.environ.setdefault("QUIZAPP_SECRET_KEY", "tests-only-secret")


from quizapp import create_app
from quizapp.extensions import db, limiter
from quizapp.models import STUDENT, TEACHER, User
from quizapp.services.accounts import create_user

# A busy CI machine must not turn a slow example into a failure: no per-example deadline.
settings.register_profile("quizapp", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("quizapp")

DATA = Path(__file__).parent / "data"
PROJECT = Path(__file__).parent.parent
MINI_BANK = "harbour-strike"
SEED_BANK = "russians-flee-call-up"
PASSWORD = "correct-horse-9"


@pytest.fixture
def questions_dir(tmp_path: Path) -> Path:
    """A private questions folder holding the small test bank (tests may edit it)."""
    folder = tmp_path / "questions"
    folder.mkdir()
    shutil.copy(DATA / f"{MINI_BANK}.yaml", folder)
    return folder


@pytest.fixture
def app_config(tmp_path: Path, questions_dir: Path) -> dict[str, Any]:
    url = os.environ.get("QUIZAPP_TEST_DATABASE_URL", f"sqlite:///{tmp_path / 'test.db'}")
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "QUESTIONS_DIR": str(questions_dir),
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": None,
    }


def drop_everything() -> None:
    """Drop the models' tables and Alembic's version table (left by `quizapp init`)."""
    db.session.remove()
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture
def app(app_config: dict[str, Any]) -> Iterator[Flask]:
    app = create_app(app_config)
    with app.app_context():
        drop_everything()
        db.create_all()
        if app.config["RATELIMIT_ENABLED"]:
            limiter.reset()
    yield app
    # Its bank watcher must not go on reading (and writing) the next test's database.
    app.extensions["quizapp.catalogue"].stop()
    with app.app_context():
        drop_everything()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


MakeUser = Callable[..., User]


@pytest.fixture
def make_user(app: Flask) -> MakeUser:
    """Create and commit a user: make_user('ana'), make_user('mr-t', teacher=True)."""

    def make(username: str = "ana", *, teacher: bool = False, password: str = PASSWORD) -> User:
        with app.app_context():
            user = create_user(username, password, role=TEACHER if teacher else STUDENT)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return make


_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
_SHOWN = re.compile(r'name="shown" type="hidden" value="([^"]*)"')


def csrf_token(page: TestResponse) -> str:
    match = _CSRF.search(page.get_data(as_text=True))
    assert match, "the page has no CSRF token"
    return match.group(1)


def hidden_fields(page: TestResponse) -> dict[str, str]:
    """What a browser sends unseen: the CSRF token and, on a question, when it was shown."""
    shown = {"shown": found.group(1)} if (found := _SHOWN.search(page.text)) else {}
    return {**shown, "csrf_token": csrf_token(page)}


class Actions:
    """What a user does through forms, with the CSRF token read off the page like a browser."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def submit(
        self, page_url: str, data: dict[str, Any], action: str | None = None
    ) -> TestResponse:
        page = self.client.get(page_url)
        return self.client.post(action or page_url, data={**data, **hidden_fields(page)})

    def login(self, username: str = "ana", password: str = PASSWORD) -> TestResponse:
        return self.submit("/login", {"username": username, "password": password})

    def logout(self) -> TestResponse:
        return self.submit("/", {}, action="/logout")


@pytest.fixture
def actions(client: FlaskClient) -> Actions:
    return Actions(client)
