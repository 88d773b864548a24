"""A class's results for its teacher: scores per assignment, responses, students, item analysis."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import lazyload

from quizapp import item_analysis, scheduling
from quizapp.builder import Question
from quizapp.extensions import db
from quizapp.models import (
    STUDENT,
    Assignment,
    Attempt,
    AttemptItem,
    Classroom,
    ExamDate,
    MemoryState,
    Response,
    ReviewLog,
    User,
)

from .classes import students_of
from .review import as_memory
from .scores import Result, result_of, results_of

WEAKEST = 10
CLASS, ALL = "class", "all"


@dataclass(frozen=True)
class AssignmentScore:
    """A student's finished attempts at one assignment: how many, the latest and best percent."""

    attempts: int
    latest: int
    best: int


@dataclass(frozen=True)
class StudentRow:
    student: User
    scores: dict[int, AssignmentScore]  # by assignment id; absent: never finished
    last_activity: datetime | None
    due: int
    mastered: int


def class_banks(classroom: Classroom) -> list[str]:
    """The banks the class was ever set quizzes on (deleted assignments too)."""
    query = select(Assignment.bank_slug).where(Assignment.classroom_id == classroom.id)
    return sorted(set(db.session.scalars(query)))


def _percent(score: float, total: int) -> int:
    return round(100 * score / total) if total else 0


def _scores(
    assignments: list[Assignment], student_ids: list[int]
) -> dict[int, dict[int, list[int]]]:
    """Per student and assignment, the percent of each finished attempt, oldest first."""
    if not assignments or not student_ids:
        return {}
    items = (
        select(AttemptItem.attempt_id, func.count(AttemptItem.id).label("total"))
        .group_by(AttemptItem.attempt_id)
        .subquery()
    )
    scored = (
        select(Response.attempt_id, func.sum(Response.score).label("score"))
        .group_by(Response.attempt_id)
        .subquery()
    )
    query = (
        select(Attempt.user_id, Attempt.assignment_id, items.c.total, scored.c.score)
        .join(items, items.c.attempt_id == Attempt.id)
        .outerjoin(scored, scored.c.attempt_id == Attempt.id)
        .where(
            Attempt.assignment_id.in_([a.id for a in assignments]),
            Attempt.user_id.in_(student_ids),
            Attempt.finished_at.is_not(None),
        )
        .order_by(Attempt.finished_at, Attempt.id)
    )
    found: dict[int, dict[int, list[int]]] = {}
    for user_id, assignment_id, total, score in db.session.execute(query):
        per_student = found.setdefault(user_id, {})
        per_student.setdefault(assignment_id, []).append(_percent(float(score or 0), total))
    return found


def _memory_counts(
    student_ids: list[int], banks: list[str], at: datetime
) -> dict[int, tuple[int, int]]:
    """Per student, facts of these banks due at `at` (exam caps applied) and facts mastered."""
    if not student_ids or not banks:
        return {}
    exams = {
        (row.user_id, row.bank_slug): row.exam_on
        for row in db.session.scalars(
            select(ExamDate).where(ExamDate.user_id.in_(student_ids), ExamDate.bank_slug.in_(banks))
        )
    }
    rows = db.session.scalars(
        select(MemoryState).where(
            MemoryState.user_id.in_(student_ids), MemoryState.bank_slug.in_(banks)
        )
    )
    counts: dict[int, list[int]] = {}
    for row in rows:
        memory = as_memory(row)
        tally = counts.setdefault(row.user_id, [0, 0])
        exam_on = exams.get((row.user_id, row.bank_slug))
        tally[0] += int(scheduling.effective_due(memory, at, exam_on) <= at)
        stable = row.stability is not None and row.stability >= scheduling.MASTERED_STABILITY_DAYS
        tally[1] += int(stable)
    return {student: (due, mastered) for student, (due, mastered) in counts.items()}


def _last_activity(student_ids: list[int], banks: list[str]) -> dict[int, datetime]:
    """Per student, their latest graded answer or self-rating on these banks."""
    if not student_ids or not banks:
        return {}
    query = (
        select(ReviewLog.user_id, func.max(ReviewLog.reviewed_at))
        .where(ReviewLog.user_id.in_(student_ids), ReviewLog.bank_slug.in_(banks))
        .group_by(ReviewLog.user_id)
    )
    return {user_id: when for user_id, when in db.session.execute(query)}  # noqa: C416 (rows)


