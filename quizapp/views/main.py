"""The home page (banks, and a dashboard once signed in) and the article pages."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, abort, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from quizapp.catalogue import catalogue
from quizapp.models import Attempt, Classroom, User, utcnow
from quizapp.services.classes import classrooms_of
from quizapp.services.quiz import start_limits
from quizapp.services.review_session import bank_reviews
from quizapp.services.scores import assignment_results, attempts_of, results_of

from .access import signed_in_user

bp = Blueprint("main", __name__)
# A question page of an attempt, e.g. /attempts/12/q/3 (no leading zeros, as url_for writes it).
_QUESTION_PATH = re.compile(r"/attempts/([1-9][0-9]{0,17})/q/([1-9][0-9]{0,17})")


@bp.get("/")
def index() -> str:
    """The banks, and for a signed-in user their unfinished attempts and classes."""
    banks = catalogue().banks()
    if not current_user.is_authenticated:
        return render_template("main/index.html", banks=banks)
    user = signed_in_user()
    classrooms = classrooms_of(user)
    unfinished = attempts_of(user, finished=False)
    return render_template(
        "main/dashboard.html",
        banks=banks,
        unfinished=results_of(unfinished),
        classrooms=classrooms,
        **set_quizzes(user, classrooms, unfinished),
        bank_errors=catalogue().errors() if user.is_teacher else {},
        reviews=bank_reviews(user, banks, utcnow()),
    )


def set_quizzes(
    user: User, classrooms: list[Classroom], unfinished: list[Attempt] | None = None
) -> dict[str, Any]:
    """What _partials/set_quizzes.html needs to list a student's classes' quizzes."""
    if unfinished is None:
        unfinished = attempts_of(user, finished=False)
    set_for_student = [] if user.is_teacher else [a for c in classrooms for a in c.assignments]
    return {
        "assignment_results": assignment_results(user),
        "start_refusals": start_limits(user, set_for_student),
        "under_way": {a.assignment_id for a in unfinished if a.assignment_id is not None},
    }


@bp.get("/articles/<slug>")
def article(slug: str) -> str:
    """The article's text with numbered, linkable paragraphs."""
    loaded = catalogue().bank(slug)
    if loaded is None:
        abort(404, "No article has this address.")
    highlight = request.args.get("p", type=int)
    return render_template(
        "main/article.html", loaded=loaded, highlight=highlight, back=_question_page(request.args)
    )


def _question_page(args: MultiDict[str, str]) -> str | None:
    """The quiz question `?back=` names, rebuilt from its numbers: never an open redirect."""
    found = _QUESTION_PATH.fullmatch(args.get("back", "").removeprefix(request.script_root))
    if found is None:
        return None
    attempt_id, position = (int(number) for number in found.groups())
    return url_for("quiz.question", attempt_id=attempt_id, position=position)
