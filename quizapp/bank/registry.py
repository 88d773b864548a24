"""The banks in service: every valid bank of a folder, reloaded when its files change.

A bank that fails to load never replaces the last good version of itself; its errors are kept
so that teachers and the CLI can see them.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BankError, BankInvalid
from .loader import LoadedBank, load_bank

log = logging.getLogger(__name__)


@dataclass
class BankRegistry:
    """Loaded banks by slug, with the errors of files that could not (re)load."""

    directory: Path
    banks: dict[str, LoadedBank] = field(default_factory=dict)
    errors: dict[str, list[BankError]] = field(default_factory=dict)
    _stamps: dict[Path, tuple[float, ...]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def bank_files(self) -> list[Path]:
        return sorted(self.directory.glob("*.yaml")) if self.directory.is_dir() else []

    def refresh(self) -> None:
        """Load new and changed bank files; keep the last good bank when a file breaks.

        A bank whose file was deleted leaves service (attempts keep their own copies of the
        questions they asked).
        """
        with self._lock:
            files = self.bank_files()
            for path in files:
                stamp = self._stamp(path)
                if self._stamps.get(path) != stamp:
                    self._stamps[path] = stamp
                    self._load(path)
            present = {path.stem for path in files}
            for slug in (set(self.errors) | set(self.banks)) - present:
                self.errors.pop(slug, None)
                self.banks.pop(slug, None)
            for path in set(self._stamps) - set(files):
                del self._stamps[path]

    def _load(self, path: Path) -> None:
        try:
            loaded = load_bank(path, self._label(path))
        except BankInvalid as exc:
            self.errors[path.stem] = exc.errors
            kept = "keeping the last good version" if path.stem in self.banks else "not served"
            log.warning("bank %s is invalid (%s):\n%s", path.name, kept, exc)
            return
        self.errors.pop(path.stem, None)
        self.banks[loaded.slug] = loaded

    def _stamp(self, path: Path) -> tuple[float, ...]:
        """When and how big the bank and its article file are: a change means reload."""
        served = self.banks.get(path.stem)
        article_name = served.bank.article.file if served else None
        stamps: list[float] = []
        for file in (path, path.parent / (article_name or f"{path.stem}.txt")):
            try:
                info = file.stat()
            except OSError:  # not there (yet), or deleted a moment ago
                stamps += [-1.0, -1.0]
            else:
                stamps += [info.st_mtime, info.st_size]
        return tuple(stamps)

    def _label(self, path: Path) -> str:
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    def get(self, slug: str) -> LoadedBank | None:
        return self.banks.get(slug)

    def all(self) -> list[LoadedBank]:
        return sorted(self.banks.values(), key=lambda loaded: loaded.bank.title)
