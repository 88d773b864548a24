"""Teachers' pages about whole banks: the list with errors, raw YAML, revisions, diffs, regrade."""

from __future__ import annotations

from itertools import pairwise

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from quizapp.bank import BankInvalid
from quizapp.bank.diff import diff_banks, shown, version_text
from quizapp.bank.outline import marked_lines
from quizapp.catalogue import catalogue
from quizapp.extensions import db, limiter
from quizapp.fact_forms.base import revision_number
from quizapp.forms import EmptyForm, Form
from quizapp.services import ServiceError
from quizapp.services.bank_pages import BankSource, bank_overview, bank_source, error_listing
from quizapp.services.bank_revisions import (
    MAX_MESSAGE,
    RevisionConflict,
    UnsafeSlug,
    restore_revision,
    revision,
    revisions,
    safe_slug,
    save_revision,
)
from quizapp.services.regrade import regrade, regrade_plan, regrades_of

from .access import signed_in_user, teacher_required, user_key

bp = Blueprint("banks", __name__, url_prefix="/banks")
bp.add_app_template_filter(version_text)
bp.add_app_template_filter(shown, "shown")


class RawYamlForm(Form):
    """The whole bank as text, saved as one revision."""

    yaml_text = TextAreaField("The bank's YAML", validators=[Length(max=1_000_000)])
    article_text = TextAreaField(
        "The article text (its file)",
        validators=[Length(max=1_000_000)],
        description="The bank names an article file: this is that file's text.",
    )
    message = StringField(
        "What you changed (optional)", validators=[Optional(), Length(max=MAX_MESSAGE)]
    )
    base_number = HiddenField()


def _slug(slug: str) -> str:
    """The slug if it is a bank name; 404 for anything that could be a path."""
    try:
        return safe_slug(slug)
    except UnsafeSlug:
        abort(404, "No bank has this name.")


def _source(slug: str) -> BankSource:
    found = bank_source(_slug(slug))
    if found is None:
        abort(404, "No bank has this name.")
    return found


@bp.get("")
@teacher_required
def index() -> str:
    """The banks in service (revision, last change) and those with errors, each located."""
    return render_template(
        "banks/index.html", banks=bank_overview(), broken=error_listing(catalogue().errors())
    )


@bp.get("/<slug>/yaml")
@teacher_required
def raw(slug: str) -> str:
    """The latest revision's YAML (and article file) in text boxes."""
    source = _source(slug)
    form = RawYamlForm(
        formdata=None,
        yaml_text=source.yaml_text,
        article_text=source.article_text,
        base_number=source.number or "",
    )
    return render_template("banks/raw.html", slug=source.slug, source=source, form=form)


@bp.post("/<slug>/yaml")
@teacher_required
# A whole bank is parsed on each save (seconds for a large one): a brake on a script that
# would keep the workers busy, generous for a teacher.
@limiter.limit("20/minute;200/hour", methods=["POST"], key_func=user_key)
def save_raw(slug: str) -> str | Response | tuple[str, int]:
    """Save the text as a new revision, or show why not with nothing lost."""
    source = _source(slug)
    form = RawYamlForm()
    if not form.validate_on_submit():
        return render_template("banks/raw.html", slug=source.slug, source=source, form=form), 400
    base = form.base_number.data
    try:
        saved = save_revision(
            slug=source.slug,
            yaml_text=form.yaml_text.data or "",
            article_text=form.article_text.data or "",
            author=signed_in_user(),
            message=form.message.data or "",
            base_number=revision_number(base),
        )
    except BankInvalid as exc:
        db.session.rollback()
        page = render_template(
            "banks/raw.html", slug=source.slug, source=source, form=form, errors=exc.errors,
            listing=marked_lines(form.yaml_text.data or "", exc.errors),
        )  # fmt: skip
        return page, 422
    except RevisionConflict as exc:
        db.session.rollback()
        return render_template("banks/conflict.html", slug=source.slug, conflict=exc), 409
    except ServiceError as exc:  # the folder cannot be written, a save race lost...
        db.session.rollback()
        page = render_template(
            "banks/raw.html", slug=source.slug, source=source, form=form, problem=exc.message
        )
        return page, 409
    db.session.commit()
    flash(f"Saved as revision {saved.number}.", "success")
    return redirect(url_for("banks.regrade_page", slug=source.slug))


