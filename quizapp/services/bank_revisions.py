"""Bank revisions: every save is a new version in the database, then written back to its file.

A draft is checked in full (`load_text`) before anything is stored, so an invalid bank never
replaces the live one. A save based on an older revision is merged fact by fact with what was
saved since; the same fact changed on both sides raises `RevisionConflict`. Flush only: the view
commits, and the catalogue puts the new revision in service once the commit is done.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from quizapp.bank import LoadedBank, load_text
from quizapp.bank.files import SAFE_SLUG, UnsafeName, write_bank_files
from quizapp.bank.merge import FactConflict, MergeConflict, Version, merge
from quizapp.catalogue import catalogue, refresh_after_commit
from quizapp.extensions import db
from quizapp.models import BankRevision, User

from . import ServiceError

MAX_MESSAGE = 300


class UnsafeSlug(ServiceError):
    """A bank name that could point outside the questions folder, or is not a bank name."""


class BankNotWritable(ServiceError):
    """The bank's file could not be written: the revision is not kept, the old bank stays."""


class RevisionConflict(ServiceError):
    """Saved against an older revision that changed the same facts since."""

    def __init__(
        self, slug: str, base_number: int, latest: BankRevision, conflicts: list[FactConflict],
        mine: Version,
    ) -> None:  # fmt: skip
        ids = ", ".join(conflict.fact_id for conflict in conflicts)
        super().__init__(
            f"Revision {latest.number} changed the same facts since revision {base_number}: {ids}"
        )
        self.slug = slug
        self.base_number = base_number
        self.latest = latest
        self.conflicts = conflicts
        self.fact_ids = [conflict.fact_id for conflict in conflicts]
        self.mine = mine


# /banks/new and /banks/import are pages: a bank of that name could never be opened.
RESERVED_SLUGS = frozenset({"new", "import"})


def safe_slug(slug: str) -> str:
    """The slug if it is a bank name (a-z, 0-9, dashes); refuses `..`, `/`, `\\`, `C:`..."""
    if not isinstance(slug, str) or not SAFE_SLUG.match(slug):
        raise UnsafeSlug("A bank's name is lower-case letters, digits and dashes only.")
    if slug in RESERVED_SLUGS:
        raise UnsafeSlug(f"“{slug}” is the address of an editor page; choose another name.")
    return slug


def latest_revision(slug: str) -> BankRevision | None:
    """The bank's newest revision, or None for a bank never saved."""
    query = (
        select(BankRevision)
        .where(BankRevision.bank_slug == safe_slug(slug))
        .order_by(BankRevision.number.desc())
        .limit(1)
    )
    return db.session.scalars(query).first()


def revision(slug: str, number: int) -> BankRevision | None:
    query = select(BankRevision).where(
        BankRevision.bank_slug == safe_slug(slug), BankRevision.number == number
    )
    return db.session.scalars(query).first()


def revisions(slug: str) -> list[BankRevision]:
    """Every revision of the bank, newest first, with its author."""
    query = (
        select(BankRevision)
        .options(joinedload(BankRevision.author))
        .where(BankRevision.bank_slug == safe_slug(slug))
        .order_by(BankRevision.number.desc())
    )
    return list(db.session.scalars(query))


def revised_slugs() -> dict[str, int]:
    """Each bank with revisions and its newest number: one cheap query."""
    rows = db.session.execute(
        select(BankRevision.bank_slug, func.max(BankRevision.number)).group_by(
            BankRevision.bank_slug
        )
    )
    return {str(slug): int(number) for slug, number in rows}


def save_revision(
    *,
    slug: str,
    yaml_text: str,
    article_text: str,
    author: User | None,
    message: str = "",
    base_number: int | None,
) -> BankRevision:
    """Check, merge if needed, store and write back a new version of a bank.

    Raises BankInvalid (nothing stored), RevisionConflict (nothing stored), BankNotWritable
    (the view must roll back) or UnsafeSlug. `base_number` None means "on the latest".
    """
    slug = safe_slug(slug)
    mine = Version(_lines(yaml_text), _lines(article_text))
    for _ in range(3):  # another server may take the same number at the same moment
        latest = latest_revision(slug)
        draft = _merged(slug, mine, latest, base_number)
        loaded = load_text(draft.yaml_text, draft.article_text, slug, to_be_written=True)
        if latest is not None and latest.digest == loaded.digest:
            return latest
        saved = BankRevision(
            bank_slug=slug,
            number=latest.number + 1 if latest else 1,
            author_id=author.id if author else None,
            message=message.strip()[:MAX_MESSAGE],
            yaml_text=draft.yaml_text,
            article_text=loaded.article_text,
            digest=loaded.digest,
        )
        try:
            with db.session.begin_nested():
                db.session.add(saved)
        except IntegrityError:
            base_number = latest.number if latest else None
            mine = draft
            continue
        write_files(loaded)
        refresh_after_commit()
        return saved
    raise ServiceError("Several teachers saved this bank at the same moment. Try again.")


def _merged(
    slug: str, mine: Version, latest: BankRevision | None, base_number: int | None
) -> Version:
    if latest is None or base_number is None or base_number >= latest.number:
        return mine
    base = revision(slug, base_number)
    if base is None:
        raise ServiceError(f"Revision {base_number} of this bank does not exist.")
    theirs = Version(latest.yaml_text, latest.article_text)
    try:
        return merge(Version(base.yaml_text, base.article_text), theirs, mine)
    except MergeConflict as exc:
        raise RevisionConflict(slug, base_number, latest, exc.conflicts, mine) from None


def _lines(text: str) -> str:
    """Browsers send CRLF line ends from a textarea; the files use LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def restore_revision(slug: str, number: int, author: User) -> BankRevision:
    """Make an old revision the newest again (itself a new revision)."""
    old = revision(slug, number)
    if old is None:
        raise ServiceError(f"Revision {number} of this bank does not exist.")
    return save_revision(
        slug=slug,
        yaml_text=old.yaml_text,
        article_text=old.article_text,
        author=author,
        message=f"Restored revision {number}",
        base_number=None,
    )


def write_files(loaded: LoadedBank) -> None:
    """Write the bank back into the questions folder, or raise BankNotWritable."""
    try:
        write_bank_files(Path(catalogue().registry.directory), loaded)
    except UnsafeName as exc:
        raise UnsafeSlug(str(exc)) from None
    except OSError as exc:
        raise BankNotWritable(
            f"The bank could not be saved: its file in the questions folder cannot be written "
            f"({exc.strerror or exc}). The bank in service is unchanged; ask whoever runs "
            "the app to make the questions folder writable."
        ) from None
