"""The banks in service for this app and their built questions, refreshed off the request path.

Loading a bank is slow (seconds for thousands of facts), so requests never load or build:
they read the last published shelf. The banks are loaded when the app starts, then a
background thread per process looks for changed files every few seconds, loads and builds
what changed, and publishes a new shelf in one step.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session as SQLASession

from .bank import BankRegistry, LoadedBank
from .builder import Question, build_questions
from .extensions import db

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Shelf:
    """What is in service at one moment: each bank with the questions built from it."""

    banks: dict[str, LoadedBank] = field(default_factory=dict)
    questions: dict[str, list[Question]] = field(default_factory=dict)


@dataclass
class Catalogue:
    """A bank registry plus the questions built from each bank's current version."""

    registry: BankRegistry
    seed: int
    interval: float = 2.0
    _shelf: Shelf = field(default_factory=Shelf)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _watcher_pid: int | None = None

    def refresh(self, force: bool = False) -> None:
        """Load changed bank files and build their questions now, then put them in service.

        `force` is kept for callers of the time when requests refreshed; it changes nothing.
        """
        with self._lock:
            self.registry.refresh()
            shelf = self._shelf
            banks = dict(self.registry.banks)
            questions = {}
            for slug, loaded in list(banks.items()):
                served = shelf.banks.get(slug)
                if served is not None and served.digest == loaded.digest:
                    questions[slug] = shelf.questions[slug]
                    continue
                try:
                    questions[slug] = build_questions(loaded, self.seed)
                except Exception:  # a builder bug must not take the other banks down
                    log.exception("building the questions of bank %s failed", slug)
                    if served is None:
                        del banks[slug]
                    else:
                        banks[slug], questions[slug] = served, shelf.questions[slug]
            self._shelf = Shelf(banks, questions)

    def watch(self) -> None:
        """Start this process's background refresher, once (again in a forked worker)."""
        if self.interval <= 0 or self._watcher_pid == os.getpid():
            return
        self._watcher_pid = os.getpid()
        thread = threading.Thread(
            target=_watch, args=(weakref.ref(self), self.interval), name="bank-watcher"
        )
        thread.daemon = True
        thread.start()

    def banks(self) -> list[LoadedBank]:
        return sorted(self._shelf.banks.values(), key=lambda loaded: loaded.bank.title)

    def bank(self, slug: str) -> LoadedBank | None:
        return self._shelf.banks.get(slug)

    def questions(self, slug: str) -> list[Question]:
        return self._shelf.questions.get(slug, [])


def _watch(ref: weakref.ref[Catalogue], interval: float) -> None:
    """Refresh every `interval` seconds until the catalogue's app is gone."""
    while True:
        time.sleep(interval)
        found = ref()
        if found is None:
            return
        try:
            found.refresh()
        except Exception:  # a bug in one refresh must not stop the next ones
            log.exception("refreshing the banks failed; the banks in service stay")
        del found  # hold no reference while sleeping, so an unused app can go


def init_app(app: Flask) -> None:
    registry = BankRegistry(Path(app.config["QUESTIONS_DIR"]))
    catalogue = Catalogue(
        registry, seed=app.config["QUIZ_SEED"], interval=app.config["BANK_RELOAD_SECONDS"]
    )
    catalogue.refresh()
    app.extensions["quizapp.catalogue"] = catalogue
    # Started by the first request rather than here, so that a server which forks workers
    # after creating the app gets a watcher in every worker.
    app.before_request(catalogue.watch)


def catalogue() -> Catalogue:
    """The current app's catalogue."""
    found: Catalogue = current_app.extensions["quizapp.catalogue"]
    return found


_CHANGED = "quizapp.banks_changed"


def refresh_after_commit() -> None:
    """Put saved revisions in service once the request's transaction commits (not before)."""
    db.session.info[_CHANGED] = True


@event.listens_for(SQLASession, "after_commit")
def _refresh_committed(session: SQLASession) -> None:
    if session.info.pop(_CHANGED, False) and has_app_context():
        found = current_app.extensions.get("quizapp.catalogue")
        if found is not None:
            found.refresh()


@event.listens_for(SQLASession, "after_rollback")
def _forget_rolled_back(session: SQLASession) -> None:
    session.info.pop(_CHANGED, None)
