"""The fact browser and editor's operations: what each fact builds, how students did, and
checking an edited fact exactly as the loader checks a bank file.

A fact is checked by putting it into the bank's YAML document and loading the whole text
(`load_text`), so nothing here re-implements a rule of the bank format; the loader's located
errors are then given back to the form field of the line they point at.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from sqlalchemy import case, func, select

from quizapp.bank import BankError, BankInvalid, LoadedBank, load_text
from quizapp.bank.checks import FACT_MODELS
from quizapp.bank.document import BankDocument
from quizapp.bank.grounding import passage_of
from quizapp.bank.reader import parse_mapping
from quizapp.bank.schema import Actor, Event, Figure, HandQuestion, Place, Quote, Stance, Statement
from quizapp.builder import Question, Skipped, build_with_skips
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import BankRevision, Response, User

from . import ServiceError
from .bank_revisions import (
    RevisionConflict,
    UnsafeSlug,
    latest_revision,
    revision,
    safe_slug,
    save_revision,
)

# The bank's sections in the order the browser shows them, with their headings.
SECTIONS = {
    "actors": "Actors",
    "quotes": "Quotes",
    "figures": "Figures",
    "stances": "Stances",
    "places": "Places",
    "events": "Events",
    "statements": "Statements",
    "questions": "Hand-written questions",
}
# Facts for reading skills beyond recall: listed with their questions, edited in the raw YAML
# (their forms are not built yet).
READING_SECTIONS = {
    "vocabulary": "Words in context",
    "inferences": "Inferences",
    "causes": "Causes and effects",
    "main_ideas": "Main ideas",
    "purposes": "Author's purpose",
    "structures": "Structure",
    "reliability": "Reliability",
}
# Singular names, for buttons and headings ("Add a figure").
SINGULAR = {
    "actors": "actor",
    "quotes": "quote",
    "figures": "figure",
    "stances": "stance",
    "places": "place",
    "events": "event",
    "statements": "statement",
    "questions": "hand-written question",
}

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


@dataclass(frozen=True)
class Facility:
    """How students did on a fact (or question): answers given and how many were right."""

    answered: int
    right: int

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.answered) if self.answered else 0


@dataclass(frozen=True)
class FactEntry:
    """One fact as the browser lists it next to the article."""

    section: str
    id: str
    label: str
    evidence: str | None = None
    # The evidence as the article writes it, and its 0-based paragraph, for highlighting.
    passage: str | None = None
    paragraph: int | None = None
    questions: int = 0
    facility: Facility | None = None
    uses: list[str] = field(default_factory=list)


def label_of(item: Any, actors: dict[str, Actor]) -> str:
    """A fact in a few words, as a teacher recognises it in the list."""

    def name(actor_id: str | None) -> str:
        found = actors.get(actor_id or "")
        return found.name if found else (actor_id or "")

    match item:
        case Actor():
            return f"{item.name} ({item.role or item.kind})"
        case Quote():
            return f"{name(item.speaker)}: “{item.words}”"
        case Figure():
            value = f"{item.value:,g}" + (f"–{item.value_max:,g}" if item.value_max else "")
            qualifier = f"{item.qualifier} " if item.qualifier else ""
            return f"{qualifier}{value} {item.unit}: {item.measures}"
        case Stance():
            return f"{name(item.actor)}, {item.position} {item.issue}"
        case Place():
            return f"{item.name}: {item.description}"
        case Event():
            return item.what + (f" ({item.when})" if item.when else "")
        case Statement():
            return str(item.text)
        case HandQuestion():
            return str(item.prompt)
    for attribute in ("word", "conclusion", "effect", "idea", "purpose", "structure", "prompt"):
        if getattr(item, attribute, None):
            return str(getattr(item, attribute))
    return str(getattr(item, "id", ""))


def question_counts(questions: Iterable[Question]) -> Counter[str]:
    """How many questions each fact is part of (a matching question counts for each fact)."""
    counts: Counter[str] = Counter()
    for question in questions:
        counts.update(set(question.facts) | {question.fact})
    return counts


def facility_by_fact(slug: str) -> dict[str, Facility]:
    """Answers and right answers per fact of the bank, from the stored responses."""
    right = func.sum(case((Response.correct, 1), else_=0))
    query = (
        select(Response.fact_id, func.count(), right)
        .where(Response.bank_slug == slug)
        .group_by(Response.fact_id)
    )
    return {fact_id: Facility(n, int(r or 0)) for fact_id, n, r in db.session.execute(query)}


def facility_by_question(slug: str, question_ids: list[str]) -> dict[str, Facility]:
    """Answers and right answers per question id (`<fact id>:<template>`)."""
    if not question_ids:
        return {}
    right = func.sum(case((Response.correct, 1), else_=0))
    query = (
        select(Response.question_id, func.count(), right)
        .where(Response.bank_slug == slug, Response.question_id.in_(question_ids))
        .group_by(Response.question_id)
    )
    return {qid: Facility(n, int(r or 0)) for qid, n, r in db.session.execute(query)}


def fact_entries(
    loaded: LoadedBank, questions: list[Question], facility: dict[str, Facility]
) -> dict[str, list[FactEntry]]:
    """Every fact of the bank by section, with its questions, facility and evidence."""
    bank = loaded.bank
    actors = {actor.id: actor for actor in bank.actors}
    counts = question_counts(questions)
    uses = actor_uses(loaded)
    entries: dict[str, list[FactEntry]] = {}
    for section in [*SECTIONS, *READING_SECTIONS]:
        items = getattr(bank, section)
        entries[section] = []
        for item in items:
            evidence = item.evidence
            passage = passage_of(loaded.article, evidence) if evidence else None
            entries[section].append(
                FactEntry(
                    section=section,
                    id=item.id,
                    label=label_of(item, actors),
                    evidence=evidence,
                    passage=passage.evidence if passage else None,
                    paragraph=passage.paragraph if passage else None,
                    questions=counts[item.id],
                    facility=facility.get(item.id),
                    uses=uses.get(item.id, []) if section == "actors" else [],
                )
            )
    return entries


def actor_uses(loaded: LoadedBank) -> dict[str, list[str]]:
    """For each actor id, the ids of the facts and actors that name it."""
    bank = loaded.bank
    uses: dict[str, list[str]] = {}

    def note(actor_id: str | None, by: str) -> None:
        if actor_id and by not in uses.setdefault(actor_id, []):
            uses[actor_id].append(by)

    for actor in bank.actors:
        note(actor.country, actor.id)
        for other in actor.part_of:
            note(other, actor.id)
    for quote in bank.quotes:
        note(quote.speaker, quote.id)
    for figure in bank.figures:
        note(figure.source, figure.id)
    for stance in bank.stances:
        note(stance.actor, stance.id)
    for place in bank.places:
        note(place.country, place.id)
    for event in bank.events:
        for actor_id in event.actors:
            note(actor_id, event.id)
    return uses


def section_of(loaded: LoadedBank, fact_id: str) -> str | None:
    """The section holding the fact (or actor) with this id."""
    for section in SECTIONS:
        if any(item.id == fact_id for item in getattr(loaded.bank, section)):
            return section
    return None


# --- Checking an edited fact ------------------------------------------------------------


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


# --- Saving -------------------------------------------------------------------------------


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


def current_draft(loaded: LoadedBank, questions: list[Question], fact_id: str) -> Draft:
    """The bank in service seen as a draft: the fact's questions as students get them now."""
    built = [q for q in questions if fact_id in (q.fact, *q.facts)]
    return Draft(loaded.slug, loaded.yaml_text, loaded.article_text, fact_id, loaded, built=built)


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
