"""The fact browser: a bank's facts by section, what each fact builds and how students did."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func, select

from quizapp.bank import LoadedBank
from quizapp.bank.grounding import passage_of
from quizapp.bank.schema import Actor, Event, Figure, HandQuestion, Place, Quote, Stance, Statement
from quizapp.builder import Question
from quizapp.extensions import db
from quizapp.models import Response

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
