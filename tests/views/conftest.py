"""View fixtures: rate limits on demand, quizzes started like a browser, and answers to post."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.test import TestResponse

from quizapp.bank import TOPICS
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import PRACTICE, Attempt, Response
from quizapp.services.accounts import find_user
from quizapp.services.quiz import start_attempt
from tests.conftest import MINI_BANK, Actions, MakeUser

# One question of every kind, each about a different fact, so one attempt can hold them all.
EVERY_KIND = {
    "multiple_choice": "quist-crate:who-said",
    "true_false": "vell-disaster:true-false",
    "numeric": "ships-waiting:numeric",
    "short_answer": "bellport:name",
    "cloze": "bellport-offer:cloze-1",
    "matching": "norland-backs:matching",
}


@pytest.fixture
def rate_limited() -> bool:
    """Off by default; a test turns it on with @pytest.mark.parametrize("rate_limited", [True])."""
    return False


@pytest.fixture
def app_config(app_config: dict[str, Any], rate_limited: bool) -> dict[str, Any]:
    return {**app_config, "RATELIMIT_ENABLED": rate_limited}


def right_answer(question: dict[str, Any]) -> dict[str, str]:
    """The form data a student who read the article would post."""
    if question["kind"] == "matching":
        return {f"pair_{i}": right for i, (_, right) in enumerate(question["pairs"])}
    if question["kind"] == "two_part":
        return {"answer": question["answer"], "support": question["support"]}
    return {"answer": question["answer"]}


def wrong_answer(question: dict[str, Any]) -> dict[str, str]:
    """Form data that the field accepts but that is wrong."""
    if question["kind"] == "matching":
        return {
            f"pair_{i}": next(c for c in question["choices"] if c != right)
            for i, (_, right) in enumerate(question["pairs"])
        }
    if question["kind"] in ("multiple_choice", "true_false", "evidence", "two_part"):
        wrong = {"answer": next(c for c in question["choices"] if c != question["answer"])}
        if question["kind"] == "two_part":
            wrong["support"] = question["support"]
        return wrong
    if question["kind"] == "numeric":
        return {"answer": "987654"}
    return {"answer": "something else entirely"}


def attempt_id_of(page: TestResponse) -> int:
    """The attempt a start (or resume) redirect leads to."""
    match = re.search(r"/attempts/(\d+)", page.headers.get("Location", ""))
    assert match, f"not a redirect to an attempt: {page.status_code} {page.headers}"
    return int(match.group(1))


@dataclass
class Quiz:
    """A student taking quizzes through the pages, and a look at what the database holds."""

    app: Flask
    actions: Actions

    def start(
        self,
        slug: str = MINI_BANK,
        *,
        length: str = "all",
        topics: Sequence[str] = TOPICS,
        mode: str = PRACTICE,
    ) -> int:
        page = self.actions.submit(
            f"/quiz/{slug}", {"length": length, "topics": list(topics), "mode": mode}
        )
        assert page.status_code == 302, page.get_data(as_text=True)
        return attempt_id_of(page)

    def answer(self, attempt_id: int, position: int, data: dict[str, str]) -> TestResponse:
        """Open the question page (as a browser does), then post the answer from it."""
        return self.actions.submit(f"/attempts/{attempt_id}/q/{position}", data)

    def answer_right(self, attempt_id: int, position: int) -> TestResponse:
        return self.answer(attempt_id, position, right_answer(self.items(attempt_id)[position - 1]))

    def answer_wrong(self, attempt_id: int, position: int) -> TestResponse:
        return self.answer(attempt_id, position, wrong_answer(self.items(attempt_id)[position - 1]))

    def items(self, attempt_id: int) -> list[dict[str, Any]]:
        """The attempt's questions as frozen, in order."""
        with self.app.app_context():
            attempt = db.session.get(Attempt, attempt_id)
            assert attempt is not None
            return [dict(item.question) for item in attempt.items]

    def attempt(self, attempt_id: int) -> Attempt:
        with self.app.app_context():
            attempt = db.session.get(Attempt, attempt_id)
            assert attempt is not None
            db.session.expunge(attempt)
            return attempt

    def responses(self, attempt_id: int) -> list[Response]:
        with self.app.app_context():
            query = select(Response).where(Response.attempt_id == attempt_id)
            found = list(db.session.scalars(query.order_by(Response.id)))
            db.session.expunge_all()
            return found


@pytest.fixture
def quiz(app: Flask, actions: Actions) -> Quiz:
    return Quiz(app, actions)


MakeAttempt = Callable[..., int]


@pytest.fixture
def make_attempt(app: Flask) -> MakeAttempt:
    """An attempt of the user's with exactly these questions (in a shuffled order)."""

    def make(username: str, question_ids: Sequence[str], *, mode: str = PRACTICE) -> int:
        with app.app_context():
            loaded = catalogue().bank(MINI_BANK)
            assert loaded is not None
            wanted = [q for q in catalogue().questions(MINI_BANK) if q.id in question_ids]
            assert len(wanted) == len(question_ids), "unknown question id"
            owner = find_user(username)
            assert owner is not None
            attempt = start_attempt(owner, loaded, wanted, mode=mode, topics=TOPICS, length=None)
            db.session.commit()
            return attempt.id

    return make


def field_error(page: TestResponse, field: str) -> str:
    """The error shown next to a form field and tied to its control for screen readers, or ''."""
    html = page.get_data(as_text=True)
    found = re.search(rf'<small id="{field}-error"[^>]*>(.*?)</small>', html, re.DOTALL)
    if found is None:
        return ""
    control = rf'<(input|select|textarea|fieldset)\b[^>]*aria-describedby="[^"]*\b{field}-error\b'
    assert re.search(control, html), f"the error for {field} is not tied to its field"
    return found.group(1).strip()


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("input", "select", "textarea", "button"):
            self.found.append({"tag": tag, **{k: v or "" for k, v in attrs}})


def controls(page: TestResponse, name: str | None = None) -> list[dict[str, str]]:
    """The page's form controls (tag and attributes), only those named ``name`` if given."""
    parser = _Controls()
    parser.feed(page.get_data(as_text=True))
    return [c for c in parser.found if name is None or c.get("name") == name]


@pytest.fixture
def student(actions: Actions, make_user: MakeUser) -> None:
    """A signed-in student, ana."""
    make_user("ana")
    actions.login("ana")
