"""Wrong answers: every question missed, filtered by article, topic or attempt; retrying them."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import login_required
from werkzeug.wrappers import Response
from wtforms import IntegerField, SelectChoice, SelectField
from wtforms.validators import NumberRange, Optional

from quizapp.bank import TOPICS
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.forms import EmptyForm, Form
from quizapp.mistakes import KIND_TITLES
from quizapp.models import MAX_ID, Attempt
from quizapp.services import ServiceError
from quizapp.services.mistakes import Mistake, mistakes_of, start_retry

from .access import signed_in_user

bp = Blueprint("mistakes", __name__)


class MistakeFilterForm(Form):
    """The list's filters, sent in the address (GET), so no CSRF token."""

    class Meta:
        csrf = False

    bank = SelectField("Article", validators=[Optional()])
    topic = SelectField(
        "Topic",
        choices=[SelectChoice("", "All topics")]
        + [SelectChoice(t, t.capitalize()) for t in TOPICS],
        validators=[Optional()],
    )
    attempt = IntegerField("Attempt", validators=[Optional(), NumberRange(1, MAX_ID)])


def _filters() -> tuple[MistakeFilterForm, dict[str, Any]]:
    """The filter form read from the address, and the filters that passed validation."""
    form = MistakeFilterForm(formdata=request.args)
    form.bank.choices = [SelectChoice("", "All articles")] + [
        SelectChoice(loaded.slug, loaded.bank.title) for loaded in catalogue().banks()
    ]
    if not form.validate():
        return form, {}
    attempt_id = form.attempt.data
    if attempt_id is not None:
        attempt = db.session.get(Attempt, attempt_id)
        if attempt is None or attempt.user_id != signed_in_user().id:
            abort(404)
    found = {"bank_slug": form.bank.data or None, "topic": form.topic.data or None}
    return form, {**found, "attempt_id": attempt_id}


def _retry_banks(mistakes: list[Mistake]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for mistake in mistakes:
        if not mistake.fixed:
            counts[mistake.bank_slug] = counts.get(mistake.bank_slug, 0) + 1
    return counts


@bp.get("/mistakes")
@login_required
def index() -> str | tuple[str, int]:
    """Every question missed, newest first: answers, explanation, evidence, whether fixed."""
    form, filters = _filters()
    mistakes = mistakes_of(signed_in_user(), catalogue().bank, **filters) if filters else []
    kinds: dict[str, int] = {}
    for mistake in mistakes:
        if mistake.kind is not None:
            kinds[mistake.kind.kind] = kinds.get(mistake.kind.kind, 0) + 1
    page = render_template(
        "mistakes/index.html", form=form, mistakes=mistakes, retry=_retry_banks(mistakes),
        kinds={KIND_TITLES[k]: n for k, n in kinds.items()}, query=request.args.to_dict(),
        banks={m.bank_slug: catalogue().bank(m.bank_slug) for m in mistakes},
    )  # fmt: skip
    return page if filters or not form.errors else (page, 422)


@bp.post("/mistakes/retry/<slug>")
@login_required
def retry(slug: str) -> Response:
    """Start a practice attempt of exactly the unfixed mistakes listed (this article's)."""
    loaded = catalogue().bank(slug) or abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    form, filters = _filters()
    if form.errors:
        abort(400)
    user = signed_in_user()
    mistakes = mistakes_of(user, catalogue().bank, **{**filters, "bank_slug": slug})
    try:
        attempt = start_retry(user, loaded, catalogue().questions(slug), mistakes)
    except ServiceError as error:
        flash(error.message, "info")
        args: dict[str, Any] = request.args.to_dict()
        return redirect(url_for("mistakes.index", **args))
    db.session.commit()
    return redirect(url_for("quiz.question", attempt_id=attempt.id, position=1))
