"""Memory per fact, the read side: retention, exam dates, due facts, memories and answer records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Select, and_, case, func, select
from sqlalchemy.orm import aliased

from quizapp import scheduling
from quizapp.builder import Question
from quizapp.extensions import db
from quizapp.models import (
    AttemptItem,
    Classroom,
    Enrollment,
    ExamDate,
    MemoryState,
    ReviewLog,
    User,
)
from quizapp.scheduling import Memory, Rating
from quizapp.selection import FactRecord

from . import ServiceError

ANSWER, SELF = "answer", "self"


def _class_retention(user_id: int | BindParameter[int]) -> Select[float]:
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
