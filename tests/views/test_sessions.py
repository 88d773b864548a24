"""Log-in sessions that can be ended: logout, password change and "sign out everywhere"."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import LoginSession
from tests.conftest import PASSWORD, Actions, MakeUser

NEW = "a-new-secret-42"
REMEMBER = "remember_token"


def remembered_login(app: Flask, username: str = "ana") -> tuple[FlaskClient, Actions]:
    """A fresh browser that signs in with "keep me signed in"."""
    client = app.test_client()
    actions = Actions(client)
    page = actions.submit("/login", {"username": username, "password": PASSWORD, "remember": "y"})
    assert page.status_code == 302
    return client, actions


def remember_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie(REMEMBER)
    assert cookie is not None, "no remember cookie was set"
    return cookie.value


def signed_in_with(app: Flask, *, remember: str | None = None, session: str | None = None) -> bool:
    """Whether a new browser holding only these cookies is signed in."""
    thief = app.test_client()
    if remember is not None:
        thief.set_cookie(REMEMBER, remember)
    if session is not None:
        thief.set_cookie("session", session)
    return thief.get("/history").status_code == 200


def session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def open_sessions(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(LoginSession)) or 0


def test_a_copied_remember_cookie_signs_in_until_logout(app: Flask, make_user: MakeUser) -> None:
    make_user("ana")
    client, actions = remembered_login(app)
    copied, copied_session = remember_cookie(client), session_cookie(client)
    assert signed_in_with(app, remember=copied), "the cookie works while the session is open"

    actions.logout()
    assert client.get("/history").status_code == 302
    assert not signed_in_with(app, remember=copied)
    assert not signed_in_with(app, session=copied_session)
    assert open_sessions(app) == 0


def test_logout_ends_only_that_device(app: Flask, make_user: MakeUser) -> None:
    make_user("ana")
    _, laptop_actions = remembered_login(app)
    phone, _ = remembered_login(app)
    laptop_actions.logout()
    assert phone.get("/history").status_code == 200
    assert signed_in_with(app, remember=remember_cookie(phone))


def test_a_password_change_ends_every_other_session(app: Flask, make_user: MakeUser) -> None:
    make_user("ana")
    client, actions = remembered_login(app)
    other, _ = remembered_login(app)
    copied = remember_cookie(client)

    form = {"current": PASSWORD, "password": NEW, "confirm": NEW}
    assert actions.submit("/account/password", form).status_code == 302
    assert client.get("/history").status_code == 200, "this device stays signed in"
    assert not signed_in_with(app, remember=copied), "a cookie copied before the change is dead"
    assert other.get("/history").status_code == 302, "the other device is signed out"
    assert signed_in_with(app, remember=remember_cookie(client)), "this device's new cookie"
    assert open_sessions(app) == 1


def test_sign_out_everywhere(app: Flask, make_user: MakeUser) -> None:
    make_user("ana")
    make_user("bob")
    client, actions = remembered_login(app)
    phone, _ = remembered_login(app)
    bob, _ = remembered_login(app, "bob")
    copied = remember_cookie(phone)

    page = actions.submit("/account/password", {}, action="/account/sign-out-everywhere")
    assert page.status_code == 302
    assert page.headers["Location"].startswith("/login")
    assert client.get("/history").status_code == 302
    assert phone.get("/history").status_code == 302
    assert not signed_in_with(app, remember=copied)
    assert bob.get("/history").status_code == 200, "other accounts are left alone"


def test_the_account_page_offers_sign_out_everywhere(
    client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("ana")
    actions.login("ana")
    html = client.get("/account/password").get_data(as_text=True)
    assert 'action="/account/sign-out-everywhere"' in html
    assert "Sign out everywhere" in html


def test_only_a_hash_of_the_token_is_stored(app: Flask, make_user: MakeUser) -> None:
    make_user("ana")
    client, _ = remembered_login(app)
    with app.app_context():
        stored = db.session.scalars(select(LoginSession.token_hash)).one()
    # Flask-Login's remember cookie is "<id>|<signature>": the id is the token.
    token = remember_cookie(client).split("|")[0]
    assert token
    assert token not in stored