def class_results(classroom: Classroom, at: datetime) -> list[StudentRow]:
    """One row per student of the class, in name order."""
    students = students_of(classroom)
    ids = [s.id for s in students]
    banks = class_banks(classroom)
    scores = _scores(list(classroom.assignments), ids)
    last = _last_activity(ids, banks)
    memory = _memory_counts(ids, banks, at)
    rows = []
    for student in students:
        per_assignment = {
            assignment_id: AssignmentScore(len(percents), percents[-1], max(percents))
            for assignment_id, percents in scores.get(student.id, {}).items()
        }
        due, mastered = memory.get(student.id, (0, 0))
        rows.append(StudentRow(student, per_assignment, last.get(student.id), due, mastered))
    return rows


def gradebook_table(
    assignments: list[Assignment], rows: list[StudentRow]
) -> tuple[list[str], list[list[str]]]:
    """Header and rows: name, username, each assignment's best score in percent (or empty)."""
    header = ["Student", "Username", *(f"{a.title} (best %)" for a in assignments)]
    table = [
        [
            row.student.display_name,
            row.student.username,
            *(str(row.scores[a.id].best) if a.id in row.scores else "" for a in assignments),
        ]
        for row in rows
    ]
    return header, table


def sort_rows(rows: list[StudentRow], key: str, descending: bool) -> list[StudentRow]:
    """Rows sorted by name, last activity, due, mastered, or an assignment ("a<id>": best score).

    Students with no figure for the key go last either way; an unknown key sorts by name.
    """
    by_name = sorted(rows, key=lambda r: (r.student.display_name.lower(), r.student.username))
    value: Callable[[StudentRow], float | None]
    if key == "activity":
        value = lambda r: r.last_activity.timestamp() if r.last_activity else None  # noqa: E731
    elif key in ("due", "mastered"):
        value = lambda r: float(getattr(r, key))  # noqa: E731
    elif key.startswith("a") and key[1:].isdigit():
        wanted = int(key[1:])
        value = lambda r: float(r.scores[wanted].best) if wanted in r.scores else None  # noqa: E731
    else:
        return list(reversed(by_name)) if descending else by_name
    known = [r for r in by_name if value(r) is not None]
    known.sort(key=lambda r: value(r) or 0.0, reverse=descending)
    return known + [r for r in by_name if value(r) is None]


# --- The responses grid of one assignment ---------------------------------------------------


@dataclass(frozen=True)
class Cell:
    state: str  # "right", "wrong" or "blank" (not answered)
    answer: str


@dataclass(frozen=True)
class GridRow:
    student: User
    attempt: Attempt | None  # the latest finished attempt
    attempts: int
    cells: list[Cell]
    percent: int | None  # the latest attempt's score


@dataclass(frozen=True)
class Grid:
    questions: list[Question | None]  # None: no longer in the bank, and never asked
    question_ids: list[str]
    rows: list[GridRow]


def responses_grid(assignment: Assignment, classroom: Classroom, questions: list[Question]) -> Grid:
    """Students x questions of the assignment, from each student's latest finished attempt."""
    students = students_of(classroom)
    attempts = db.session.scalars(
        select(Attempt)
        .where(
            Attempt.assignment_id == assignment.id,
            Attempt.user_id.in_([s.id for s in students]),
            Attempt.finished_at.is_not(None),
        )
        .order_by(Attempt.finished_at, Attempt.id)
    ).all()
    latest: dict[int, Attempt] = {}
    counts: dict[int, int] = {}
    for attempt in attempts:
        latest[attempt.user_id] = attempt
        counts[attempt.user_id] = counts.get(attempt.user_id, 0) + 1
    by_id: dict[str, Question] = {q.id: q for q in questions}
    for attempt in attempts:  # the bank may have dropped a question since it was set
        for item in attempt.items:
            if item.question_id not in by_id:
                by_id[item.question_id] = Question.from_dict(item.question)
    rows = []
    for student in students:
        last = latest.get(student.id)
        items = {item.question_id: item for item in last.items} if last else {}
        cells = []
        for question_id in assignment.question_ids:
            found = items.get(question_id)
            if found is None or found.response is None:
                cells.append(Cell("blank", ""))
            else:
                state = "right" if found.response.correct else "wrong"
                cells.append(Cell(state, found.response.answer_text))
        percent = result_of(last).percent if last else None
        rows.append(GridRow(student, last, counts.get(student.id, 0), cells, percent))
    shown = [by_id.get(qid) for qid in assignment.question_ids]
    return Grid(shown, list(assignment.question_ids), rows)


