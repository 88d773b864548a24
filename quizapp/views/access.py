"""Who may see what: the login manager's user loader and the teacher-only guard."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from quizapp.extensions import login_manager
from quizapp.models import User
from quizapp.services.accounts import user_of_session

P = ParamSpec("P")
R = TypeVar("R")

login_manager.login_view = "auth.login"
login_manager.login_message = "Please sign in to continue."
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    """The user of an open login session (the Flask-Login id is the session's token)."""
    return user_of_session(session_token)


def teacher_required(view: Callable[P, R]) -> Callable[P, R]:
    """Only signed-in teachers; everyone else gets 403 (or the sign-in page)."""

    @wraps(view)
    @login_required
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        if not current_user.is_teacher:
            abort(403, "This page is for teachers.")
        return view(*args, **kwargs)

    return guarded


def signed_in_user() -> User:
    """The signed-in user as a typed model (views behind login_required only)."""
    user: User = current_user._get_current_object()
    return user


def user_key() -> str:
    """Rate limits per signed-in user (by address for strangers, who are sent to sign in)."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return get_remote_address()


def failed(response: Response) -> bool:
    """Only what failed counts against a limit; a success redirects."""
    return response.status_code != 302
