"""Security headers on every page the app serves, for strangers, students and teachers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.services.accounts import find_user
from quizapp.services.classes import create_assignment, create_classroom, join_classroom
from tests.conftest import MINI_BANK, PASSWORD, Actions, MakeUser, csrf_token
from tests.views.conftest import Quiz

CSP_PARTS = {
    "default-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
}


def assert_secure_headers(page: TestResponse, url: str, *, hsts: bool = False) -> None:
    csp = {part.strip() for part in page.headers.get("Content-Security-Policy", "").split(";")}
    assert csp >= CSP_PARTS, f"{url}: {csp}"
    assert not any("unsafe-inline" in part or "unsafe-eval" in part for part in csp), url
    assert page.headers.get("X-Content-Type-Options") == "nosniff", url
    assert page.headers.get("Referrer-Policy") == "same-origin", url
    assert ("Strict-Transport-Security" in page.headers) is hsts, url
    assert "Server" not in page.headers, f"{url}: the app names no server"


def every_get_url(app: Flask, values: dict[str, Any]) -> list[str]:
    """One address per GET rule of the url_map, its arguments filled from ``values``."""
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" in (rule.methods or ()):
                urls.append(app.url_for(rule.endpoint, **{a: values[a] for a in rule.arguments}))
    return urls


@pytest.fixture
def urls(app: Flask, make_user: MakeUser, quiz: Quiz, actions: Actions) -> list[str]:
    """Every page, with ids that exist: a class, an assignment and an attempt of ana's."""
    make_user("mr-t", teacher=True)
    make_user("ana")
    with app.app_context():
        teacher, student = find_user("mr-t"), find_user("ana")
        assert teacher is not None
        assert student is not None
        classroom = create_classroom(teacher, "Year 9")
        join_classroom(student, classroom.join_code)
        ids = [q.id for q in catalogue().questions(MINI_BANK)][:2]
        assignment = create_assignment(classroom, "Strike", MINI_BANK, ids)
        db.session.commit()
        values: dict[str, Any] = {"classroom_id": classroom.id, "assignment_id": assignment.id}
        values["user_id"] = student.id
    actions.login("ana")
    attempt_id = quiz.start()
    actions.logout()
    values |= {"attempt_id": attempt_id, "position": 1, "slug": MINI_BANK, "fact": "quist-crate"}
    values |= {"section": "quotes", "fact_id": "quist-crate"}  # the fact editor
    values["filename"] = "css/app.css"
    values["name"] = "gift"  # an export format (/banks/<slug>/export/<name>)
    values |= {"a": 1, "b": 1, "number": 1}  # bank revisions
    return every_get_url(app, values)


@pytest.mark.parametrize("who", [None, "ana", "mr-t"])
def test_every_page_sends_the_security_headers(
    client: FlaskClient, actions: Actions, urls: list[str], who: str | None
) -> None:
    if who is not None:
        assert actions.login(who).status_code == 302
    statuses = {}
    for url in urls:
        page = client.get(url)
        page.close()  # static files are streamed from an open file
        assert_secure_headers(page, url)
        # A signed-in user's pages are not kept for the next user of a shared computer.
        private = who is not None and not url.startswith("/static/") and url != "/healthz"
        assert ("no-store" in page.headers.get("Cache-Control", "")) is private, url
        statuses[url] = page.status_code
    assert 200 in statuses.values(), statuses
    assert len(urls) >= 12, "the walk found the app's pages"


def test_an_address_with_a_nul_is_not_found_before_any_query(
    client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    """PostgreSQL refuses NUL in text: a fact name from the path would have been a 500."""
    make_user("ana")
    actions.login("ana")
    for url in (f"/flashcards/{MINI_BANK}/%00", f"/quiz/{MINI_BANK}%00", "/%00"):
        page = client.get(url)
        assert page.status_code == 404, url
        assert_secure_headers(page, url)
    token = csrf_token(client.get(f"/flashcards/{MINI_BANK}"))
    rated = client.post(f"/flashcards/{MINI_BANK}/a%00b", data={"rating": 3, "csrf_token": token})
    assert rated.status_code == 404


def test_error_pages_and_redirects_send_them_too(client: FlaskClient) -> None:
    for url in ("/no-such-page", "/history", "/static/no-such.css", f"/attempts/{2**63}"):
        assert_secure_headers(client.get(url), url)
    assert_secure_headers(client.post("/login"), "POST /login without a token")


@pytest.fixture
def secure_cookies() -> bool:
    return False


@pytest.fixture
def app_config(app_config: dict[str, Any], secure_cookies: bool) -> dict[str, Any]:
    return {**app_config, "SESSION_COOKIE_SECURE": secure_cookies}


@pytest.mark.parametrize("secure_cookies", [True])
def test_hsts_and_secure_remember_cookies_when_secure_cookies_are_on(
    app: Flask, client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("ana")
    assert_secure_headers(client.get("/login", base_url="https://localhost"), "/login", hsts=True)
    token_page = client.get("/login", base_url="https://localhost")
    page = client.post(
        "/login",
        base_url="https://localhost",
        headers={"Referer": "https://localhost/login"},  # CSRF checks it over HTTPS
        data={
            "username": "ana",
            "password": PASSWORD,
            "remember": "y",
            "csrf_token": csrf_token(token_page),
        },
    )
    assert page.status_code == 302
    cookies = {c.split("=")[0]: c for c in page.headers.getlist("Set-Cookie")}
    flags = {
        part.strip().split("=")[0].lower(): part.strip()
        for part in cookies["remember_token"].split(";")
    }
    assert "secure" in flags
    assert "httponly" in flags
    assert flags["samesite"] == "SameSite=Lax"
    expires = parsedate_to_datetime(flags["expires"].split("=", 1)[1])
    assert abs(expires - datetime.now(UTC) - timedelta(days=30)) < timedelta(minutes=5)
