"""A student's wrong answers: every question missed, how often, whether fixed since; retrying."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from quizapp.bank import LoadedBank
from quizapp.builder import Question
from quizapp.extensions import db
from quizapp.grading import PART_A, PART_B
from quizapp.mistakes import MistakeKind, kind_of
from quizapp.models import PRACTICE, Attempt, AttemptItem, Response, User

from . import ServiceError
from .quiz import describe, hidden_attempt_ids, start_attempt


@dataclass(frozen=True)
class Mistake:
    """One question the student got wrong, as they last got it wrong."""

    question: Question
    bank_slug: str
    answer_text: str
    missed: int
    last_missed_at: datetime
    fixed: bool  # answered right since the last miss
    kind: MistakeKind | None

    @property
    def right_text(self) -> str:
        """The right answer, written as the student's is: both parts of a two-part question."""
        asked = self.question
        if asked.kind == "two_part":
            return describe(asked, {PART_A: asked.answer, PART_B: asked.support})
        return asked.answer


def mistakes_of(
    user: User,
    loaded_bank: Callable[[str], LoadedBank | None],
    *,
    bank_slug: str | None = None,
    topic: str | None = None,
    attempt_id: int | None = None,
) -> list[Mistake]:
    """Every question the student missed, newest miss first (fixed ones stay, marked)."""
    query = select(Response).where(Response.user_id == user.id)
    if hidden := hidden_attempt_ids(user):  # an assignment's answers not shown yet
        query = query.where(Response.attempt_id.not_in(hidden))
    if bank_slug:
        query = query.where(Response.bank_slug == bank_slug)
    missed: dict[str, list[Response]] = {}
    right_at: dict[str, datetime] = {}
    for response in db.session.scalars(query.order_by(Response.answered_at, Response.id)):
        if response.correct:
            right_at[response.question_id] = response.answered_at
        else:
            missed.setdefault(response.question_id, []).append(response)
    if attempt_id is not None:
        in_attempt = {
            r.question_id for rs in missed.values() for r in rs if r.attempt_id == attempt_id
        }
        missed = {qid: rs for qid, rs in missed.items() if qid in in_attempt}
    last_wrong = {rs[-1].item_id: rs for rs in missed.values()}
    items = db.session.scalars(select(AttemptItem).where(AttemptItem.id.in_(last_wrong)))
    found: list[Mistake] = []
    for item in items:
        responses = last_wrong[item.id]
        last = responses[-1]
        question = Question.from_dict(item.question)
        if topic and question.topic != topic:
            continue
        loaded = loaded_bank(last.bank_slug)
        given = last.answer["value"] if isinstance(last.answer.get("value"), str) else ""
        found.append(
            Mistake(
                question=question,
                bank_slug=last.bank_slug,
                answer_text=last.answer_text,
                missed=len(responses),
                last_missed_at=last.answered_at,
                fixed=right_at.get(last.question_id, last.answered_at) > last.answered_at,
                kind=kind_of(loaded.bank if loaded else None, question, given),
            )
        )
    return sorted(found, key=lambda m: (m.last_missed_at, m.question.id), reverse=True)


def start_retry(
    user: User, loaded: LoadedBank, current: list[Question], mistakes: list[Mistake]
) -> Attempt:
    """A practice attempt of exactly the unfixed mistakes of this bank (choices reshuffled)."""
    by_id = {question.id: question for question in current}
    # The question as it is now, if the bank still has it; else as it was asked.
    chosen = [
        by_id.get(m.question.id, m.question)
        for m in mistakes
        if not m.fixed and m.bank_slug == loaded.slug
    ]
    if not chosen:
        raise ServiceError("No unfixed mistakes to retry here: well done.")
    topics = sorted({question.topic for question in chosen})
    return start_attempt(
        user, loaded, chosen, mode=PRACTICE, topics=topics, length=None, preset=chosen
    )
