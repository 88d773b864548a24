"""Accounts: creating users, checking their passwords, and the sessions they sign in with."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta
from functools import cache

from sqlalchemy import bindparam, delete, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn  # type: ignore[import-untyped]

from quizapp.extensions import db
from quizapp.models import STUDENT, LoginSession, User, UTCDateTime, utcnow

from . import ServiceError

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
MIN_PASSWORD = 10
# zxcvbn's scores run 0-4; 2 is "somewhat guessable": safe from online guessing, which is
# what a throttled login page faces.
MIN_STRENGTH = 2
# zxcvbn refuses longer passwords (its matching grows with length); the rest only adds strength.
STRENGTH_CHECKED = 72
SESSION_LIFETIME = timedelta(days=30)  # as long as a remember cookie lasts
TAKEN = "That username is taken; try another."


def normalise_username(username: str) -> str:
    """Usernames are case-insensitive: 'Anna' and 'anna' are one account."""
    return username.strip().lower()


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == normalise_username(username)))


def password_problem(password: str, *, known: tuple[str, ...] = ()) -> str | None:
    """Why this password is too weak to use, or None; ``known`` holds the user's own names."""
    if len(password) < MIN_PASSWORD:
        return f"Use at least {MIN_PASSWORD} characters."
    verdict = zxcvbn(password[:STRENGTH_CHECKED], user_inputs=[k for k in known if k])
    if verdict["score"] >= MIN_STRENGTH:
        return None
    feedback = verdict["feedback"]
    advice = " ".join([feedback["warning"], *feedback["suggestions"][:1]]).strip()
    return f"This password is too easy to guess. {advice}".strip()


def create_user(
    username: str, password: str, *, display_name: str | None = None, role: str = STUDENT
) -> User:
    """A new user with a hashed password; raises ServiceError on a taken or bad name.

    A name taken by a sign-up racing this one rolls the session back before the error.
    """
    if problems := account_problems(username, password, display_name=display_name):
        field, message = next(iter(problems.items()))
        raise ServiceError(message, field=field)
    name = normalise_username(username)
    shown = (display_name or username).strip()[:80]
    user = User(username=name, display_name=shown, role=role)
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError:
        # Two sign-ups for one name at once: the unique index decides, the loser is told. Not
        # a savepoint: on SQLite the driver would commit one taken first in a transaction, and
        # a sign-up is the first write of its request, so rolling it all back loses nothing.
        db.session.rollback()
        raise ServiceError(TAKEN, field="username") from None
    return user


def account_problems(
    username: str, password: str, *, display_name: str | None = None
) -> dict[str, str]:
    """Why these details cannot make an account, by field: all of them, so a sign-up form can
    show every problem at once instead of one per try."""
    name = normalise_username(username)
    shown = (display_name or username).strip()[:80]
    problems: dict[str, str] = {}
    if not USERNAME.match(name):
        problems["username"] = "Use 3 to 40 letters, digits, dots, dashes or underscores."
    elif find_user(name) is not None:
        problems["username"] = TAKEN
    if not shown:
        problems["display_name"] = "Give a name to show."
    if problem := password_problem(password, known=(name, shown)):
        problems["password"] = problem
    return problems


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password after checking the current one, and sign out every other device."""
    if not user.check_password(current):
        raise ServiceError("That is not your current password.", field="current")
    if problem := password_problem(new, known=(user.username, user.display_name)):
        raise ServiceError(problem, field="password")
    if new == current:
        # A password a teacher set (a reset) is known to the teacher: it must not be kept.
        raise ServiceError("Choose a password other than your current one.", field="password")
    user.set_password(new)
    user.must_change_password = False
    end_every_session(user)
    open_session(user)


@cache
def _dummy_hash() -> str:
    return generate_password_hash(secrets.token_urlsafe(16))


def authenticate(username: str, password: str) -> User | None:
    """The user if the password is right, else None (same answer for unknown names)."""
    user = find_user(username)
    if user is None:
        # Hash anyway, so an unknown name takes as long to refuse as a wrong password.
        check_password_hash(_dummy_hash(), password)
        return None
    return user if user.check_password(password) else None


def _hashed(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(user: User) -> str:
    """A new signed-in session for the user; its token becomes the user's Flask-Login id."""
    token = secrets.token_urlsafe(32)
    # Housekeeping: the user's sessions too old to be used are dropped as a new one starts.
    db.session.execute(
        delete(LoginSession).where(
            LoginSession.user_id == user.id, LoginSession.created_at < utcnow() - SESSION_LIFETIME
        )
    )
    db.session.add(LoginSession(token_hash=_hashed(token), user_id=user.id))
    db.session.flush()
    user.session_token = token
    return token


# Built once (every signed-in request runs it): composing it cost as much as running it.
_USER_OF_SESSION = (
    select(User)
    .join(LoginSession)
    .where(
        LoginSession.token_hash == bindparam("token_hash"),
        LoginSession.created_at >= bindparam("opened_since", type_=UTCDateTime()),
    )
)


def user_of_session(token: str) -> User | None:
    """The user signed in with this token, if the session is still open."""
    user = db.session.scalar(
        _USER_OF_SESSION,
        {"token_hash": _hashed(token), "opened_since": utcnow() - SESSION_LIFETIME},
    )
    if user is not None:
        user.session_token = token
    return user


def end_session(user: User) -> None:
    """Sign out the device this request came from."""
    if user.session_token is not None:
        db.session.execute(
            delete(LoginSession).where(LoginSession.token_hash == _hashed(user.session_token))
        )
        user.session_token = None


def end_every_session(user: User) -> None:
    """Sign the user out everywhere: every session and remember cookie stops working."""
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    user.session_token = None
