"""Security headers and cookie settings, set in one place for every response."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, render_template, request, session
from werkzeug.exceptions import BadRequest, MethodNotAllowed, NotFound, RequestEntityTooLarge
from werkzeug.wrappers import Response

# No inline script or style anywhere: templates link static files only. Pico's stylesheet draws
# its checkbox and select icons as data: SVG images, hence img-src data:.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    # For browsers older than frame-ancestors.
    "X-Frame-Options": "DENY",
}
HSTS = "max-age=31536000; includeSubDomains"
REMEMBER_FOR = timedelta(days=30)


def init_app(app: Flask) -> None:
    """Cookie flags from the secure-cookie setting; headers on every response; no uploads."""
    secure = bool(app.config.get("SESSION_COOKIE_SECURE"))
    app.config.setdefault("REMEMBER_COOKIE_SECURE", secure)
    app.config.setdefault("REMEMBER_COOKIE_HTTPONLY", True)
    app.config.setdefault("REMEMBER_COOKIE_SAMESITE", "Lax")
    app.config.setdefault("REMEMBER_COOKIE_DURATION", REMEMBER_FOR)
    app.before_request(_refuse_nul_in_address)
    app.before_request(_refuse_uploads)
    app.register_error_handler(MethodNotAllowed, _method_not_allowed)
    app.register_error_handler(RequestEntityTooLarge, _too_large)

    @app.after_request
    def add_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if request.endpoint not in SHARED_ENDPOINTS and "_user_id" in session:
            # A signed-in page is that user's (answers, results, a class's names): on a shared
            # school computer the back button or the cache must not show it to the next user.
            # (Flask-Login's mark in the session: asking current_user could query a database
            # that is just then failing, from the error page's own response.)
            response.headers.setdefault("Cache-Control", "no-store")
        return response


# The only forms that take files: the bank import (quizapp/views/transfer.py).
FILE_ENDPOINTS = frozenset({"transfer.import_post"})


# The same for everyone (and served without loading the signed-in user).
SHARED_ENDPOINTS = frozenset({"static", "healthz"})


def _refuse_nul_in_address() -> None:
    """No address holds a NUL: one in a path would reach a query, and PostgreSQL text cannot
    hold it (a 500 there, a 404 on SQLite). Forms drop NULs themselves (quizapp.forms)."""
    if "\x00" in request.path:
        raise NotFound()


def _refuse_uploads() -> None:
    """Other forms take no file; one sent anyway is refused before any view reads it."""
    if request.endpoint not in FILE_ENDPOINTS and request.files:
        raise BadRequest("This form takes typed answers only; files cannot be sent.")


def _method_not_allowed(error: MethodNotAllowed) -> tuple[str, int, dict[str, str]]:
    """405 with the methods the address does take (the generic error page drops headers)."""
    message = "This address does not take that kind of request."
    page = render_template("error.html", title="405 Method Not Allowed", message=message)
    return page, 405, {"Allow": ", ".join(error.valid_methods or ())}


def _too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    """413 without touching the form again (reading it would raise the same error)."""
    message = "What was sent is too large. Answers are short: shorten it and send again."
    if request.endpoint in FILE_ENDPOINTS:
        message = "The files sent are too large together (2 MB); each may be at most 1 MB."
    return render_template("error.html", title="Too large", message=message), 413
