"""Signing up, in and out: roles, hashed passwords, case-insensitive names, CSRF, rate limits."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.devices import COOKIE
from quizapp.extensions import db
from quizapp.models import STUDENT, User
from tests.conftest import PASSWORD, Actions, MakeUser
from tests.views.conftest import controls, field_error

SIGN_UP = {
    "display_name": "Ana Reader",
    "username": "ana",
    "password": PASSWORD,
    "confirm": PASSWORD,
    "code": "",
}


def stored_user(app: Flask, username: str) -> User | None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        if user is not None:
            db.session.expunge(user)
        return user


def user_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User)) or 0


def test_register_creates_a_signed_in_student(
    app: Flask, client: FlaskClient, actions: Actions
) -> None:
    page = actions.submit("/register", SIGN_UP)
    assert page.status_code == 302
    assert page.headers["Location"] == "/"
    assert "Hello, Ana Reader" in client.get("/").get_data(as_text=True)
    user = stored_user(app, "ana")
    assert user is not None
    assert user.role == STUDENT
    assert not user.is_teacher


def test_passwords_are_stored_hashed(app: Flask, actions: Actions) -> None:
    actions.submit("/register", SIGN_UP)
    user = stored_user(app, "ana")
    assert user is not None
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))
    assert user.check_password(PASSWORD)
    assert not user.check_password(PASSWORD.upper())


def test_sign_up_asks_for_no_email(client: FlaskClient) -> None:
    html = client.get("/register").get_data(as_text=True)
    assert 'type="email"' not in html
    assert 'name="email"' not in html
    assert "No e-mail needed" in html


@pytest.mark.parametrize(
    ("field", "change", "message"),
    [
        ("display_name", {"display_name": ""}, "Give a name to show."),
        ("username", {"username": "ab"}, "Field must be between 3 and 40 characters long."),
        ("username", {"username": "no spaces!"}, "Use 3 to 40 letters, digits"),
        ("password", {"password": "short", "confirm": "short"}, "Use at least 10 characters."),
        ("password", {"password": "password123", "confirm": "password123"}, "too easy to guess"),
        ("display_name", {"display_name": "   "}, "Give a name to show."),
        # Invisible characters only: zero-width spaces, a direction override, joiners.
        ("display_name", {"display_name": "\u200b\u200b"}, "Give a name to show."),
        ("display_name", {"display_name": "\u202e\u200b\ufeff"}, "Give a name to show."),
        ("display_name", {"display_name": "\u200c\u200d"}, "Give a name to show."),
        ("confirm", {"confirm": "another-password"}, "Passwords differ."),
        ("code", {"code": "QQQQQQ"}, "No class has this code"),
    ],
)
def test_sign_up_errors_are_shown_next_to_their_field(
    app: Flask, actions: Actions, field: str, change: dict[str, str], message: str
) -> None:
    page = actions.submit("/register", {**SIGN_UP, **change})
    assert page.status_code in (200, 422)
    assert message in field_error(page, field)
    assert "Traceback" not in page.get_data(as_text=True)
    assert user_count(app) == 0


def test_sign_up_shows_every_fields_error_at_once(app: Flask, actions: Actions) -> None:
    # Before, only the first problem was shown: a student fixed it and met the next.
    bad = {"username": "no spaces!", "password": "password123", "confirm": "password123"}
    page = actions.submit("/register", {**SIGN_UP, **bad, "code": "QQQQQQ"})
    assert "Use 3 to 40 letters, digits" in field_error(page, "username")
    assert "too easy to guess" in field_error(page, "password")
    assert "No class has this code" in field_error(page, "code")
    assert user_count(app) == 0


def test_the_services_checks_join_the_forms_own(app: Flask, actions: Actions) -> None:
    page = actions.submit("/register", {**SIGN_UP, "confirm": "different", "code": "QQQQQQ"})
    assert field_error(page, "confirm") == "Passwords differ."
    assert "No class has this code" in field_error(page, "code")
    assert field_error(page, "username") == ""
    assert user_count(app) == 0


def test_usernames_are_case_insensitive(app: Flask, client: FlaskClient, actions: Actions) -> None:
    actions.submit("/register", {**SIGN_UP, "username": "Ana.Reader"})
    assert stored_user(app, "ana.reader") is not None
    actions.logout()

    page = actions.submit("/register", {**SIGN_UP, "username": "ANA.reader"})
    assert "That username is taken" in field_error(page, "username")
    assert user_count(app) == 1

    assert actions.login("ANA.READER").status_code == 302
    assert "Hello, Ana Reader" in client.get("/").get_data(as_text=True)


def test_sign_in_and_out(client: FlaskClient, actions: Actions, make_user: MakeUser) -> None:
    make_user("ana")
    page = actions.login("ana")
    assert page.status_code == 302
    assert client.get("/history").status_code == 200

    page = actions.logout()
    assert page.status_code == 302
    assert "You are signed out." in client.get("/").get_data(as_text=True)
    assert client.get("/history").headers["Location"].startswith("/login")


@pytest.mark.parametrize(
    ("username", "password"), [("ana", "wrong-password"), ("nobody", PASSWORD)]
)
def test_failed_sign_in_says_so_next_to_the_password(
    client: FlaskClient, actions: Actions, make_user: MakeUser, username: str, password: str
) -> None:
    make_user("ana")
    page = actions.login(username, password)
    assert page.status_code == 200
    assert field_error(page, "password") == "Wrong username or password."
    assert client.get("/history").status_code == 302


def test_sign_in_returns_to_the_page_asked_for(actions: Actions, make_user: MakeUser) -> None:
    make_user("ana")
    data = {"username": "ana", "password": PASSWORD}
    page = actions.submit("/login", data, action="/login?next=/history")
    assert page.headers["Location"] == "/history"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/steal",
        "//evil.example/steal",
        "///evil.example/steal",
        "/\\evil.example/steal",
        "/%5Cevil.example/steal",
        "\\/evil.example/steal",
        "javascript:alert(1)",
        "/\t/evil.example/steal",
    ],
)
def test_sign_in_never_sends_anyone_to_another_site(
    actions: Actions, make_user: MakeUser, target: str
) -> None:
    make_user("ana")
    data = {"username": "ana", "password": PASSWORD}
    page = actions.submit("/login", data, action=f"/login?next={quote(target)}")
    location = page.headers["Location"]
    # A browser stays on this site for a path with one leading slash, not two (a backslash counts
    # as a slash), and drops tabs and newlines before it looks.
    assert re.match(r"/(?![/\\])", location), location
    assert not re.search(r"[\t\n\r]", location)


def test_teacher_role_shows_teacher_pages(
    client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("mr-t", teacher=True)
    actions.login("mr-t")
    assert "Create a class" in client.get("/classes/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/login", {"username": "ana", "password": PASSWORD}),
        ("/register", {**SIGN_UP, "username": "bob"}),
        ("/logout", {}),
        ("/classes/join", {"code": "ACDEFG"}),
        ("/quiz/harbour-strike", {"length": "5", "topics": "quotes", "mode": "test"}),
    ],
)
@pytest.mark.parametrize("token", [None, "forged-token"])
def test_a_post_without_a_valid_csrf_token_is_refused(
    app: Flask,
    client: FlaskClient,
    actions: Actions,
    make_user: MakeUser,
    url: str,
    data: dict[str, Any],
    token: str | None,
) -> None:
    make_user("ana")
    actions.login("ana")
    page = client.post(url, data={**data, **({"csrf_token": token} if token else {})})
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "Form expired" in html
    assert "Traceback" not in html
    assert user_count(app) == 1
    assert client.get("/history").status_code == 200, "still signed in"


@pytest.mark.parametrize("rate_limited", [True])
def test_the_sixth_wrong_password_for_one_account_is_refused(
    client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("ana")
    make_user("bob")
    # Usernames are case-insensitive, so are their limits.
    for name in ("ana", "ANA", " Ana", "ana", "aNa"):
        assert actions.login(name, "wrong-password").status_code == 200
    page = actions.login("ana", "wrong-password")
    assert page.status_code == 429
    assert "Slow down" in page.get_data(as_text=True)
    assert "Traceback" not in page.get_data(as_text=True)
    assert actions.login("ana", PASSWORD).status_code == 429, "locked even with the password"
    assert actions.login("bob", PASSWORD).status_code == 302


@pytest.mark.parametrize("rate_limited", [True])
def test_successful_sign_ins_do_not_count(actions: Actions, make_user: MakeUser) -> None:
    make_user("ana")
    for _ in range(4):
        assert actions.login("ana", "wrong-password").status_code == 200
    for _ in range(5):
        assert actions.login("ana").status_code == 302
        actions.logout()
    # Another browser at the address (this one now counts its own tries: see below).
    actions.client.delete_cookie(COOKIE)
    assert actions.login("ana", "wrong-password").status_code == 200
    assert actions.login("ana", "wrong-password").status_code == 429


@pytest.mark.parametrize("rate_limited", [True])
def test_wrong_passwords_are_limited_per_address(
    client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("ana")
    client.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    # 60 a minute from one address, spread over names so that no one name hits its own limit.
    for number in range(60):
        assert actions.login(f"nobody{number % 12}", "wrong-password").status_code == 200
    assert actions.login("ana", "wrong-password").status_code == 429

    client.environ_base["REMOTE_ADDR"] = "203.0.113.8"
    assert actions.login("ana", PASSWORD).status_code == 302


@pytest.mark.parametrize("rate_limited", [True])
def test_guessing_from_elsewhere_does_not_lock_the_student_out(
    client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("ana")
    client.environ_base["REMOTE_ADDR"] = "198.51.100.66"
    for _ in range(5):
        assert actions.login("ana", "wrong-password").status_code == 200
    assert actions.login("ana", PASSWORD).status_code == 429, "the guesser is stopped"

    client.environ_base["REMOTE_ADDR"] = "203.0.113.7"  # the classroom
    assert actions.login("ana", PASSWORD).status_code == 302


@pytest.mark.parametrize("rate_limited", [True])
def test_classmates_at_the_same_address_cannot_lock_a_student_out_of_her_own_browser(
    app: Flask, actions: Actions, make_user: MakeUser
) -> None:
    make_user("ana")
    own = Actions(app.test_client())  # ana's browser, where she signed in before
    assert own.login("ana").status_code == 302
    own.logout()
    # A classmate, same school address, other browser: six wrong passwords for her name.
    for _ in range(5):
        assert actions.login("ana", "wrong-password").status_code == 200
    assert actions.login("ana", PASSWORD).status_code == 429, "the classmate is stopped"
    assert own.login("ana").status_code == 302, "ana is not"
    own.logout()
    # Her browser's own wrong tries are limited on their own count.
    for _ in range(5):
        assert own.login("ana", "wrong-password").status_code == 200
    assert own.login("ana", "wrong-password").status_code == 429
    # A device cookie stands only for the accounts that signed in with it, and only when
    # signed by this app.
    assert own.login("bob", "wrong-password").status_code == 200
    forged = Actions(app.test_client())
    forged.client.set_cookie(COOKIE, "eyJpZCI6IngiLCJhY2NvdW50cyI6WyJhbmEiXX0.forged")
    assert forged.login("ana", PASSWORD).status_code == 429


@pytest.mark.parametrize("rate_limited", [True])
def test_a_class_signs_up_at_once_from_one_address(app: Flask, actions: Actions) -> None:
    for number in range(60):
        page = actions.submit("/register", {**SIGN_UP, "username": f"pupil{number}"})
        assert page.status_code == 302, number
        actions.logout()
    assert actions.submit("/register", {**SIGN_UP, "username": "pupil60"}).status_code == 429
    assert user_count(app) == 60


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/login", {"username": "ana\x00", "password": "pw\x00"}),
        ("/register", {**SIGN_UP, "username": "nulname", "display_name": "A\x00"}),
        ("/classes/join", {"code": "ACD\x00EFG"}),
    ],
)
def test_nul_characters_in_a_form_are_not_a_server_error(
    client: FlaskClient, actions: Actions, make_user: MakeUser, url: str, data: dict[str, str]
) -> None:
    make_user("mr-t")
    if url != "/register":
        actions.login("mr-t")
    page = actions.submit("/login", data, url)
    assert page.status_code in (200, 302)
    assert "Traceback" not in page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/login", {"username": "username", "password": "current-password"}),
        (
            "/register",
            {"username": "username", "password": "new-password", "confirm": "new-password"},
        ),
        (
            "/account/password",
            {"current": "current-password", "password": "new-password", "confirm": "new-password"},
        ),
    ],
)
def test_password_managers_are_told_what_each_field_is(
    client: FlaskClient, actions: Actions, make_user: MakeUser, url: str, expected: dict[str, str]
) -> None:
    if url.startswith("/account"):
        make_user("ana")
        actions.login("ana")
    fields = {c["name"]: c for c in controls(client.get(url)) if c.get("name") in expected}
    assert {name: c.get("autocomplete") for name, c in fields.items()} == expected


def test_a_direction_override_is_dropped_from_a_name(app: Flask, actions: Actions) -> None:
    """'\u202egnp.exe Sam' would show as 'maS exe.png' wherever the name is printed."""
    assert (
        actions.submit("/register", {**SIGN_UP, "display_name": "\u202egnp.exe Sam"}).status_code
        == 302
    )
    with app.app_context():
        assert db.session.scalars(select(User.display_name)).one() == "gnp.exe Sam"
