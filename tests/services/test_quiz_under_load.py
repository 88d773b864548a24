"""Attempts under load: a fixed number of queries per page, and racing submissions."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import event, insert, select

from quizapp.bank import TOPICS
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import TEST, Response, User, utcnow
from quizapp.services.quiz import (
    finish_attempt,
    record_response,
    start_attempt,
)
from quizapp.services.scores import attempts_of, results_of
from tests.conftest import MINI_BANK, MakeUser


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: Any, **kwargs: Any) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


# A statement that selects the question column itself, not a field of it.
WHOLE_SNAPSHOT = re.compile(r"(SELECT|,)\s+attempt_item\.question\s*(,|FROM\b)")


def _finished_attempts(user: User, how_many: int) -> None:
    loaded = catalogue().bank(MINI_BANK)
    assert loaded is not None
    for seed in range(how_many):
        attempt = start_attempt(
            user, loaded, catalogue().questions(MINI_BANK), mode=TEST, topics=TOPICS,
            length=5, rng=random.Random(seed),
        )  # fmt: skip
        for item in attempt.items:
            record_response(item, "an answer")
        finish_attempt(attempt)
    db.session.commit()
    db.session.expire_all()


def test_history_queries_do_not_grow_with_attempts(app: Flask, make_user: MakeUser) -> None:
    counts = []
    for number, how_many in enumerate((1, 6)):
        with app.app_context():
            user = db.session.get(User, make_user(f"student{number}").id)
            assert user is not None
            _finished_attempts(user, how_many)
            with counted_queries() as statements:
                results = results_of(attempts_of(user, finished=True))
            assert len(results) == how_many
            assert sum(result.answered for result in results) == 5 * how_many
            counts.append(len(statements))
            # Nor do they read every question's whole snapshot to count its score.
            assert not [sql for sql in statements if WHOLE_SNAPSHOT.search(sql)]
    assert counts[0] == counts[1]


def test_a_submission_racing_another_server_keeps_the_first(
    app: Flask, make_user: MakeUser
) -> None:
    with app.app_context():
        user = db.session.get(User, make_user("ana").id)
        loaded = catalogue().bank(MINI_BANK)
        assert user is not None
        assert loaded is not None
        attempt = start_attempt(
            user, loaded, catalogue().questions(MINI_BANK), mode=TEST, topics=TOPICS,
            length=2, rng=random.Random(3),
        )  # fmt: skip
        db.session.commit()
        item = attempt.items[0]
        assert item.response is None  # this server saw no answer yet...
        with db.engine.begin() as other_server:  # ...while another one stores the first
            other_server.execute(
                insert(Response).values(
                    item_id=item.id, attempt_id=attempt.id, user_id=user.id,
                    bank_slug=MINI_BANK, question_id=item.question_id, fact_id=item.fact_id,
                    answer={"value": "first"}, answer_text="first", correct=False, score=0.0,
                    feedback="Not quite.", answered_at=utcnow(),
                )
            )  # fmt: skip
        kept = record_response(item, "second")
        db.session.commit()
        assert kept.answer_text == "first"
        stored = db.session.scalars(select(Response).where(Response.item_id == item.id)).all()
        assert [response.answer_text for response in stored] == ["first"]
