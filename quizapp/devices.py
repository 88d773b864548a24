"""Device cookies: a browser that has signed in to an account keeps its own sign-in limit.

Sign-in throttling per account and address stops a guesser elsewhere without locking the
student out, but a classroom shares one address: five wrong passwords typed for a classmate's
name would lock that classmate out for the minute. So a browser where the account has signed
in before gets a signed cookie naming it (OWASP's "device cookies"), and its tries count in a
limit of their own, apart from everyone else's at that address. The cookie opens nothing by
itself: it only decides whose tries a wrong password counts against.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from flask import current_app, request
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.wrappers import Response

COOKIE = "quizapp_device"
LIFETIME = timedelta(days=180)
# Accounts one browser stands for: a classroom computer is shared by a few students.
MAX_ACCOUNTS = 8


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="device-cookie")


def _read() -> dict[str, Any] | None:
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        found = _serializer().loads(raw, max_age=int(LIFETIME.total_seconds()))
    except BadData:
        return None
    if (
        isinstance(found, dict)
        and isinstance(found.get("id"), str)
        and isinstance(found.get("accounts"), list)
    ):
        return found
    return None


def device_of(username: str) -> str | None:
    """This browser's id if the account has signed in on it, else None."""
    found = _read()
    if found is not None and username in found["accounts"]:
        return str(found["id"])
    return None


def remember_device(response: Response, username: str) -> None:
    """After a sign-in: the browser now stands for this account (the latest first)."""
    found = _read() or {"id": secrets.token_urlsafe(12), "accounts": []}
    others = [name for name in found["accounts"] if name != username]
    accounts = [username, *others][:MAX_ACCOUNTS]
    response.set_cookie(
        COOKIE,
        _serializer().dumps({"id": found["id"], "accounts": accounts}),
        max_age=int(LIFETIME.total_seconds()),
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        httponly=True,
        samesite="Lax",
    )
