"""The app as the classroom benchmark serves it: the real factory, plus stand-ins.

The stand-ins exist only until the production work is merged: a `/healthz` (used only when the
app has none), and, when QUIZAPP_BENCH_SQLITE_PRAGMAS=1, the SQLite settings that production
sets on every connection (WAL, synchronous=NORMAL, a busy timeout).
"""

from __future__ import annotations

import os

from flask import Flask
from sqlalchemy import event, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry

from quizapp import create_app as create_quizapp
from quizapp.extensions import db


def create_app() -> Flask:
    app = create_quizapp()
    if "/healthz" not in {rule.rule for rule in app.url_map.iter_rules()}:

        def healthz() -> tuple[str, int]:
            try:
                db.session.execute(text("SELECT 1"))
            except Exception:  # any database failure means "not healthy"
                return "database unavailable\n", 503
            return "ok\n", 200

        app.add_url_rule("/healthz", "bench_healthz", healthz)
    if os.environ.get("QUIZAPP_BENCH_SQLITE_PRAGMAS") == "1":
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_pragmas)
    return app


def _sqlite_pragmas(connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
    cursor = connection.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=10000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()
