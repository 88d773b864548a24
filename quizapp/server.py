"""`quizapp serve`: the app under gunicorn, for production."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]
from sqlalchemy.orm import configure_mappers

from .extensions import db


def default_workers() -> int:
    """gunicorn's advice: two sync workers per CPU, plus one (a worker waits on the database)."""
    return 2 * len(os.sched_getaffinity(0)) + 1


class Server(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    """gunicorn with its options given here rather than in a config file."""

    def __init__(self, load_app: Callable[[], Flask], options: dict[str, Any]) -> None:
        self.load_app = load_app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings:  # settings newer than the installed gunicorn
                self.cfg.set(key, value)

    def load(self) -> Flask:
        # With preload_app this runs once in the master: banks load once, before the fork.
        app = self.load_app()
        warm_up(app)
        warn_of_limits_per_worker(app, int(self.options.get("workers", 1)))
        return app


def warn_of_limits_per_worker(app: Flask, workers: int) -> None:
    """Say so when each worker counts rate limits on its own: they are then N times as loose."""
    storage = str(app.config.get("RATELIMIT_STORAGE_URI", "memory://"))
    if (
        workers > 1
        and storage.startswith("memory://")
        and app.config.get("RATELIMIT_ENABLED", True)
    ):
        app.logger.warning(
            "Rate limits (sign-in throttling, class codes, quiz starts) are counted in each of"
            " the %d workers' own memory, so each limit lets %d times as much through. Set"
            " QUIZAPP_RATELIMIT_STORAGE_URI=redis://... to count them once for all workers.",
            workers, workers,
        )  # fmt: skip


def warm_up(app: Flask) -> None:
    """Do before the fork what every worker would otherwise do on its first requests.

    Compiling a template takes 5-30 ms the first time each worker draws it; right after a
    start, when a whole class opens its first pages at once, those first requests queue.
    Compiled here, the templates (and the models' configured mappers) are shared by every
    worker.
    """
    for name in app.jinja_env.list_templates(extensions=["html"]):
        app.jinja_env.get_template(name)
    configure_mappers()
    _freeze_what_was_loaded()


def _freeze_what_was_loaded() -> None:
    """Keep the objects loaded so far (banks, built questions, templates, mappers) out of
    every later garbage collection.

    A worker's full collection otherwise walks all of them: measured at 100 ms in each worker,
    every few thousand requests, and every request queued on that worker waits it out (a
    burst of slow pages at a classroom's pace). Frozen, they are never traversed, and the
    workers keep sharing their memory pages with the master (see `gc.freeze`).
    """
    gc.collect()
    gc.freeze()


def serve(load_app: Callable[[], Flask], bind: str, workers: int, timeout: int) -> None:
    """Run gunicorn until it is stopped; access log on stdout."""
    options = {
        "bind": bind,
        "workers": workers,
        "timeout": timeout,
        "accesslog": "-",
        "errorlog": "-",
        "preload_app": True,
        "post_fork": _after_fork,
        # One control socket per user (~/.gunicorn) would be shared by every server started
        # here; nothing uses it.
        "control_socket_disable": True,
    }
    Server(load_app, options).run()


def _after_fork(server: Any, worker: Any) -> None:
    """A worker must not reuse database connections the master opened before the fork."""
    app: Flask = server.app.wsgi()
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)
