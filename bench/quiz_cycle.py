"""Benchmark: students answering whole quizzes through the app (test client, SQLite file).

Measures the server side of a classroom: GET a question page + POST its answer + follow the
redirect, for every question of a 10-question practice quiz, for several students.
"""

from __future__ import annotations

import os
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from quizapp import create_app
from quizapp.extensions import db
from quizapp.services.accounts import create_user

from .forms import fill, find_form

STUDENTS = 20
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def token(client: FlaskClient, url: str) -> tuple[str, str]:
    page = client.get(url).get_data(as_text=True)
    match = TOKEN.search(page)
    assert match, url
    return match.group(1), page


def take_quiz(client: FlaskClient, name: str) -> list[float]:
    csrf, _ = token(client, "/login")
    client.post("/login", data={"username": name, "password": "bench-pass-1", "csrf_token": csrf})
    csrf, _ = token(client, "/quiz/russians-flee-call-up")
    options = {"length": "10", "topics": ["quotes", "figures", "stances", "places", "events"]}
    started = client.post(
        "/quiz/russians-flee-call-up", data={**options, "mode": "practice", "csrf_token": csrf}
    )
    url = started.headers["Location"]
    cycles = []
    rng = random.Random(name)
    for position in range(1, 11):
        page_url = re.sub(r"/q/\d+$", f"/q/{position}", url)
        start = time.perf_counter()
        page = client.get(page_url).get_data(as_text=True)
        form = find_form(page, page_url)
        assert form is not None, page_url
        # Every field a browser would send: hidden ones, a choice per group, text in boxes.
        response = client.post(page_url, data=MultiDict(fill(form, rng)))
        assert response.status_code == 302, (page_url, response.status_code)
        client.get(response.headers["Location"])
        cycles.append(time.perf_counter() - start)
    return cycles


def run(students: int, folder: Path) -> tuple[list[float], float]:
    """Each student takes one quiz on a fresh SQLite file: every cycle's time, and the total."""
    os.environ.setdefault("QUIZAPP_SECRET_KEY", "bench")
    url = f"sqlite:///{folder / 'bench.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.create_all()
        for number in range(students):
            create_user(f"student{number}", "bench-pass-1")
        db.session.commit()
    cycles: list[float] = []
    start = time.perf_counter()
    for number in range(students):
        cycles += take_quiz(app.test_client(), f"student{number}")
    total = time.perf_counter() - start
    app.extensions["quizapp.catalogue"].stop()
    with app.app_context():
        db.engine.dispose()
    return cycles, total


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        cycles, total = run(STUDENTS, Path(folder))
    print("| measure | result |\n|---|---|")
    print(
        f"| answer cycle (GET question, POST answer, GET feedback), median | "
        f"{statistics.median(cycles) * 1000:.1f} ms |"
    )
    print(
        f"| answer cycle, 95th percentile | "
        f"{statistics.quantiles(cycles, n=20)[-1] * 1000:.1f} ms |"
    )
    print(f"| {STUDENTS} students x 10 questions, one process, sequential | {total:.1f} s |")


if __name__ == "__main__":
    main()
