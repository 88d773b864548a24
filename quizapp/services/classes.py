"""Classes: teachers create them, students join with a short code, teachers assign quizzes."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, time, timedelta
from types import EllipsisType

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from quizapp.extensions import db
from quizapp.models import (
    AFTER_DUE,
    AFTER_LAST_ATTEMPT,
    AT_ONCE,
    PRACTICE,
    TEST,
    Assignment,
    Attempt,
    Classroom,
    Enrollment,
    User,
    utcnow,
)

from . import ServiceError
from .accounts import end_every_session
from .review import set_retention

MAX_ATTEMPTS = 50
# What a teacher reads off the screen to a student: no look-alikes, in groups of four.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 (an alphabet)

# No look-alikes: 0/O, 1/I/L, 2/Z, 5/S, 8/B are left out so a code read off a board is typed right.
JOIN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
JOIN_CODE_LENGTH = 6
NO_SUCH_CLASS = "No class has this code. Check it with your teacher."


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def create_classroom(teacher: User, name: str) -> Classroom:
    """A new class owned by the teacher, with a join code no other class has."""
    if not name.strip():
        raise ServiceError("Give the class a name.", field="name")
    classroom = Classroom(name=name.strip(), join_code=_unused_join_code(), teacher=teacher)
    db.session.add(classroom)
    db.session.flush()
    return classroom


def classroom_with_code(code: str) -> Classroom | None:
    """The class this join code opens, however the student typed it."""
    wanted = normalise_join_code(code)
    return db.session.scalar(select(Classroom).where(Classroom.join_code == wanted))


def join_classroom(student: User, code: str) -> Classroom:
    """Enrol the student in the class with this code (joining twice changes nothing)."""
    if student.is_teacher:
        raise ServiceError(
            "Teachers cannot join classes as students. Use a student account to try a quiz.",
            field="code",
        )
    classroom = classroom_with_code(code)
    if classroom is None:
        raise ServiceError(NO_SUCH_CLASS, field="code")
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


def _unused_join_code() -> str:
    while True:
        code = new_join_code()
        if db.session.scalar(select(Classroom.id).where(Classroom.join_code == code)) is None:
            return code


def new_code_for(classroom: Classroom) -> str:
    """Give the class a fresh join code; the old one stops working at once."""
    classroom.join_code = _unused_join_code()
    db.session.flush()
    return classroom.join_code


def update_classroom(classroom: Classroom, name: str, desired_retention: float) -> None:
    """Rename the class and set the share of facts its students should still recall."""
    if not name.strip():
        raise ServiceError("Give the class a name.", field="name")
    classroom.name = name.strip()
    set_retention(classroom, desired_retention)


def students_of(classroom: Classroom) -> list[User]:
    query = (
        select(User)
        .join(Enrollment, Enrollment.user_id == User.id)
        .where(Enrollment.classroom_id == classroom.id)
        .order_by(User.display_name, User.username)
    )
    return list(db.session.scalars(query))


def student_in(classroom: Classroom, user_id: int) -> User | None:
    """The class's student with this id, or None (for any other user, teachers included)."""
    if db.session.get(Enrollment, (classroom.id, user_id)) is None:
        return None
    return db.session.get(User, user_id)


def remove_student(classroom: Classroom, student: User) -> None:
    """Take the student out of the class; their attempts and memory stay theirs."""
    enrollment = db.session.get(Enrollment, (classroom.id, student.id))
    if enrollment is not None:
        db.session.delete(enrollment)
        db.session.flush()


