"""A class with results to look at: made through the services, as the pages would make it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import Flask

from quizapp.builder import Question
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import AT_ONCE, TEST, Assignment, Attempt, User
from quizapp.services.accounts import create_user, find_user
from quizapp.services.classes import create_assignment, create_classroom, join_classroom
from quizapp.services.quiz import finish_attempt, record_response, start_assignment_attempt
from tests.conftest import MINI_BANK, PASSWORD
from tests.views.conftest import right_answer, wrong_answer


@dataclass
class ClassWithResults:
    """mr-t's class "9B" with students ana and bo, and one test on the mini bank (ids here)."""

    app: Flask
    classroom_id: int
    assignment_id: int
    question_ids: list[str]
    ana: int
    bo: int
    outsider: int  # a student in no class of mr-t's

    def sit(
        self, username: str, rights: Sequence[bool | None], assignment_id: int = 0,
        finish: bool = True,
    ) -> int:  # fmt: skip
        """The student sits the assignment: right (True), wrong (False) or no answer (None);
        `finish=False` leaves the attempt open after the answers."""
        with self.app.app_context():
            user = find_user(username)
            assignment = db.session.get(Assignment, assignment_id or self.assignment_id)
            assert user is not None
            assert assignment is not None
            loaded = catalogue().bank(MINI_BANK)
            assert loaded is not None
            attempt = start_assignment_attempt(
                user, loaded, catalogue().questions(MINI_BANK), assignment
            )
            for item, right in zip(attempt.items, rights, strict=False):
                if right is None:
                    continue
                data = (right_answer if right else wrong_answer)(dict(item.question))
                record_response(item, _answer_of(item.question, data))
            if finish:
                finish_attempt(attempt)
            db.session.commit()
            return attempt.id


def _answer_of(question: dict[str, Any], data: dict[str, str]) -> Any:
    if question["kind"] == "matching":
        lefts = [left for left, _ in question["pairs"]]
        return {left: data[f"pair_{i}"] for i, left in enumerate(lefts)}
    return data["answer"]


def make_class_with_results(
    app: Flask, kinds: Sequence[str] = ("multiple_choice", "true_false", "short_answer")
) -> ClassWithResults:
    with app.app_context():
        teacher = create_user("mr-t", PASSWORD, display_name="Mr T", role="teacher")
        create_user("ms-o", PASSWORD, display_name="Ms O", role="teacher")
        ana = create_user("ana", PASSWORD, display_name="Ana")
        bo = create_user("bob", PASSWORD, display_name="Bo")
        outsider = create_user("cyd", PASSWORD, display_name="Cy")
        classroom = create_classroom(teacher, "9B")
        for student in (ana, bo):
            join_classroom(student, classroom.join_code)
        questions = catalogue().questions(MINI_BANK)
        picked = [_first_of(questions, kind) for kind in kinds]
        assignment = create_assignment(
            classroom, "Strike check", MINI_BANK, [q.id for q in picked], TEST,
            attempts_allowed=3, show_answers=AT_ONCE,
        )  # fmt: skip
        db.session.commit()
        return ClassWithResults(
            app, classroom.id, assignment.id, [q.id for q in picked], ana.id, bo.id, outsider.id
        )


def _first_of(questions: list[Question], kind: str) -> Question:
    return next(q for q in questions if q.kind == kind)


def user_id(app: Flask, username: str) -> int:
    with app.app_context():
        user: User | None = find_user(username)
        assert user is not None
        return user.id


def attempt_of(app: Flask, attempt_id: int) -> Attempt:
    with app.app_context():
        found = db.session.get(Attempt, attempt_id)
        assert found is not None
        db.session.expunge(found)
        return found
