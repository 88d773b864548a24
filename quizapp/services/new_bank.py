"""A new bank, saved from the browser as its header and article (no facts yet)."""

from __future__ import annotations

from typing import Any

from quizapp.bank import BankInvalid
from quizapp.bank.document import BankDocument
from quizapp.bank.reader import parse_mapping
from quizapp.catalogue import catalogue
from quizapp.models import User

from . import ServiceError
from .bank_revisions import UnsafeSlug, latest_revision, safe_slug, save_revision
from .fact_drafts import Draft
from .fact_saves import EditRefused

# A new bank starts as its header only; its article is a file next to it.
_NEW_BANK = "title: ''\narticle:\n  file: ''\n"
_HEADER_FIELDS = {"title": "title", "source": "source", "published": "published",
                  "article": "article"}  # fmt: skip


def create_bank(header: dict[str, Any], article_text: str, *, author: User) -> str:
    """Save a new bank (header and article, no facts yet) as revision 1; returns its slug."""
    slug = str(header["slug"])
    draft = Draft(slug, "", article_text)
    try:
        safe_slug(slug)
    except UnsafeSlug as unsafe:
        draft.field_errors["slug"] = [unsafe.message]
        raise EditRefused(draft) from None
    registry = catalogue().registry
    if slug in registry.banks or slug in registry.errors or slug == "new" or latest_revision(slug):
        draft.field_errors["slug"] = [f"A bank named '{slug}' exists already: choose another."]
        raise EditRefused(draft)
    document = BankDocument.parse(_NEW_BANK, f"{slug}.yaml")
    fields = {k: v for k, v in header.items() if k != "slug" and v not in (None, "")}
    document.set_header(**fields, article={"file": f"{slug}.txt"})
    draft.yaml_text = document.dump()
    try:
        save_revision(slug=slug, yaml_text=draft.yaml_text, article_text=article_text,
                      author=author, message="New bank", base_number=None)  # fmt: skip
    except BankInvalid as invalid:
        root = parse_mapping(draft.yaml_text, "draft")
        lines = sorted((root.lc.key(key)[0] + 1, str(key)) for key in root)
        for error in invalid.errors:
            owner = next((key for line, key in reversed(lines) if line <= error.line), None)
            if error.path.endswith(".txt") or owner == "article":
                owner = "article"
            draft.field_errors.setdefault(_HEADER_FIELDS.get(owner or "", "title"), []).append(
                error.reason
            )
        raise EditRefused(draft) from None
    except ServiceError as error:
        draft.form_errors.append(error.message)
        raise EditRefused(draft) from None
    return slug
