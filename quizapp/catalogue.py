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
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, abort, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session as SQLASession
from sqlalchemy.orm import SessionTransaction

from .bank import BankError, BankRegistry, LoadedBank
from .bank.files import UnsafeName, write_bank_files
from .builder import Question, build_questions
from .extensions import db
from .revision_store import RevisionStore, safe_sync

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
    store: RevisionStore | None = None
    _shelf: Shelf = field(default_factory=Shelf)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _watcher_pid: int | None = None
    _stopped: threading.Event = field(default_factory=threading.Event)

    def refresh(self, force: bool = False) -> None:
        """Load changed bank files and build their questions now, then put them in service.

        `force` is kept for callers of the time when requests refreshed; it changes nothing.
        """
        with self._lock:
            self.registry.refresh()
            shelf = self._shelf
            banks = safe_sync(self.store, self.registry, _write_back)
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
            target=_watch,
            args=(weakref.ref(self), self.interval, self._stopped),
            name="bank-watcher",
        )
        thread.daemon = True
        thread.start()

    def stop(self) -> None:
        """End the background refresher (an app that is done: tests, shutdown)."""
        with self._lock:  # wait for a refresh under way to finish
            self._stopped.set()

    def banks(self) -> list[LoadedBank]:
        return sorted(self._shelf.banks.values(), key=lambda loaded: loaded.bank.title)

    def bank(self, slug: str) -> LoadedBank | None:
        return self._shelf.banks.get(slug)

    def questions(self, slug: str) -> list[Question]:
        return self._shelf.questions.get(slug, [])

    def errors(self) -> dict[str, list[BankError]]:
        """The problems of banks (files or revisions) that could not be put in service."""
        found = dict(self.registry.errors)
        if self.store is not None:
            for slug, errors in self.store.errors.items():
                found.setdefault(slug, errors)
        return found

    def revision_number(self, slug: str) -> int | None:
        """The number of the revision served for this bank (None: not saved in the database)."""
        return self.store.revision_of(slug) if self.store is not None else None


def _write_back(directory: Path, loaded: LoadedBank) -> None:
    """Bring a stale file on this server's disk up to the revision in service."""
    try:
        write_bank_files(directory, loaded)
    except (OSError, UnsafeName) as exc:
        log.warning("bank %s: cannot write its file back (%s)", loaded.slug, exc)


def _watch(ref: weakref.ref[Catalogue], interval: float, stopped: threading.Event) -> None:
    """Refresh every `interval` seconds until the catalogue's app is gone or stopped."""
    while not stopped.wait(interval):
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
        registry,
        seed=app.config["QUIZ_SEED"],
        interval=app.config["BANK_RELOAD_SECONDS"],
        store=RevisionStore.for_url(app.config["SQLALCHEMY_DATABASE_URI"]),
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


def served_bank(slug: str) -> LoadedBank:
    """The bank in service under this slug, or a 404 page (for views)."""
    loaded = catalogue().bank(slug)
    if loaded is None:
        abort(404, "No bank in service has this name.")
    return loaded


_CHANGED = "quizapp.banks_changed"


def refresh_after_commit() -> None:
    """Put saved revisions in service once the request's transaction commits (not before)."""
    db.session.info[_CHANGED] = True


@event.listens_for(SQLASession, "after_transaction_end")
def _refresh_committed(session: SQLASession, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:
        return  # a savepoint ended: the outer transaction is not committed yet
    # A rollback has already dropped the mark (below), so only a commit gets here with it.
    if session.info.pop(_CHANGED, False) and has_app_context():
        found = current_app.extensions.get("quizapp.catalogue")
        if found is not None:
            found.refresh()


@event.listens_for(SQLASession, "after_rollback")
def _forget_rolled_back(session: SQLASession) -> None:
    session.info.pop(_CHANGED, None)
