"""Benchmark: what memory per fact costs an answer, and the due query at 5,000 facts.

`python -m bench.review` runs on a SQLite file; set QUIZAPP_BENCH_DATABASE_URL (e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/quizapp_review) to run on PostgreSQL too.
Tables are created and dropped: give it a database of its own.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from unittest import mock

from sqlalchemy import insert

from quizapp import create_app, scheduling
from quizapp.bank import TOPICS
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import MemoryState, utcnow
from quizapp.scheduling import Rating
from quizapp.services import quiz
from quizapp.services.accounts import create_user
from quizapp.services.quiz import record_response, start_attempt
from quizapp.services.review import due_facts, due_summary

FACTS, ANSWERS, QUERIES = 5000, 200, 50
SLUG = "russians-flee-call-up"


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.2f} ms"


def answer_times(name: str) -> Iterator[float]:
    """record_response + commit for each answer of one student's ten 10-question quizzes."""
    user = create_user(name, "bench-pass-1")
    loaded = catalogue().bank(SLUG)
    assert loaded is not None
    questions, rng = catalogue().questions(SLUG), random.Random(1)
    for _ in range(ANSWERS // 10):
        attempt = start_attempt(user, loaded, questions, mode="practice", topics=TOPICS,
                                length=10, rng=rng)  # fmt: skip
        db.session.commit()
        for item in attempt.items:
            given = item.question["answer"] if rng.random() < 0.7 else "no idea"
            start = time.perf_counter()
            record_response(item, {} if item.question["kind"] == "matching" else given)
            db.session.commit()
            yield time.perf_counter() - start


def answer_costs() -> tuple[list[float], list[float]]:
    """Answer times with memory updates, and without (the hook replaced by a no-op).

    The two students answer in turn, so that a change in the machine's other load (it is
    shared) falls on both sides alike rather than on whichever ran second.
    """
    answering, skipping = answer_times("bench-with"), answer_times("bench-without")
    with_memory, without = [], []
    for timed in answering:
        with_memory.append(timed)
        with mock.patch.object(quiz, "record_answer", return_value=None):
            without.append(next(skipping))
    return with_memory, without


def review_cpu() -> float:
    """Seconds of pure scheduling (FSRS review + the log's JSON form) per rating."""
    memory = scheduling.review(None, Rating.Good, utcnow())
    start = time.perf_counter()
    for _ in range(1000):
        scheduling.review(memory, Rating.Good, memory.due).to_dict()
    return (time.perf_counter() - start) / 1000


def due_costs() -> tuple[list[float], list[float], int]:
    """(due_facts limit 20, due_summary) for a student with FACTS facts in memory."""
    user = create_user("bench-due", "bench-pass-1")
    db.session.flush()
    now, rng = utcnow(), random.Random(2)
    rows = []
    for number in range(FACTS):
        at = now - timedelta(days=rng.uniform(0, 60))
        memory = scheduling.review(None, rng.choice(list(Rating)), at)
        rows.append({
            "user_id": user.id, "bank_slug": f"bank-{number % 25}", "fact_id": f"fact-{number}",
            "state": memory.state, "step": memory.step, "stability": memory.stability,
            "difficulty": memory.difficulty, "due": memory.due, "last_review": memory.last_review,
            "reps": 1, "lapses": 0, "last_rating": memory.last_rating,
        })  # fmt: skip
    db.session.execute(insert(MemoryState), rows)
    db.session.commit()
    due_count = len(due_facts(user, now))
    listing, summary = [], []
    for _ in range(QUERIES):
        start = time.perf_counter()
        due_facts(user, now, limit=20)
        listing.append(time.perf_counter() - start)
        start = time.perf_counter()
        due_summary(user, now)
        summary.append(time.perf_counter() - start)
    return listing, summary, due_count


def run(url: str, label: str) -> None:
    os.environ.setdefault("QUIZAPP_SECRET_KEY", "bench")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.create_all()
        try:
            with_memory, without = answer_costs()
            listing, summary, due_count = due_costs()
        finally:
            db.session.remove()
            db.drop_all()
            db.engine.dispose()
    added = statistics.median(with_memory) - statistics.median(without)
    print(f"| {label}: record an answer and commit, median | {median_ms(with_memory)} |")
    print(f"| {label}: the same without memory updates, median | {median_ms(without)} |")
    print(f"| {label}: added by memory per fact | {added * 1000:.2f} ms |")
    overdue = f"20 most overdue of {FACTS:,} facts ({due_count:,} due)"
    print(f"| {label}: {overdue} | {median_ms(listing)} |")
    print(f"| {label}: due count and next due per bank, {FACTS:,} facts | {median_ms(summary)} |")


def main() -> None:
    print("| measure | result |\n|---|---|")
    print(f"| FSRS review of one fact, pure (no database) | {review_cpu() * 1000:.2f} ms |")
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{Path(folder) / 'bench.db'}", "SQLite")
    if url := os.environ.get("QUIZAPP_BENCH_DATABASE_URL"):
        run(url, "PostgreSQL")


if __name__ == "__main__":
    main()
