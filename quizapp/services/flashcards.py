"""Flashcards: one fact at a time, its recall prompt on the front; the student rates themself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from quizapp import scheduling
from quizapp.bank import LoadedBank
from quizapp.builder import Question
from quizapp.models import MemoryState, User
from quizapp.scheduling import Memory, Rating

from .memory import memory_row, record_self_rating
from .review import as_memory, due_facts, exam_dates, memories_of, retention_for

# The front asks for the fact: a recall prompt if the fact has one, else a "who/which" one.
_FRONT_KINDS = ("short_answer", "numeric", "cloze", "multiple_choice")


@dataclass(frozen=True)
class Flashcard:
    """One fact as a card: the question it is asked by, its memory and what each rating gives."""

    fact: str
    question: Question
    memory: Memory | None
    intervals: dict[Rating, timedelta]


def fronts(questions: list[Question]) -> dict[str, Question]:
    """Each fact's front question, in bank order (a fact with only true/false has none)."""
    found: dict[str, Question] = {}
    for question in questions:
        single = len(question.facts) <= 1 and not question.background
        if not single or question.kind not in _FRONT_KINDS:
            continue
        held = found.get(question.fact)
        if held is None or _FRONT_KINDS.index(question.kind) < _FRONT_KINDS.index(held.kind):
            found[question.fact] = question
    return found


def card(
    user: User,
    loaded: LoadedBank,
    questions: list[Question],
    fact: str,
    row: MemoryState | None,
    at: datetime,
) -> Flashcard | None:
    question = fronts(questions).get(fact)
    if question is None:
        return None
    memory = as_memory(row) if row is not None else None
    # The buttons show the interval the schedule will keep, so the exam cap applies to them too.
    exam_on = exam_dates(user.id).get(loaded.slug)
    intervals = scheduling.preview(memory, at, retention_for(user.id), exam_on)
    return Flashcard(fact, question, memory, intervals)


def next_card(
    user: User, loaded: LoadedBank, questions: list[Question], at: datetime
) -> Flashcard | None:
    """The most overdue fact with a front, else the first fact not yet in memory, else None."""
    available = fronts(questions)
    for row, _ in due_facts(user, at, loaded.slug):
        if row.fact_id in available:
            return card(user, loaded, questions, row.fact_id, row, at)
    known = {row.fact_id for row in memories_of(user, loaded.slug)}
    fresh = next((fact for fact in available if fact not in known), None)
    return card(user, loaded, questions, fresh, None, at) if fresh else None


def weakest_card(
    user: User, loaded: LoadedBank, questions: list[Question], at: datetime
) -> Flashcard | None:
    """Studying ahead, when nothing is due: the card the student is likeliest to forget."""
    available = fronts(questions)
    rows = sorted(
        (row for row in memories_of(user, loaded.slug) if row.fact_id in available),
        key=lambda row: (scheduling.retrievability(as_memory(row), at), row.fact_id),
    )
    return card(user, loaded, questions, rows[0].fact_id, rows[0], at) if rows else None


def card_of(
    user: User, loaded: LoadedBank, questions: list[Question], fact: str, at: datetime
) -> Flashcard | None:
    """The card of one fact (None if the bank has no front for it)."""
    return card(user, loaded, questions, fact, memory_row(user.id, loaded.slug, fact), at)


def rate(user: User, loaded: LoadedBank, fact: str, rating: Rating, at: datetime) -> Memory:
    """The student's own rating of the card: logged as a self-rating, same memory."""
    return record_self_rating(user, loaded.slug, fact, rating, at)


def interval_text(interval: timedelta) -> str:
    """'1 d', '12 d', '1.5 mo', '2.3 y': as Anki shows the next interval on its buttons."""
    # Rounded to the minute first, so a wait a few milliseconds short of a day reads "1 d"
    # (as on the button) and never "1440 min".
    minutes = max(1, round(interval.total_seconds() / 60))
    if minutes < 24 * 60:
        return f"{minutes} min"
    days = minutes / (24 * 60)
    if days < 30:
        return f"{round(days)} d"
    if days < 365:
        return f"{days / 30:.1f} mo"
    return f"{days / 365:.1f} y"
