"""Classes: teachers create them and assign quizzes; students join with a code."""

from __future__ import annotations

from types import EllipsisType

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from quizapp.builder import Question
from quizapp.catalogue import catalogue
from quizapp.extensions import db, limiter
from quizapp.forms import (
    MODE_DEFAULT,
    AssignmentEditForm,
    AssignmentForm,
    ClassroomForm,
    ClassroomSettingsForm,
    EmptyForm,
    JoinClassForm,
    add_error,
)
from quizapp.models import Assignment, Classroom, User
from quizapp.services import ServiceError
from quizapp.services.classes import (
    classroom_assignment,
    classrooms_of,
    create_assignment,
    create_classroom,
    delete_assignment,
    due_at_of,
    join_classroom,
    new_code_for,
    students_of,
    update_assignment,
    update_classroom,
)
from quizapp.services.quiz import select_for_assignment

from .access import failed, signed_in_user, teacher_required, user_key
from .main import set_quizzes

bp = Blueprint("classes", __name__, url_prefix="/classes")


@bp.get("/")
@login_required
def index() -> str:
    """A student's classes and the join form, or a teacher's classes and the create form."""
    user = signed_in_user()
    form = ClassroomForm() if user.is_teacher else JoinClassForm()
    return _index_page(user, form)


@bp.post("/join")
@login_required
# Per student, wrong codes only: guessing a class's code takes millions of tries.
@limiter.limit("10/minute;30/hour", methods=["POST"], key_func=user_key, deduct_when=failed)
def join() -> str | Response:
    """Join a class with its code."""
    user = signed_in_user()
    form = JoinClassForm()
    if form.validate_on_submit():
        try:
            classroom = join_classroom(user, form.code.data or "")
        except ServiceError as error:
            add_error(form.code, error.message)
        else:
            db.session.commit()
            flash(f"You joined {classroom.name}.", "success")
            return redirect(url_for("classes.index"))
    return _index_page(user, form)


def _index_page(user: User, form: FlaskForm) -> str:
    """The classes page: a student's classes each list their quizzes, as the dashboard does."""
    classrooms = classrooms_of(user)
    quizzes = {} if user.is_teacher else set_quizzes(user, classrooms)
    return render_template("classes/index.html", classrooms=classrooms, form=form, **quizzes)


@bp.post("/")
@teacher_required
def create() -> str | Response:
    """Create a class with a fresh join code."""
    user = signed_in_user()
    form = ClassroomForm()
    if form.validate_on_submit():
        try:
            classroom = create_classroom(user, form.name.data or "")
        except ServiceError as error:
            add_error(form.name, error.message)
        else:
            db.session.commit()
            flash(f"Class created. Its join code is {classroom.join_code}.", "success")
            return redirect(url_for("classes.detail", classroom_id=classroom.id))
    return render_template("classes/index.html", classrooms=classrooms_of(user), form=form)


def own_classroom(classroom_id: int) -> Classroom:
    """The signed-in teacher's class, 404 if there is none, 403 if it is another's."""
    classroom = db.get_or_404(Classroom, classroom_id)
    if classroom.teacher_id != signed_in_user().id:
        abort(403, "This class belongs to another teacher.")
    return classroom


def own_assignment(classroom: Classroom, assignment_id: int) -> Assignment:
    """The class's assignment, or 404 (deleted ones and other classes' alike)."""
    return classroom_assignment(classroom, assignment_id) or abort(404)


def _assignment_form() -> AssignmentForm:
    form = AssignmentForm()
    form.bank.choices = [SelectChoice(b.slug, b.bank.title) for b in catalogue().banks()]
    return form


def _settings_form(classroom: Classroom, *, filled: bool = False) -> ClassroomSettingsForm:
    if filled:
        return ClassroomSettingsForm()
    return ClassroomSettingsForm(
        formdata=None,
        name=classroom.name,
        retention_percent=round(100 * classroom.desired_retention),
    )


def _detail_page(
    classroom: Classroom,
    form: AssignmentForm | None = None,
    settings: ClassroomSettingsForm | None = None,
) -> str:
    return render_template(
        "classes/detail.html", classroom=classroom, form=form or _assignment_form(),
        settings=settings or _settings_form(classroom), students=students_of(classroom),
    )  # fmt: skip


@bp.get("/<int:classroom_id>")
@teacher_required
def detail(classroom_id: int) -> str:
    """A class: its code, settings, students and assignments."""
    return _detail_page(own_classroom(classroom_id))


@bp.post("/<int:classroom_id>/assignments")
@teacher_required
def assign(classroom_id: int) -> str | Response:
    """Set a fixed quiz for the whole class."""
    classroom = own_classroom(classroom_id)
    form = _assignment_form()
    if form.validate_on_submit():
        slug = form.bank.data or ""
        question_ids = select_for_assignment(
            catalogue().questions(slug), form.topics.data or [], form.length_value(),
            skills=form.skills_value(),
        )  # fmt: skip
        attempts: int | EllipsisType | None = (
            ... if form.attempts_allowed.data == MODE_DEFAULT else form.attempts_value()
        )
        shown = form.show_answers.data
        try:
            create_assignment(
                classroom, form.title.data or "", slug, question_ids, form.mode.data or "",
                due_at=due_at_of(form.due_on.data), attempts_allowed=attempts,
                show_answers=None if shown == MODE_DEFAULT else shown,
            )  # fmt: skip
        except ServiceError as error:
            add_error(form[error.field or "topics"], error.message)
        else:
            db.session.commit()
            flash("Quiz assigned.", "success")
            return redirect(url_for("classes.detail", classroom_id=classroom.id))
    return _detail_page(classroom, form=form)