# --- One student -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WeakFact:
    bank_slug: str
    fact_id: str
    question: Question | None  # one of the fact's questions, to say what the fact is
    recall: int  # percent chance of recalling it now (FSRS)
    lapses: int


def _seen_by_class(classroom: Classroom) -> ColumnElement[bool]:
    """The student's own practice, and this class's quizzes: not another class's (that
    class's teacher set it, and its answers and key are that teacher's to show)."""
    own = select(Assignment.id).where(Assignment.classroom_id == classroom.id)
    return or_(Attempt.assignment_id.is_(None), Attempt.assignment_id.in_(own))


def student_attempts(classroom: Classroom, student: User) -> list[Result]:
    """The student's finished attempts on the class's banks, newest first."""
    query = select(Attempt).where(
        Attempt.user_id == student.id,
        Attempt.bank_slug.in_(class_banks(classroom)),
        Attempt.finished_at.is_not(None),
        _seen_by_class(classroom),
    )
    query = query.options(lazyload(Attempt.items))  # results_of counts them
    return results_of(list(db.session.scalars(query.order_by(Attempt.finished_at.desc()))))


def student_attempt(classroom: Classroom, student: User, attempt_id: int) -> Attempt | None:
    """One of the student's finished attempts on the class's banks, or None."""
    return db.session.scalar(
        select(Attempt).where(
            Attempt.id == attempt_id,
            Attempt.user_id == student.id,
            Attempt.bank_slug.in_(class_banks(classroom)),
            Attempt.finished_at.is_not(None),
            _seen_by_class(classroom),
        )
    )


def weakest_facts(
    classroom: Classroom, student: User, at: datetime, questions_of: Callable[[str], list[Question]]
) -> list[WeakFact]:
    """The student's facts of the class's banks least likely to be recalled now."""
    rows = db.session.scalars(
        select(MemoryState).where(
            MemoryState.user_id == student.id,
            MemoryState.bank_slug.in_(class_banks(classroom)),
        )
    ).all()
    ranked = sorted(
        ((scheduling.retrievability(as_memory(row), at), row) for row in rows),
        key=lambda pair: (pair[0], -pair[1].lapses, pair[1].fact_id),
    )[:WEAKEST]
    fact_question: dict[str, dict[str, Question]] = {}
    found = []
    for recall, row in ranked:
        if row.bank_slug not in fact_question:
            fact_question[row.bank_slug] = {
                q.fact: q for q in reversed(questions_of(row.bank_slug))
            }
        question = fact_question[row.bank_slug].get(row.fact_id)
        found.append(
            WeakFact(row.bank_slug, row.fact_id, question, round(100 * recall), row.lapses)
        )
    return found


# --- Item analysis -----------------------------------------------------------------------------


def analysis_answers(
    classroom: Classroom, bank_slug: str, scope: str
) -> list[item_analysis.Answer]:
    """Every graded answer on the bank, oldest first: by the class's students, or by all."""
    query = (
        select(Response, AttemptItem.question)
        .join(AttemptItem, AttemptItem.id == Response.item_id)
        .where(Response.bank_slug == bank_slug)
        .order_by(Response.answered_at, Response.id)
    )
    if scope == ALL:
        query = query.join(User, User.id == Response.user_id).where(User.role == STUDENT)
    else:
        query = query.where(Response.user_id.in_([s.id for s in students_of(classroom)]))
    found = []
    for response, question in db.session.execute(query):
        kind = str(question.get("kind", ""))
        chosen = response.answer.get("value") if kind in item_analysis.CHOICE_KINDS else None
        found.append(
            item_analysis.Answer(
                student=response.user_id,
                question_id=response.question_id,
                fact_id=response.fact_id,
                score=response.score,
                kind=kind,
                chosen=chosen if isinstance(chosen, str) else None,
                key=str(question.get("answer")) if chosen is not None else None,
                fact_scores=_fact_scores(response, question),
            )
        )
    return found


def _fact_scores(response: Response, snapshot: dict[str, Any]) -> tuple[tuple[str, float], ...]:
    """Each fact's own score, for a question that covers several (a matching question)."""
    if len(snapshot.get("facts") or ()) < 2:
        return ()
    question = Question.from_dict(snapshot)
    given = response.answer.get("value", "")
    verdicts = scheduling.verdicts_per_fact(question, response.correct, response.score, given)
    return tuple((fact, score) for fact, (_, score) in verdicts.items())
