"""Review sessions: an attempt of the facts due now, one question per fact, by memory strength."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from quizapp import scheduling
from quizapp.bank import LoadedBank
from quizapp.builder import Question
from quizapp.models import PRACTICE, REVIEW, Attempt, MemoryState, User
from quizapp.selection import clashes

from . import ServiceError
from .quiz import start_attempt, times_asked
from .review import as_memory, due_facts, due_summary, memories_of

REVIEW_LENGTH = 20  # questions in one review session at most
WEAKEST_LENGTH = 10  # questions when nothing is due and the weakest facts are practised


def _variants(questions: Iterable[Question]) -> dict[str, list[Question]]:
    # Questions spanning several facts (matching) are left out: a session asks one question
    # per fact, and a matching question would review facts that are not due.
    by_fact: dict[str, list[Question]] = {}
    for question in questions:
        if len(question.facts) <= 1 and not question.background:
            by_fact.setdefault(question.fact, []).append(question)
    return by_fact


def _one_per_fact(
    user: User, loaded: LoadedBank, questions: list[Question], rows: Iterable[MemoryState]
) -> list[Question]:
    """A variant per fact, in the rows' order, none giving away another's answer.

    A fact whose every variant clashes with one already chosen (same evidence sentence, or a
    prompt printing the other's answer) waits for the next session: it stays due.
    """
    variants, asked = _variants(questions), times_asked(user, loaded.slug)
    chosen: list[Question] = []
    waiting: list[Question] = []
    for row in rows:
        if row.fact_id not in variants:  # a fact since removed from the bank is not asked
            continue
        memory = as_memory(row)
        fair = [q for q in variants[row.fact_id] if not clashes(q, chosen)]
        if fair:
            chosen.append(scheduling.choose_variant(fair, memory, asked))
        elif not waiting:
            waiting.append(scheduling.choose_variant(variants[row.fact_id], memory, asked))
    return chosen or waiting


def review_questions(
    user: User, loaded: LoadedBank, questions: list[Question], at: datetime
) -> list[Question]:
    """The questions of a review session now: the due facts, most overdue first."""
    rows = [row for row, _ in due_facts(user, at, loaded.slug)]
    return _one_per_fact(user, loaded, questions, rows)[:REVIEW_LENGTH]


def weakest_questions(
    user: User, loaded: LoadedBank, questions: list[Question], at: datetime
) -> list[Question]:
    """Questions on the facts the student is likeliest to have forgotten by now."""
    rows = sorted(
        memories_of(user, loaded.slug),
        key=lambda row: (scheduling.retrievability(as_memory(row), at), row.fact_id),
    )
    return _one_per_fact(user, loaded, questions, rows)[:WEAKEST_LENGTH]


def _start(user: User, loaded: LoadedBank, chosen: list[Question], mode: str) -> Attempt:
    topics = sorted({question.topic for question in chosen})
    return start_attempt(user, loaded, chosen, mode=mode, topics=topics, length=None, preset=chosen)


def start_review(
    user: User, loaded: LoadedBank, questions: list[Question], at: datetime
) -> Attempt:
    """A review attempt of the bank's due facts; ServiceError when none is due."""
    chosen = review_questions(user, loaded, questions, at)
    if not chosen:
        raise ServiceError("Nothing is due for review in this article right now.")
    return _start(user, loaded, chosen, REVIEW)


def start_weakest(
    user: User, loaded: LoadedBank, questions: list[Question], at: datetime
) -> Attempt:
    """A practice attempt of the weakest facts (when nothing is due)."""
    chosen = weakest_questions(user, loaded, questions, at)
    if not chosen:
        raise ServiceError("Take a quiz on this article first: nothing of it is in memory yet.")
    return _start(user, loaded, chosen, PRACTICE)


@dataclass(frozen=True)
class BankReview:
    """One served bank as the review page shows it."""

    loaded: LoadedBank
    due: int
    next_due: datetime | None

    @property
    def session_size(self) -> int:
        return min(self.due, REVIEW_LENGTH)


def bank_reviews(user: User, banks: Iterable[LoadedBank], at: datetime) -> list[BankReview]:
    """The served banks the student has memory of, with their due counts, most due first."""
    summary = due_summary(user, at)
    found = [
        BankReview(loaded, summary[loaded.slug].due, summary[loaded.slug].next_due)
        for loaded in banks
        if loaded.slug in summary
    ]
    return sorted(found, key=lambda bank: (-bank.due, bank.next_due or at, bank.loaded.slug))


def most_overdue_bank(user: User, at: datetime) -> str | None:
    """The bank holding the student's most overdue fact, if any is due."""
    first = due_facts(user, at, limit=1)
    return first[0][0].bank_slug if first else None