def temporary_password() -> str:
    groups = ("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def reset_password(student: User) -> str:
    """A new password for a student, to be shown once; the next sign-in must change it.

    Every device the student is signed in on is signed out.
    """
    if student.is_teacher:
        raise ServiceError("Only a student's password can be reset here.")
    password = temporary_password()
    student.set_password(password)
    student.must_change_password = True
    end_every_session(student)
    db.session.flush()
    return password


# --- Assignments -----------------------------------------------------------------------------


def due_at_of(day: date | None) -> datetime | None:
    """An assignment due on `day` is due at the end of it (UTC, as exam dates are)."""
    if day is None:
        return None
    return datetime.combine(day, time.min, tzinfo=UTC) + timedelta(days=1)


def check_due(due_at: datetime | None) -> None:
    """Refuse a due date already passed: nobody could ever start the assignment."""
    if due_at is not None and due_at <= utcnow():
        raise ServiceError("The due date has passed: choose a date from today on.", field="due_on")


def default_attempts(mode: str) -> int | None:
    """A test may be sat once unless the teacher says otherwise; practice without limit."""
    return 1 if mode == TEST else None


def default_show_answers(mode: str) -> str:
    return AFTER_LAST_ATTEMPT if mode == TEST else AT_ONCE


def check_rules(
    mode: str, due_at: datetime | None, attempts_allowed: int | None, show_answers: str
) -> None:
    """Refuse rules that contradict each other (ServiceError naming the field)."""
    if show_answers not in (AT_ONCE, AFTER_LAST_ATTEMPT, AFTER_DUE):
        raise ServiceError("Choose when the right answers are shown.", field="show_answers")
    if attempts_allowed is not None and not 1 <= attempts_allowed <= MAX_ATTEMPTS:
        raise ServiceError(
            f"Allow between 1 and {MAX_ATTEMPTS} attempts, or leave it empty for no limit.",
            field="attempts_allowed",
        )
    if mode == PRACTICE and show_answers != AT_ONCE:
        raise ServiceError(
            "Practice mode shows the right answer after each question: choose “at once”,"
            " or set the quiz in test mode.",
            field="show_answers",
        )
    if show_answers == AFTER_DUE and due_at is None:
        raise ServiceError("Give a due date to show the answers after it.", field="due_on")
    if show_answers == AFTER_LAST_ATTEMPT and attempts_allowed is None:
        raise ServiceError(
            "With no limit on attempts there is no last one: set a number of attempts.",
            field="attempts_allowed",
        )


def create_assignment(
    classroom: Classroom,
    title: str,
    bank_slug: str,
    question_ids: list[str],
    mode: str = TEST,
    *,
    due_at: datetime | None = None,
    attempts_allowed: int | EllipsisType | None = ...,
    show_answers: str | None = None,
) -> Assignment:
    """A fixed quiz for the class; attempts and answers follow the mode unless given."""
    if not title.strip():
        raise ServiceError("Give the quiz a title.", field="title")
    if not question_ids:
        raise ServiceError("Choose at least one topic with questions.", field="topics")
    allowed = default_attempts(mode) if attempts_allowed is ... else attempts_allowed
    shown = show_answers or default_show_answers(mode)
    check_due(due_at)
    check_rules(mode, due_at, allowed, shown)
    assignment = Assignment(
        classroom=classroom,
        title=title.strip(),
        bank_slug=bank_slug,
        question_ids=question_ids,
        mode=mode,
        due_at=due_at,
        attempts_allowed=allowed,
        show_answers=shown,
    )
    db.session.add(assignment)
    db.session.flush()
    return assignment


def update_assignment(
    assignment: Assignment,
    title: str,
    due_at: datetime | None,
    attempts_allowed: int | None,
    show_answers: str,
) -> None:
    """Change an assignment's title and rules; its questions and attempts stay as they are."""
    if not title.strip():
        raise ServiceError("Give the quiz a title.", field="title")
    # A due date kept as it was may have passed since: the teacher can still rename the quiz
    # or change its other rules.
    if due_at != assignment.due_at:
        check_due(due_at)
    check_rules(assignment.mode, due_at, attempts_allowed, show_answers)
    assignment.title = title.strip()
    assignment.due_at = due_at
    assignment.attempts_allowed = attempts_allowed
    assignment.show_answers = show_answers
    db.session.flush()


def delete_assignment(assignment: Assignment) -> None:
    """Take the assignment off the class; the students' attempts at it are kept."""
    if assignment.deleted_at is None:
        assignment.deleted_at = utcnow()
        db.session.flush()


def classroom_assignment(classroom: Classroom, assignment_id: int) -> Assignment | None:
    """The class's (undeleted) assignment with this id, or None."""
    found = db.session.get(Assignment, assignment_id)
    if found is None or found.classroom_id != classroom.id or found.deleted:
        return None
    return found


# --- The rules, as a student meets them -------------------------------------------------------


def finished_attempts(user_id: int, assignment_id: int) -> int:
    return int(
        db.session.scalar(
            select(func.count(Attempt.id)).where(
                Attempt.user_id == user_id,
                Attempt.assignment_id == assignment_id,
                Attempt.finished_at.is_not(None),
            )
        )
        or 0
    )


def attempts_left(assignment: Assignment, finished: int) -> int | None:
    """How many more attempts the student may start (None: no limit)."""
    if assignment.attempts_allowed is None:
        return None
    return max(0, assignment.attempts_allowed - finished)


def start_refusal(assignment: Assignment, finished: int, at: datetime) -> str | None:
    """Why the student may not start another attempt now, or None if they may."""
    if assignment.deleted:
        return "Your teacher has taken this quiz off the class."
    if assignment.due_at is not None and at >= assignment.due_at:
        return "This quiz was due already; it can no longer be started."
    if attempts_left(assignment, finished) == 0:
        allowed = assignment.attempts_allowed
        return f"You have used your {allowed} attempt{'s' if allowed != 1 else ''} at this quiz."
    return None


def answers_shown(assignment: Assignment | None, finished: int, at: datetime) -> bool:
    """Whether a student who finished `finished` attempts may read the right answers now."""
    if assignment is None or assignment.show_answers == AT_ONCE:
        return True
    if assignment.show_answers == AFTER_DUE:
        return assignment.due_at is not None and at >= assignment.due_at
    return attempts_left(assignment, finished) == 0
