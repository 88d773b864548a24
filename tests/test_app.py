"""The app factory: settings from QUIZAPP_* variables, test overrides, safe defaults, errors."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.exceptions import ServiceUnavailable

from quizapp import config, create_app
from quizapp.catalogue import catalogue
from tests.conftest import MINI_BANK

VARIABLES = (
    "QUIZAPP_DATABASE_URL",
    "QUIZAPP_QUESTIONS_DIR",
    "QUIZAPP_SECRET_KEY",
    "QUIZAPP_SECURE_COOKIES",
    "QUIZAPP_QUIZ_SEED",
    "QUIZAPP_RATELIMIT_STORAGE_URI",
    "QUIZAPP_PROXY_HOPS",
    "QUIZAPP_BANK_RELOAD_SECONDS",
)


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch, questions_dir: Path) -> pytest.MonkeyPatch:
    """No QUIZAPP_* settings but a secret key and the test bank (leave the project alone)."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QUIZAPP_SECRET_KEY", "tests-only-secret")
    monkeypatch.setenv("QUIZAPP_QUESTIONS_DIR", str(questions_dir))
    return monkeypatch


def test_test_config_overrides_the_settings(tmp_path: Path, questions_dir: Path) -> None:
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'override.db'}",
            "QUESTIONS_DIR": str(questions_dir),
            "QUIZ_SEED": 7,
        }
    )
    assert app.testing
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'override.db'}"
    assert app.config["QUIZ_SEED"] == 7
    with app.app_context():
        assert catalogue().bank(MINI_BANK) is not None
        assert catalogue().seed == 7


def test_settings_come_from_quizapp_variables(
    clean_environment: pytest.MonkeyPatch, tmp_path: Path, questions_dir: Path
) -> None:
    clean_environment.setenv("QUIZAPP_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    clean_environment.setenv("QUIZAPP_QUESTIONS_DIR", str(questions_dir))
    clean_environment.setenv("QUIZAPP_SECRET_KEY", "from-the-environment")
    clean_environment.setenv("QUIZAPP_QUIZ_SEED", "99")
    clean_environment.setenv("QUIZAPP_SECURE_COOKIES", "1")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'env.db'}"
    assert app.config["QUESTIONS_DIR"] == str(questions_dir)
    assert app.secret_key == "from-the-environment"
    assert app.config["QUIZ_SEED"] == 99
    assert app.config["SESSION_COOKIE_SECURE"] is True
    with app.app_context():
        assert [loaded.slug for loaded in catalogue().banks()] == [MINI_BANK]


def test_test_config_wins_over_the_environment(
    clean_environment: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clean_environment.setenv("QUIZAPP_DATABASE_URL", "sqlite:///from-env.db")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.db'}"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'test.db'}"


@pytest.mark.parametrize(
    ("given", "used"),
    [
        (
            "postgres://quiz:pw@db.example:5432/quiz",
            "postgresql+psycopg://quiz:pw@db.example:5432/quiz",
        ),
        ("postgresql://quiz@db.example/quiz", "postgresql+psycopg://quiz@db.example/quiz"),
        ("postgresql+psycopg://quiz@db.example/quiz", "postgresql+psycopg://quiz@db.example/quiz"),
        ("sqlite:////var/lib/quizapp.db", "sqlite:////var/lib/quizapp.db"),
    ],
)
def test_postgres_urls_get_the_psycopg_driver(
    clean_environment: pytest.MonkeyPatch, given: str, used: str
) -> None:
    clean_environment.setenv("QUIZAPP_DATABASE_URL", given)
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == used


def test_defaults_are_safe_to_run_as_is(
    clean_environment: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clean_environment.delenv("QUIZAPP_QUESTIONS_DIR")
    settings = config.from_environment(tmp_path)
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'quizapp.db'}"
    assert settings["QUESTIONS_DIR"] == str(config.PROJECT_ROOT / "questions")
    assert settings["RATELIMIT_STORAGE_URI"] == "memory://"
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert settings["SESSION_COOKIE_SECURE"] is False
    assert settings["QUIZ_SEED"] == 2022
    assert settings["PROXY_HOPS"] == 0, "X-Forwarded-* is not trusted unless asked"
    assert settings["BANK_RELOAD_SECONDS"] == 2
    assert settings["WTF_CSRF_TIME_LIMIT"] is None  # a slow answer never meets an expired form


def test_without_a_secret_key_one_is_made_and_kept(
    clean_environment: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clean_environment.delenv("QUIZAPP_SECRET_KEY")
    key = config.from_environment(tmp_path)["SECRET_KEY"]
    key_file = tmp_path / "secret_key"
    assert len(key) >= 32
    assert key_file.read_text().strip() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert config.from_environment(tmp_path)["SECRET_KEY"] == key, "kept across restarts"
    elsewhere = tmp_path / "another-instance"
    elsewhere.mkdir()
    assert config.from_environment(elsewhere)["SECRET_KEY"] != key


def test_an_unexpected_error_propagates_in_tests(app: Flask, client: FlaskClient) -> None:
    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        client.get("/boom")


def test_an_unexpected_error_shows_a_friendly_page_in_production(
    app_config: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app({**app_config, "TESTING": False})

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("a bug")

    page = app.test_client().get("/boom")
    html = page.get_data(as_text=True)
    assert page.status_code == 500
    assert "Something went wrong on our side" in html
    assert "a bug" not in html
    assert "Traceback" not in html
    assert "RuntimeError: a bug" in caplog.text, "the error is logged for the operator"


def test_a_wrong_method_shows_a_friendly_page(client: FlaskClient) -> None:
    page = client.get("/logout")
    assert page.status_code == 405
    assert "405 Method Not Allowed" in page.get_data(as_text=True)


def test_an_error_page_keeps_the_errors_own_headers(app: Flask, client: FlaskClient) -> None:
    @app.get("/busy")
    def busy() -> str:
        raise ServiceUnavailable("Come back soon.", retry_after=30)

    page = client.get("/busy")
    assert page.status_code == 503
    assert page.headers["Retry-After"] == "30"
    assert page.headers["Content-Type"].startswith("text/html")
    assert "Come back soon." in page.get_data(as_text=True)
