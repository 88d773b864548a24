"""Two app servers over one PostgreSQL database and one Redis: they behave as one site.

Marked ``several_servers``: `make test-pg` runs these (QUIZAPP_TEST_DATABASE_URL on PostgreSQL,
Redis at QUIZAPP_TEST_REDIS_URL); `make test` on SQLite deselects them by that marker. Run on
SQLite or without Redis, they fail and say why rather than skip.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
import redis
from sqlalchemy import func, select

from bench.forms import fill, find_form
from bench.server import Server
from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import Response
from quizapp.services.accounts import create_user
from tests.conftest import DATA, MINI_BANK, PASSWORD

pytestmark = pytest.mark.several_servers

DATABASE_URL = os.environ.get("QUIZAPP_TEST_DATABASE_URL", "")
# Redis database 11 is this suite's own on the shared server; it is emptied at the start.
REDIS_URL = os.environ.get("QUIZAPP_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
USERS = ("ana", "ben", "cara", "dan")


@dataclass(frozen=True)
class Page:
    status: int
    location: str
    body: str


@dataclass
class Visitor:
    """One browser: its cookies go to both servers (one host, two ports), as browsers do."""

    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, port: int, path: str) -> Page:
        return self.request(port, "GET", path)

    def post(self, port: int, path: str, form: list[tuple[str, str]]) -> Page:
        return self.request(port, "POST", path, urlencode(form))

    def request(self, port: int, method: str, path: str, body: str = "") -> Page:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            reply = connection.getresponse()
            text = reply.read().decode()
            for value in reply.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return Page(reply.status, reply.headers.get("Location", ""), text)
        finally:
            connection.close()

    def submit(self, port: int, path: str, **values: str) -> Page:
        """Fill the page's form (CSRF token read off it) and post it to the same server."""
        form = find_form(self.get(port, path).body, path)
        assert form is not None, f"no form on {path}"
        return self.post(port, path, fill(form, random.Random(0), values))

    def login(self, port: int, username: str, password: str = PASSWORD) -> Page:
        return self.submit(port, "/login", username=username, password=password)


@dataclass(frozen=True)
class Site:
    ports: tuple[int, int]
    questions: Path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Two gunicorn servers (one worker each) on one PostgreSQL database and one Redis."""
    if not DATABASE_URL.startswith("postgresql"):
        pytest.fail(
            "several-server tests need QUIZAPP_TEST_DATABASE_URL on PostgreSQL (make test-pg);"
            " on SQLite deselect them with -m 'not several_servers'"
        )
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.RedisError as error:
        pytest.fail(f"several-server tests need Redis at {REDIS_URL}: {error}")
    questions = tmp_path_factory.mktemp("questions")
    shutil.copy(DATA / f"{MINI_BANK}.yaml", questions)
    app = create_app({"SQLALCHEMY_DATABASE_URI": DATABASE_URL, "QUESTIONS_DIR": str(questions)})
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.create_all()
        for username in USERS:
            create_user(username, PASSWORD)
        db.session.commit()
    env = {"QUIZAPP_QUESTIONS_DIR": str(questions), "QUIZAPP_RATELIMIT_STORAGE_URI": REDIS_URL}
    log = questions.parent / "servers.log"
    with (
        Server(DATABASE_URL, 1, log=log, env=env) as one,
        Server(DATABASE_URL, 1, log=log, env=env) as two,
    ):
        yield Site((one.port, two.port), questions)
    assert "Traceback" not in log.read_text(), log.read_text()
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def test_a_session_made_on_one_server_is_valid_on_the_other(site: Site) -> None:
    one, two = site.ports
    visitor = Visitor()
    assert visitor.login(one, "ana").status == 302
    assert "Signed in as ana" in visitor.get(two, "/").body
    assert visitor.get(two, "/history").status == 200


def _failures_until_refused(visitor: Visitor, ports: list[int], username: str) -> int:
    """Wrong passwords, sent in turn to the given servers, until one answers 429."""
    for failures in range(60):
        page = visitor.login(ports[failures % len(ports)], username, "wrong-password-1")
        if page.status == 429:
            return failures
        assert page.status == 200, page.status
    raise AssertionError("never throttled")


def test_login_throttling_counts_across_both_servers(site: Site) -> None:
    one, two = site.ports
    for _ in range(3):  # a minute boundary resets the counters: measure within one minute
        minute = int(time.time() // 60)
        alone = _failures_until_refused(Visitor(), [one], "ben")
        across = _failures_until_refused(Visitor(), [one, two], "cara")
        if int(time.time() // 60) == minute:
            break
        redis.Redis.from_url(REDIS_URL).flushdb()
    # Counters per server would let twice as many through when the attempts alternate.
    assert across == alone
    assert Visitor().login(two, "cara", "wrong-password-1").status == 429


def _post_at_once(
    visitor: Visitor, ports: tuple[int, int], path: str, data: list[tuple[str, str]]
) -> list[Page]:
    """The same form posted to each server by its own thread, released together."""
    start = threading.Barrier(len(ports))
    replies: dict[int, Page] = {}

    def post(port: int) -> None:
        start.wait()
        replies[port] = visitor.post(port, path, data)

    threads = [threading.Thread(target=post, args=(port,)) for port in ports]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [replies[port] for port in ports]


def test_the_same_answer_posted_to_both_at_once_is_stored_once(site: Site) -> None:
    one, two = site.ports
    visitor = Visitor()
    assert visitor.login(one, "dan").status == 302
    started = visitor.submit(one, f"/quiz/{MINI_BANK}", length="5", mode="practice")
    assert started.status == 302, started.body
    attempt_id = int(re.findall(r"/attempts/(\d+)", started.location)[0])
    for position in range(1, 6):
        path = f"/attempts/{attempt_id}/q/{position}"
        form = find_form(visitor.get(one, path).body, path)
        assert form is not None
        data = fill(form, random.Random(position))
        replies = _post_at_once(visitor, (one, two), path, data)
        assert [reply.status for reply in replies] == [302, 302]
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": DATABASE_URL, "QUESTIONS_DIR": str(site.questions)}
    )
    with app.app_context():
        query = select(Response.item_id, func.count()).where(Response.attempt_id == attempt_id)
        counts: dict[int, int] = dict(db.session.execute(query.group_by(Response.item_id)).all())
        db.session.remove()
        db.engine.dispose()
    assert sorted(counts.values()) == [1] * 5


def test_a_bank_change_is_served_by_both_within_seconds(site: Site) -> None:
    bank = site.questions / f"{MINI_BANK}.yaml"
    title = "Dock workers strike as harbour queues grow"
    assert all(title in Visitor().get(port, "/").body for port in site.ports)
    new_title = "Harbour strike enters its second week"
    bank.write_text(bank.read_text().replace(f"title: {title}", f"title: {new_title}", 1))
    deadline = time.monotonic() + 15
    waiting = set(site.ports)
    while waiting and time.monotonic() < deadline:
        waiting = {port for port in waiting if new_title not in Visitor().get(port, "/").body}
        time.sleep(0.5)
    assert not waiting, f"still the old bank on port(s) {sorted(waiting)} after 15 s"
