"""Classes: teachers create them, students join with a short code, teachers assign quizzes."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from quizapp.extensions import db
from quizapp.models import TEST, Assignment, Classroom, Enrollment, User

from . import ServiceError

# No look-alikes: 0/O, 1/I/L, 2/Z, 5/S, 8/B are left out so a code read off a board is typed right.
JOIN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
JOIN_CODE_LENGTH = 6


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def create_classroom(teacher: User, name: str) -> Classroom:
    """A new class owned by the teacher, with a join code no other class has."""
    if not name.strip():
        raise ServiceError("Give the class a name.", field="name")
    while True:
        code = new_join_code()
        if db.session.scalar(select(Classroom.id).where(Classroom.join_code == code)) is None:
            break
    classroom = Classroom(name=name.strip(), join_code=code, teacher=teacher)
    db.session.add(classroom)
    db.session.flush()
    return classroom


def join_classroom(student: User, code: str) -> Classroom:
    """Enrol the student in the class with this code (joining twice changes nothing)."""
    if student.is_teacher:
        raise ServiceError(
            "Teachers cannot join classes as students. Use a student account to try a quiz.",
            field="code",
        )
    wanted = normalise_join_code(code)
    classroom = db.session.scalar(select(Classroom).where(Classroom.join_code == wanted))
    if classroom is None:
        raise ServiceError("No class has this code. Check it with your teacher.", field="code")
    if db.session.get(Enrollment, (classroom.id, student.id)) is None:
        try:
            with db.session.begin_nested():
                db.session.add(Enrollment(classroom_id=classroom.id, user_id=student.id))
        except IntegrityError:
            # The same join sent twice at once (double click, two tabs): the other one
            # enrolled the student, which is all that was asked.
            pass
    return classroom


def classrooms_of(user: User) -> list[Classroom]:
    """The classes a teacher owns, or a student belongs to."""
    if user.is_teacher:
        query = select(Classroom).where(Classroom.teacher_id == user.id)
    else:
        query = select(Classroom).join(Enrollment).where(Enrollment.user_id == user.id)
    return list(db.session.scalars(query.order_by(Classroom.name)))


def create_assignment(
    classroom: Classroom, title: str, bank_slug: str, question_ids: list[str], mode: str = TEST
) -> Assignment:
    if not title.strip():
        raise ServiceError("Give the quiz a title.", field="title")
    if not question_ids:
        raise ServiceError("Choose at least one topic with questions.", field="topics")
    assignment = Assignment(
        classroom=classroom,
        title=title.strip(),
        bank_slug=bank_slug,
        question_ids=question_ids,
        mode=mode,
    )
    db.session.add(assignment)
    db.session.flush()
    return assignment
