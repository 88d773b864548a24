"""The tables: UTC datetimes everywhere, defaults at insert time, constraints and orderings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, StatementError

from quizapp.extensions import db
from quizapp.models import (
    PRACTICE,
    STUDENT,
    TEACHER,
    Assignment,
    Attempt,
    AttemptItem,
    Classroom,
    Enrollment,
    Model,
    Response,
    User,
)
from tests.conftest import MINI_BANK, PASSWORD


@pytest.fixture
def ctx(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield
        db.session.rollback()


def make_user(username: str = "ana", role: str = STUDENT) -> User:
    user = User(username=username, display_name=username.title(), role=role)
    user.set_password(PASSWORD)
    db.session.add(user)
    db.session.flush()
    return user


def make_attempt(user: User, positions: tuple[int, ...] = (1,)) -> Attempt:
    attempt = Attempt(user=user, bank_slug=MINI_BANK, bank_digest="d", mode=PRACTICE, topics=[])
    for position in positions:
        question = {"id": f"fact-{position}:t", "prompt": "Wer sagte „das“?", "choices": ["A", "B"]}
        attempt.items.append(
            AttemptItem(position=position, question_id=question["id"], fact_id=f"fact-{position}",
                        question=question)
        )  # fmt: skip
    db.session.add(attempt)
    db.session.flush()
    return attempt


def test_constraint_names_follow_the_naming_convention() -> None:
    names = {c.name for table in Model.metadata.tables.values() for c in table.constraints}
    assert {"pk_user", "uq_user_username", "uq_classroom_join_code", "uq_response_item_id"} <= names
    assert "fk_attempt_user_id_user" in names
    assert "uq_attempt_item_attempt_id" in names


@pytest.mark.usefixtures("ctx")
def test_passwords_and_roles() -> None:
    student, teacher = make_user("ana"), make_user("mr-t", TEACHER)
    assert student.password_hash != PASSWORD
    assert student.check_password(PASSWORD)
    assert not student.check_password("")
    assert (student.is_teacher, teacher.is_teacher) == (False, True)


@pytest.mark.usefixtures("ctx")
def test_times_are_set_at_insert_and_read_back_in_utc() -> None:
    before = datetime.now(UTC)
    user = make_user()
    db.session.commit()
    db.session.expire_all()
    assert before <= user.created_at <= datetime.now(UTC)
    assert user.created_at.tzinfo == UTC


@pytest.mark.usefixtures("ctx")
def test_an_aware_time_in_another_zone_is_stored_as_the_same_instant() -> None:
    attempt = make_attempt(make_user())
    berlin_noon = datetime(2024, 5, 2, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    attempt.finished_at = berlin_noon
    db.session.commit()
    db.session.expire_all()
    assert attempt.finished_at == berlin_noon
    assert attempt.finished_at is not None
    assert attempt.finished_at.tzinfo == UTC
    assert attempt.finished_at.hour == 10
    assert attempt.finished


@pytest.mark.usefixtures("ctx")
def test_a_naive_time_is_refused() -> None:
    attempt = make_attempt(make_user())
    attempt.finished_at = datetime(2024, 5, 2, 12, 0)
    with pytest.raises(StatementError, match="naive datetime"):
        db.session.flush()


@pytest.mark.usefixtures("ctx")
def test_items_come_in_position_order_and_keep_their_question() -> None:
    attempt = make_attempt(make_user(), positions=(3, 1, 2))
    db.session.commit()
    db.session.expire_all()
    assert [item.position for item in attempt.items] == [1, 2, 3]
    assert attempt.items[0].question["prompt"] == "Wer sagte „das“?"
    assert attempt.items[0].question["choices"] == ["A", "B"]
    assert not attempt.finished


@pytest.mark.usefixtures("ctx")
def test_two_items_cannot_share_a_position() -> None:
    with pytest.raises(IntegrityError):
        make_attempt(make_user(), positions=(1, 1))


@pytest.mark.usefixtures("ctx")
def test_an_item_has_at_most_one_response() -> None:
    user = make_user()
    item = make_attempt(user).items[0]
    for _ in range(2):
        db.session.add(
            Response(item_id=item.id, attempt_id=item.attempt_id, user_id=user.id,
                     bank_slug=MINI_BANK, question_id=item.question_id, fact_id=item.fact_id,
                     answer={"value": "A"}, answer_text="A", correct=True, score=1.0,
                     feedback="Correct.", time_taken_ms=1200)
        )  # fmt: skip
    with pytest.raises(IntegrityError):
        db.session.flush()


@pytest.mark.usefixtures("ctx")
def test_a_class_lists_its_newest_assignment_first_and_takes_its_enrolments_along() -> None:
    teacher, student = make_user("mr-t", TEACHER), make_user("ana")
    classroom = Classroom(name="9B", join_code="ACDEFG", teacher=teacher)
    classroom.enrollments.append(Enrollment(user=student))
    start = datetime(2024, 5, 1, tzinfo=UTC)
    for days, title in ((0, "old"), (2, "newest"), (1, "middle")):
        db.session.add(
            Assignment(classroom=classroom, title=title, bank_slug=MINI_BANK,
                       question_ids=["a:b"], created_at=start + timedelta(days=days))
        )  # fmt: skip
    db.session.add(classroom)
    db.session.commit()
    db.session.expire_all()
    assert [a.title for a in classroom.assignments] == ["newest", "middle", "old"]
    assert classroom.assignments[0].mode == "test", "assignments are tests unless set otherwise"

    for assignment in classroom.assignments:
        db.session.delete(assignment)
    db.session.delete(classroom)
    db.session.commit()
    assert db.session.scalars(select(Enrollment)).all() == []
    assert db.session.get(User, student.id) is not None
