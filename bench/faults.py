"""Faults injected while the classroom benchmark runs, and the check that no answer was lost.

--kill-worker-at T        SIGKILL one gunicorn worker T s into the quizzes (gunicorn starts another)
--lock-database-at T      SQLite: hold an exclusive lock for --lock-seconds from T s
--terminate-backends-at T PostgreSQL: pg_terminate_backend() every app connection at T s

Clients retry a request whose connection was lost or that got a 5xx, as a student would press
the button again; the check afterwards shows whether that stored anything twice.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sqlite3
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from quizapp.models import AttemptItem, Response


class Ack(Protocol):
    @property
    def attempt_id(self) -> int: ...
    @property
    def position(self) -> int: ...
    @property
    def answer(self) -> str | dict[str, str] | None: ...


class Served(Protocol):
    url: str

    def worker_pids(self) -> list[int]: ...


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kill-worker-at", type=float, metavar="T")
    parser.add_argument("--lock-database-at", type=float, metavar="T")
    parser.add_argument("--lock-seconds", type=float, default=2.0)
    parser.add_argument("--terminate-backends-at", type=float, metavar="T")


async def _at(start: float, offset: float) -> None:
    await asyncio.sleep(max(0.0, start + offset - time.monotonic()))


async def kill_worker(server: Served, start: float, offset: float) -> None:
    await _at(start, offset)
    victim = server.worker_pids()[0]
    os.kill(victim, signal.SIGKILL)
    print(f"fault: SIGKILL worker {victim} at {time.monotonic() - start:.1f} s")


def _hold_lock(path: str, seconds: float) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN EXCLUSIVE")
        time.sleep(seconds)
        connection.execute("COMMIT")
    finally:
        connection.close()


async def lock_database(server: Served, start: float, offset: float, seconds: float) -> None:
    await _at(start, offset)
    path = make_url(server.url).database
    assert path, "--lock-database-at needs a SQLite file"
    print(f"fault: SQLite locked for {seconds:.1f} s at {time.monotonic() - start:.1f} s")
    await asyncio.to_thread(_hold_lock, path, seconds)


def _terminate(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            ended = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    " AND backend_type = 'client backend'"
                )
            )
            return int(ended.scalar_one())
    finally:
        engine.dispose()


async def terminate_backends(server: Served, start: float, offset: float) -> None:
    await _at(start, offset)
    ended = await asyncio.to_thread(_terminate, server.url)
    print(f"fault: {ended} PostgreSQL backends ended at {time.monotonic() - start:.1f} s")


def schedule(args: argparse.Namespace, server: Served, start: float) -> list[asyncio.Task[Any]]:
    tasks = []
    if args.kill_worker_at is not None:
        tasks.append(asyncio.create_task(kill_worker(server, start, args.kill_worker_at)))
    if args.lock_database_at is not None:
        locked = lock_database(server, start, args.lock_database_at, args.lock_seconds)
        tasks.append(asyncio.create_task(locked))
    if args.terminate_backends_at is not None:
        ended = terminate_backends(server, start, args.terminate_backends_at)
        tasks.append(asyncio.create_task(ended))
    return tasks


def check_answers(url: str, acks: Sequence[Ack]) -> str:
    """Every acknowledged answer stored exactly once with the value posted; raises if not."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(AttemptItem.attempt_id, AttemptItem.position, Response.answer).join(
                    Response, Response.item_id == AttemptItem.id
                )
            ).all()
    finally:
        engine.dispose()
    stored = Counter((attempt, position) for attempt, position, _ in rows)
    values = {(attempt, position): answer.get("value") for attempt, position, answer in rows}
    acked = Counter((ack.attempt_id, ack.position) for ack in acks)
    missing = [key for key in acked if stored[key] == 0]
    twice = [key for key, n in stored.items() if n > 1]
    acked_twice = [key for key, n in acked.items() if n > 1]
    changed = [
        (a.attempt_id, a.position)
        for a in acks
        if a.answer is not None and values.get((a.attempt_id, a.position)) != a.answer
    ]
    unacked = len(stored) - len(acked.keys() & stored.keys())
    report = (
        f"answers acknowledged {len(acked)}, stored {sum(stored.values())}; missing {len(missing)},"
        f" stored twice {len(twice)}, acknowledged twice {len(acked_twice)},"
        f" value differs {len(changed)}, stored but not acknowledged {unacked}"
    )
    if missing or twice or acked_twice or changed:
        raise SystemExit("LOST OR DUPLICATED ANSWERS: " + report)
    return report
