"""Taking a quiz: options, one question a page, feedback, the result and the history."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import login_required
from flask_wtf import FlaskForm
from sqlalchemy.exc import OperationalError
from werkzeug.wrappers import Response

from quizapp.builder import Question
from quizapp.catalogue import catalogue
from quizapp.charts import score_chart
from quizapp.extensions import db, limiter
from quizapp.forms import EmptyForm, QuizOptionsForm, add_error, answer_form, given_answer
from quizapp.models import FEEDBACK_MODES, PRACTICE, Assignment, Attempt, Enrollment, utcnow
from quizapp.services import ServiceError
from quizapp.services.quiz import (
    Place,
    answers_visible,
    close_if_left_class,
    close_if_past_due,
    discard_attempt,
    finish_attempt,
    finish_if_complete,
    next_unanswered,
    place_of,
    record_response,
    start_assignment_attempt,
    start_attempt,
)
from quizapp.services.scores import attempts_of, result_of, results_of, skill_trends

from .access import signed_in_user, user_key

bp = Blueprint("quiz", __name__)
# Each start writes a whole attempt: generous for a student, a brake on a script.
starts_limit = limiter.shared_limit(
    "10/minute;100/hour", scope="quiz-start", key_func=user_key, methods=["POST"]
)
log = logging.getLogger(__name__)


@bp.errorhandler(OperationalError)
def database_unavailable(error: OperationalError) -> tuple[str, int, dict[str, str]]:
    """The database stayed locked or its connection dropped: nothing half-done is kept."""
    db.session.rollback()
    log.warning("database unavailable: %s", error.orig)
    message = (
        "The database did not answer in time, so this step was not saved. Wait a few seconds"
        " and send it again: an answer that was already stored is kept, never counted twice."
    )
    try:
        page = render_template("error.html", title="Please try again", message=message)
    except OperationalError:  # the page itself needs the signed-in user from the database
        db.session.rollback()
        page = (
            f"<!doctype html><title>Please try again</title><h1>Please try again</h1><p>{message}"
        )
    return page, 503, {"Retry-After": "5"}


def _own_attempt(attempt_id: int) -> Attempt:
    attempt = db.get_or_404(Attempt, attempt_id)
    if attempt.user_id != signed_in_user().id:
        abort(404)
    return attempt


def _place(attempt_id: int, position: int) -> Place:
    """The signed-in student's item at this position, or 404."""
    place = place_of(signed_in_user(), attempt_id, position)
    if place is None:
        abort(404)
    return place


@bp.get("/quiz/<slug>")
@login_required
def options(slug: str) -> str:
    """Choose length, topics and mode for a quiz on one article."""
    loaded = catalogue().bank(slug) or abort(404)
    return _options_page(loaded.slug, QuizOptionsForm())


def _options_page(slug: str, form: QuizOptionsForm) -> str:
    """The options, and the student's own unfinished quizzes on this article to resume
    instead (a new start does not end them, and they pile up on the home page)."""
    unfinished = [
        a
        for a in attempts_of(signed_in_user(), finished=False)
        if a.bank_slug == slug and a.assignment_id is None
    ]
    return render_template(
        "quiz/options.html", loaded=catalogue().bank(slug), form=form,
        unfinished=results_of(unfinished),
    )  # fmt: skip


@bp.post("/quiz/<slug>")
@login_required
@starts_limit
def start(slug: str) -> str | Response:
    """Start an attempt and go to its first question."""
    loaded = catalogue().bank(slug) or abort(404)
    form = QuizOptionsForm()
    if form.validate_on_submit():
        length = form.length_value()
        try:
            attempt = start_attempt(
                signed_in_user(), loaded, catalogue().questions(slug),
                mode=form.mode.data or PRACTICE, topics=form.topics.data or [],
                length=length, skills=form.skills_value(),
            )  # fmt: skip
        except ServiceError as error:
            add_error(form.topics, error.message)
        else:
            db.session.commit()
            if length is not None and (count := len(attempt.items)) < length:
                # Otherwise "Question 1 of 1" after asking for 20 looks like a fault.
                flash(_shorter_quiz(count), "info")
            return redirect(url_for("quiz.question", attempt_id=attempt.id, position=1))
    return _options_page(loaded.slug, form)


def _shorter_quiz(count: int) -> str:
    """Why the quiz has fewer questions than the student asked for."""
    if count == 1:
        return "Only 1 question matches what you chose, so this quiz has 1 question."
    return f"Only {count} questions match what you chose, so this quiz has {count} questions."


@bp.post("/assignments/<int:assignment_id>/start")
@login_required
@starts_limit
def start_assignment(assignment_id: int) -> Response:
    """Start (or resume) the class's fixed quiz."""
    user = signed_in_user()
    assignment = db.get_or_404(Assignment, assignment_id)
    if db.session.get(Enrollment, (assignment.classroom_id, user.id)) is None:
        abort(403, "This quiz was set for another class.")
    loaded = catalogue().bank(assignment.bank_slug) or abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        attempt = start_assignment_attempt(
            user, loaded, catalogue().questions(loaded.slug), assignment
        )
    except ServiceError as error:
        flash(error.message, "info")
        return redirect(url_for("main.index"))
    db.session.commit()
    return redirect(url_for("quiz.resume", attempt_id=attempt.id))


@bp.get("/attempts/<int:attempt_id>")
@login_required
def resume(attempt_id: int) -> Response:
    """Go to the first unanswered question, or to the result."""
    attempt = _own_attempt(attempt_id)
    item = next_unanswered(attempt)
    if attempt.finished or item is None:
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    return redirect(url_for("quiz.question", attempt_id=attempt.id, position=item.position))


