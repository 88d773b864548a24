"""The banks in service: every valid bank of a folder, reloaded when its files change.

A bank that fails to load never replaces the last good version of itself; its errors are kept
so that teachers and the CLI can see them.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BankError, BankInvalid
from .loader import LoadedBank, load_bank

log = logging.getLogger(__name__)


@dataclass
class BankRegistry:
    """Loaded banks by slug, with the errors of files that could not (re)load.

    `banks` and `errors` are replaced whole, never changed in place, so readers in other
    threads always see one consistent state while a refresh runs.
    """

    directory: Path
    banks: dict[str, LoadedBank] = field(default_factory=dict)
    errors: dict[str, list[BankError]] = field(default_factory=dict)
    _stamps: dict[Path, tuple[float, ...]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def bank_files(self) -> list[Path]:
        try:
            return self._list()
        except OSError:
            return []

    def _list(self) -> list[Path]:
        """The folder's bank files; raises OSError when the folder cannot be read."""
        with os.scandir(self.directory) as entries:
            return sorted(Path(e.path) for e in entries if e.name.endswith(".yaml"))

    def refresh(self) -> None:
        """Load new and changed bank files; keep the last good bank when a file breaks.

        A bank whose file was deleted leaves service (attempts keep their own copies of the
        questions they asked). A folder that cannot be read (unmounted, permissions) is not
        taken for an empty one: everything in service stays, and the problem is reported.
        """
        with self._lock:
            banks, errors = dict(self.banks), dict(self.errors)
            folder = f"{self._label(self.directory)}/"  # a slug never has a slash
            errors.pop(folder, None)
            try:
                files = self._list()
            except FileNotFoundError:
                if banks:
                    self.errors = {**errors, folder: [BankError(folder, 0, 0, "folder not found")]}
                    return
                files = []
            except OSError as exc:
                reason = f"cannot read the folder ({exc.strerror})"
                self.errors = {**errors, folder: [BankError(folder, 0, 0, reason)]}
                return
            for path in files:
                stamp = self._stamp(path)
                if self._stamps.get(path) != stamp:
                    self._stamps[path] = stamp
                    self._load(path, banks, errors)
            present = {path.stem for path in files}
            for slug in (set(errors) | set(banks)) - present:
                errors.pop(slug, None)
                banks.pop(slug, None)
            for path in set(self._stamps) - set(files):
                del self._stamps[path]
            self.banks, self.errors = banks, errors

    def _load(
        self, path: Path, banks: dict[str, LoadedBank], errors: dict[str, list[BankError]]
    ) -> None:
        try:
            loaded = load_bank(path, self._label(path))
        except BankInvalid as exc:
            errors[path.stem] = exc.errors
            kept = "keeping the last good version" if path.stem in banks else "not served"
            log.warning("bank %s is invalid (%s):\n%s", path.name, kept, exc)
            return
        errors.pop(path.stem, None)
        banks[loaded.slug] = loaded

    def _stamp(self, path: Path) -> tuple[float, ...]:
        """When and how big the bank and its article file are, and which file (a save
        replaces it by a new one): a change means reload. The inode and the nanoseconds tell
        apart two saves of one size within the file system's clock tick."""
        served = self.banks.get(path.stem)
        article_name = served.bank.article.file if served else None
        stamps: list[float] = []
        for file in (path, path.parent / (article_name or f"{path.stem}.txt")):
            try:
                info = file.stat()
            except OSError:  # not there (yet), or deleted a moment ago
                stamps += [-1.0, -1.0, -1.0]
            else:
                stamps += [info.st_mtime_ns, info.st_size, info.st_ino]
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
