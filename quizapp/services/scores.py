"""Scores: an attempt's result by topic and reading skill, a student's attempts and trends."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from quizapp.bank.kinds import SKILLS, skill_of_topic, skill_title
from quizapp.extensions import db
from quizapp.models import Attempt, User, utcnow


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


def result_of(attempt: Attempt) -> Result:
    by_topic: dict[str, list[float]] = {}
    by_skill: dict[str, list[float]] = {}
    for item in attempt.items:
        score = item.response.score if item.response else 0.0
        by_topic.setdefault(str(item.question["topic"]), []).append(score)
        by_skill.setdefault(_skill(item.question), []).append(score)
    order: dict[str, int] = {skill: index for index, skill in enumerate(SKILLS)}
    end: datetime = attempt.finished_at or utcnow()
    return Result(
        attempt=attempt,
        score=sum(sum(scores) for scores in by_topic.values()),
        total=len(attempt.items),
        answered=sum(1 for item in attempt.items if item.response is not None),
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
    query = query.options(joinedload(Attempt.assignment))  # its title tells attempts apart
    return list(db.session.scalars(query.order_by(Attempt.started_at)))


def assignment_results(user: User) -> dict[int, Result]:
    """The student's latest finished attempt at each class assignment, by assignment id."""
    latest: dict[int, Result] = {}
    for attempt in attempts_of(user, finished=True):  # oldest first: later ones overwrite
        if attempt.assignment_id is not None:
            latest[attempt.assignment_id] = result_of(attempt)
    return latest