@bp.post("/<int:classroom_id>/settings")
@teacher_required
def settings(classroom_id: int) -> str | Response:
    """Rename the class and set its desired retention."""
    classroom = own_classroom(classroom_id)
    form = _settings_form(classroom, filled=True)
    if form.validate_on_submit():
        try:
            update_classroom(
                classroom, form.name.data or "", (form.retention_percent.data or 0) / 100
            )
        except ServiceError as error:
            db.session.rollback()
            add_error(form["name" if error.field == "name" else "retention_percent"], error.message)
        else:
            db.session.commit()
            flash("Class settings saved.", "success")
            return redirect(url_for("classes.detail", classroom_id=classroom.id))
    return _detail_page(classroom, settings=form)


@bp.post("/<int:classroom_id>/join-code")
@teacher_required
def new_code(classroom_id: int) -> Response:
    """Give the class a new join code; the old one stops working."""
    classroom = own_classroom(classroom_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    code = new_code_for(classroom)
    db.session.commit()
    flash(f"New join code: {code}. The old code no longer works.", "success")
    return redirect(url_for("classes.detail", classroom_id=classroom.id))


@bp.get("/<int:classroom_id>/sign-up-sheet")
@teacher_required
def sign_up_sheet(classroom_id: int) -> str:
    """A page to print and hand out: where to sign up and the class's code."""
    classroom = own_classroom(classroom_id)
    register = url_for("auth.register", _external=True)
    return render_template("classes/sign_up_sheet.html", classroom=classroom, register=register)


@bp.get("/<int:classroom_id>/assignments/<int:assignment_id>/preview")
@teacher_required
def preview(classroom_id: int, assignment_id: int) -> str:
    """The assignment's questions as students see them, with the right answers under each."""
    assignment = own_assignment(own_classroom(classroom_id), assignment_id)
    by_id = {q.id: q for q in catalogue().questions(assignment.bank_slug)}
    asked: list[Question] = [by_id[qid] for qid in assignment.question_ids if qid in by_id]
    return render_template(
        "classes/preview.html", assignment=assignment, rows=asked,
        missing=len(assignment.question_ids) - len(asked),
    )  # fmt: skip


def _edit_form(assignment: Assignment, *, filled: bool = False) -> AssignmentEditForm:
    if filled:
        return AssignmentEditForm()
    allowed = assignment.attempts_allowed
    return AssignmentEditForm(
        formdata=None, title=assignment.title, due_on=assignment.due_on,
        attempts_allowed=str(allowed) if allowed else "unlimited",
        show_answers=assignment.show_answers,
    )  # fmt: skip


@bp.get("/<int:classroom_id>/assignments/<int:assignment_id>/edit")
@teacher_required
def edit_assignment(classroom_id: int, assignment_id: int) -> str:
    """Change an assignment's title, due date, attempts and when its answers show."""
    assignment = own_assignment(own_classroom(classroom_id), assignment_id)
    return render_template("classes/assignment_edit.html", assignment=assignment,
                           form=_edit_form(assignment))  # fmt: skip


@bp.post("/<int:classroom_id>/assignments/<int:assignment_id>/edit")
@teacher_required
def edit_assignment_post(classroom_id: int, assignment_id: int) -> str | Response:
    """Save the assignment's new title and rules."""
    assignment = own_assignment(own_classroom(classroom_id), assignment_id)
    form = _edit_form(assignment, filled=True)
    if form.validate_on_submit():
        try:
            update_assignment(
                assignment, form.title.data or "", due_at_of(form.due_on.data),
                form.attempts_value(), form.show_answers.data or "",
            )  # fmt: skip
        except ServiceError as error:
            db.session.rollback()
            add_error(form[error.field or "title"], error.message)
        else:
            db.session.commit()
            flash("Assignment saved.", "success")
            return redirect(url_for("classes.detail", classroom_id=classroom_id))
    return render_template("classes/assignment_edit.html", assignment=assignment, form=form)


@bp.get("/<int:classroom_id>/assignments/<int:assignment_id>/delete")
@teacher_required
def delete_confirm(classroom_id: int, assignment_id: int) -> str:
    """Ask before taking an assignment off the class."""
    assignment = own_assignment(own_classroom(classroom_id), assignment_id)
    return render_template("classes/confirm.html", form=EmptyForm(),
                           title=f"Delete “{assignment.title}”?",
                           message="Students will no longer see it or be able to start it."
                           " Their attempts and scores are kept.",
                           button="Delete the assignment",
                           back=url_for("classes.detail", classroom_id=classroom_id))  # fmt: skip


@bp.post("/<int:classroom_id>/assignments/<int:assignment_id>/delete")
@teacher_required
def delete(classroom_id: int, assignment_id: int) -> Response:
    """Take the assignment off the class; attempts at it are kept."""
    assignment = own_assignment(own_classroom(classroom_id), assignment_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    delete_assignment(assignment)
    db.session.commit()
    flash(f"“{assignment.title}” deleted. Students’ attempts at it are kept.", "success")
    return redirect(url_for("classes.detail", classroom_id=classroom_id))
