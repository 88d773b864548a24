"""Blueprints, one per audience. Views parse the request, call one service, commit, render."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import Flask
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

from quizapp.bank import LoadedBank
from quizapp.bank.grounding import Passage, passage_of
from quizapp.bank.schema import Quote
from quizapp.builder import Question
from quizapp.catalogue import catalogue
from quizapp.models import MAX_ID, utcnow

from . import (
    auth,
    banks,
    classes,
    facts,
    flashcards,
    main,
    mistakes,
    quiz,
    results,
    review,
    transfer,
)


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` that answers 404 for numbers no database id can hold."""

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            # Not a ValidationError: werkzeug would turn that into a 405 where another method
            # has a rule for the same shape of address (POST to a GET question page).
            raise NotFound("No page has this address.")
        return number


def init_app(app: Flask) -> None:
    # Before the blueprints: rules pick their converters when they are registered.
    app.url_map.converters["int"] = BoundedIntConverter
    blueprints = (main, auth, quiz, classes, results, review, mistakes, flashcards, banks, facts)
    for module in (*blueprints, transfer):
        app.register_blueprint(module.bp)
    app.context_processor(_template_globals)
    app.add_template_filter(duration)
    app.add_template_filter(day)


def _template_globals() -> dict[str, Any]:
    return {
        "evidence_passage": evidence_passage,
        "proofs": proofs,
        "bank_title": bank_title,
    }


def bank_title(slug: str) -> str:
    """The article's title, or its slug when the bank is no longer served."""
    loaded = catalogue().bank(slug)
    return loaded.bank.title if loaded else slug


def evidence_passage(loaded: LoadedBank | None, question: Question) -> Passage | None:
    if loaded is None:
        return None
    return passage_of(loaded.article, question.evidence, question.paragraph)


@dataclass(frozen=True)
class Proof:
    """One piece of evidence to show: its sentence, located in the article where possible."""

    label: str
    evidence: str
    attribution: str
    passage: Passage | None
    # Only a quote's attribution names a speaker; another fact's is the sentence it refers back to.
    quoted: bool = False
    # The attribution's sentence comes after the evidence in the article (else before it).
    attribution_after: bool = False

    @property
    def attribution_label(self) -> str:
        """What the attribution is to the evidence: a speaker's "... said:" (any line ending
        in a colon), else the sentence before or after it, as the article has it."""
        if self.quoted or self.attribution.rstrip().endswith(":"):
            return "Who is speaking"
        return "The sentence after it" if self.attribution_after else "The sentence it follows"


def _comes_after(loaded: LoadedBank | None, passage: Passage | None, attribution: str) -> bool:
    """Whether the attribution sits after the evidence: later in its paragraph or a later one."""
    if passage is None or not attribution:
        return False
    if attribution in passage.after:
        return True
    at = loaded.article.paragraph_of(attribution) if loaded is not None else None
    return at is not None and at > passage.paragraph


def proofs(loaded: LoadedBank | None, question: Question) -> list[Proof]:
    """The evidence that proves a question: for matching, each pair's own fact's evidence."""
    passage = evidence_passage(loaded, question)
    quoted = question.topic == "quotes"
    after = _comes_after(loaded, passage, question.attribution)
    single = [Proof("", question.evidence, question.attribution, passage, quoted, after)]
    if loaded is None or question.kind != "matching" or len(question.facts) != len(question.pairs):
        return single
    facts = {fact.id: fact for fact in loaded.bank.facts()}
    labels: dict[str, list[str]] = {}  # evidence -> the pairs it proves; one sentence may prove two
    attributions: dict[str, str] = {}
    quotes: set[str] = set()  # evidence of quotes
    for (left, _), fact_id in zip(question.pairs, question.facts, strict=True):
        fact = facts.get(fact_id)
        if fact is None:  # the bank changed since the attempt began
            return single
        labels.setdefault(fact.evidence, []).append(left)
        attributions.setdefault(fact.evidence, fact.attribution or "")
        if isinstance(fact, Quote):
            quotes.add(fact.evidence)
    found = []
    for text, lefts in labels.items():
        located = passage_of(loaded.article, text)
        attribution = attributions[text]
        after = _comes_after(loaded, located, attribution)
        found.append(Proof(" and ".join(lefts), text, attribution, located, text in quotes, after))
    return found


def day(value: date) -> str:
    """'1 January', or '1 January 2027' when it is not this year (UTC): no year, no date."""
    if value.year == utcnow().year:
        return f"{value.day} {value:%B}"
    return f"{value.day} {value:%B %Y}"


def duration(value: timedelta) -> str:
    """'4 min 05 s', '38 s', '1 h 02 min'."""
    seconds = int(value.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {seconds:02d} s"
    return f"{seconds} s"
