"""Importing a bank: read the upload, check it whole, and put it in service under a free slug.

An import never replaces a bank silently: a slug in use is refused unless the teacher asks
for a new revision of that bank. `store_bank` is the one place that keeps an imported bank:
as a bank revision (`save_revision`, which writes the files back and puts the bank in service
once the request commits).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from quizapp.catalogue import catalogue
from quizapp.models import BankRevision, User
from quizapp.transfer.bundle import bank_yaml
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
from .bank_revisions import latest_revision, safe_slug, save_revision

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
    (the slug is taken and no new revision was asked for; the files cannot be written). Flush
    only: the caller commits, or rolls back on a ServiceError.
    """
    checked = check(read_upload(upload), checked_slug(slug))
    store_bank(checked, author=author, replace=replace, message=f"Imported from {upload.name}")
    return checked


def slug_in_use(slug: str, folder: Path) -> bool:
    """Whether a bank (served, broken, or only its files) or another bank's article has it."""
    cat = catalogue()
    names = {f"{slug}.yaml", f"{slug}.txt"}
    return (
        cat.bank(slug) is not None
        or slug in cat.registry.errors
        or any((folder / name).exists() for name in names)
        or _another_banks_article(slug)
    )


def _another_banks_article(slug: str) -> bool:
    """Whether `<slug>.txt` is the article of a bank other than `slug`."""
    return any(
        loaded.bank.article.file == f"{slug}.txt" and loaded.slug != slug
        for loaded in catalogue().banks()
    )


def store_bank(
    checked: CheckedImport, *, author: User | None, replace: bool, message: str
) -> BankRevision:
    """Keep the checked bank under its slug: a new bank, or (when asked) a new revision.

    A bank in service that has no revision yet (one only ever edited as a file) is first
    stored as it is, so that the import never loses the version it replaces. Flush only.
    """
    slug = safe_slug(checked.slug)
    if slug_in_use(slug, Path(catalogue().registry.directory)):
        if not replace:
            raise ServiceError(
                f"A bank named {slug!r} exists already. Choose another name, or save this "
                "as a new revision of that bank.",
                field="slug",
            )
        served = catalogue().bank(slug)
        if served is None or _another_banks_article(slug):
            raise ServiceError(
                f"Files named {slug!r} are in the questions folder but are not a bank in "
                "service; choose another name.",
                field="slug",
            )
        if latest_revision(slug) is None:
            save_revision(
                slug=slug,
                yaml_text=bank_yaml(served),
                article_text=served.article_text,
                author=None,
                message="The bank as it was before an import replaced it",
                base_number=None,
            )
    return save_revision(
        slug=slug,
        yaml_text=checked.yaml_text,
        article_text=checked.article_text or "",
        author=author,
        message=message,
        base_number=None,
    )
