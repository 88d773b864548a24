"""Scheduled review: due facts per article, review sessions, practising the weakest, exam dates."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import login_required
from werkzeug.wrappers import Response
from wtforms import DateField, SubmitField
from wtforms.validators import Optional, ValidationError

from quizapp.bank import LoadedBank
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.forms import EmptyForm, Form
from quizapp.models import Attempt, utcnow
from quizapp.services import ServiceError
from quizapp.services.progress import progress_of
from quizapp.services.review import exam_dates, set_exam_date
from quizapp.services.review_session import (
    bank_reviews,
    most_overdue_bank,
    start_review,
    start_weakest,
)

from .access import signed_in_user

bp = Blueprint("review", __name__)


class ExamDateForm(Form):
    exam_on = DateField(
        "Exam date",
        validators=[Optional()],
        description="Until then, nothing falls due after the day before it. Leave empty to clear.",
    )
    submit = SubmitField("Save exam date")

    def validate_exam_on(self, field: DateField) -> None:
        if field.data is not None and field.data < utcnow().date():
            raise ValidationError("The exam date is in the past; choose today or a later day.")


def _bank(slug: str) -> LoadedBank:
    return catalogue().bank(slug) or abort(404, "No article has this address.")


def _page(loaded: LoadedBank | None, exam_form: ExamDateForm | None = None) -> str:
    user, now = signed_in_user(), utcnow()
    banks = bank_reviews(user, [loaded] if loaded else catalogue().banks(), now)
    if loaded is not None and exam_form is None:
        exam_form = ExamDateForm(exam_on=exam_dates(user.id).get(loaded.slug))
    return render_template(
        "review/index.html", banks=banks, loaded=loaded, exam_form=exam_form,
        any_due=any(bank.due for bank in banks),
    )  # fmt: skip


def _first_question(attempt: Attempt) -> Response:
    db.session.commit()
    return redirect(url_for("quiz.question", attempt_id=attempt.id, position=1))


@bp.get("/progress")
@login_required
def progress() -> str:
    """Due forecast, true retention, facts mastered per topic and the study streak."""
    found = progress_of(signed_in_user(), utcnow(), catalogue().questions)
    return render_template("progress/index.html", progress=found)


@bp.get("/review")
@login_required
def index() -> str:
    """Every article's facts due now, and when the next falls due."""
    return _page(None)


@bp.post("/review")
@login_required
def start_any() -> Response:
    """Review the article holding the most overdue fact."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    slug = most_overdue_bank(signed_in_user(), utcnow())
    if slug is None or catalogue().bank(slug) is None:
        flash("Nothing is due for review right now.", "info")
        return redirect(url_for("review.index"))
    return _start_review(_bank(slug))


@bp.get("/review/<slug>")
@login_required
def bank(slug: str) -> str:
    """One article's due facts, a review session of them, and the exam date."""
    return _page(_bank(slug))


@bp.post("/review/<slug>")
@login_required
def start(slug: str) -> Response:
    """Start a review session of the article's due facts, most overdue first."""
    loaded = _bank(slug)
    if not EmptyForm().validate_on_submit():
        abort(400)
    return _start_review(loaded)


def _start_review(loaded: LoadedBank) -> Response:
    questions = catalogue().questions(loaded.slug)
    try:
        attempt = start_review(signed_in_user(), loaded, questions, utcnow())
    except ServiceError as error:
        flash(error.message, "info")
        return redirect(url_for("review.bank", slug=loaded.slug))
    return _first_question(attempt)


@bp.post("/review/<slug>/weakest")
@login_required
def weakest(slug: str) -> Response:
    """Practise the facts likeliest to be forgotten (offered when nothing is due)."""
    loaded = _bank(slug)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        attempt = start_weakest(signed_in_user(), loaded, catalogue().questions(slug), utcnow())
    except ServiceError as error:
        flash(error.message, "info")
        return redirect(url_for("review.bank", slug=slug))
    return _first_question(attempt)


@bp.post("/review/<slug>/exam")
@login_required
def exam(slug: str) -> str | tuple[str, int] | Response:
    """Set or clear the exam date for this article."""
    loaded = _bank(slug)
    form = ExamDateForm()
    if not form.validate_on_submit():
        return _page(loaded, form), 422
    exam_on: date | None = form.exam_on.data
    set_exam_date(signed_in_user(), slug, exam_on)
    db.session.commit()
    flash(f"Exam date set: {exam_on:%-d %B %Y}." if exam_on else "Exam date cleared.", "success")
    return redirect(url_for("review.bank", slug=slug))
