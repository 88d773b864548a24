"""Classes: teachers create them and assign quizzes; students join with a code."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import login_required
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from quizapp.catalogue import catalogue
from quizapp.extensions import db, limiter
from quizapp.forms import AssignmentForm, ClassroomForm, JoinClassForm, add_error
from quizapp.models import Classroom
from quizapp.services import ServiceError
from quizapp.services.classes import (
    classrooms_of,
    create_assignment,
    create_classroom,
    join_classroom,
)
from quizapp.services.quiz import select_for_assignment

from .access import failed, signed_in_user, teacher_required, user_key

bp = Blueprint("classes", __name__, url_prefix="/classes")


@bp.get("/")
@login_required
def index() -> str:
    """A student's classes and the join form, or a teacher's classes and the create form."""
    user = signed_in_user()
    form = ClassroomForm() if user.is_teacher else JoinClassForm()
    return render_template("classes/index.html", classrooms=classrooms_of(user), form=form)


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
    return render_template("classes/index.html", classrooms=classrooms_of(user), form=form)


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


def _own_classroom(classroom_id: int) -> Classroom:
    classroom = db.get_or_404(Classroom, classroom_id)
    if classroom.teacher_id != signed_in_user().id:
        abort(403, "This class belongs to another teacher.")
    return classroom


def _assignment_form() -> AssignmentForm:
    form = AssignmentForm()
    form.bank.choices = [SelectChoice(b.slug, b.bank.title) for b in catalogue().banks()]
    return form


@bp.get("/<int:classroom_id>")
@teacher_required
def detail(classroom_id: int) -> str:
    """A class: its code, students and assignments."""
    classroom = _own_classroom(classroom_id)
    return render_template("classes/detail.html", classroom=classroom, form=_assignment_form())


@bp.post("/<int:classroom_id>/assignments")
@teacher_required
def assign(classroom_id: int) -> str | Response:
    """Set a fixed quiz for the whole class."""
    classroom = _own_classroom(classroom_id)
    form = _assignment_form()
    if form.validate_on_submit():
        slug = form.bank.data or ""
        question_ids = select_for_assignment(
            catalogue().questions(slug), form.topics.data or [], form.length_value(),
            skills=form.skills_value(),
        )  # fmt: skip
        try:
            create_assignment(
                classroom, form.title.data or "", slug, question_ids, form.mode.data or ""
            )
        except ServiceError as error:
            add_error(form[error.field or "topics"], error.message)
        else:
            db.session.commit()
            flash("Quiz assigned.", "success")
            return redirect(url_for("classes.detail", classroom_id=classroom.id))
    return render_template("classes/detail.html", classroom=classroom, form=form)
