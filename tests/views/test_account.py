"""Changing one's own password."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.conftest import PASSWORD, Actions, MakeUser
from tests.views.conftest import field_error

NEW = "a-new-secret-42"


def test_a_signed_in_user_changes_their_password(
    client: FlaskClient, actions: Actions, make_user: MakeUser
) -> None:
    make_user("ana")
    actions.login("ana")
    form = {"current": PASSWORD, "password": NEW, "confirm": NEW}
    page = actions.submit("/account/password", form)
    assert page.status_code == 302
    assert "Your password is changed." in client.get("/").get_data(as_text=True)
    actions.logout()
    assert actions.login("ana", PASSWORD).status_code == 200, "the old password no longer works"
    assert actions.login("ana", NEW).status_code == 302


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"current": "not-it-at-all", "password": NEW, "confirm": NEW}, "current",
         "That is not your current password."),
        ({"current": PASSWORD, "password": NEW, "confirm": NEW + "x"}, "confirm",
         "Passwords differ."),
        ({"current": PASSWORD, "password": "short", "confirm": "short"}, "password",
         "Use at least 10 characters."),
        ({"current": PASSWORD, "password": PASSWORD, "confirm": PASSWORD}, "password",
         "Choose a password other than your current one."),
        ({"current": PASSWORD, "password": "qwertyuiop", "confirm": "qwertyuiop"}, "password",
         "This password is too easy to guess. This is a top-100 common password. "
         "Add another word or two. Uncommon words are better."),
    ],
)  # fmt: skip
def test_a_bad_change_is_shown_next_to_its_field(
    actions: Actions, make_user: MakeUser, form: dict[str, str], field: str, message: str
) -> None:
    make_user("ana")
    actions.login("ana")
    page = actions.submit("/account/password", form)
    assert page.status_code == 200
    assert field_error(page, field) == message
    actions.logout()
    assert actions.login("ana", PASSWORD).status_code == 302, "the password is unchanged"


def test_strangers_are_sent_to_sign_in(client: FlaskClient) -> None:
    page = client.get("/account/password")
    assert page.status_code == 302
    assert page.headers["Location"].startswith("/login")
