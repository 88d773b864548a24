"""The home page (banks, and a dashboard once signed in) and the article pages."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from quizapp.catalogue import catalogue
from quizapp.models import utcnow
from quizapp.services.classes import classrooms_of
from quizapp.services.quiz import start_limits
from quizapp.services.review_session import bank_reviews
from quizapp.services.scores import assignment_results, attempts_of, result_of

from .access import signed_in_user

bp = Blueprint("main", __name__)


@bp.get("/")
def index() -> str:
    """The banks, and for a signed-in user their unfinished attempts and classes."""
    banks = catalogue().banks()
    if not current_user.is_authenticated:
        return render_template("main/index.html", banks=banks)
    user = signed_in_user()
    classrooms = classrooms_of(user)
    set_for_student = [] if user.is_teacher else [a for c in classrooms for a in c.assignments]
    return render_template(
        "main/dashboard.html",
        banks=banks,
        unfinished=[result_of(a) for a in attempts_of(user, finished=False)],
        assignment_results=assignment_results(user),
        classrooms=classrooms,
        start_refusals=start_limits(user, set_for_student),
        bank_errors=catalogue().errors() if user.is_teacher else {},
        reviews=bank_reviews(user, banks, utcnow()),
    )


@bp.get("/articles/<slug>")
def article(slug: str) -> str:
    """The article's text with numbered, linkable paragraphs."""
    loaded = catalogue().bank(slug)
    if loaded is None:
        abort(404, "No article has this address.")
    highlight = request.args.get("p", type=int)
    return render_template("main/article.html", loaded=loaded, highlight=highlight)
