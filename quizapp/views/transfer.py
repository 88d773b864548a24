"""Banks in and out (teachers): the export menu and downloads, and the import form."""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response
from wtforms import Field

from quizapp.bank import BankError, BankInvalid
from quizapp.catalogue import catalogue, served_bank
from quizapp.extensions import db, limiter
from quizapp.forms import add_error
from quizapp.services import ServiceError
from quizapp.services.bank_imports import Source, Upload, import_bank
from quizapp.transfer import FORMATS, BankChanged
from quizapp.transfer.importers import suggest_slug
from quizapp.transfer_forms import ImportForm

from .access import signed_in_user, teacher_required, user_key

bp = Blueprint("transfer", __name__, url_prefix="/banks")
# Enough to read and fix, without a page of thousands of lines for a badly broken file.
SHOWN_PROBLEMS = 50


@bp.get("/<slug>/export")
@teacher_required
def menu(slug: str) -> str:
    """The formats a bank can be downloaded in."""
    loaded = served_bank(slug)
    count = len(catalogue().questions(slug))
    return render_template("transfer/menu.html", loaded=loaded, formats=FORMATS, count=count)


@bp.get("/<slug>/export/<name>")
@teacher_required
def download(slug: str, name: str) -> Response:
    """The bank in one format: a download, or a page to print."""
    loaded = served_bank(slug)
    found = FORMATS.get(name)
    if found is None:
        abort(404, "No export has this name.")
    stylesheet = url_for("static", filename="css/print.css")
    try:
        export = found.run(loaded, catalogue().questions(slug), stylesheet)
    except BankChanged:
        abort(409, "The bank changed a moment ago. Reload this page in a few seconds.")
    response = send_file(
        io.BytesIO(export.content),
        mimetype=export.mimetype,
        as_attachment=not found.printable,
        download_name=export.filename,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/import")
@teacher_required
def import_form() -> str:
    """The import form."""
    return render_template("transfer/import.html", form=ImportForm(), problems=[], more=0)


def _upload(form: ImportForm) -> Upload:
    upload: FileStorage = form.upload.data
    article: FileStorage | None = form.article.data or None
    source: Source = form.source.data  # one of the form's choices, validated
    return Upload(
        source=source,
        data=upload.read(),
        name=upload.filename or "upload",
        article_data=article.read() if article else None,
        article_name=(article.filename or "article.txt") if article else "",
        title=form.title.data or None,
    )


def _field_of(form: ImportForm, upload: Upload, problems: list[BankError]) -> Field:
    """The article field when every problem is in the article file, else the main file's."""
    if upload.article_name and all(e.path == upload.article_name for e in problems):
        return form.article
    return form.upload


@bp.post("/import")
@teacher_required
# Checking a large bank takes seconds of CPU: enough for real work, not for a flood.
@limiter.limit("10/minute;100/hour", methods=["POST"], key_func=user_key)
def import_post() -> tuple[str, int] | Response:
    """Check the uploaded file whole, and put it in service as a new bank."""
    form = ImportForm()
    problems: list[BankError] = []
    if form.validate_on_submit():
        upload = _upload(form)
        slug = form.slug.data or suggest_slug(upload.name)
        try:
            checked = import_bank(
                upload, slug, author=signed_in_user(), replace=bool(form.replace.data)
            )
        except BankInvalid as exc:
            problems = exc.errors
            count = len(problems)
            found = "1 problem" if count == 1 else f"{count} problems"
            message = f"Nothing was imported: {found}, listed below."
            add_error(_field_of(form, upload, problems), message)
        except ValueError as exc:
            add_error(form.slug, str(exc))
        except ServiceError as error:
            db.session.rollback()  # e.g. the files could not be written: keep no revision
            add_error(form[error.field or "upload"], error.message)
        else:
            db.session.commit()
            facts = len(checked.loaded.bank.facts())
            flash(f"Imported {checked.loaded.bank.title!r} as {checked.slug} ({facts} facts).",
                  "success")  # fmt: skip
            return redirect(url_for("transfer.menu", slug=checked.slug))
    page = render_template(
        "transfer/import.html", form=form, problems=problems[:SHOWN_PROBLEMS],
        more=max(0, len(problems) - SHOWN_PROBLEMS),
    )  # fmt: skip
    return page, 400
