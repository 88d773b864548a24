"""One form per section of a bank (actors, quotes, figures...), and the form for a section."""

from __future__ import annotations

import datetime as dt
from typing import Any

from wtforms import BooleanField, StringField

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

from .base import NUMBER_FIELDS, FactForm
from .fields import (
    AcceptsField,
    ActorsSelect,
    AmountsField,
    LinesField,
    PairsField,
    _actor,
    _area,
    _choice,
    _evidence_field,
    _extras,
    _id_field,
    _message_field,
    _text,
    shown_number,
)

ACTOR_KINDS = ("person", "country", "organisation", "media", "group")
QUESTION_KINDS = ("multiple_choice", "true_false", "numeric", "short_answer", "matching", "cloze")


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
    cloze_accepts = AcceptsField(
        "Other words that fill a blank (optional)",
        description="One blank per line, e.g. unconfirmed = unverified, unproven",
        render_kw={"rows": 2},
    )
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
