"""The answer cycle costs a fixed, small number of SQL statements, however long the quiz."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from quizapp.catalogue import catalogue
from quizapp.extensions import db
from tests.conftest import MINI_BANK, hidden_fields

from .conftest import EVERY_KIND, MakeAttempt, Quiz, right_answer

# user, item (with its attempt, response and counts), the insert (no savepoint: a repeat
# inserts nothing); and the memory of the fact: its row with the class's desired retention,
# then the row's write with the review log (one statement on PostgreSQL, two on SQLite).
ANSWER_STATEMENTS = 3 + 2


def answer_statements(app: Flask) -> int:
    with app.app_context():
        return ANSWER_STATEMENTS + (db.engine.dialect.name == "sqlite")


# Easy is only for recall kinds; recognition answers never read the student's median time.
RECOGNITION_KINDS = ("multiple_choice", "true_false")


@contextmanager
def counted(app: Flask) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _cycle_counts(app: Flask, client: FlaskClient, quiz: Quiz, attempt_id: int) -> list[int]:
    """Statements for: question page, answer POST, feedback page (the first question)."""
    url = f"/attempts/{attempt_id}/q/1"
    data = {**right_answer(quiz.items(attempt_id)[0])}
    with counted(app) as page:
        shown = client.get(url)
    with counted(app) as answer:
        posted = client.post(url, data={**data, **hidden_fields(shown)})
    with counted(app) as feedback:
        assert client.get(posted.headers["Location"]).status_code == 200
    assert posted.status_code == 302
    return [len(page), len(answer), len(feedback)]


def test_the_answer_cycle_costs_the_same_for_short_and_long_quizzes(
    app: Flask, client: FlaskClient, quiz: Quiz, make_attempt: MakeAttempt, student: None
) -> None:
    with app.app_context():
        # One question per fact: an attempt never asks two questions on the same fact.
        per_fact = {
            q.fact: q.id for q in catalogue().questions(MINI_BANK) if q.kind in RECOGNITION_KINDS
        }
    recognition = list(per_fact.values())
    assert len(recognition) >= 6
    # Three questions at least: the one before last also counts the answers again (below).
    short = _cycle_counts(app, client, quiz, make_attempt("ana", recognition[:3]))
    long = _cycle_counts(app, client, quiz, make_attempt("ana", recognition))
    assert short == long
    assert short[1] == answer_statements(app)


def test_a_question_page_writes_nothing(
    app: Flask, client: FlaskClient, quiz: Quiz, make_attempt: MakeAttempt, student: None
) -> None:
    """Showing a question is a read: its time travels in the form, so no write, no commit."""
    attempt_id = make_attempt("ana", [EVERY_KIND["multiple_choice"], EVERY_KIND["cloze"]])
    with counted(app) as statements:
        assert client.get(f"/attempts/{attempt_id}/q/1").status_code == 200
    assert statements, "the page was served from the database"
    assert all(sql.lstrip().upper().startswith("SELECT") for sql in statements), statements


def test_the_answer_before_last_counts_the_answers_again_under_a_lock(
    app: Flask, client: FlaskClient, quiz: Quiz, make_attempt: MakeAttempt, student: None
) -> None:
    """So that two tabs answering the last two questions at once still finish the attempt."""
    attempt_id = make_attempt("ana", [EVERY_KIND["true_false"], EVERY_KIND["multiple_choice"]])
    counts = _cycle_counts(app, client, quiz, attempt_id)
    assert counts[1] == answer_statements(app) + 2  # the locked attempt row, the count


def test_a_right_recall_answer_also_reads_the_students_median_time(
    app: Flask, client: FlaskClient, quiz: Quiz, make_attempt: MakeAttempt, student: None
) -> None:
    recall = [EVERY_KIND["numeric"], EVERY_KIND["cloze"], EVERY_KIND["short_answer"]]
    counts = _cycle_counts(app, client, quiz, make_attempt("ana", recall))
    assert counts[1] == answer_statements(app) + 1  # answered faster than usual would be Easy


def test_the_last_answer_also_finishes_the_attempt(
    app: Flask, client: FlaskClient, quiz: Quiz, make_attempt: MakeAttempt, student: None
) -> None:
    attempt_id = make_attempt("ana", [EVERY_KIND["true_false"]])
    counts = _cycle_counts(app, client, quiz, attempt_id)
    assert counts[1] == answer_statements(app) + 1  # the UPDATE that finishes it
    assert quiz.attempt(attempt_id).finished
