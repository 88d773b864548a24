"""A student's progress: due forecast, true retention, facts mastered per topic, streak."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from quizapp import progress, scheduling
from quizapp.builder import Question
from quizapp.extensions import db
from quizapp.models import MemoryState, ReviewLog, User
from quizapp.scheduling import Rating

from .review import due_select, effective_due_sql

FORECAST_DAYS, RETENTION_DAYS = 30, 30


@dataclass(frozen=True)
class TopicMastery:
    topic: str
    mastered: int
    in_memory: int


@dataclass(frozen=True)
class Progress:
    forecast: list[int]  # facts falling due each day from today (today includes overdue ones)
    first_day: date
    passed: int  # reviews of facts met before, last RETENTION_DAYS days, rated above Again
    reviews: int
    topics: list[TopicMastery]
    streak: int

    @property
    def retention_percent(self) -> int | None:
        return round(100 * self.passed / self.reviews) if self.reviews else None

    @property
    def chart(self) -> progress.BarChart:
        return progress.forecast_chart(self.forecast, self.first_day)

    def day(self, index: int) -> date:
        return self.first_day + timedelta(days=index)


def progress_of(
    user: User, at: datetime, questions_of: Callable[[str], list[Question]]
) -> Progress:
    """The figures of the progress page as seen at `at` (exam caps applied to the forecast)."""
    today = at.date()
    forecast = [0] * FORECAST_DAYS
    due = effective_due_sql(at)
    for _, when in db.session.execute(due_select(user.id, at, None, MemoryState.id, due)):
        index = max(0, (when.date() - today).days)
        if index < FORECAST_DAYS:
            forecast[index] += 1
    since = at - timedelta(days=RETENTION_DAYS)
    recent = select(ReviewLog.rating).where(
        ReviewLog.user_id == user.id, ReviewLog.reviewed_at >= since, ReviewLog.reviewed_at <= at,
        ReviewLog.state_before.is_not(None),  # a first meeting tests nothing remembered
    )  # fmt: skip
    ratings = list(db.session.scalars(recent))
    studied = db.session.scalars(
        select(ReviewLog.reviewed_at).where(
            ReviewLog.user_id == user.id, ReviewLog.reviewed_at <= at,
            ReviewLog.reviewed_at >= at - timedelta(days=366),
        )
    )  # fmt: skip
    return Progress(
        forecast=forecast, first_day=today,
        passed=sum(1 for rating in ratings if rating > Rating.Again), reviews=len(ratings),
        topics=_mastery(user, questions_of),
        streak=progress.streak({when.date() for when in studied}, today),
    )  # fmt: skip


def _mastery(user: User, questions_of: Callable[[str], list[Question]]) -> list[TopicMastery]:
    rows = db.session.execute(
        select(MemoryState.bank_slug, MemoryState.fact_id, MemoryState.stability).where(
            MemoryState.user_id == user.id
        )
    )
    topic_of: dict[str, dict[str, str]] = {}
    counts: dict[str, list[int]] = {}
    for slug, fact, stability in rows:
        if slug not in topic_of:
            topic_of[slug] = {q.fact: q.topic for q in reversed(questions_of(slug))}
        topic = topic_of[slug].get(fact)
        if topic is None:  # a fact no longer in its bank
            continue
        mastered = stability is not None and stability >= scheduling.MASTERED_STABILITY_DAYS
        tally = counts.setdefault(topic, [0, 0])
        tally[0] += int(mastered)
        tally[1] += 1
    return [TopicMastery(t, m, n) for t, (m, n) in sorted(counts.items())]
