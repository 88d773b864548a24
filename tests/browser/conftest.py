"""Browser fixtures: the app served on 127.0.0.1 and driven by Debian's Chromium.

Each test gets its own app and database (the shared ``app`` fixture), served by werkzeug in a
thread on a free port; pytest-playwright's ``page`` opens it through ``base_url``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import BrowserContext, ConsoleMessage, ViewportSize, expect
from werkzeug.serving import WSGIRequestHandler, make_server

from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import PRACTICE, STUDENT, TEACHER
from quizapp.services.accounts import create_user, find_user
from quizapp.services.classes import create_assignment, create_classroom, join_classroom
from tests.conftest import MINI_BANK, PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium keeps trying hosts this machine cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--disable-extensions",
    "--disable-default-apps",
]
VIEWPORT = ViewportSize(width=1280, height=800)
expect.set_options(timeout=15_000)  # assertions wait as long as actions (see `context`)


@pytest.fixture(scope="session", autouse=True)
def _require_chromium() -> None:
    """Browser tests run in CI: a missing browser fails them unless skipping was asked for."""
    if os.environ.get("QUIZAPP_SKIP_BROWSER") == "1":
        pytest.skip("QUIZAPP_SKIP_BROWSER=1: browser tests skipped on request")
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing. Install Debian's chromium package "
            "(apt-get install -y chromium), or set QUIZAPP_SKIP_BROWSER=1 to skip browser tests.",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


_BODY = "tests.response_body"


class _QuietHandler(WSGIRequestHandler):
    """No line per request in the test output; errors are still logged."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass

    def connection_dropped(self, error: BaseException, environ: Any = None) -> None:
        # When the browser drops a connection mid-response (it often does for a favicon),
        # werkzeug 3.1 can raise from its cleanup before it closes the response, leaving a
        # static file open; pytest then fails whichever test is running on the ResourceWarning.
        body: Any = (environ or {}).get(_BODY)
        if hasattr(body, "close"):
            body.close()


def _keeping_the_body(app: Flask) -> Callable[[dict[str, Any], Any], Any]:
    """Wrap ``app`` so the handler can find each response's body to close it."""

    def serve(environ: dict[str, Any], start_response: Any) -> Any:
        body = app(environ, start_response)
        environ[_BODY] = body
        return body

    return serve


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The test's app served on a free port of 127.0.0.1; yields its address."""
    server = make_server(
        "127.0.0.1", 0, _keeping_the_body(app), threaded=True, request_handler=_QuietHandler
    )
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="live-server", daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def base_url(live_server: str) -> str:
    return live_server


@pytest.fixture
def browser_context_args(base_url: str) -> dict[str, Any]:
    # Per test, because base_url is: each test has its own server.
    return {"base_url": base_url, "viewport": VIEWPORT, "locale": "en-GB"}


@pytest.fixture
def csp_violations() -> list[str]:
    """What the browser refused under the Content-Security-Policy during the test."""
    return []


@pytest.fixture
def context(
    new_context: Callable[..., BrowserContext], csp_violations: list[str]
) -> Iterator[BrowserContext]:
    """pytest-playwright's context, failing after 15 s rather than 30 when a thing is missing,
    and failing the test if any page broke the Content-Security-Policy.

    Pages here answer in milliseconds; the margin is for a CI machine busy with other work.
    """
    context = new_context()
    context.set_default_timeout(15_000)
    context.on("console", lambda message: _note_csp(message, csp_violations))
    yield context
    assert not csp_violations, f"the Content-Security-Policy refused: {csp_violations}"


def _note_csp(message: ConsoleMessage, violations: list[str]) -> None:
    # Chromium reports each refusal as a console error naming the policy.
    if message.type == "error" and "Content Security Policy" in message.text:
        violations.append(message.text)


MakeClass = Callable[..., str]
QuestionIds = Callable[[str], list[str]]
SetQuiz = Callable[[Sequence[str]], None]


@pytest.fixture
def make_class(app: Flask) -> MakeClass:
    """A teacher's class, made through the service layer; returns its join code.

    make_class(students=["ana"], question_ids=[...], mode="practice") also enrols the students
    (creating any that do not exist) and sets the class a quiz of exactly those questions.
    """

    def make(
        name: str = "Year 9 English",
        *,
        teacher: str = "mr-t",
        students: Sequence[str] = (),
        question_ids: list[str] | None = None,
        mode: str = PRACTICE,
        title: str = "Harbour strike quiz",
    ) -> str:
        with app.app_context():
            owner = find_user(teacher) or create_user(teacher, PASSWORD, role=TEACHER)
            classroom = create_classroom(owner, name)
            for username in students:
                student = find_user(username) or create_user(username, PASSWORD, role=STUDENT)
                join_classroom(student, classroom.join_code)
            if question_ids is not None:
                create_assignment(classroom, title, MINI_BANK, question_ids, mode)
            db.session.commit()
            return classroom.join_code

    return make


@pytest.fixture
def question_ids(app: Flask) -> QuestionIds:
    """The mini bank's question ids of one kind, in build order."""

    def of_kind(kind: str) -> list[str]:
        with app.app_context():
            return [q.id for q in catalogue().questions(MINI_BANK) if q.kind == kind]

    return of_kind


@pytest.fixture
def set_quiz(make_class: MakeClass, question_ids: QuestionIds) -> SetQuiz:
    """Enrol student "ana" in a class set a quiz of one question per kind listed, in order.

    A kind listed twice gives its next question: set_quiz(["multiple_choice"] * 2).
    """

    def set_for_ana(kinds: Sequence[str]) -> None:
        picked = [question_ids(kind)[kinds[:index].count(kind)] for index, kind in enumerate(kinds)]
        make_class(students=["ana"], question_ids=picked)

    return set_for_ana
