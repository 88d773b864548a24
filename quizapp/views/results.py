"""A class's results, for its own teacher only: table, gradebook, responses, students, analysis."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from quizapp import gradebook, item_analysis
from quizapp.builder import Question
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.forms import EmptyForm
from quizapp.models import Classroom, User, utcnow
from quizapp.services import ServiceError
from quizapp.services.classes import remove_student, reset_password, student_in
from quizapp.services.quiz import answers_visible
from quizapp.services.results import (
    ALL,
    CLASS,
    analysis_answers,
    class_banks,
    class_results,
    gradebook_table,
    responses_grid,
    sort_rows,
    student_attempt,
    student_attempts,
    weakest_facts,
)
from quizapp.services.scores import result_of

from .access import teacher_required
from .classes import own_assignment, own_classroom

bp = Blueprint("results", __name__, url_prefix="/classes")


def _own_student(classroom: Classroom, user_id: int) -> User:
    """A student of the teacher's class; 404 for anyone else (whether the id exists or not)."""
    return student_in(classroom, user_id) or abort(404)


@bp.get("/<int:classroom_id>/results")
@teacher_required
def index(classroom_id: int) -> str:
    """One row per student: scores per assignment, last activity, facts due and mastered."""
    classroom = own_classroom(classroom_id)
    sort = request.args.get("sort", "name")
    descending = request.args.get("dir") == "desc"
    rows = sort_rows(class_results(classroom, utcnow()), sort, descending)
    return render_template(
        "classes/results.html", classroom=classroom, rows=rows, sort=sort, descending=descending,
        banks=class_banks(classroom),
    )  # fmt: skip


@bp.get("/<int:classroom_id>/results.csv")
@teacher_required
def gradebook_csv(classroom_id: int) -> Response:
    """The gradebook: a row per student, the best score of each assignment (UTF-8 with BOM)."""
    classroom = own_classroom(classroom_id)
    table = gradebook_table(list(classroom.assignments), class_results(classroom, utcnow()))
    body = gradebook.csv_text(*table)
    filename = f"results-class-{classroom.id}.csv"
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/<int:classroom_id>/assignments/<int:assignment_id>/responses")
@teacher_required
def responses(classroom_id: int, assignment_id: int) -> str:
    """Students x questions: right, wrong or not answered, with each student's answer."""
    classroom = own_classroom(classroom_id)
    assignment = own_assignment(classroom, assignment_id)
    grid = responses_grid(assignment, classroom, catalogue().questions(assignment.bank_slug))
    return render_template("classes/responses.html", classroom=classroom,
                           assignment=assignment, grid=grid)  # fmt: skip


@bp.get("/<int:classroom_id>/students/<int:user_id>")
@teacher_required
def student(classroom_id: int, user_id: int) -> str:
    """A student's attempts on the class's banks and their weakest facts."""
    classroom = own_classroom(classroom_id)
    pupil = _own_student(classroom, user_id)
    return render_template(
        "classes/student.html", classroom=classroom, student=pupil,
        results=student_attempts(classroom, pupil),
        weakest=weakest_facts(classroom, pupil, utcnow(), catalogue().questions),
    )  # fmt: skip


@bp.get("/<int:classroom_id>/students/<int:user_id>/attempts/<int:attempt_id>")
@teacher_required
def attempt(classroom_id: int, user_id: int, attempt_id: int) -> str:
    """A student's result page, read-only, with the right answers."""
    classroom = own_classroom(classroom_id)
    pupil = _own_student(classroom, user_id)
    found = student_attempt(classroom, pupil, attempt_id) or abort(404)
    rows = [(item, Question.from_dict(item.question)) for item in found.items]
    back = url_for("results.student", classroom_id=classroom.id, user_id=pupil.id)
    return render_template(
        "quiz/result.html", result=result_of(found), rows=rows,
        loaded=catalogue().bank(found.bank_slug), reveal=True, teacher_view=back,
        student_sees_answers=answers_visible(found),
    )  # fmt: skip


