"""Writing a bank's files into the questions folder: atomically, and never outside it."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .loader import LoadedBank

SAFE_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class UnsafeName(ValueError):
    """A bank or file name that could point outside the questions folder."""


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, refusing any name that would land elsewhere (`..`, `/`, `\\`, `C:`)."""
    if not name or Path(name).name != name or "\\" in name or ":" in name or name.startswith("."):
        raise UnsafeName(f"'{name}' is not a plain file name.")
    target = folder / name
    if target.resolve().parent != folder.resolve():
        raise UnsafeName(f"'{name}' is outside the questions folder.")
    return target


def write_bank_files(folder: Path, loaded: LoadedBank) -> None:
    """Write the bank's YAML (and the article file it names) into `folder`; raises OSError."""
    if not SAFE_SLUG.match(loaded.slug):
        raise UnsafeName(f"'{loaded.slug}' is not a bank name.")
    files = []
    if (name := loaded.bank.article.file) is not None:
        if name != f"{loaded.slug}.txt":  # load_text(to_be_written=True) says so, located
            raise UnsafeName(f"'{name}' is not this bank's article file.")
        files.append((inside(folder, name), loaded.article_text))
    # The YAML last: a server watching the folder then finds the article already in place.
    files.append((inside(folder, f"{loaded.slug}.yaml"), loaded.yaml_text))
    for target, text in files:
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        atomic_write(target, text)


def atomic_write(target: Path, text: str) -> None:
    """Write a temporary file beside `target`, fsync it, and rename it over `target`."""
    # A dot name ending in .tmp: the folder scan (*.yaml) never takes it for a bank.
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a crash
    finally:
        os.close(directory)
