"""Quiz attempts: starting one, recording answers exactly once, finishing and scoring."""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Integer, Select, bindparam, delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, joinedload, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from quizapp.bank import LoadedBank
from quizapp.builder import Question
from quizapp.database import insert_or_ignore
from quizapp.extensions import db
from quizapp.grading import PART_A, PART_B, grade
from quizapp.grading import Response as Answer
from quizapp.models import (
    FEEDBACK_MODES,
    SNAPSHOT_VERSION,
    Assignment,
    Attempt,
    AttemptItem,
    Enrollment,
    Response,
    ReviewLog,
    User,
    utcnow,
)
from quizapp.selection import FactRecord, select_questions

from . import ServiceError
from .classes import answers_shown, finished_attempts, start_refusal
from .memory import record_answer
from .rebuild import rewrite_memory
from .review import answer_record


def knowledge_of(user: User, bank_slug: str) -> dict[str, FactRecord]:
    """Per fact: how often the student answered it, how often right, and when last."""
    # From the review log: a matching question counts under every fact it covers.
    return answer_record(user.id, bank_slug)


def times_asked(user: User, bank_slug: str) -> dict[str, int]:
    rows = db.session.execute(
        select(Response.question_id, func.count())
        .where(Response.user_id == user.id, Response.bank_slug == bank_slug)
        .group_by(Response.question_id)
    )
    return {str(question_id): int(count) for question_id, count in rows}


def _shuffled(question: Question, rng: random.Random) -> Question:
    """The question with its choices in this attempt's own order (true/false stays put)."""
    if question.kind in ("multiple_choice", "matching"):
        choices = list(question.choices)
        rng.shuffle(choices)
        return replace(question, choices=tuple(choices))
    return question


def start_attempt(
    user: User,
    loaded: LoadedBank,
    questions: list[Question],
    *,
    mode: str,
    topics: Collection[str],
    length: int | None,
    assignment: Assignment | None = None,
    rng: random.Random | None = None,
    preset: list[Question] | None = None,
    skills: Collection[str] | None = None,
) -> Attempt:
    """A new attempt: the student's questions chosen (or `preset`), frozen and shuffled."""
    rng = rng or random.Random()  # choice order, not a secret
    if preset is not None:
        chosen = preset
    elif assignment is None:
        chosen = select_questions(
            questions,
            topics=topics,
            length=length,
            knowledge=knowledge_of(user, loaded.slug),
            times_asked=times_asked(user, loaded.slug),
            rng=rng,
            skills=skills,
        )
    else:
        by_id = {q.id: q for q in questions}
        chosen = [by_id[qid] for qid in assignment.question_ids if qid in by_id]
    if not chosen:
        raise ServiceError("No questions match these topics and skills yet.", field="topics")
    attempt = Attempt(
        user=user,
        bank_slug=loaded.slug,
        bank_digest=loaded.digest,
        mode=mode,
        topics=sorted(topics),
        assignment=assignment,
    )
    db.session.add(attempt)
    db.session.flush()
    # The items in one executemany, not one unit-of-work object each (a quiz's start waited
    # on them); attempt.items loads them when first read.
    db.session.execute(
        insert(AttemptItem),
        [
            {
                "attempt_id": attempt.id,
                "position": position,
                "question_id": question.id,
                "fact_id": question.fact,
                "question": _shuffled(question, rng).to_dict(),
                "snapshot_version": SNAPSHOT_VERSION,
            }
            for position, question in enumerate(chosen, start=1)
        ],
    )
    return attempt


def start_assignment_attempt(
    user: User, loaded: LoadedBank, questions: list[Question], assignment: Assignment
) -> Attempt:
    """The student's unfinished attempt at a class assignment, or a new one if the rules allow."""
    if (unfinished := open_assignment_attempt(user, assignment)) is not None:
        return unfinished
    check_may_start(user, assignment)
    try:
        with db.session.begin_nested():
            return start_attempt(
                user, loaded, questions, mode=assignment.mode, topics=[], length=None,
                assignment=assignment,
            )  # fmt: skip
    except IntegrityError:
        # Start clicked several times at once: the unique index let one attempt in; use it.
        unfinished = open_assignment_attempt(user, assignment)
        if unfinished is None:
            raise
        return unfinished


def open_assignment_attempt(user: User, assignment: Assignment) -> Attempt | None:
    return db.session.scalar(
        select(Attempt).where(
            Attempt.user_id == user.id,
            Attempt.assignment_id == assignment.id,
            Attempt.finished_at.is_(None),
        )
    )