def _confirm_page(classroom: Classroom, pupil: User, action: str) -> str:
    back = url_for("results.student", classroom_id=classroom.id, user_id=pupil.id)
    if action == "reset":
        return render_template(
            "classes/confirm.html", form=EmptyForm(), back=back,
            title=f"Reset {pupil.display_name}’s password?",
            message="They are signed out everywhere. You will see a new password once, to give"
            " them; they must choose their own when they next sign in.",
            button="Reset the password",
        )  # fmt: skip
    return render_template(
        "classes/confirm.html", form=EmptyForm(), back=back,
        title=f"Remove {pupil.display_name} from {classroom.name}?",
        message="They leave the class and its results. Their account, attempts and memory are"
        " kept; they can join again with the class code.",
        button="Remove from the class",
    )  # fmt: skip


@bp.get("/<int:classroom_id>/students/<int:user_id>/reset-password")
@teacher_required
def reset_confirm(classroom_id: int, user_id: int) -> str:
    """Ask before resetting a student's password."""
    classroom = own_classroom(classroom_id)
    return _confirm_page(classroom, _own_student(classroom, user_id), "reset")


@bp.post("/<int:classroom_id>/students/<int:user_id>/reset-password")
@teacher_required
def reset(classroom_id: int, user_id: int) -> tuple[str, int, dict[str, str]] | Response:
    """Give the student a new password, shown once on this page (never stored in clear)."""
    classroom = own_classroom(classroom_id)
    pupil = _own_student(classroom, user_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        password = reset_password(pupil)
    except ServiceError as error:
        flash(error.message, "info")
        return redirect(url_for("results.student", classroom_id=classroom.id, user_id=pupil.id))
    db.session.commit()
    page = render_template("classes/password_reset.html", classroom=classroom, student=pupil,
                           password=password)  # fmt: skip
    return page, 200, {"Cache-Control": "no-store"}


@bp.get("/<int:classroom_id>/students/<int:user_id>/remove")
@teacher_required
def remove_confirm(classroom_id: int, user_id: int) -> str:
    """Ask before removing a student from the class."""
    classroom = own_classroom(classroom_id)
    return _confirm_page(classroom, _own_student(classroom, user_id), "remove")


@bp.post("/<int:classroom_id>/students/<int:user_id>/remove")
@teacher_required
def remove(classroom_id: int, user_id: int) -> Response:
    """Take the student out of the class."""
    classroom = own_classroom(classroom_id)
    pupil = _own_student(classroom, user_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    remove_student(classroom, pupil)
    db.session.commit()
    flash(f"{pupil.display_name} is no longer in {classroom.name}.", "success")
    return redirect(url_for("classes.detail", classroom_id=classroom.id))


@bp.get("/<int:classroom_id>/banks/<slug>/analysis")
@teacher_required
def analysis(classroom_id: int, slug: str) -> str:
    """Facility, discrimination and wrong choices per question and fact of one bank."""
    classroom = own_classroom(classroom_id)
    if slug not in class_banks(classroom):
        abort(404)
    scope = ALL if request.args.get("scope") == ALL else CLASS
    answers = analysis_answers(classroom, slug, scope)
    by_id = {q.id: q for q in catalogue().questions(slug)}
    return render_template(
        "classes/analysis.html", classroom=classroom, slug=slug, scope=scope,
        questions=item_analysis.question_stats(answers), facts=item_analysis.fact_stats(answers),
        by_id=by_id, minimum=item_analysis.MIN_ANSWERS, edit_url=_fact_editor(slug),
        loaded=catalogue().bank(slug),
    )  # fmt: skip


def _fact_editor(slug: str) -> str:
    """Where a fact of this bank is edited (the bank editor's page, one anchor per fact)."""
    return url_for("facts.bank", slug=slug) + "#fact-"
