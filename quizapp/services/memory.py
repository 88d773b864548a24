"""Memory per fact, the write path: how a graded answer or a self-rating becomes FSRS reviews,
and how each review's memory row and log row are written."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, insert, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm.util import identity_key
from sqlalchemy.sql.dml import ReturningInsert

from quizapp import scheduling
from quizapp.builder import Question
from quizapp.extensions import db
from quizapp.grading import Response as Answer
from quizapp.models import MemoryState, Response, ReviewLog, User
from quizapp.scheduling import Memory, Rating

from . import ServiceError
from .review import ANSWER, SELF, _class_retention, _retention, as_memory

# MemoryState's columns of the memory itself, in the order of Memory's fields (so a row is one).
MEMORY_FIELDS = tuple(field.name for field in fields(Memory))


def _store(row: MemoryState, memory: Memory) -> None:
    for name in MEMORY_FIELDS:
        setattr(row, name, getattr(memory, name))


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


def _review(rated: Rated, before: Memory | None, retention: float) -> tuple[Memory, dict[str, Any]]:
    """The memory after one rating, and its review log row (both paths below write these)."""
    after = scheduling.review(before, rated.rating, rated.at, retention)
    log = {
        "user_id": rated.user_id, "bank_slug": rated.bank_slug, "fact_id": rated.fact_id,
        "question_id": rated.question_id, "response_id": rated.response_id,
        "source": rated.source, "kind": rated.kind, "rating": int(rated.rating),
        "duration_ms": rated.duration_ms, "reviewed_at": rated.at,
        "state_before": before.to_dict() if before else None, "state_after": after.to_dict(),
    }  # fmt: skip
    return after, log


def apply_rating(
    rated: Rated, row: MemoryState | None, retention: float
) -> tuple[MemoryState, ReviewLog]:
    """One rating as ORM objects (the rebuild's replay; answers take `_apply_all`)."""
    after, log = _review(rated, as_memory(row) if row is not None else None, retention)
    if row is None:
        row = MemoryState(user_id=rated.user_id, bank_slug=rated.bank_slug, fact_id=rated.fact_id)
    _store(row, after)
    return row, ReviewLog(**log)


def memory_row(user_id: int, bank_slug: str, fact_id: str) -> MemoryState | None:
    return db.session.scalar(
        select(MemoryState).where(
            MemoryState.user_id == user_id,
            MemoryState.bank_slug == bank_slug,
            MemoryState.fact_id == fact_id,
        )
    )


# An answer waits on its memory update, so it is plain statements built once, not the unit of
# work: one read (the facts' rows and the class's retention), then per fact its row's upsert and
# its log row (in one statement on PostgreSQL).
_MEMORY = cast(Table, MemoryState.__table__)
_LOG = cast(Table, ReviewLog.__table__)
_KEY = ("user_id", "bank_slug", "fact_id")
# Outer-joined to one constant row, so the retention comes back even before a fact's first review.
_MEMORY_READ = (
    select(
        _class_retention(bindparam("user_id")).scalar_subquery(),
        _MEMORY.c.id, _MEMORY.c.fact_id, *(_MEMORY.c[name] for name in MEMORY_FIELDS),
    )
    .select_from(select(literal(1).label("one")).subquery())
    .outerjoin(
        _MEMORY,
        and_(
            _MEMORY.c.user_id == bindparam("user_id"),
            _MEMORY.c.bank_slug == bindparam("bank_slug"),
            _MEMORY.c.fact_id.in_(bindparam("fact_ids", expanding=True)),
        ),
    )
)  # fmt: skip


def _memory_upsert(stmt: postgresql.Insert | sqlite.Insert) -> ReturningInsert[str, str, int]:
    """Insert or update a fact's row, but only over the state its review started from: a
    concurrent review of the same fact (two tabs) leaves its row unchanged and unreturned, so
    this one reads again and reviews on top of it, and the row stays the replay of its log."""
    values = {name: bindparam(name, type_=_MEMORY.c[name].type) for name in (*_KEY, *MEMORY_FIELDS)}
    return (
        stmt.values(values)
        .on_conflict_do_update(
            index_elements=[_MEMORY.c[name] for name in _KEY],
            set_={name: stmt.excluded[name] for name in MEMORY_FIELDS},
            where=_MEMORY.c.reps == stmt.excluded.reps - 1,
        )
        .returning(_MEMORY.c.fact_id, _MEMORY.c.bank_slug, _MEMORY.c.user_id)
    )


def _log_of_upserted() -> ReturningInsert[str]:
    """PostgreSQL: the upsert and the log row in one statement, the log row taken only when the
    upsert returns its row."""
    upserted = _memory_upsert(postgresql.insert(_MEMORY)).cte("upserted")
    others = [column for column in _LOG.c if column.name not in ("id", *_KEY)]
    rows = select(
        *(upserted.c[name] for name in _KEY), *(bindparam(c.name, type_=c.type) for c in others)
    ).select_from(upserted)
    return (
        insert(_LOG)
        .from_select([*_KEY, *(column.name for column in others)], rows)
        .add_cte(upserted, nest_here=True)
        .returning(_LOG.c.fact_id)
    )


_WRITE_TOGETHER = _log_of_upserted()
_UPSERT_ALONE = _memory_upsert(sqlite.insert(_MEMORY))
_LOG_INSERT = insert(_LOG)


def _write(dialect: str, row: dict[str, Any], log: dict[str, Any]) -> bool:
    """Write a fact's memory row and its log row; False if a concurrent review came first."""
    if dialect == "postgresql":
        return db.session.execute(_WRITE_TOGETHER, {**row, **log}).first() is not None
    # SQLite (the other database we run on) takes no INSERT inside WITH: two statements,
    # in-process and cheap there. Its upsert's RETURNING needs SQLite 3.35 or later.
    if db.session.execute(_UPSERT_ALONE, row).first() is None:
        return False
    db.session.execute(_LOG_INSERT, log)
    return True


# Each try loses only to another review of the same fact that landed meanwhile.
_TRIES = 5


def _read_memories(
    user_id: int, bank_slug: str, facts: Collection[str]
) -> tuple[float, dict[str, tuple[int, Memory]]]:
    """The class's retention, and each known fact's row id and memory (plain rows, always
    fresh: an ORM object in the session could predate the last upsert)."""
    rows = db.session.execute(
        _MEMORY_READ, {"user_id": user_id, "bank_slug": bank_slug, "fact_ids": list(facts)}
    ).all()
    found = {row[2]: (row[1], Memory(*row[3:])) for row in rows if row[1] is not None}
    return _retention(rows[0][0]), found


def _apply_all(ratings: Sequence[Rated]) -> dict[str, Memory]:
    """Apply one user's ratings of distinct facts of one bank; the memory after each."""
    if not ratings:
        return {}
    user_id, bank_slug = ratings[0].user_id, ratings[0].bank_slug
    assert all((r.user_id, r.bank_slug) == (user_id, bank_slug) for r in ratings)
    pending = {rated.fact_id: rated for rated in ratings}
    assert len(pending) == len(ratings), "one rating per fact"
    dialect = db.session.get_bind().dialect.name
    db.session.flush()  # the plain read below would not flush pending ORM changes itself
    done: dict[str, Memory] = {}
    for _ in range(_TRIES):
        retention, found = _read_memories(user_id, bank_slug, pending)
        for fact, rated in list(pending.items()):
            row_id, before = found.get(fact, (None, None))
            after, log = _review(rated, before, retention)
            row = {"user_id": user_id, "bank_slug": bank_slug, "fact_id": fact}
            row.update((name, getattr(after, name)) for name in MEMORY_FIELDS)
            if _write(dialect, row, log):
                done[fact] = after
                del pending[fact]
                _expire_loaded(row_id)
        if not pending:
            return done
    raise ServiceError("This fact was reviewed elsewhere at the same moment; try again.")


def _expire_loaded(row_id: int | None) -> None:
    """A row loaded as an ORM object earlier in this session reloads on its next use."""
    loaded = db.session.identity_map.get(identity_key(MemoryState, row_id)) if row_id else None
    if loaded is not None:
        db.session.expire(loaded)


def record_answer(response: Response, question: Question, answer: Answer) -> None:
    """Review each fact of a graded answer (any mode counts); the response must be flushed."""
    # The median matters only for a right, timed recall answer: spare the query otherwise.
    needs_median = (
        question.kind in scheduling.RECALL_KINDS
        and response.correct
        and response.time_taken_ms is not None
    )
    recent = _recent_durations(response.user_id, question.kind) if needs_median else []
    _apply_all(answer_ratings(response, question, answer, recent))


def record_self_rating(
    user: User, bank_slug: str, fact_id: str, rating: Rating, at: datetime, kind: str = "flashcard"
) -> Memory:
    """A student's own rating of a fact (flashcards): logged as such, same memory."""
    rated = Rated(user.id, bank_slug, fact_id, None, None, SELF, kind, rating, None, at)
    return _apply_all([rated])[fact_id]
