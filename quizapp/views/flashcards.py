"""Flashcards: the front asks for a fact, the back shows it with its evidence; rate 1-4."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import login_required
from werkzeug.wrappers import Response
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from quizapp.bank import LoadedBank
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.forms import Form
from quizapp.models import utcnow
from quizapp.scheduling import Rating
from quizapp.services.flashcards import (
    Flashcard,
    card_of,
    interval_text,
    next_card,
    rate,
    weakest_card,
)
from quizapp.services.review import due_summary

from .access import signed_in_user

bp = Blueprint("flashcards", __name__)


class RatingForm(Form):
    """The rating buttons (each sends its own value) and the CSRF token."""

    rating = IntegerField("Rating", validators=[InputRequired(), NumberRange(min=1, max=4)])


def _bank(slug: str) -> LoadedBank:
    return catalogue().bank(slug) or abort(404, "No article has this address.")


def _card(loaded: LoadedBank, fact: str) -> Flashcard:
    found = card_of(signed_in_user(), loaded, catalogue().questions(loaded.slug), fact, utcnow())
    return found or abort(404, "This article has no flashcard for that fact.")


def _buttons(card: Flashcard) -> list[tuple[int, str, str]]:
    return [(int(r), r.name, interval_text(card.intervals[r])) for r in Rating]


def _ahead() -> bool:
    """Studying ahead (?ahead=1): cards that are not due yet, the likeliest forgotten first."""
    return request.args.get("ahead") == "1"


@bp.get("/flashcards/<slug>")
@login_required
def front(slug: str) -> str:
    """The next card's front: the most overdue fact, else one not met yet (else, studying
    ahead, the weakest one)."""
    loaded = _bank(slug)
    user, now = signed_in_user(), utcnow()
    questions = catalogue().questions(slug)
    card = next_card(user, loaded, questions, now)
    ahead = card is None and _ahead()
    if ahead:
        card = weakest_card(user, loaded, questions, now)
    summary = due_summary(user, now).get(slug)
    return render_template(
        "flashcards/card.html", loaded=loaded, card=card, back=False, ahead=ahead,
        next_due=summary.next_due if summary else None,
    )  # fmt: skip


@bp.get("/flashcards/<slug>/<fact>")
@login_required
def back(slug: str, fact: str) -> str:
    """The card turned over: answer, evidence in its paragraph, explanation, rating buttons."""
    loaded = _bank(slug)
    card = _card(loaded, fact)
    return render_template(
        "flashcards/card.html", loaded=loaded, card=card, back=True, asked=card.question,
        form=RatingForm(), buttons=_buttons(card), ahead=_ahead(),
    )  # fmt: skip


@bp.post("/flashcards/<slug>/<fact>")
@login_required
def rate_card(slug: str, fact: str) -> Response:
    """Record the student's own rating, then show the next card."""
    loaded = _bank(slug)
    card = _card(loaded, fact)
    form = RatingForm()
    if not form.validate_on_submit() or form.rating.data is None:
        abort(400, "Rate the card with one of its four buttons.")
    rating = Rating(form.rating.data)
    at = utcnow()  # one clock for the rating and the wait announced, as on the button
    memory = rate(signed_in_user(), loaded, card.fact, rating, at)
    db.session.commit()
    flash(f"{rating.name}: this card comes back in {interval_text(memory.due - at)}.", "info")
    if _ahead():
        return redirect(url_for("flashcards.front", slug=slug, ahead=1))
    return redirect(url_for("flashcards.front", slug=slug))
