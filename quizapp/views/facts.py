"""The fact editor: a bank's facts beside its article; add, edit, preview and delete facts."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from quizapp.bank import LoadedBank
from quizapp.catalogue import catalogue, served_bank
from quizapp.extensions import db
from quizapp.fact_forms.base import DeleteForm, FactForm
from quizapp.fact_forms.new_bank import NewBankForm
from quizapp.fact_forms.sections import fact_form
from quizapp.forms import add_error
from quizapp.services.bank_revisions import RevisionConflict
from quizapp.services.fact_browser import (
    READING_SECTIONS,
    SECTIONS,
    SINGULAR,
    actor_uses,
    facility_by_fact,
    facility_by_question,
    fact_entries,
    section_of,
)
from quizapp.services.fact_drafts import Draft, current_draft, draft_with_fact, draft_without_fact
from quizapp.services.fact_saves import EditRefused, bank_source, resolve_base, save_draft
from quizapp.services.new_bank import create_bank

from .access import signed_in_user, teacher_required

bp = Blueprint("facts", __name__, url_prefix="/banks")


@bp.get("/<slug>")
@teacher_required
def bank(slug: str) -> str:
    """The article with its facts beside it, each with its questions and facility."""
    loaded = served_bank(slug)
    questions = catalogue().questions(slug)
    entries = fact_entries(loaded, questions, facility_by_fact(slug))
    return render_template(
        "facts/bank.html",
        loaded=loaded,
        entries=entries,
        sections=SECTIONS,
        reading_sections=READING_SECTIONS,
        singular=SINGULAR,
        total_questions=len(questions),
        # As the home and export pages count: the actors are listed here, but are no facts.
        fact_count=len(loaded.bank.facts()),
        actor_count=len(loaded.bank.actors),
    )


@bp.get("/<slug>/facts/new/<section>")
@teacher_required
def new(slug: str, section: str) -> str:
    """An empty form for a new fact of one kind."""
    loaded = served_bank(slug)
    _known(section)
    form = fact_form(
        section, base_revision=bank_source(loaded).base_number, base_digest=loaded.digest
    )
    return _edit_page(loaded, section, form, fact_id=None)


@bp.post("/<slug>/facts/new/<section>")
@teacher_required
def create(slug: str, section: str) -> str | Response | tuple[str, int]:
    """Preview or save a new fact."""
    loaded = served_bank(slug)
    _known(section)
    return _preview_or_save(loaded, section, fact_id=None)


@bp.get("/<slug>/facts/<fact_id>")
@teacher_required
def edit(slug: str, fact_id: str) -> str | Response:
    """The form of one fact, filled in, with the questions it builds now."""
    loaded = served_bank(slug)
    source = bank_source(loaded)
    found = source.fact(fact_id)
    if found is None:
        abort(404, "This bank has no fact with this id.")
    section, fact = found
    if section not in SECTIONS:  # reading-skill facts have no form yet: the raw YAML has them
        return redirect(url_for("banks.raw", slug=slug) + f"#fact-{fact_id}")
    form = fact_form(
        section, fact=fact, base_revision=source.base_number, base_digest=loaded.digest
    )
    draft = current_draft(loaded, catalogue().questions(slug), fact_id)
    return _edit_page(loaded, section, form, fact_id=fact_id, draft=draft)


@bp.post("/<slug>/facts/<fact_id>")
@teacher_required
def update(slug: str, fact_id: str) -> str | Response | tuple[str, int]:
    """Preview or save the changes to a fact."""
    loaded = served_bank(slug)
    section = section_of(loaded, fact_id) or abort(404, "This bank has no fact with this id.")
    return _preview_or_save(loaded, section, fact_id=fact_id)


@bp.get("/<slug>/facts/<fact_id>/delete")
@teacher_required
def confirm_delete(slug: str, fact_id: str) -> str:
    """Ask before deleting a fact; an actor that facts still use cannot be deleted."""
    loaded = served_bank(slug)
    section = section_of(loaded, fact_id) or abort(404, "This bank has no fact with this id.")
    base = {"base_revision": bank_source(loaded).base_number, "base_digest": loaded.digest}
    form = DeleteForm(formdata=None, data=base)
    return _delete_page(loaded, section, fact_id, form)


@bp.post("/<slug>/facts/<fact_id>/delete")
@teacher_required
def delete(slug: str, fact_id: str) -> str | Response | tuple[str, int]:
    """Delete a fact, unless facts still name it (for an actor)."""
    loaded = served_bank(slug)
    section = section_of(loaded, fact_id) or abort(404, "This bank has no fact with this id.")
    form = DeleteForm()
    if actor_uses(loaded).get(fact_id) or not form.validate_on_submit():
        return _delete_page(loaded, section, fact_id, form), 409
    base = resolve_base(slug, form.base_number(), form.base_digest.data)
    draft = draft_without_fact(bank_source(loaded, base), fact_id, catalogue().seed)
    try:
        save_draft(draft, author=signed_in_user(), base_number=base,
                   base_digest=form.base_digest.data, message=f"Deleted {fact_id}")  # fmt: skip
    except EditRefused as refused:
        db.session.rollback()
        return _delete_page(loaded, section, fact_id, form, refused.draft), 409
    except RevisionConflict as conflict:
        return _conflict(loaded, conflict)
    db.session.commit()
    flash(f"Deleted {fact_id}.", "success")
    return redirect(url_for("facts.bank", slug=slug) + f"#section-{section}")


@bp.get("/new")
@teacher_required
def new_bank() -> str:
    """The form for a new bank: its title, source, date and article text."""
    return render_template("facts/new_bank.html", form=NewBankForm(), errors=[])


@bp.post("/new")
@teacher_required
def create_new_bank() -> str | Response:
    """Create a bank from its header and article; facts are added afterwards."""
    form = NewBankForm()
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            slug = create_bank(form.header(), form.article_text(), author=signed_in_user())
        except EditRefused as refused:
            db.session.rollback()
            for name, messages in refused.draft.field_errors.items():
                for message in messages:
                    add_error(form._fields.get(name, form.title), message)
            errors = refused.draft.form_errors
            form.slug.data = refused.draft.slug
        else:
            db.session.commit()
            flash("The bank is in service. Add its facts below.", "success")
            return redirect(url_for("facts.bank", slug=slug))
    return render_template("facts/new_bank.html", form=form, errors=errors)


def _known(section: str) -> None:
    if section not in SECTIONS:
        abort(404, "No such kind of fact.")


def _preview_or_save(
    loaded: LoadedBank, section: str, fact_id: str | None
) -> str | Response | tuple[str, int]:
    """The form sent: check the fact as the loader would; save it unless Preview was pressed."""
    form = fact_form(section, formdata=request.form)
    form.set_actor_choices(_actors(loaded))
    live = request.headers.get("X-Preview") == "1"  # the editor's script, refreshing the preview
    if not form.validate_on_submit():
        if live:
            return _preview(loaded, None, form=form)
        return _edit_page(loaded, section, form, fact_id)
    base = resolve_base(loaded.slug, form.base_number(), form.base_digest.data)
    source = bank_source(loaded, base)
    draft = draft_with_fact(source, section, form.to_fact(), fact_id, catalogue().seed)
    if form.preview.data or not draft.valid:
        _give_errors(form, draft)
        if live:
            return _preview(loaded, draft, form=form)
        return _edit_page(loaded, section, form, fact_id, draft)
    done = f"{'Edited' if fact_id else 'Added'} {draft.fact_id}"
    try:
        save_draft(draft, author=signed_in_user(), base_number=base,
                   base_digest=form.base_digest.data,
                   message=form.revision_message(done))  # fmt: skip
    except EditRefused as refused:
        db.session.rollback()
        _give_errors(form, refused.draft)
        return _edit_page(loaded, section, form, fact_id, refused.draft)
    except RevisionConflict as conflict:
        return _conflict(loaded, conflict)
    db.session.commit()
    flash(f"Saved {draft.fact_id}.", "success")
    return redirect(url_for("facts.bank", slug=loaded.slug) + f"#fact-{draft.fact_id}")


def _give_errors(form: FactForm, draft: Draft) -> None:
    for name, messages in draft.field_errors.items():
        if name in form:
            for message in messages:
                add_error(form[name], message)
        else:
            draft.form_errors += messages


def _actors(loaded: LoadedBank) -> list[tuple[str, str, str]]:
    return [(actor.id, actor.name, actor.kind) for actor in loaded.bank.actors]


def _edit_page(
    loaded: LoadedBank, section: str, form: FactForm, fact_id: str | None,
    draft: Draft | None = None,
) -> str:  # fmt: skip
    form.set_actor_choices(_actors(loaded))
    action = (
        url_for("facts.update", slug=loaded.slug, fact_id=fact_id)
        if fact_id
        else url_for("facts.create", slug=loaded.slug, section=section)
    )
    return render_template(
        "facts/edit.html",
        loaded=loaded,
        section=section,
        singular=SINGULAR[section],
        form=form,
        fact_id=fact_id,
        action=action,
        errors=draft.form_errors if draft else [],
        datalists=_datalists(loaded, section),
        **_preview_context(loaded, draft),
    )


def _preview_context(
    loaded: LoadedBank, draft: Draft | None, form: FactForm | None = None
) -> dict[str, Any]:
    """What the preview partial shows: the draft's questions for the fact, with the key.

    Refreshed alone (`form` given), it lists the form's problems too: the fields that would
    show them are not redrawn.
    """
    questions = draft.built if draft else []
    problems = [
        f"{field.label.text}: {message}" for field in (form or []) for message in field.errors
    ] + (draft.form_errors if draft and form else [])
    return {
        "draft": draft,
        "questions": questions,
        "facility": facility_by_question(loaded.slug, [q.id for q in questions]),
        "problems": problems,
        "invalid_form": form is not None and draft is None,
    }


def _preview(loaded: LoadedBank, draft: Draft | None, form: FactForm) -> str:
    """The preview alone, for the editor's script."""
    return render_template("facts/_preview.html", **_preview_context(loaded, draft, form))


def _conflict(loaded: LoadedBank, conflict: RevisionConflict) -> tuple[str, int]:
    """Someone saved the same fact since this form was opened: both versions, nothing lost."""
    return render_template("banks/conflict.html", slug=loaded.slug, conflict=conflict), 409


def _datalists(loaded: LoadedBank, section: str) -> dict[str, list[str]]:
    """Values already used in the bank, offered while typing (stances' issues and positions)."""
    if section != "stances":
        return {}
    stances = loaded.bank.stances
    return {
        "issue": sorted({s.issue for s in stances}),
        "position": sorted({s.position for s in stances}),
    }


def _delete_page(
    loaded: LoadedBank, section: str, fact_id: str, form: Any, draft: Draft | None = None
) -> str:
    return render_template(
        "facts/delete.html",
        loaded=loaded,
        section=section,
        fact_id=fact_id,
        form=form,
        used_by=actor_uses(loaded).get(fact_id, []),
        errors=draft.form_errors if draft else [],
    )
