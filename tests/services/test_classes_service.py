"""Classes: join codes without look-alikes, joining once, assignments."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import TEST, Assignment, Enrollment, User
from quizapp.services import ServiceError, classes
from quizapp.services.accounts import create_user
from quizapp.services.classes import (
    JOIN_ALPHABET,
    classrooms_of,
    create_assignment,
    create_classroom,
    join_classroom,
    new_join_code,
    normalise_join_code,
)
from tests.conftest import MINI_BANK, PASSWORD

LOOK_ALIKES = "0O1IL2Z5S8B"


def test_join_codes_are_six_characters_without_look_alikes() -> None:
    assert set(JOIN_ALPHABET).isdisjoint(LOOK_ALIKES)
    codes = {new_join_code() for _ in range(300)}
    assert all(re.fullmatch(f"[{JOIN_ALPHABET}]{{6}}", code) for code in codes)
    assert len(codes) > 290, "codes are random"
    assert set("".join(codes)) == set(JOIN_ALPHABET), "every letter of the alphabet is used"


@pytest.mark.parametrize("typed", ["k7qxm4", " K7Q XM4 ", "k7q-xm4", "K7QXM4\n"])
def test_codes_are_read_however_they_were_typed(typed: str) -> None:
    assert normalise_join_code(typed) == "K7QXM4"


def test_a_new_class_gets_a_code_no_other_class_has(
    teacher: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = create_classroom(teacher, "  9B  ")
    assert first.name == "9B"
    offered = iter([first.join_code, first.join_code, "ACDEFG"])
    monkeypatch.setattr(classes, "new_join_code", lambda: next(offered))
    second = create_classroom(teacher, "9C")
    assert second.join_code == "ACDEFG"


def test_joining_twice_enrols_once(teacher: User, student: User) -> None:
    classroom = create_classroom(teacher, "9B")
    code = classroom.join_code
    assert join_classroom(student, code.lower()) is classroom
    assert join_classroom(student, f" {code[:3]} {code[3:]} ") is classroom
    db.session.commit()
    query = select(Enrollment).where(Enrollment.classroom_id == classroom.id)
    assert [e.user_id for e in db.session.scalars(query)] == [student.id]


def test_a_wrong_code_is_an_error_about_the_code(teacher: User, student: User) -> None:
    create_classroom(teacher, "9B")
    with pytest.raises(ServiceError) as refused:
        join_classroom(student, "QQQQQQ")
    assert refused.value.field == "code"
    assert db.session.scalars(select(Enrollment)).first() is None


def test_classrooms_of_a_teacher_and_of_a_student(teacher: User, student: User) -> None:
    other_teacher = create_user("ms-q", PASSWORD, role=teacher.role)
    b = create_classroom(teacher, "9B")
    a = create_classroom(teacher, "9A")
    elsewhere = create_classroom(other_teacher, "10C")
    join_classroom(student, b.join_code)
    join_classroom(student, elsewhere.join_code)
    assert classrooms_of(teacher) == [a, b]
    assert classrooms_of(student) == [elsewhere, b]


def test_an_assignment_keeps_its_questions(teacher: User) -> None:
    classroom = create_classroom(teacher, "9B")
    ids = ["port-alba:name", "quist-crate:who-said"]
    assignment = create_assignment(classroom, "  Strike check ", MINI_BANK, ids, TEST)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Assignment, assignment.id)
    assert stored is not None
    assert (stored.title, stored.bank_slug, stored.question_ids) == ("Strike check", MINI_BANK, ids)
    assert stored.mode == TEST
    assert classroom.assignments == [stored]


def test_an_assignment_needs_questions(teacher: User) -> None:
    classroom = create_classroom(teacher, "9B")
    with pytest.raises(ServiceError) as refused:
        create_assignment(classroom, "Empty", MINI_BANK, [])
    assert refused.value.field == "topics"


def test_teachers_cannot_join_classes(teacher: User) -> None:
    other = create_user("ms-k", PASSWORD, role="teacher")
    classroom = create_classroom(teacher, "Year 9")
    with pytest.raises(ServiceError, match="Teachers cannot join") as refused:
        join_classroom(other, classroom.join_code)
    assert refused.value.field == "code"
    assert db.session.scalars(select(Enrollment)).all() == []


def test_a_join_racing_another_enrols_once(
    teacher: User, student: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    classroom = create_classroom(teacher, "Year 9")
    join_classroom(student, classroom.join_code)
    db.session.commit()
    # The second request looked before the first had committed: it saw no enrolment.
    monkeypatch.setattr(db.session, "get", lambda *args, **kwargs: None)
    assert join_classroom(student, classroom.join_code) is classroom
    monkeypatch.undo()
    db.session.commit()
    assert len(db.session.scalars(select(Enrollment)).all()) == 1


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_a_class_or_quiz_of_spaces_has_no_name(teacher: User, name: str) -> None:
    with pytest.raises(ServiceError) as refused:
        create_classroom(teacher, name)
    assert refused.value.field == "name"
    classroom = create_classroom(teacher, "Year 9")
    with pytest.raises(ServiceError) as refused:
        create_assignment(classroom, name, MINI_BANK, ["q1"])
    assert refused.value.field == "title"
