"""One WTForms form per kind of fact, and the fact dict each one stands for.

The forms check only what the form itself encodes (one amount per line, "left = right"
pairs). Everything a bank must satisfy is left to the loader, so that a fact saved from the
browser passes exactly the checks of a fact written in a file: the view puts `to_fact()` into
the bank and maps the loader's errors back to these fields (services.fact_edits).
Field names are the bank's keys.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, ClassVar

from pydantic import BaseModel
from pydantic_core import PydanticUndefined
from slugify import slugify
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import ValidationError

from quizapp.bank import TOPICS
from quizapp.bank.qualifiers import QUALIFIERS
from quizapp.bank.schema import (
    Actor,
    Event,
    Figure,
    HandQuestion,
    Place,
    Quote,
    Stance,
    Statement,
)
from quizapp.forms import Form, name_field

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_AMOUNT = re.compile(r"^\s*(\S+)\s+(.+?)\s*$")
ACTOR_KINDS = ("person", "country", "organisation", "media", "group")
QUESTION_KINDS = ("multiple_choice", "true_false", "numeric", "short_answer", "matching", "cloze")


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
        return _revision_number(self.base_revision.data)

    def fact_fields(self) -> list[Field]:
        """The fields that are keys of the fact, in form order."""
        return [field for field in self if field.name in self.model.model_fields]

    def to_fact(self) -> dict[str, Any]:
        """The fact as the bank would hold it; empty fields are left out."""
        fact: dict[str, Any] = {}
        for field in self.fact_fields():
            value = _fact_value(field)
            default = self.model.model_fields[field.name].default
            if value is None or value is False or value in ("", []):
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
    if isinstance(field, AmountsField | PairsField):
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


class ActorForm(FactForm):
    section, model = "actors", Actor
    id = _id_field()
    name = _text("Name", "As the article first names them, e.g. Mara Quist.")
    kind = _choice("Kind", ACTOR_KINDS)
    role = _text("Role (optional)", "e.g. the union leader")
    country = _actor("Country (optional)", optional=True)
    aliases = LinesField("Other names in the article (one per line)", render_kw={"rows": 2})
    part_of = ActorsSelect(
        "Part of (optional)",
        validate_choice=False,
        description="Actors this one belongs to or speaks for.",
    )
    evidence = _evidence_field("Evidence (optional: a sentence naming the actor and role)")
    message = _message_field()


class QuoteForm(FactForm):
    section, model = "quotes", Quote
    id = _id_field()
    speaker = _actor("Speaker")
    words = _area("Words", "The quoted words, exactly as in the article.")
    how = _text("How (optional)", "e.g. tweet, interview, statement")
    to = _text("To whom (optional)", "e.g. reporters")
    cloze = LinesField("Words to blank out (one per line)", render_kw={"rows": 2})
    evidence = _evidence_field()
    explanation, attribution, reported, background = _extras()
    message = _message_field()


class FigureForm(FactForm):
    section, model = "figures", Figure
    id = _id_field()
    value = _text("Value", "The number, e.g. 3000 or 3,000.")
    unit = _text("Unit", "e.g. miles, ships, people")
    measures = _text("What it measures", "Follows 'What was ...', e.g. 'the length of the queue'.")
    qualifier = _choice("Qualifier (optional)", QUALIFIERS, blank="none")
    value_max = _text("Upper end of a range (optional)")
    alternatives = AmountsField(
        "The same amount in other units (one per line, e.g. 19 km)", render_kw={"rows": 2}
    )
    source = _actor("Source (optional)", optional=True)
    written = _text(
        "Written as (optional)", "When the article writes it neither in digits nor words."
    )
    tolerance = _text("Tolerance (optional)", "How far a typed answer may be off, in the unit.")
    evidence = _evidence_field()
    explanation, attribution, reported, background = _extras()
    message = _message_field()


class StanceForm(FactForm):
    section, model = "stances", Stance
    id = _id_field()
    actor = _actor("Actor")
    issue = StringField(
        "Issue", description="e.g. the dock strike", render_kw={"list": "issue-values"}
    )
    position = StringField(
        "Position",
        description="A short label, e.g. for, against.",
        render_kw={"list": "position-values"},
    )
    summary = _area("Summary", "The stance as one plain sentence, without the actor's name.")
    words = _area("The actor's own words (optional)")
    evidence = _evidence_field()
    explanation, attribution, reported, background = _extras()
    message = _message_field()


class PlaceForm(FactForm):
    section, model = "places", Place
    id = _id_field()
    name = _text("Name")
    description = _text("Description", "What the article says it is, without its name.")
    country = _actor("Country (optional)", optional=True)
    aliases = LinesField("Other accepted names (one per line)", render_kw={"rows": 2})
    evidence = _evidence_field()
    explanation, attribution, reported, background = _extras()
    message = _message_field()


class EventForm(FactForm):
    section, model = "events", Event
    id = _id_field()
    what = _text("What happened", "e.g. the strike began")
    when = _text("When (optional, as written)", "e.g. 1 May")
    date = _text("Date (optional)", "e.g. 2024-05-01")
    where = _text("Where (optional)")
    actors = ActorsSelect("Actors (optional)", validate_choice=False)
    planned = BooleanField("A plan or aim, not something that happened")
    evidence = _evidence_field()
    explanation, attribution, reported, background = _extras()
    message = _message_field()


class StatementForm(FactForm):
    section, model = "statements", Statement
    id = _id_field()
    topic = _choice("Topic", TOPICS)
    text = _area("Text", "The fact as one true sentence.")
    false_variants = LinesField("False versions (one per line)", render_kw={"rows": 3})
    cloze = LinesField("Words to blank out (one per line)", render_kw={"rows": 2})
    evidence = _evidence_field()
    explanation, attribution, reported, background = _extras()
    message = _message_field()


class HandQuestionForm(FactForm):
    section, model = "questions", HandQuestion
    id = _id_field()
    kind = _choice("Kind", QUESTION_KINDS)
    topic = _choice("Topic", TOPICS)
    prompt = _area("Prompt")
    level = _choice("Level", ("recognition", "recall"))
    choices = LinesField("Choices (one per line)", render_kw={"rows": 4})
    answer = _text("Answer", "For true/false: True or False.")
    accepted = LinesField("Other accepted answers (one per line)", render_kw={"rows": 2})
    unit = _text("Unit (numeric questions)")
    tolerance = _text("Tolerance (numeric questions)")
    pairs = PairsField("Pairs for matching (one per line: left = right)", render_kw={"rows": 3})
    evidence = _evidence_field()
    explanation, attribution, reported, background = _extras()
    message = _message_field()


FACT_FORMS: dict[str, type[FactForm]] = {
    form.section: form
    for form in (
        ActorForm,
        QuoteForm,
        FigureForm,
        StanceForm,
        PlaceForm,
        EventForm,
        StatementForm,
        HandQuestionForm,
    )
}


def form_data(fact: dict[str, Any]) -> dict[str, Any]:
    """A fact dict as the form's initial data (numbers shown as typed, dates as ISO)."""
    data = dict(fact)
    for key in NUMBER_FIELDS & data.keys():
        data[key] = shown_number(data[key])
    if isinstance(data.get("date"), dt.date):
        data["date"] = data["date"].isoformat()
    return data


