"""Settings from the environment (QUIZAPP_*), with defaults that are safe to run as is."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _secret_key(instance_path: Path) -> str:
    """QUIZAPP_SECRET_KEY, or a random key kept in the instance folder across restarts."""
    if key := os.environ.get("QUIZAPP_SECRET_KEY"):
        return key
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("QUIZAPP_DATABASE_URL", f"sqlite:///{instance_path / 'quizapp.db'}")
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a driver name.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def from_environment(instance_path: Path) -> dict[str, Any]:
    """The app's settings, read once when the app is created."""
    questions = os.environ.get("QUIZAPP_QUESTIONS_DIR", str(PROJECT_ROOT / "questions"))
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "QUESTIONS_DIR": questions,
        "RATELIMIT_STORAGE_URI": os.environ.get("QUIZAPP_RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("QUIZAPP_SECURE_COOKIES", "0") == "1",
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": 2_000_000,
        # A student may think about one question for over an hour; the token lives as long
        # as the session instead of expiring mid-answer.
        "WTF_CSRF_TIME_LIMIT": None,
        "QUIZ_SEED": int(os.environ.get("QUIZAPP_QUIZ_SEED", "2022")),
        # How many proxies in front of the app set X-Forwarded-*: trusted that many hops back.
        "PROXY_HOPS": int(os.environ.get("QUIZAPP_PROXY_HOPS", "0")),
        "BANK_RELOAD_SECONDS": float(os.environ.get("QUIZAPP_BANK_RELOAD_SECONDS", "2")),
    }
