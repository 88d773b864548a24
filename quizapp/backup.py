"""Consistent copies of a live SQLite database (SQLite's online backup API)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path


def backup_sqlite(database: Path, target: Path) -> None:
    """Copy `database` to `target` while other processes keep writing to it.

    The copy is one read transaction, so it holds exactly the commits made before it began;
    in WAL mode writers go on meanwhile. It is written next to `target` and renamed into place,
    so `target` is never a half-written file.
    """
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
    try:
        copy = sqlite3.connect(partial)
        try:
            with copy:
                source.backup(copy)  # all pages in one step: one consistent snapshot
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
        os.replace(partial, target)
    finally:
        source.close()
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
