"""The banks in service for this app and their built questions, cached per bank version."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app

from .bank import BankRegistry, LoadedBank
from .builder import Question, build_questions

_REFRESH_SECONDS = 2.0


@dataclass
class Catalogue:
    """A bank registry plus the questions built from each bank's current version."""

    registry: BankRegistry
    seed: int
    _built: dict[str, tuple[str, list[Question]]] = field(default_factory=dict)
    _checked_at: float = 0.0

    def refresh(self, force: bool = False) -> None:
        """Pick up edited bank files, at most every couple of seconds."""
        now = time.monotonic()
        if force or now - self._checked_at >= _REFRESH_SECONDS:
            self._checked_at = now
            self.registry.refresh()

    def banks(self) -> list[LoadedBank]:
        self.refresh()
        return self.registry.all()

    def bank(self, slug: str) -> LoadedBank | None:
        self.refresh()
        return self.registry.get(slug)

    def questions(self, slug: str) -> list[Question]:
        loaded = self.bank(slug)
        if loaded is None:
            return []
        cached = self._built.get(slug)
        if cached is None or cached[0] != loaded.digest:
            cached = (loaded.digest, build_questions(loaded, self.seed))
            self._built[slug] = cached
        return cached[1]


def init_app(app: Flask) -> None:
    registry = BankRegistry(Path(app.config["QUESTIONS_DIR"]))
    catalogue = Catalogue(registry, seed=app.config["QUIZ_SEED"])
    catalogue.refresh(force=True)
    app.extensions["quizapp.catalogue"] = catalogue


def catalogue() -> Catalogue:
    """The current app's catalogue."""
    found: Catalogue = current_app.extensions["quizapp.catalogue"]
    return found
