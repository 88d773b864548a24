"""Memory per fact: every graded answer reviews its facts; due facts; exam dates; retention."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, select
from sqlalchemy.orm import aliased

from quizapp import scheduling
from quizapp.builder import Question
from quizapp.extensions import db
from quizapp.grading import Response as Answer
from quizapp.models import (
    AttemptItem,
    Classroom,
    Enrollment,
    ExamDate,
    MemoryState,
    Response,
    ReviewLog,
    User,
)
from quizapp.scheduling import Memory, Rating
from quizapp.selection import FactRecord

from . import ServiceError

ANSWER, SELF = "answer", "self"


def _class_retention(user_id: int) -> Select[float]:
    return (
        select(func.max(Classroom.desired_retention))
        .join(Enrollment, Enrollment.classroom_id == Classroom.id)
        .where(Enrollment.user_id == user_id)
    )


def _retention(found: float | None) -> float:
    return float(found) if found is not None else scheduling.DEFAULT_RETENTION


def retention_for(user_id: int) -> float:
    """The desired retention of the student's classes (the strictest one), or the default."""
    return _retention(db.session.scalar(_class_retention(user_id)))


def set_retention(classroom: Classroom, value: float) -> None:
    try:
        classroom.desired_retention = scheduling.check_retention(value)
    except ValueError as error:
        raise ServiceError(str(error), field="desired_retention") from None
    db.session.flush()


def as_memory(row: MemoryState) -> Memory:
    return Memory(
        state=row.state, step=row.step, stability=row.stability, difficulty=row.difficulty,
        due=row.due, last_review=row.last_review, reps=row.reps, lapses=row.lapses,
        last_rating=row.last_rating,
    )  # fmt: skip


def _store(row: MemoryState, memory: Memory) -> None:
    row.state, row.step = memory.state, memory.step
    row.stability, row.difficulty = memory.stability, memory.difficulty
    row.due, row.last_review = memory.due, memory.last_review
    row.reps, row.lapses, row.last_rating = memory.reps, memory.lapses, memory.last_rating


def _recent_durations(user_id: int, kind: str) -> list[int]:
    """The student's latest timed answers of this kind, newest first (for the Easy rule)."""
    rows = db.session.scalars(
        select(ReviewLog.duration_ms)
        .where(
            ReviewLog.user_id == user_id, ReviewLog.kind == kind, ReviewLog.source == ANSWER,
            ReviewLog.duration_ms.is_not(None),
        )
        .order_by(ReviewLog.reviewed_at.desc(), ReviewLog.id.desc())
        .limit(scheduling.MEDIAN_WINDOW)
    )  # fmt: skip
    return [int(ms) for ms in rows if ms is not None]


@dataclass(frozen=True)
class Rated:
    """One rating of one fact, ready to apply."""

    user_id: int
    bank_slug: str
    fact_id: str
    question_id: str | None
    response_id: int | None
    source: str
    kind: str
    rating: Rating
    duration_ms: int | None
    at: datetime


def answer_ratings(
    response: Response, question: Question, answer: Answer, recent: Sequence[int]
) -> list[Rated]:
    """The ratings one graded answer gives its facts (`recent`: durations for the median)."""
    verdicts = scheduling.verdicts_per_fact(question, response.correct, response.score, answer)
    median = scheduling.median_time(recent)
    return [
        Rated(
            response.user_id,
            response.bank_slug,
            fact,
            question.id,
            response.id,
            ANSWER,
            question.kind,
            scheduling.rate(
                correct=correct,
                kind=question.kind,
                score=score,
                typo=response.typo,
                duration_ms=response.time_taken_ms,
                median_ms=median,
            ),
            response.time_taken_ms,
            response.answered_at,
        )
        for fact, (correct, score) in verdicts.items()
    ]


def apply_rating(
    rated: Rated, row: MemoryState | None, retention: float
) -> tuple[MemoryState, ReviewLog]:
    before = as_memory(row) if row is not None else None
    after = scheduling.review(before, rated.rating, rated.at, retention)
    if row is None:
        row = MemoryState(user_id=rated.user_id, bank_slug=rated.bank_slug, fact_id=rated.fact_id)
    _store(row, after)
    log = ReviewLog(
        user_id=rated.user_id, bank_slug=rated.bank_slug, fact_id=rated.fact_id,
        question_id=rated.question_id, response_id=rated.response_id, source=rated.source,
        kind=rated.kind, rating=int(rated.rating), duration_ms=rated.duration_ms,
        reviewed_at=rated.at, state_before=before.to_dict() if before else None,
        state_after=after.to_dict(),
    )  # fmt: skip
    return row, log


def memory_row(user_id: int, bank_slug: str, fact_id: str) -> MemoryState | None:
    return db.session.scalar(
        select(MemoryState).where(
            MemoryState.user_id == user_id,
            MemoryState.bank_slug == bank_slug,
            MemoryState.fact_id == fact_id,
        )
    )


def _apply_all(ratings: Sequence[Rated], user_id: int) -> None:
    retention: float | None = None
    for rated in ratings:
        # The memory row and the class's retention in one statement (an answer waits on it).
        found = db.session.execute(
            select(MemoryState, _class_retention(user_id).scalar_subquery()).where(
                MemoryState.user_id == rated.user_id,
                MemoryState.bank_slug == rated.bank_slug,
                MemoryState.fact_id == rated.fact_id,
            )
        ).first()
        if retention is None:
            retention = _retention(found[1]) if found else retention_for(user_id)
        row, log = apply_rating(rated, found[0] if found else None, retention)
        db.session.add_all([row, log])
    db.session.flush()


