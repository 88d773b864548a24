"""At most one unfinished attempt per student and class assignment, even under a race."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from quizapp.bank import LoadedBank
from quizapp.builder import Question
from quizapp.extensions import db
from quizapp.models import AT_ONCE, TEST, Assignment, Attempt, User
from quizapp.services import ServiceError, quiz
from quizapp.services.classes import create_assignment, create_classroom, join_classroom
from quizapp.services.quiz import discard_attempt, finish_attempt, start_assignment_attempt
from tests.conftest import MINI_BANK


@pytest.fixture
def assignment(teacher: User, student: User, questions: list[Question]) -> Assignment:
    classroom = create_classroom(teacher, "9B")
    join_classroom(student, classroom.join_code)
    made = create_assignment(
        classroom,
        "Check",
        MINI_BANK,
        [q.id for q in questions[:3]],
        TEST,
        attempts_allowed=None,
        show_answers=AT_ONCE,
    )
    db.session.commit()
    return made


def unfinished(student: User) -> int:
    query = select(func.count()).where(Attempt.user_id == student.id, Attempt.finished_at.is_(None))
    return db.session.scalar(query) or 0


def test_start_resumes_the_unfinished_attempt(
    student: User, loaded: LoadedBank, questions: list[Question], assignment: Assignment
) -> None:
    first = start_assignment_attempt(student, loaded, questions, assignment)
    assert start_assignment_attempt(student, loaded, questions, assignment) is first
    finish_attempt(first)
    again = start_assignment_attempt(student, loaded, questions, assignment)
    assert again is not first, "a finished attempt may be followed by another"
    db.session.commit()
    assert unfinished(student) == 1


def test_a_start_racing_another_gets_the_attempt_that_landed_first(
    student: User,
    loaded: LoadedBank,
    questions: list[Question],
    assignment: Assignment,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = start_assignment_attempt(student, loaded, questions, assignment)
    db.session.commit()
    looks = iter([None])  # the racing request looked before the first one had committed
    real = quiz.open_assignment_attempt
    monkeypatch.setattr(quiz, "open_assignment_attempt", lambda u, a: next(looks, real(u, a)))
    assert start_assignment_attempt(student, loaded, questions, assignment).id == first.id
    db.session.commit()
    assert unfinished(student) == 1


def test_the_database_refuses_a_second_unfinished_attempt(
    student: User, loaded: LoadedBank, questions: list[Question], assignment: Assignment
) -> None:
    start_assignment_attempt(student, loaded, questions, assignment)
    db.session.commit()
    db.session.add(
        Attempt(user_id=student.id, bank_slug=MINI_BANK, bank_digest="x", mode=TEST, topics=[],
                assignment_id=assignment.id)
    )  # fmt: skip
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_practice_attempts_and_finished_ones_are_not_limited(
    student: User, loaded: LoadedBank, questions: list[Question], assignment: Assignment
) -> None:
    for _ in range(3):
        done = start_assignment_attempt(student, loaded, questions, assignment)
        finish_attempt(done)
        quiz.start_attempt(student, loaded, questions, mode=TEST, topics=["quotes"], length=2)
    db.session.commit()
    assert unfinished(student) == 3


def test_a_set_quiz_cannot_be_discarded(
    student: User, loaded: LoadedBank, questions: list[Question], assignment: Assignment
) -> None:
    """The teacher's record, and its attempts are counted: discarding would grant another."""
    attempt = start_assignment_attempt(student, loaded, questions, assignment)
    db.session.commit()
    with pytest.raises(ServiceError, match="cannot be discarded"):
        discard_attempt(attempt)
    assert unfinished(student) == 1
