"""What every fact form has (base revision, Preview, Save), and the form to delete a fact."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from pydantic import BaseModel
from pydantic_core import PydanticUndefined
from wtforms import BooleanField, Field, HiddenField, SelectChoice, SubmitField

from quizapp.forms import Form

from .fields import (
    AcceptsField,
    ActorSelect,
    ActorsSelect,
    AmountsField,
    LinesField,
    PairsField,
    number_or_text,
)


class FactForm(Form):
    """What every fact form has: the revision it was based on, Preview and Save."""

    section: ClassVar[str]
    model: ClassVar[type[BaseModel]]

    base_revision = HiddenField()
    # The served bank's digest when the form was opened: names the base when the bank had no
    # revision yet (the revision recorded from that same file is found by it).
    base_digest = HiddenField()
    preview = SubmitField("Preview")
    submit = SubmitField("Save")

    def base_number(self) -> int | None:
        """The revision the form was based on (None: the bank had no revision yet)."""
        return revision_number(self.base_revision.data)

    def fact_fields(self) -> list[Field]:
        """The fields that are keys of the fact, in form order."""
        return [field for field in self if field.name in self.model.model_fields]

    def to_fact(self) -> dict[str, Any]:
        """The fact as the bank would hold it; empty fields are left out."""
        fact: dict[str, Any] = {}
        for field in self.fact_fields():
            value = _fact_value(field)
            default = self.model.model_fields[field.name].default
            if value is None or value is False or value in ("", [], {}):
                continue
            if default is not PydanticUndefined and default is not None and value == default:
                continue  # as the bank format's default: left out, as a teacher writes a file
            fact[field.name] = value
        return fact

    def revision_message(self, fallback: str) -> str:
        """What the teacher said they changed, or a plain account of the save."""
        typed = self.message.data if "message" in self._fields else ""
        return (typed or "").strip() or fallback

    def set_actor_choices(self, actors: list[tuple[str, str, str]]) -> None:
        """Fill every actor choice from the bank: (id, name, kind) triples."""
        for field in self:
            if isinstance(field, ActorSelect | ActorsSelect):
                wanted = actors
                if field.name == "country":
                    wanted = [actor for actor in actors if actor[2] == "country"]
                options = [
                    SelectChoice(actor_id, f"{name} ({actor_id})") for actor_id, name, _ in wanted
                ]
                if isinstance(field, ActorSelect) and field.optional:
                    options.insert(0, SelectChoice("", "—"))
                field.choices = options


def _fact_value(field: Field) -> Any:
    if isinstance(field, AmountsField | PairsField | AcceptsField):
        return field.fact_value()
    if isinstance(field, LinesField | ActorsSelect):
        return list(field.data or [])
    if isinstance(field, BooleanField):
        return bool(field.data)
    text = (field.data or "").strip() if isinstance(field.data, str) else field.data
    if field.name in NUMBER_FIELDS and isinstance(text, str) and text:
        return number_or_text(text)
    if field.name == "date" and isinstance(text, str) and text:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # the loader says what a date looks like
    return text


NUMBER_FIELDS = frozenset({"value", "value_max", "tolerance"})


def revision_number(text: object) -> int | None:
    """A revision number sent back by a form, or None ('²' is a digit to str.isdigit)."""
    if isinstance(text, str) and text.isascii() and text.isdecimal() and len(text) < 10:
        return int(text)
    return None


class DeleteForm(Form):
    """Delete one fact, based on the revision shown."""

    base_revision = HiddenField()
    base_digest = HiddenField()
    submit = SubmitField("Delete")

    def base_number(self) -> int | None:
        return revision_number(self.base_revision.data)
