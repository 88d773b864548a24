"""Connection settings that make SQLite fit for several workers, and the health check."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response
from sqlalchemy import event, text
from sqlalchemy.exc import SQLAlchemyError

from .extensions import db, limiter

# How long a writer waits for another worker's write to finish before SQLite gives up. A
# student's answer waits rather than failing; the longest write here takes milliseconds.
SQLITE_BUSY_TIMEOUT_MS = 10_000


def init_app(app: Flask) -> None:
    with app.app_context():
        for engine in db.engines.values():
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _tune_sqlite)
    app.add_url_rule("/healthz", "healthz", healthz)
    limiter.exempt(healthz)


def _tune_sqlite(connection: Any, record: object) -> None:
    """On every new SQLite connection: WAL, a busy wait, and enforced foreign keys.

    WAL lets readers go on while one worker writes; NORMAL sync is safe with WAL (a power cut
    may lose the last commits, never corrupt the file).
    """
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def healthz() -> Response:
    """200 when the database answers, 503 when it does not; no session, no template."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return Response("database unavailable\n", status=503, mimetype="text/plain")
    return Response("ok\n", mimetype="text/plain")
