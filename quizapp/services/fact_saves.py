"""Saving a checked draft as the bank's next revision, from the revision the form was based on."""

from __future__ import annotations

from sqlalchemy import select

from quizapp.bank import BankInvalid, LoadedBank
from quizapp.extensions import db
from quizapp.models import BankRevision, User

from . import ServiceError
from .bank_revisions import RevisionConflict, latest_revision, revision, save_revision
from .fact_drafts import BankSource, Draft, _shown


class EditRefused(ServiceError):
    """The edit would make the bank invalid; the draft holds the errors by field."""

    def __init__(self, draft: Draft) -> None:
        super().__init__("The bank would not load with this change.")
        self.draft = draft


def resolve_base(slug: str, base_number: int | None, base_digest: str | None) -> int | None:
    """The revision a form was based on: its number, or the revision of the digest it saw.

    A form opened before the bank had any revision carries only the served digest; the
    revision since recorded from that very file (authored "file") is its base.
    """
    if base_number is not None or not base_digest:
        return base_number
    query = (
        select(BankRevision.number)
        .where(BankRevision.bank_slug == slug, BankRevision.digest == base_digest)
        .order_by(BankRevision.number.desc())
        .limit(1)
    )
    found = db.session.scalar(query)
    return int(found) if found is not None else None


def bank_source(loaded: LoadedBank, base_number: int | None = None) -> BankSource:
    """The text an edit starts from: the revision the form was based on, else the newest."""
    if base_number is not None:
        based = revision(loaded.slug, base_number)
        if based is not None:
            return BankSource(loaded.slug, based.yaml_text, based.article_text, based.number)
    latest = latest_revision(loaded.slug)
    if latest is not None and latest.digest == loaded.digest:
        return BankSource(loaded.slug, latest.yaml_text, latest.article_text, latest.number)
    # A bank never saved from the browser (or edited on disk since): its files, as served.
    number = latest.number if latest is not None else None
    return BankSource(loaded.slug, loaded.yaml_text, loaded.article_text, number)


def save_draft(
    draft: Draft,
    *,
    author: User,
    base_number: int | None,
    base_digest: str | None,
    message: str,
) -> BankRevision:
    """Store the checked draft as the bank's next revision (merged with saves since its base).

    Raises EditRefused when the bank would not load (the merge may bring errors of its own),
    RevisionConflict when someone changed the same fact since the base revision.
    """
    if not draft.valid:
        raise EditRefused(draft)
    latest = latest_revision(draft.slug)
    if base_number is None and latest is not None:
        # The file may have become a revision while the draft was checked (the watcher
        # records it every few seconds): the form saw that very version, so it is the base.
        base_number = resolve_base(draft.slug, None, base_digest)
    if base_number is None and latest is not None:
        # The form was opened before the bank's first revision: with no base to merge from,
        # saving would overwrite that revision unseen.
        draft.form_errors.append(
            f"{latest.author_name} saved this bank (revision {latest.number}) after you opened "
            "this form, so it was not saved. Open the fact again to see their change; copy "
            "yours from this form first."
        )
        raise EditRefused(draft)
    try:
        return save_revision(
            slug=draft.slug,
            yaml_text=draft.yaml_text,
            article_text=draft.article_text,
            author=author,
            message=message,
            base_number=base_number,
        )
    except BankInvalid as invalid:
        draft.loaded = None
        draft.form_errors += [_shown(error) for error in invalid.errors]
        raise EditRefused(draft) from None
    except RevisionConflict:
        raise
    except ServiceError as error:  # the file cannot be written, a save race lost three times
        draft.loaded = None
        draft.form_errors.append(error.message)
        raise EditRefused(draft) from None
