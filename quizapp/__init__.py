"""quizapp: turn a news article into a reading-comprehension course."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.middleware.proxy_fix import ProxyFix

from . import catalogue, cli, config, database, security, views
from .extensions import csrf, db, limiter, login_manager, migrate


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the app: settings, extensions, banks, blueprints, errors."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(config.PROJECT_ROOT / "templates"),
        static_folder=str(config.PROJECT_ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.from_environment(Path(app.instance_path)))
    if test_config is not None:
        app.config.from_mapping(test_config)

    if hops := app.config["PROXY_HOPS"]:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops
        )
    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(config.PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    security.init_app(app)
    catalogue.init_app(app)
    cli.init_app(app)
    views.init_app(app)
    _register_error_pages(app)
    return app


def _register_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        message = "This form expired or was sent twice. Go back, reload the page and try again."
        return render_template("error.html", title="Form expired", message=message), 400

    @app.errorhandler(429)
    def too_many(error: HTTPException) -> tuple[str, int, list[tuple[str, str]]]:
        message = "Too many attempts in a short time. Wait a minute, then try again."
        page = render_template("error.html", title="Slow down", message=message)
        return page, 429, _headers_of(error)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int, list[tuple[str, str]]]:
        code = error.code or 500
        page = render_template(
            "error.html", title=f"{code} {error.name}", message=error.description
        )
        return page, code, _headers_of(error)

    # Flask turns an unhandled exception into this 500 only outside testing and debug
    # (PROPAGATE_EXCEPTIONS); there it propagates, so tests and the debugger see it. Flask
    # has already logged it.
    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError) -> tuple[str, int]:
        db.session.rollback()
        message = "Something went wrong on our side. Your answers so far are saved."
        return render_template("error.html", title="Sorry", message=message), 500


def _headers_of(error: HTTPException) -> list[tuple[str, str]]:
    """The error's own headers (Retry-After, Allow, WWW-Authenticate...) for our page of it."""
    return [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