def select_for_assignment(
    questions: list[Question],
    topics: Collection[str],
    length: int | None,
    rng: random.Random | None = None,
    skills: Collection[str] | None = None,
) -> list[str]:
    """The fixed question ids of a class assignment: a fresh student's selection."""
    rng = rng or random.Random()  # which questions, not a secret
    chosen = select_questions(
        questions, topics=topics, length=length, knowledge={}, times_asked={}, rng=rng,
        skills=skills,
    )  # fmt: skip
    return [question.id for question in chosen]


@dataclass(frozen=True)
class Place:
    """One item of an attempt (with its attempt and response) and where it stands in the quiz."""

    item: AttemptItem
    total: int
    answered: int

    @property
    def attempt(self) -> Attempt:
        return self.item.attempt


def _place_query() -> Select[AttemptItem, int, int]:
    attempt_id = bindparam("attempt_id", type_=Integer)
    total = select(func.count(AttemptItem.id)).where(AttemptItem.attempt_id == attempt_id)
    answered = select(func.count(Response.id)).where(Response.attempt_id == attempt_id)
    return (
        select(AttemptItem, total.scalar_subquery(), answered.scalar_subquery())
        .join(AttemptItem.attempt)
        .where(
            AttemptItem.attempt_id == attempt_id,
            AttemptItem.position == bindparam("position"),
            Attempt.user_id == bindparam("user_id"),
        )
        .options(
            contains_eager(AttemptItem.attempt).lazyload(Attempt.items),
            joinedload(AttemptItem.response),
        )
    )


# Built once: composing the statement cost as much as running it.
_PLACE = _place_query()


def place_of(user: User, attempt_id: int, position: int) -> Place | None:
    """The student's own item at this position, in one query, without the attempt's other items.

    A question page or an answer needs only its item; loading every item and response of the
    attempt cost more than the rest of the request.
    """
    params = {"attempt_id": attempt_id, "position": position, "user_id": user.id}
    row = db.session.execute(_PLACE, params).first()
    if row is None:
        return None
    return Place(row[0], int(row[1]), int(row[2]))


def next_unanswered(attempt: Attempt) -> AttemptItem | None:
    return next((item for item in attempt.items if item.response is None), None)


def describe(question: Question, answer: Answer) -> str:
    """A response as the student would read it back."""
    if isinstance(answer, dict) and question.kind == "two_part":
        return " / ".join(
            f"Part {part}: {answer.get(key) or '(none)'}"
            for part, key in (("A", PART_A), ("B", PART_B))
        )
    if isinstance(answer, dict):
        return "; ".join(f"{left} → {answer.get(left) or '(none)'}" for left, _ in question.pairs)
    return answer.strip() or "(no answer)"


def record_response(
    item: AttemptItem, answer: Answer, shown_at: datetime | None = None
) -> Response:
    """Grade and store the answer once; a repeated submission returns the first response.

    `shown_at` (when the question was shown, from its form) times the answer; None: untimed.
    """
    if item.response is not None:
        return item.response
    attempt = item.attempt
    if attempt.finished:
        raise ServiceError("This attempt is finished; its answers can no longer change.")
    question = Question.from_dict(item.question)
    verdict = grade(question, answer)
    now = utcnow()
    taken = now - shown_at if shown_at is not None else None
    values = {
        "item_id": item.id,
        "attempt_id": attempt.id,
        "user_id": attempt.user_id,
        "bank_slug": attempt.bank_slug,
        "question_id": item.question_id,
        "fact_id": item.fact_id,
        "answer": {"value": answer},
        "answer_text": describe(question, answer)[:2000],
        "correct": verdict.correct,
        "score": verdict.score,
        "typo": verdict.typo,
        "feedback": verdict.feedback,
        "time_taken_ms": max(0, int(taken.total_seconds() * 1000)) if taken is not None else None,
        "answered_at": now,
    }
    # One statement, no savepoint: a second submission of the item (a double click on two
    # servers) inserts nothing, and the first answer stands.
    inserted = db.session.scalar(insert_or_ignore(Response, "item_id", "id"), values)
    if inserted is None:
        db.session.expire(item)
        if item.response is None:
            raise ServiceError("This answer could not be stored. Please try again.")
        return item.response
    response = Response(id=inserted, **values)
    make_transient_to_detached(response)
    db.session.add(response)  # as stored: nothing more to write
    set_committed_value(item, "response", response)
    # Every graded answer, in any mode, reviews its facts.
    record_answer(response, question, answer)
    return response


def finish_attempt(attempt: Attempt) -> None:
    if attempt.finished_at is None:
        attempt.finished_at = utcnow()
        db.session.flush()