def fact_form(
    section: str,
    *,
    fact: dict[str, Any] | None = None,
    formdata: Any = None,
    base_revision: int | None = None,
    base_digest: str = "",
) -> FactForm:
    """The section's form, from a fact (to edit), the request (when sent), or empty (to add)."""
    form_class = FACT_FORMS[section]
    data = form_data(fact or {})
    data["base_revision"] = "" if base_revision is None else str(base_revision)
    data["base_digest"] = base_digest
    if formdata is not None:
        return form_class(formdata=formdata, data=data)
    return form_class(formdata=None, data=data)


class NewBankForm(Form):
    """A new bank: its header and the article text; facts are added afterwards."""

    title = name_field("Title", max=300, message="Give the article's title.")
    slug = StringField(
        "Address (slug)",
        description="Lower-case letters, digits and dashes; proposed from the title if left empty.",
    )
    source = _text("Source (optional)", "Publisher, e.g. The Example Times")
    published = _text("Published (optional)", "e.g. 2024-05-02")
    article = TextAreaField(
        "Article text",
        description="Paste the whole article; leave a blank line between paragraphs.",
        render_kw={"rows": 14},
    )
    submit = SubmitField("Create bank")

    def validate_article(self, field: Field) -> None:
        if not (field.data or "").strip():
            raise ValidationError("Paste the article's text.")

    def header(self) -> dict[str, Any]:
        """The bank's header fields as typed; the slug is proposed from the title if empty."""
        published = (self.published.data or "").strip()
        header: dict[str, Any] = {
            "slug": (self.slug.data or "").strip() or propose_slug(self.title.data or ""),
            "title": self.title.data or "",
            "source": (self.source.data or "").strip() or None,
            "published": None,
        }
        if published:
            try:
                header["published"] = dt.date.fromisoformat(published)
            except ValueError:
                header["published"] = published  # the loader says what a date looks like
        return header

    def article_text(self) -> str:
        """The pasted article with its paragraphs (blank lines) kept, ending in a newline."""
        text = (self.article.data or "").replace("\r\n", "\n").replace("\r", "\n")
        return text.strip() + "\n"


def propose_slug(title: str) -> str:
    """A bank's address from its title: 'Dock workers strike!' -> 'dock-workers-strike'."""
    return slugify(title, max_length=60, word_boundary=True)


def _revision_number(text: object) -> int | None:
    return int(text) if isinstance(text, str) and text.isdigit() and len(text) < 10 else None


class DeleteForm(Form):
    """Delete one fact, based on the revision shown."""

    base_revision = HiddenField()
    base_digest = HiddenField()
    submit = SubmitField("Delete")

    def base_number(self) -> int | None:
        return _revision_number(self.base_revision.data)