@bp.get("/<slug>/revisions")
@teacher_required
def history(slug: str) -> str:
    """Every revision: who, when, why, which facts; pick two to compare or one to restore."""
    source = _source(slug)
    found = revisions(source.slug)
    changes = {}
    for newer, older in pairwise(found):
        changes[newer.number] = diff_banks(
            older.yaml_text, older.article_text, newer.yaml_text, newer.article_text
        )
    return render_template(
        "banks/revisions.html", slug=source.slug, source=source, revisions=found, changes=changes
    )


@bp.get("/<slug>/compare")
@teacher_required
def compare(slug: str) -> Response:
    """The compare form's choice (?from=&to=) as the diff's own address."""
    source = _source(slug)
    a, b = request.args.get("from", type=int), request.args.get("to", type=int)
    if a is None or b is None:
        abort(400, "Choose two revisions to compare.")
    return redirect(url_for("banks.diff", slug=source.slug, a=a, b=b))


@bp.get("/<slug>/revisions/<int:a>/<int:b>")
@teacher_required
def diff(slug: str, a: int, b: int) -> str:
    """What changed from revision a to revision b, fact by fact."""
    source = _source(slug)
    before, after = revision(source.slug, a), revision(source.slug, b)
    if before is None or after is None:
        abort(404, "This bank has no such revision.")
    changes = diff_banks(before.yaml_text, before.article_text, after.yaml_text, after.article_text)
    return render_template(
        "banks/diff.html", slug=source.slug, source=source, before=before, after=after,
        changes=changes,
    )  # fmt: skip


@bp.get("/<slug>/revisions/<int:number>/restore")
@teacher_required
def confirm_restore(slug: str, number: int) -> str:
    """Ask before making an old revision the newest again."""
    source = _source(slug)
    old = revision(source.slug, number)
    if old is None:
        abort(404, "This bank has no such revision.")
    latest = source.number or old.number
    changes = diff_banks(source.yaml_text, source.article_text, old.yaml_text, old.article_text)
    return render_template(
        "banks/restore.html", slug=source.slug, source=source, old=old, latest=latest,
        changes=changes, form=EmptyForm(),
    )  # fmt: skip


@bp.post("/<slug>/revisions/<int:number>/restore")
@teacher_required
def restore(slug: str, number: int) -> Response | tuple[str, int]:
    """Restore the revision as a new one (checked like any save)."""
    source = _source(slug)
    if not EmptyForm().validate_on_submit():
        abort(400, "The form expired; please try again.")
    try:
        saved = restore_revision(source.slug, number, signed_in_user())
    except BankInvalid as exc:
        db.session.rollback()
        flash(f"Revision {number} no longer passes the checks: {exc.errors[0]}", "error")
        return redirect(url_for("banks.history", slug=source.slug))
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("banks.history", slug=source.slug))
    db.session.commit()
    flash(f"Revision {number} restored as revision {saved.number}.", "success")
    return redirect(url_for("banks.regrade_page", slug=source.slug))


@bp.get("/<slug>/regrade")
@teacher_required
def regrade_page(slug: str) -> str:
    """How many past responses were graded against a key the bank no longer has."""
    source = _source(slug)
    plan = regrade_plan(source.slug, catalogue().questions(source.slug))
    return render_template(
        "banks/regrade.html", slug=source.slug, source=source, plan=plan, form=EmptyForm(),
        done=regrades_of(source.slug),
    )  # fmt: skip


@bp.post("/<slug>/regrade")
@teacher_required
def do_regrade(slug: str) -> Response:
    """Grade the affected responses again against today's questions."""
    source = _source(slug)
    if not EmptyForm().validate_on_submit():
        abort(400, "The form expired; please try again.")
    done = regrade(
        source.slug, catalogue().questions(source.slug), signed_in_user(), source.number or 0
    )
    db.session.commit()
    flash(
        f"Regraded {done.responses_checked} responses: {done.responses_changed} changed.",
        "success",
    )
    return redirect(url_for("banks.regrade_page", slug=source.slug))
