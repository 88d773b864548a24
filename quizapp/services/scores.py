"""Scores: an attempt's result by topic and reading skill, a student's attempts and trends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload

from quizapp.bank.kinds import SKILLS, skill_of_topic, skill_title
from quizapp.extensions import db
from quizapp.models import Attempt, AttemptItem, Response, User, utcnow


@dataclass(frozen=True)
class TopicScore:
    """The score on one topic (or one reading skill) of an attempt."""

    topic: str
    score: float
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0

    @property
    def title(self) -> str:
        return skill_title(self.topic)


@dataclass(frozen=True)
class Result:
    """An attempt's score, time and per-topic breakdown."""

    attempt: Attempt
    score: float
    total: int
    answered: int
    duration: timedelta
    topics: list[TopicScore]
    # By reading skill, in the order of kinds.SKILLS.
    skills: list[TopicScore] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0

    @property
    def band(self) -> str:
        """high, middle or low: how the result page colours and words the score."""
        return "high" if self.percent >= 80 else "middle" if self.percent >= 50 else "low"

    @property
    def encouragement(self) -> str:
        if self.percent == 100:
            return "Every answer right: you read this article closely."
        return {
            "high": "Strong reading. The evidence below settles the few you missed.",
            "middle": "A good start. Each wrong answer below shows the sentence to reread.",
            "low": "Worth a second read: each question below shows where the article answers it.",
        }[self.band]


def _skill(snapshot: dict[str, object]) -> str:
    """The snapshot's skill; a version 1 snapshot has its topic's (see Question.from_dict)."""
    return str(snapshot.get("skill") or skill_of_topic(str(snapshot.get("topic", ""))))


# One item as a result counts it: its topic, its skill, and its score (None: not answered).
Scored = tuple[str, str, float | None]
# Attempts per query in results_of: far under every database's limit on bound parameters.
BATCH = 500


def result_of(attempt: Attempt) -> Result:
    return _result(
        attempt,
        [
            (
                str(item.question["topic"]),
                _skill(item.question),
                item.response.score if item.response else None,
            )
            for item in attempt.items
        ],
    )


def results_of(attempts: Sequence[Attempt]) -> list[Result]:
    """The results of many attempts (history, a class's gradebook), in the same order.

    Read as one row per item of just its topic, skill and score: loading the items would
    read each question's whole snapshot (prompt, choices, evidence, explanation), which
    made a student's history and home page take 150 ms and more after 200 quizzes.
    """
    scored: dict[int, list[Scored]] = {attempt.id: [] for attempt in attempts}
    ids = list(scored)
    for start in range(0, len(ids), BATCH):
        rows = db.session.execute(
            select(
                AttemptItem.attempt_id,
                AttemptItem.question["topic"].as_string(),
                AttemptItem.question["skill"].as_string(),
                Response.score,
            )
            .outerjoin(Response, Response.item_id == AttemptItem.id)
            .where(AttemptItem.attempt_id.in_(ids[start : start + BATCH]))
        )
        for attempt_id, topic, skill, score in rows:
            topic = str(topic or "")
            scored[attempt_id].append((topic, skill or skill_of_topic(topic), score))
    return [_result(attempt, scored[attempt.id]) for attempt in attempts]


def _result(attempt: Attempt, items: list[Scored]) -> Result:
    by_topic: dict[str, list[float]] = {}
    by_skill: dict[str, list[float]] = {}
    for topic, skill, score in items:
        by_topic.setdefault(topic, []).append(score or 0.0)
        by_skill.setdefault(skill, []).append(score or 0.0)
    order: dict[str, int] = {skill: index for index, skill in enumerate(SKILLS)}
    end: datetime = attempt.finished_at or utcnow()
    return Result(
        attempt=attempt,
        score=sum(sum(scores) for scores in by_topic.values()),
        total=len(items),
        answered=sum(1 for _, _, score in items if score is not None),
        duration=end - attempt.started_at,
        topics=[TopicScore(t, sum(s), len(s)) for t, s in sorted(by_topic.items())],
        skills=[
            TopicScore(k, sum(s), len(s))
            for k, s in sorted(by_skill.items(), key=lambda pair: order.get(pair[0], len(order)))
        ],
    )


@dataclass(frozen=True)
class SkillTrend:
    """One skill's accuracy in each finished quiz that asked it, oldest first."""

    skill: str
    points: list[tuple[int, int]]  # (quiz number in the history, percent)
    score: float
    total: int

    @property
    def title(self) -> str:
        return skill_title(self.skill)

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0


def skill_trends(results: list[Result]) -> list[SkillTrend]:
    """Per skill, its accuracy quiz by quiz over a student's history (numbered from 1)."""
    found: dict[str, SkillTrend] = {}
    for number, result in enumerate(results, start=1):
        for scored in result.skills:
            trend = found.setdefault(scored.topic, SkillTrend(scored.topic, [], 0.0, 0))
            trend.points.append((number, scored.percent))
            found[scored.topic] = replace(
                trend, score=trend.score + scored.score, total=trend.total + scored.total
            )
    order: dict[str, int] = {skill: index for index, skill in enumerate(SKILLS)}
    return sorted(found.values(), key=lambda t: order.get(t.skill, len(order)))


def attempts_of(user: User, *, finished: bool) -> list[Attempt]:
    done = Attempt.finished_at.is_not(None) if finished else Attempt.finished_at.is_(None)
    query = select(Attempt).where(Attempt.user_id == user.id, done)
    # Its title tells attempts apart; the items are for results_of to count, not to load.
    query = query.options(joinedload(Attempt.assignment), lazyload(Attempt.items))
    return list(db.session.scalars(query.order_by(Attempt.started_at)))


def assignment_results(user: User) -> dict[int, Result]:
    """The student's latest finished attempt at each class assignment, by assignment id."""
    latest: dict[int, Attempt] = {}
    for attempt in attempts_of(user, finished=True):  # oldest first: later ones overwrite
        if attempt.assignment_id is not None:
            latest[attempt.assignment_id] = attempt
    return dict(zip(latest, results_of(list(latest.values())), strict=True))
