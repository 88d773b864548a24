"""Regrading: past responses graded again when a bank change altered their question's right answer.

Each attempt keeps a snapshot of every question it asked; a response is affected when its
snapshot's key (the right answer, accepted words, pairs, amounts, tolerance) differs from the key
of the question the bank builds today under the same id. Nothing changes until a teacher
regrades; then each affected response is graded again, its snapshot takes the new key (so the
result page agrees), and each affected student's memory is rebuilt from the corrected log.
Flush only: the view commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from quizapp.builder import Question
from quizapp.extensions import db
from quizapp.grading import grade
from quizapp.models import AttemptItem, Regrade, Response, User

from .rebuild import rewrite_memory

CHOICE_KINDS = ("multiple_choice", "true_false", "matching")


def answer_key(question: Question) -> tuple[Any, ...]:
    """What grading compares a response with; the order choices were shown in is no part of it."""
    return (
        question.answer.strip(),
        tuple(sorted(question.accepted)),
        tuple(sorted(question.pairs)),
        tuple(sorted((a.value, a.unit) for a in question.amounts)),
        question.tolerance,
        question.qualifier,
        question.value_max,
    )


def rekeyed(snapshot: Question, new: Question) -> Question:
    """The snapshot with the new question's key (its wording and choice order kept)."""
    choices = snapshot.choices
    if new.kind in CHOICE_KINDS and (set(new.choices) != set(choices) or new.kind != snapshot.kind):
        choices = new.choices
    return replace(
        snapshot, kind=new.kind, answer=new.answer, accepted=new.accepted, pairs=new.pairs,
        amounts=new.amounts, tolerance=new.tolerance, qualifier=new.qualifier,
        value_max=new.value_max, explanation=new.explanation, choices=choices,
    )  # fmt: skip


@dataclass(frozen=True)
class Affected:
    """One stored response whose question's key has changed, and what grading now gives."""

    response: Response
    item: AttemptItem
    question: Question  # the snapshot, rekeyed
    correct: bool
    score: float

    @property
    def changes(self) -> bool:
        return (self.correct, self.score) != (self.response.correct, self.response.score)


@dataclass(frozen=True)
class AffectedQuestion:
    question_id: str
    prompt: str
    old_answer: str
    new_answer: str
    responses: int
    changing: int


@dataclass(frozen=True)
class RegradePlan:
    affected: list[Affected]

    @property
    def changing(self) -> int:
        return sum(1 for found in self.affected if found.changes)

    def questions(self) -> list[AffectedQuestion]:
        """The affected questions, each with how many responses and how many would change."""
        by_id: dict[str, list[Affected]] = {}
        for found in self.affected:
            by_id.setdefault(found.item.question_id, []).append(found)
        rows = []
        for question_id, group in sorted(by_id.items()):
            old = Question.from_dict(group[0].item.question)
            rows.append(
                AffectedQuestion(
                    question_id,
                    old.prompt,
                    _shown_key(old),
                    _shown_key(group[0].question),
                    len(group),
                    sum(1 for found in group if found.changes),
                )
            )
        return rows


def _shown_key(question: Question) -> str:
    if question.pairs:
        return "; ".join(f"{left} → {right}" for left, right in question.pairs)
    return question.answer


def regrade_plan(slug: str, questions: Sequence[Question]) -> RegradePlan:
    """The bank's stored responses whose question's key differs from today's question."""
    current = {question.id: question for question in questions}
    rows = db.session.execute(
        select(Response, AttemptItem)
        .join(AttemptItem, AttemptItem.id == Response.item_id)
        .where(Response.bank_slug == slug, Response.question_id.in_(list(current)))
        .order_by(Response.id)
    ).all()
    affected = []
    for response, item in rows:
        snapshot = Question.from_dict(item.question)
        new = current[item.question_id]
        if answer_key(snapshot) == answer_key(new):
            continue
        question = rekeyed(snapshot, new)
        verdict = grade(question, response.answer["value"])
        affected.append(Affected(response, item, question, verdict.correct, verdict.score))
    return RegradePlan(affected)


def regrade(slug: str, questions: Sequence[Question], teacher: User, revision: int) -> Regrade:
    """Grade every affected response again, update snapshots, rebuild memory; record it."""
    plan = regrade_plan(slug, questions)
    changing = plan.changing  # before the responses change under it
    students: set[int] = set()
    for found in plan.affected:
        response = found.response
        verdict = grade(found.question, response.answer["value"])
        if found.changes:
            students.add(response.user_id)
        response.correct, response.score = verdict.correct, verdict.score
        response.typo, response.feedback = verdict.typo, verdict.feedback
        found.item.question = found.question.to_dict()
    db.session.flush()
    for user_id in sorted(students):
        rewrite_memory(user_id)
    done = Regrade(
        bank_slug=slug,
        revision_number=revision,
        teacher_id=teacher.id,
        responses_checked=len(plan.affected),
        responses_changed=changing,
    )
    db.session.add(done)
    db.session.flush()
    return done


def regrades_of(slug: str) -> list[Regrade]:
    """The bank's past regrades, newest first, with who did them."""
    query = (
        select(Regrade)
        .options(joinedload(Regrade.teacher))
        .where(Regrade.bank_slug == slug)
        .order_by(Regrade.created_at.desc(), Regrade.id.desc())
    )
    return list(db.session.scalars(query))