def record_answer(response: Response, question: Question, answer: Answer) -> None:
    """Review each fact of a graded answer (any mode counts); the response must be flushed."""
    # The median matters only for a right, timed recall answer: spare the query otherwise.
    needs_median = (
        question.kind in scheduling.RECALL_KINDS
        and response.correct
        and response.time_taken_ms is not None
    )
    recent = _recent_durations(response.user_id, question.kind) if needs_median else []
    _apply_all(answer_ratings(response, question, answer, recent), response.user_id)


def record_self_rating(
    user: User, bank_slug: str, fact_id: str, rating: Rating, at: datetime, kind: str = "flashcard"
) -> Memory:
    """A student's own rating of a fact (flashcards): logged as such, same memory."""
    rated = Rated(user.id, bank_slug, fact_id, None, None, SELF, kind, rating, None, at)
    _apply_all([rated], user.id)
    row = memory_row(user.id, bank_slug, fact_id)
    assert row is not None
    return as_memory(row)


# --- Exam dates and due facts ---------------------------------------------------------------


def set_exam_date(user: User, bank_slug: str, exam_on: date | None) -> None:
    """Set (or with None, clear) the student's exam date for a bank."""
    found = db.session.get(ExamDate, (user.id, bank_slug))
    if exam_on is None:
        if found is not None:
            db.session.delete(found)
    else:
        cap_at, exam_at = scheduling.exam_window(exam_on)
        found = found or ExamDate(user_id=user.id, bank_slug=bank_slug)
        found.exam_on, found.cap_at, found.exam_at = exam_on, cap_at, exam_at
        db.session.add(found)
    db.session.flush()


def exam_dates(user_id: int) -> dict[str, date]:
    rows = db.session.execute(
        select(ExamDate.bank_slug, ExamDate.exam_on).where(ExamDate.user_id == user_id)
    )
    return {str(slug): exam_on for slug, exam_on in rows}


_exam = aliased(ExamDate)


def effective_due_sql(at: datetime) -> ColumnElement[datetime]:
    """scheduling.effective_due in SQL (needs the outer join of `due_select`)."""
    capped = and_(
        _exam.cap_at.is_not(None),
        MemoryState.last_review < _exam.cap_at,
        MemoryState.due > _exam.cap_at,
        _exam.exam_at > at,
    )
    return case((capped, _exam.cap_at), else_=MemoryState.due)


def due_select(user_id: int, at: datetime, bank_slug: str | None, *columns: Any) -> Any:
    query = select(*columns).outerjoin(
        _exam, and_(_exam.user_id == MemoryState.user_id, _exam.bank_slug == MemoryState.bank_slug)
    )
    query = query.where(MemoryState.user_id == user_id)
    return query.where(MemoryState.bank_slug == bank_slug) if bank_slug else query


def due_facts(
    user: User, at: datetime, bank_slug: str | None = None, limit: int | None = None
) -> list[tuple[MemoryState, datetime]]:
    """The facts due at `at`, most overdue first, each with its due time (exam cap applied)."""
    due = effective_due_sql(at)
    query = due_select(user.id, at, bank_slug, MemoryState, due.label("effective_due"))
    query = query.where(due <= at).order_by(due, MemoryState.id).limit(limit)
    return [(row, when) for row, when in db.session.execute(query)]


@dataclass(frozen=True)
class BankDue:
    """How many of a bank's facts are due now, and when the next one falls due."""

    due: int
    next_due: datetime | None


def due_summary(user: User, at: datetime) -> dict[str, BankDue]:
    """Per bank the student has memory of: facts due now, and the next due time after now."""
    due = effective_due_sql(at)
    query = due_select(
        user.id, at, None, MemoryState.bank_slug,
        func.sum(case((due <= at, 1), else_=0)), func.min(case((due > at, due), else_=None)),
    ).group_by(MemoryState.bank_slug)  # fmt: skip
    return {slug: BankDue(int(count or 0), when) for slug, count, when in db.session.execute(query)}


def memories_of(user: User, bank_slug: str | None = None) -> list[MemoryState]:
    query = select(MemoryState).where(MemoryState.user_id == user.id)
    if bank_slug:
        query = query.where(MemoryState.bank_slug == bank_slug)
    return list(db.session.scalars(query.order_by(MemoryState.bank_slug, MemoryState.fact_id)))


def memories_as_of(
    user: User, at: datetime, bank_slug: str | None = None
) -> dict[tuple[str, str], Memory]:
    """Each fact's memory as the log left it at `at` (facts first reviewed later are absent)."""
    query = select(ReviewLog.bank_slug, ReviewLog.fact_id, ReviewLog.state_after).where(
        ReviewLog.user_id == user.id, ReviewLog.reviewed_at <= at
    )
    if bank_slug:
        query = query.where(ReviewLog.bank_slug == bank_slug)
    found: dict[tuple[str, str], Memory] = {}
    query = query.order_by(ReviewLog.reviewed_at, ReviewLog.id)
    for slug, fact, after in db.session.execute(query):
        found[(slug, fact)] = Memory.from_dict(after)
    return found


def answer_record(user_id: int, bank_slug: str) -> dict[str, FactRecord]:
    """Per fact: graded answers, how many right (any rating above Again), and the last one."""
    rows = db.session.execute(
        select(
            ReviewLog.fact_id, func.count(),
            func.sum(case((ReviewLog.rating > int(Rating.Again), 1), else_=0)),
            func.max(ReviewLog.reviewed_at),
        )
        .where(
            ReviewLog.user_id == user_id, ReviewLog.bank_slug == bank_slug,
            ReviewLog.source == ANSWER,
        )
        .group_by(ReviewLog.fact_id)
    )  # fmt: skip
    return {fact: FactRecord(seen, int(right or 0), last) for fact, seen, right, last in rows}


def question_of(item: AttemptItem) -> Question:
    return Question.from_dict(item.question)
