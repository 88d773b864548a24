"""Checking an edited fact exactly as the loader checks a bank file: a draft of the bank.

A fact is checked by putting it into the bank's YAML document and loading the whole text
(`load_text`), so nothing here re-implements a rule of the bank format; the loader's located
errors are then given back to the form field of the line they point at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from quizapp.bank import BankError, BankInvalid, LoadedBank, load_text
from quizapp.bank.checks import FACT_MODELS
from quizapp.bank.document import BankDocument
from quizapp.bank.reader import parse_mapping
from quizapp.bank.schema import Actor
from quizapp.builder import Question, Skipped, build_with_skips

# The keys a fact of each section may have: the form fields errors can be given back to.
_MODELS: dict[str, type[BaseModel]] = {"actors": Actor, **FACT_MODELS}
FACT_FIELDS: dict[str, set[str]] = {
    section: set(model.model_fields) for section, model in _MODELS.items()
}


@dataclass(frozen=True)
class BankSource:
    """A bank's text as an edit starts from it, and the revision that text is."""

    slug: str
    yaml_text: str
    article_text: str
    base_number: int | None

    def fact(self, fact_id: str) -> tuple[str, dict[str, Any]] | None:
        """The section and data of one fact, as the text holds it."""
        return BankDocument.parse(self.yaml_text, f"{self.slug}.yaml").fact(fact_id)


@dataclass
class Draft:
    """A bank with one fact put in, removed or changed, as checked by the loader."""

    slug: str
    yaml_text: str
    article_text: str
    fact_id: str | None = None
    loaded: LoadedBank | None = None
    field_errors: dict[str, list[str]] = field(default_factory=dict)
    form_errors: list[str] = field(default_factory=list)
    built: list[Question] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.loaded is not None


def draft_with_fact(
    source: BankSource, section: str, fact: dict[str, Any], replacing: str | None, seed: int
) -> Draft:
    """The bank with `fact` put into `section` (replacing the fact `replacing`), checked."""
    document = BankDocument.parse(source.yaml_text, f"{source.slug}.yaml")
    if replacing is not None and document.fact(replacing) is None:
        draft = Draft(source.slug, source.yaml_text, source.article_text, replacing)
        draft.form_errors.append(f"{replacing} was deleted after this form was opened.")
        return draft
    document.put_fact(section, fact, replacing=replacing)
    draft = Draft(source.slug, document.dump(), source.article_text, fact.get("id"))
    return check_draft(draft, section, fields=set(fact) | FACT_FIELDS[section], seed=seed)


def draft_without_fact(source: BankSource, fact_id: str, seed: int) -> Draft:
    """The bank with the fact `fact_id` deleted, checked."""
    document = BankDocument.parse(source.yaml_text, f"{source.slug}.yaml")
    document.delete_fact(fact_id)
    draft = Draft(source.slug, document.dump(), source.article_text)
    return check_draft(draft, None, fields=set(), seed=seed)


def check_draft(draft: Draft, section: str | None, *, fields: set[str], seed: int) -> Draft:
    """Load the draft like a file; give each error to its field, build the fact's questions."""
    try:
        draft.loaded = load_text(draft.yaml_text, draft.article_text, draft.slug)
    except BankInvalid as invalid:
        lines = fact_lines(draft.yaml_text, section, draft.fact_id) if section else None
        for error in invalid.errors:
            where = lines.field_of(error, fields) if lines else None
            if where is None:
                draft.form_errors.append(_shown(error))
            else:
                draft.field_errors.setdefault(where, []).append(error.reason)
        return draft
    built, skipped = build_with_skips(draft.loaded, seed)
    if draft.fact_id is not None:
        draft.built = [q for q in built if draft.fact_id in (q.fact, *q.facts)]
        draft.skipped = [s for s in skipped if s.fact == draft.fact_id]
    return draft


def _shown(error: BankError) -> str:
    return f"line {error.line}: {error.reason}" if error.line else error.reason


@dataclass(frozen=True)
class FactLines:
    """Where one fact's keys start in a bank's text, to give an error back to its key."""

    start: tuple[int, int]  # the item's own position: errors about the fact as a whole
    end: int  # the first line after the fact
    keys: list[tuple[tuple[int, int], str]]

    def field_of(self, error: BankError, fields: set[str]) -> str | None:
        """The form field an error of the loader is about, if it is about this fact."""
        at = (error.line, error.column)
        if not self.start[0] <= error.line < self.end:
            return None
        if at == self.start:
            return _named_field(error.reason, fields)
        owner = None
        for position, key in self.keys:
            if position <= at:
                owner = key
        return owner if owner in fields else _named_field(error.reason, fields)


def _named_field(reason: str, fields: set[str]) -> str | None:
    """The field a reason names first ('value_max must be larger...' -> value_max)."""
    found = [
        (match.start(), name)
        for name in fields
        if (match := re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", reason))
    ]
    return min(found)[1] if found else None


def fact_lines(yaml_text: str, section: str, fact_id: str | None) -> FactLines | None:
    """The lines of the fact `fact_id` of `section` in the bank's text."""
    root = parse_mapping(yaml_text, "draft")
    items = root.get(section)
    if not isinstance(items, CommentedSeq):
        return None
    starts = sorted(
        [root.lc.key(key)[0] + 1 for key in root]
        + [items.lc.item(index)[0] + 1 for index in range(len(items))]
    )
    for index, item in enumerate(items):
        if isinstance(item, CommentedMap) and item.get("id") == fact_id:
            line, column = items.lc.item(index)
            start = (line + 1, column + 1)
            end = next((s for s in starts if s > start[0]), 10**9)
            keys = [((item.lc.key(k)[0] + 1, item.lc.key(k)[1] + 1), str(k)) for k in item]
            return FactLines(start, end, keys)
    return None


def current_draft(loaded: LoadedBank, questions: list[Question], fact_id: str) -> Draft:
    """The bank in service seen as a draft: the fact's questions as students get them now."""
    built = [q for q in questions if fact_id in (q.fact, *q.facts)]
    return Draft(loaded.slug, loaded.yaml_text, loaded.article_text, fact_id, loaded, built=built)
