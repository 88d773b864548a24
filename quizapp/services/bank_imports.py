"""Importing a bank: read the upload, check it whole, and put it in service under a free slug.

An import never replaces a bank silently: a slug in use is refused unless the teacher asks
for a new revision of that bank. `store_bank` is the one place that keeps an imported bank;
until bank revisions exist (issue 11's `save_revision`), it writes the bank's two files into
the questions folder atomically, without ever writing over a file, and refreshes the catalogue.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from flask import current_app

from quizapp.catalogue import catalogue
from quizapp.models import User
from quizapp.transfer.gift_import import from_gift
from quizapp.transfer.importers import (
    CheckedImport,
    ImportedBank,
    check,
    checked_slug,
    from_yaml,
    from_zip,
)
from quizapp.transfer.quizlet import from_quizlet

from . import ServiceError

Source = Literal["bank", "quizlet", "gift"]


@dataclass(frozen=True)
class Upload:
    """What a teacher sent: the main file, an optional article file and an optional title."""

    source: Source
    data: bytes
    name: str
    article_data: bytes | None = None
    article_name: str = ""
    title: str | None = None


def read_upload(upload: Upload) -> ImportedBank:
    """The upload as bank text; raises BankInvalid with errors located in the uploaded files."""
    if upload.source == "quizlet":
        return from_quizlet(upload.data, upload.name, upload.title)
    if upload.source == "gift":
        return from_gift(
            upload.data, upload.name, upload.title, upload.article_data, upload.article_name
        )
    if upload.name.lower().endswith(".zip"):
        return from_zip(upload.data, upload.name)
    return from_yaml(upload.data, upload.name, upload.article_data, upload.article_name)


def import_bank(
    upload: Upload, slug: str, *, author: User | None, replace: bool = False
) -> CheckedImport:
    """Check the upload as bank `slug` and put it in service; nothing is kept if anything fails.

    Raises BankInvalid (the file's problems), ValueError (an unsafe slug) or ServiceError
    (the slug is taken and no new revision was asked for).
    """
    checked = check(read_upload(upload), checked_slug(slug))
    store_bank(checked, author=author, replace=replace, message=f"Imported from {upload.name}")
    return checked


def slug_in_use(slug: str, folder: Path) -> bool:
    """Whether a bank (served, broken, or only its files) or another bank's article has it."""
    cat = catalogue()
    names = {f"{slug}.yaml", f"{slug}.txt"}
    articles = {loaded.bank.article.file for loaded in cat.banks()}
    return (
        cat.bank(slug) is not None
        or slug in cat.registry.errors
        or any((folder / name).exists() for name in names)
        or f"{slug}.txt" in articles
    )


def store_bank(checked: CheckedImport, *, author: User | None, replace: bool, message: str) -> None:
    """Keep the checked bank under its slug: a new bank, or (asked for) a new revision."""
    folder = Path(current_app.config["QUESTIONS_DIR"])
    if slug_in_use(checked.slug, folder):
        if not replace:
            raise ServiceError(
                f"A bank named {checked.slug!r} exists already. Choose another name, or save "
                "this as a new revision of that bank.",
                field="slug",
            )
        raise ServiceError(
            "Saving a new revision of an existing bank needs the bank editor's revisions, "
            "which this server does not have yet: import under a new name.",
            field="slug",
        )
    article_name = None if checked.article_text is None else f"{checked.slug}.txt"
    if article_name is not None and checked.article_text is not None:
        _create(folder, article_name, checked.article_text)
    try:
        _create(folder, f"{checked.slug}.yaml", checked.yaml_text)
    except BaseException:
        if article_name is not None:
            (folder / article_name).unlink(missing_ok=True)
        raise
    catalogue().refresh()


def _create(folder: Path, name: str, text: str) -> None:
    """Write a new file whole or not at all, and never over an existing one."""
    target = folder / name
    if target.resolve().parent != folder.resolve():  # the slug is checked; this is a backstop
        raise ValueError(f"{name!r} is not a file name inside the questions folder")
    # A dot-file not ending in .yaml: the bank watcher never reads it half-written.
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, target)  # fails if the name exists: never overwrites
        except FileExistsError:
            message = f"{name} appeared in the questions folder meanwhile."
            raise ServiceError(message, field="slug") from None
    finally:
        os.unlink(temporary)
