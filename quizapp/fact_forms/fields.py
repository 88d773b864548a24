"""The fact forms' own field types, and the shared fields every form is made of."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from wtforms import (
    BooleanField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import ValidationError

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_AMOUNT = re.compile(r"^\s*(\S+)\s+(.+?)\s*$")


def number_or_text(text: str) -> float | int | str:
    """'200' -> 200, '2.5' -> 2.5; anything else stays text for the loader to explain."""
    cleaned = text.strip()
    if _NUMBER.match(cleaned):
        number = float(cleaned)
        return int(number) if number.is_integer() and "." not in cleaned else number
    return cleaned


def shown_number(value: object) -> str:
    """A number as a teacher typed it: 200, not 200.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


class LinesField(TextAreaField):
    """A list of short texts, one per line; blank lines are dropped."""

    data: list[str]

    def process_formdata(self, valuelist: list[Any]) -> None:
        if valuelist:
            self.data = [line.strip() for line in str(valuelist[0]).splitlines() if line.strip()]

    def process_data(self, value: Any) -> None:
        self.data = [str(item) for item in value] if isinstance(value, list) else []

    def _value(self) -> str:
        return "\n".join(self.data or [])


class AmountsField(LinesField):
    """Amounts in other units, one per line: `19 km`."""

    def process_data(self, value: Any) -> None:
        items = value if isinstance(value, list) else []
        self.data = [
            f"{shown_number(item.get('value'))} {item.get('unit', '')}".strip()
            for item in items
            if isinstance(item, dict)
        ]

    def pre_validate(self, form: Any) -> None:
        for line in self.data:
            if not _AMOUNT.match(line):
                raise ValidationError(
                    f"write each amount as a number and a unit, e.g. '19 km': {line}"
                )

    def fact_value(self) -> list[dict[str, Any]]:
        found = [_AMOUNT.match(line) for line in self.data]
        return [
            {"value": number_or_text(match.group(1)), "unit": match.group(2)}
            for match in found
            if match
        ]


class PairsField(LinesField):
    """Matching pairs, one per line: `left = right`."""

    def process_data(self, value: Any) -> None:
        items = value if isinstance(value, list) else []
        self.data = [
            f"{item.get('left', '')} = {item.get('right', '')}"
            for item in items
            if isinstance(item, dict)
        ]

    def pre_validate(self, form: Any) -> None:
        for line in self.data:
            if "=" not in line:
                raise ValidationError(f"write each pair as 'left = right': {line}")

    def fact_value(self) -> list[dict[str, str]]:
        pairs = [line.partition("=") for line in self.data if "=" in line]
        return [{"left": left.strip(), "right": right.strip()} for left, _, right in pairs]


class AcceptsField(LinesField):
    """Other words for a blank, one blank per line: `unconfirmed = unverified, unproven`."""

    def process_data(self, value: Any) -> None:
        items = value if isinstance(value, dict) else {}
        self.data = [f"{word} = {', '.join(map(str, others))}" for word, others in items.items()]

    def pre_validate(self, form: Any) -> None:
        for line in self.data:
            word, equals, others = line.partition("=")
            if not (word.strip() and equals and others.strip(", ")):
                raise ValidationError(f"write each line as 'word = other, other': {line}")

    def fact_value(self) -> dict[str, list[str]]:
        accepts: dict[str, list[str]] = {}
        for line in self.data:
            word, _, others = line.partition("=")
            found = [other.strip() for other in others.split(",") if other.strip()]
            accepts.setdefault(word.strip(), []).extend(found)
        return accepts


class ActorSelect(SelectField):
    """An actor id chosen from the bank's actors; a sent id the bank lacks goes to the loader."""

    def __init__(self, label: str, *, optional: bool = False, **kwargs: Any) -> None:
        # validate_choice=False: an unknown id is the loader's to report ("did you mean ...?").
        super().__init__(label, validate_choice=False, **kwargs)
        self.optional = optional


class ActorsSelect(SelectMultipleField):
    """Several actor ids chosen from the bank's actors."""


def _text(label: str, description: str = "") -> StringField:
    return StringField(label, description=description)


def _area(label: str, description: str = "") -> TextAreaField:
    return TextAreaField(label, description=description)


def _choice(label: str, choices: Iterable[str], *, blank: str | None = None) -> SelectField:
    options = ([SelectChoice("", blank)] if blank is not None else []) + [
        SelectChoice(choice, choice.replace("_", " ")) for choice in choices
    ]
    return SelectField(label, choices=options, validate_choice=False)


def _actor(label: str, *, optional: bool = False, description: str = "") -> ActorSelect:
    return ActorSelect(label, optional=optional, description=description)


def _id_field() -> StringField:
    return _text(
        "Id", "Lower-case letters, digits and dashes, unique in the bank, e.g. quist-crate."
    )


def _evidence_field(label: str = "Evidence") -> TextAreaField:
    return TextAreaField(
        label,
        description="The sentence of the article that proves it, copied from one paragraph. "
        "With JavaScript on, select it in the article and press “Use selected text”.",
        render_kw={"rows": 3, "data-evidence-field": "1"},
    )


def _extras() -> tuple[TextAreaField, TextAreaField, BooleanField, BooleanField]:
    return (
        _area("Explanation (optional)", "Why the answer is right, shown after answering."),
        _area(
            "Attribution (optional)", "The sentence saying who speaks, if the evidence does not."
        ),
        BooleanField("Only reported (unconfirmed) by the article"),
        BooleanField("Background knowledge (left out of quizzes by default)"),
    )


def _message_field() -> StringField:
    return StringField(
        "What you changed (optional)",
        description="Kept with the bank's revision, e.g. 'corrected the figure'.",
        render_kw={"maxlength": 300},
    )