@bp.get("/attempts/<int:attempt_id>/q/<int:position>")
@login_required
def question(attempt_id: int, position: int) -> str | Response:
    """One question; once answered, its feedback (practice) or the next question (test)."""
    place = _place(attempt_id, position)
    attempt, item = place.attempt, place.item
    if (closed := _closed_by_assignment(attempt)) is not None:
        return closed
    if item.response is not None and (attempt.mode not in FEEDBACK_MODES and not attempt.finished):
        return redirect(url_for("quiz.resume", attempt_id=attempt.id))
    if item.response is None and attempt.finished:
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    asked = Question.from_dict(item.question)
    if item.response is not None:
        return _question_page(place, asked, None)  # the feedback: no form to draw
    form = answer_form(asked)
    form.stamp_shown(item.id, utcnow())
    return _question_page(place, asked, form)


def _closed_by_assignment(attempt: Attempt) -> Response | None:
    """To the result if the assignment's due date closed the attempt, or a finished
    attempt's answers (shown on its question pages) are not to be read yet."""
    if close_if_past_due(attempt):
        db.session.commit()
        flash("This quiz was due: your answers so far are kept and scored.", "info")
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    if close_if_left_class(attempt):
        db.session.commit()
        flash("You are no longer in this quiz's class: your answers so far are kept.", "info")
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    if attempt.finished and not answers_visible(attempt):
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    return None


def _question_page(place: Place, asked: Question, form: FlaskForm | None) -> str:
    return render_template(
        "quiz/question.html", attempt=place.attempt, item=place.item, total=place.total,
        asked=asked, form=form,
        loaded=catalogue().bank(place.attempt.bank_slug),
    )  # fmt: skip


@bp.post("/attempts/<int:attempt_id>/q/<int:position>")
@login_required
def answer(attempt_id: int, position: int) -> tuple[str, int] | Response:
    """Record the answer once, then show feedback (practice) or move on (test)."""
    place = _place(attempt_id, position)
    attempt, item = place.attempt, place.item
    if (closed := _closed_by_assignment(attempt)) is not None:
        return closed
    if item.response is not None or attempt.finished:
        # A refresh, back button or double click: the first answer stands.
        return redirect(url_for("quiz.question", attempt_id=attempt.id, position=position))
    asked = Question.from_dict(item.question)
    form = answer_form(asked)
    if not form.validate_on_submit():
        return _question_page(place, asked, form), 422
    record_response(item, given_answer(form, asked), form.shown_at(item.id, utcnow()))
    finish_if_complete(place)
    db.session.commit()
    if attempt.mode in FEEDBACK_MODES:
        return redirect(url_for("quiz.question", attempt_id=attempt.id, position=position))
    return redirect(url_for("quiz.resume", attempt_id=attempt.id))


@bp.get("/attempts/<int:attempt_id>/finish")
@login_required
def confirm_finish(attempt_id: int) -> str | Response:
    """Ask before finishing early: how many questions are unanswered and that they count."""
    attempt = _own_attempt(attempt_id)
    if attempt.finished:
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    return render_template("quiz/finish.html", result=result_of(attempt), form=EmptyForm())


@bp.post("/attempts/<int:attempt_id>/finish")
@login_required
def finish(attempt_id: int) -> Response:
    """End an attempt early; unanswered questions score nothing."""
    attempt = _own_attempt(attempt_id)
    if EmptyForm().validate_on_submit():
        finish_attempt(attempt)
        db.session.commit()
    return redirect(url_for("quiz.result", attempt_id=attempt.id))


@bp.get("/attempts/<int:attempt_id>/discard")
@login_required
def confirm_discard(attempt_id: int) -> str | Response:
    """Ask before throwing an unfinished attempt away."""
    attempt = _own_attempt(attempt_id)
    if attempt.finished:
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    return render_template("quiz/discard.html", result=result_of(attempt), form=EmptyForm())


@bp.post("/attempts/<int:attempt_id>/discard")
@login_required
def discard(attempt_id: int) -> Response:
    """Delete an unfinished attempt and its answers."""
    attempt = _own_attempt(attempt_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        discard_attempt(attempt)
    except ServiceError as error:
        flash(error.message, "info")
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    db.session.commit()
    flash("The unfinished quiz was discarded.", "success")
    return redirect(url_for("main.index"))


@bp.get("/attempts/<int:attempt_id>/result")
@login_required
def result(attempt_id: int) -> str | Response:
    """Score, time, topics, and every question with the student's answer and the right one."""
    attempt = _own_attempt(attempt_id)
    if not attempt.finished:
        flash("Finish the quiz to see your score.", "info")
        return redirect(url_for("quiz.resume", attempt_id=attempt.id))
    questions = [Question.from_dict(item.question) for item in attempt.items]
    rows = list(zip(attempt.items, questions, strict=True))
    return render_template(
        "quiz/result.html", result=result_of(attempt), rows=rows,
        loaded=catalogue().bank(attempt.bank_slug), reveal=answers_visible(attempt),
    )  # fmt: skip


@bp.get("/history")
@login_required
def history() -> str:
    """Every finished attempt and the score over time."""
    results = results_of(attempts_of(signed_in_user(), finished=True))
    return render_template(
        "quiz/history.html", results=results, chart=score_chart(results),
        skills=skill_trends(results),
    )  # fmt: skip
