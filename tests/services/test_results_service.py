"""Class results from the memory table: facts due (exam caps applied) and mastered, per student."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from quizapp.bank import TOPICS, LoadedBank
from quizapp.builder import Question
from quizapp.extensions import db
from quizapp.models import PRACTICE, MemoryState, User
from quizapp.services.classes import create_assignment, create_classroom, join_classroom
from quizapp.services.quiz import record_response, start_attempt
from quizapp.services.results import analysis_answers, class_results, sort_rows
from quizapp.services.review import set_exam_date
from tests.conftest import MINI_BANK

AT = datetime(2030, 5, 10, 12, tzinfo=UTC)


def memory(
    user: User, fact: str, *, due: datetime, stability: float, bank: str = MINI_BANK
) -> None:
    db.session.add(
        MemoryState(
            user_id=user.id,
            bank_slug=bank,
            fact_id=fact,
            state=2,
            step=None,
            stability=stability,
            difficulty=5.0,
            due=due,
            last_review=AT - timedelta(days=30),
            reps=3,
            lapses=0,
            last_rating=3,
        )
    )


def test_due_and_mastered_count_the_class_banks_only(
    teacher: User, student: User, questions: list[Question]
) -> None:
    classroom = create_classroom(teacher, "9B")
    join_classroom(student, classroom.join_code)
    create_assignment(classroom, "Check", MINI_BANK, [questions[0].id])
    memory(student, "a", due=AT - timedelta(hours=1), stability=3.0)  # due, not mastered
    memory(student, "b", due=AT + timedelta(days=40), stability=30.0)  # mastered, not due
    memory(student, "c", due=AT + timedelta(days=5), stability=25.0)  # mastered, not due
    memory(student, "d", due=AT - timedelta(days=1), stability=40.0, bank="elsewhere")  # ignored
    db.session.flush()
    (row,) = class_results(classroom, AT)
    assert row.student.id == student.id
    assert (row.due, row.mastered) == (1, 2)

    # An exam tomorrow brings every fact not reviewed since forward to today's start.
    set_exam_date(student, MINI_BANK, date(2030, 5, 11))
    (row,) = class_results(classroom, AT)
    assert (row.due, row.mastered) == (3, 2)
    assert row.scores == {}
    assert row.last_activity is None


def test_rows_without_a_figure_sort_last_either_way(
    teacher: User, student: User, questions: list[Question]
) -> None:
    classroom = create_classroom(teacher, "9B")
    join_classroom(student, classroom.join_code)
    rows = class_results(classroom, AT)
    assert sort_rows(rows, "activity", True) == rows
    assert sort_rows(rows, "activity", False) == rows


def test_item_analysis_scores_a_matching_answer_under_each_fact_by_its_pair(
    teacher: User, student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    classroom = create_classroom(teacher, "9B")
    join_classroom(student, classroom.join_code)
    matching = next(q for q in questions if q.kind == "matching" and len(q.facts) > 1)
    attempt = start_attempt(
        student, loaded, [matching], mode=PRACTICE, topics=TOPICS, length=None,
        rng=random.Random(0),
    )  # fmt: skip
    (left_1, right_1), (left_2, _) = matching.pairs[:2]
    record_response(attempt.items[0], {left_1: right_1, left_2: right_1})
    db.session.flush()
    (answer,) = analysis_answers(classroom, MINI_BANK, "class")
    scores = dict(answer.per_fact())
    assert scores[matching.facts[0]] == 1.0
    assert scores[matching.facts[1]] == 0.0
