"""Connection settings that make SQLite fit for several workers, and the health check."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import Flask, Response
from sqlalchemy import Connection, event, text
from sqlalchemy.dialects import postgresql, sqlite
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
                event.listen(engine, "savepoint", _begin_before_savepoint)
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


def _begin_before_savepoint(connection: Connection, name: str) -> None:
    """Open the transaction a SAVEPOINT belongs in, when the driver has not opened one yet.

    Python's sqlite3 begins a transaction only before a write. A SAVEPOINT outside one
    becomes the transaction itself, and its RELEASE commits: what the savepoint guarded
    (an answer) would be kept even when the rest of the request rolls back. BEGIN IMMEDIATE
    takes the write lock now, waiting on a busy database like any write; the reads before it
    ran outside a transaction, so no stale snapshot can make the write fail.
    """
    driver = connection.connection.dbapi_connection
    if driver is not None and not driver.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def insert_or_ignore(model: Any, unique: str, returning: str) -> Any:
    """INSERT ... ON CONFLICT (unique) DO NOTHING RETURNING (returning), for the dialect in use.

    Both supported databases have it (SQLite from 3.35, PostgreSQL from 9.5): no row back
    means the row was there already, without an IntegrityError to catch. Run it with the row
    as parameters; the statement is built once per dialect (building it cost as much as
    running it).
    """
    return _insert_or_ignore(model, unique, returning, db.session.get_bind().dialect.name)


@cache
def _insert_or_ignore(model: Any, unique: str, returning: str, dialect_name: str) -> Any:
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(model).on_conflict_do_nothing(index_elements=[unique])
    return statement.returning(getattr(model, returning))


def healthz() -> Response:
    """200 when the database answers, 503 when it does not; no session, no template."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return Response("database unavailable\n", status=503, mimetype="text/plain")
    return Response("ok\n", mimetype="text/plain")
