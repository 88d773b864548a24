"""What the teachers' bank pages show: each bank's latest text and revision, errors located."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload

from quizapp.bank import BankError, BankInvalid
from quizapp.bank.document import BankDocument
from quizapp.bank.files import SAFE_SLUG, UnsafeName, inside
from quizapp.bank.outline import fact_at, fact_starts
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import BankRevision

from .bank_revisions import latest_revision


@dataclass(frozen=True)
class BankSource:
    """The text a teacher edits: the latest revision's, or the file's when never saved."""

    slug: str
    title: str
    yaml_text: str
    article_text: str
    number: int | None
    author_name: str | None = None
    created_at: datetime | None = None

    @property
    def names_article_file(self) -> bool:
        """Whether the article is its own file (so its text is edited apart from the YAML)."""
        try:
            article = BankDocument.parse(self.yaml_text).header().get("article")
        except BankInvalid:
            return True
        return not (isinstance(article, dict) and "text" in article)


@dataclass(frozen=True)
class LocatedError:
    error: BankError
    fact_id: str | None


@dataclass(frozen=True)
class BrokenBank:
    slug: str
    editable: bool  # a bank name whose text the raw YAML page can open
    errors: list[LocatedError]


def _read(slug: str, name: str) -> str | None:
    try:
        return inside(Path(catalogue().registry.directory), name).read_text(encoding="utf-8")
    except (OSError, UnsafeName, UnicodeDecodeError):
        return None


def bank_source(slug: str) -> BankSource | None:
    """What the raw YAML page shows for a (safe) slug; None when there is no such bank."""
    latest = latest_revision(slug)
    loaded = catalogue().bank(slug)
    title = loaded.bank.title if loaded else slug
    if latest is not None:
        return BankSource(
            slug, title, latest.yaml_text, latest.article_text, latest.number,
            latest.author_name, latest.created_at,
        )  # fmt: skip
    if loaded is not None:
        return BankSource(slug, title, loaded.yaml_text, loaded.article_text, None)
    if slug in catalogue().errors():
        text = _read(slug, f"{slug}.yaml")
        if text is not None:
            return BankSource(slug, title, text, _read(slug, f"{slug}.txt") or "", None)
    return None


def latest_revisions() -> dict[str, BankRevision]:
    """Each bank's newest revision with its author: one query."""
    newest = (
        select(BankRevision.bank_slug, func.max(BankRevision.number).label("number"))
        .group_by(BankRevision.bank_slug)
        .subquery()
    )
    query = (
        select(BankRevision)
        .options(joinedload(BankRevision.author))
        .join(
            newest,
            and_(
                BankRevision.bank_slug == newest.c.bank_slug,
                BankRevision.number == newest.c.number,
            ),
        )
    )
    return {row.bank_slug: row for row in db.session.scalars(query)}


def bank_overview() -> list[BankSource]:
    """The banks in service, each with its latest revision's number, author and time."""
    latest = latest_revisions()
    found = []
    for loaded in catalogue().banks():
        row = latest.get(loaded.slug)
        found.append(
            BankSource(
                loaded.slug,
                loaded.bank.title,
                "",
                "",
                row.number if row else None,
                row.author_name if row else None,
                row.created_at if row else None,
            )
        )
    return found


def error_listing(errors: dict[str, list[BankError]]) -> list[BrokenBank]:
    """Each bank's errors, with the fact each one falls in where the YAML can tell."""
    found = []
    for slug, bank_errors in sorted(errors.items()):
        safe = bool(SAFE_SLUG.match(slug))
        text = None
        if safe and slug in catalogue().registry.errors:
            text = _read(slug, f"{slug}.yaml")  # the file on disk is what failed
        elif safe:
            latest = latest_revision(slug)  # a revision that fails today's checks
            text = latest.yaml_text if latest else None
        starts = fact_starts(text) if text else []
        located = [
            LocatedError(e, fact_at(starts, e.line) if e.path.endswith(".yaml") else None)
            for e in bank_errors
        ]
        found.append(BrokenBank(slug, safe, located))
    return found