def finish_if_complete(place: Place) -> None:
    """Finish the attempt once its last question is answered (call after recording it).

    `place` counted the answers when the request began. Near the end, two tabs (or two
    servers) may record the last two answers at once, each counting the other as missing;
    so there the attempt row is locked and the answers counted again, and whichever comes
    second sees both and finishes the attempt.
    """
    if place.answered + 1 >= place.total:
        finish_attempt(place.attempt)
        return
    if place.answered + 2 < place.total:
        return  # more than one question was still open: this answer cannot be the last
    db.session.execute(select(Attempt.id).where(Attempt.id == place.attempt.id).with_for_update())
    answered = db.session.scalar(
        select(func.count(Response.id)).where(Response.attempt_id == place.attempt.id)
    )
    if answered is not None and answered >= place.total:
        finish_attempt(place.attempt)


def discard_attempt(attempt: Attempt) -> None:
    """Delete an unfinished attempt with its answers; memory is replayed from the answers left.

    A finished attempt is part of the student's (and their teacher's) record and stays.
    """
    if attempt.finished:
        raise ServiceError("A finished quiz stays in your history; it cannot be discarded.")
    if attempt.assignment_id is not None:
        # The teacher's record, and its attempts are counted: finish it instead.
        raise ServiceError("A quiz your teacher set cannot be discarded; finish it instead.")
    answered = [item.response for item in attempt.items if item.response is not None]
    if answered:
        ids = [response.id for response in answered]
        db.session.execute(delete(ReviewLog).where(ReviewLog.response_id.in_(ids)))
        for response in answered:
            db.session.delete(response)
    user_id = attempt.user_id
    db.session.delete(attempt)
    db.session.flush()
    if answered:
        # The answers reviewed their facts: the memory must forget them as the log does.
        rewrite_memory(user_id)


# --- Assignment rules in the quiz flow (attempts allowed, due date, when answers show) ---------


def check_may_start(user: User, assignment: Assignment) -> None:
    """ServiceError if the assignment's rules refuse the student another attempt now."""
    refusal = start_refusal(assignment, finished_attempts(user.id, assignment.id), utcnow())
    if refusal is not None:
        raise ServiceError(refusal)


def close_if_past_due(attempt: Attempt) -> bool:
    """Finish an assignment attempt whose due date has passed; True if it is now closed."""
    assignment = attempt.assignment
    if attempt.finished or assignment is None or assignment.due_at is None:
        return False
    if utcnow() < assignment.due_at:
        return False
    finish_attempt(attempt)
    return True


def close_if_left_class(attempt: Attempt) -> bool:
    """Finish an assignment attempt whose student is no longer in its class; True if closed.

    A teacher who removes a student ends their part in the class's quizzes: what they had
    answered is kept and scored, and nothing more can be answered.
    """
    assignment = attempt.assignment
    if attempt.finished or assignment is None:
        return False
    if db.session.get(Enrollment, (assignment.classroom_id, attempt.user_id)) is not None:
        return False
    finish_attempt(attempt)
    return True


def answers_visible(attempt: Attempt) -> bool:
    """Whether the student may read this finished attempt's right answers yet."""
    if attempt.assignment is None:
        return True
    finished = finished_attempts(attempt.user_id, attempt.assignment.id)
    return answers_shown(attempt.assignment, finished, utcnow())


def hidden_attempt_ids(user: User) -> set[int]:
    """The student's assignment attempts whose right answers are not shown yet: finished ones
    by the assignment's rule, and unfinished tests (a test shows no feedback as it goes)."""
    rows = db.session.execute(
        select(Attempt.id, Attempt.assignment_id, Attempt.finished_at, Attempt.mode).where(
            Attempt.user_id == user.id, Attempt.assignment_id.is_not(None)
        )
    ).all()
    by_assignment: dict[int, list[int]] = {}
    hidden: set[int] = set()
    for attempt_id, assignment_id, finished_at, mode in rows:
        if finished_at is None:
            if mode not in FEEDBACK_MODES:
                hidden.add(attempt_id)
        elif assignment_id is not None:
            by_assignment.setdefault(assignment_id, []).append(attempt_id)
    now = utcnow()
    for assignment_id, attempt_ids in by_assignment.items():
        assignment = db.session.get(Assignment, assignment_id)
        if not answers_shown(assignment, len(attempt_ids), now):
            hidden.update(attempt_ids)
    return hidden


def start_limits(user: User, assignments: Collection[Assignment]) -> dict[int, str]:
    """Per assignment the student may not start again, why (for the dashboard)."""
    now, refused = utcnow(), {}
    for assignment in assignments:
        if open_assignment_attempt(user, assignment) is not None:
            continue
        refusal = start_refusal(assignment, finished_attempts(user.id, assignment.id), now)
        if refusal is not None:
            refused[assignment.id] = refusal
    return refused
