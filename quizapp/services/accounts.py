"""Accounts: creating users and checking their passwords."""

from __future__ import annotations

import re

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import STUDENT, User

from . import ServiceError

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
MIN_PASSWORD = 8


def normalise_username(username: str) -> str:
    """Usernames are case-insensitive: 'Anna' and 'anna' are one account."""
    return username.strip().lower()


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == normalise_username(username)))


def create_user(
    username: str, password: str, *, display_name: str | None = None, role: str = STUDENT
) -> User:
    """A new user with a hashed password; raises ServiceError on a taken or bad name."""
    name = normalise_username(username)
    if not USERNAME.match(name):
        raise ServiceError(
            "Use 3 to 40 letters, digits, dots, dashes or underscores.", field="username"
        )
    if len(password) < MIN_PASSWORD:
        raise ServiceError(f"Use at least {MIN_PASSWORD} characters.", field="password")
    if find_user(name) is not None:
        raise ServiceError("That username is taken; try another.", field="username")
    user = User(username=name, display_name=(display_name or username).strip()[:80], role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password after checking the current one; raises ServiceError otherwise."""
    if not user.check_password(current):
        raise ServiceError("That is not your current password.", field="current")
    if len(new) < MIN_PASSWORD:
        raise ServiceError(f"Use at least {MIN_PASSWORD} characters.", field="password")
    user.set_password(new)
    db.session.flush()


def authenticate(username: str, password: str) -> User | None:
    """The user if the password is right, else None (same answer for unknown names)."""
    user = find_user(username)
    if user is None or not user.check_password(password):
        return None
    return user
