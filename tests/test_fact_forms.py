"""The fact forms: each kind of fact to a form and back to the dict the bank holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict

from quizapp.bank import load_bank
from quizapp.bank.schema import Bank
from quizapp.fact_forms.fields import number_or_text
from quizapp.fact_forms.sections import FACT_FORMS, fact_form
from quizapp.services.fact_browser import READING_SECTIONS
from tests.conftest import DATA, MINI_BANK

ACTORS = [("quist", "Mara Quist", "person"), ("norland", "Norland", "country")]


@pytest.fixture
def request_context(app: Flask) -> Iterator[None]:
    with app.test_request_context(method="POST"):
        yield


def mini_bank_facts() -> list[tuple[str, dict[str, Any]]]:
    """Every fact of the test bank, as plain data by section (as the bank document gives it)."""
    bank = load_bank(DATA / f"{MINI_BANK}.yaml").bank
    data = bank.model_dump(exclude_defaults=True)
    return [(section, fact) for section in FACT_FORMS for fact in data.get(section, [])]


def test_every_section_of_the_bank_has_a_form_for_its_model() -> None:
    sections = {name for name in Bank.model_fields if name not in ("title", "article")}
    sections -= {"source", "url", "published"}
    # Reading-skill facts (and the sections of paragraphs they refer to) are edited as YAML.
    sections -= {*READING_SECTIONS, "sections"}
    assert set(FACT_FORMS) == sections
    for section, form_class in FACT_FORMS.items():
        model = Bank.model_fields[section].annotation.__args__[0]  # type: ignore[union-attr]
        assert form_class.model is model


@pytest.mark.usefixtures("request_context")
@pytest.mark.parametrize(("section", "fact"), mini_bank_facts(), ids=lambda v: str(v)[:30])
def test_a_fact_shown_in_its_form_comes_back_unchanged(section: str, fact: dict[str, Any]) -> None:
    shown = fact_form(section, fact=fact)
    sent = MultiDict([(field.name, value) for field in shown for value in _sent_values(field)])
    assert fact_form(section, formdata=sent).to_fact() == fact


def _sent_values(field: Any) -> list[str]:
    """What a browser sends for a field as the page showed it."""
    if field.type in ("SubmitField", "CSRFTokenField"):
        return []
    if field.type == "BooleanField":
        return ["y"] if field.data else []
    if field.type == "ActorsSelect":
        return list(field.data or [])
    if field.type in ("SelectField", "ActorSelect"):
        return [field.data or ""]
    return [field._value()]


@pytest.mark.usefixtures("request_context")
def test_a_figure_form_gives_numbers_amounts_and_leaves_out_empty_fields() -> None:
    sent = MultiDict(
        {
            "id": " queue ",
            "value": "12",
            "unit": "miles",
            "measures": "the length of the queue",
            "qualifier": "around",
            "value_max": "",
            "alternatives": "19 km\n\n 30.5 furlongs ",
            "source": "",
            "tolerance": "0.5",
            "evidence": "Orbis estimated the queue at around 12 miles (19km) long.",
            "reported": "y",
        }
    )
    fact = fact_form("figures", formdata=sent).to_fact()
    assert fact == {
        "id": "queue",
        "value": 12,
        "unit": "miles",
        "measures": "the length of the queue",
        "qualifier": "around",
        "alternatives": [{"value": 19, "unit": "km"}, {"value": 30.5, "unit": "furlongs"}],
        "tolerance": 0.5,
        "evidence": "Orbis estimated the queue at around 12 miles (19km) long.",
        "reported": True,
    }


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("200", 200),
        ("-3", -3),
        ("2.50", 2.5),
        ("0", 0),
        ("12,000", "12,000"),
        ("about 40", "about 40"),
    ],
)
def test_numbers_are_read_only_when_plain(typed: str, kept: object) -> None:
    assert number_or_text(typed) == kept
    assert type(number_or_text(typed)) is type(kept)


@pytest.mark.usefixtures("request_context")
def test_a_figure_of_zero_keeps_its_value() -> None:
    fact = fact_form("figures", formdata=MultiDict({"value": "0"})).to_fact()
    assert fact["value"] == 0


@pytest.mark.usefixtures("request_context")
def test_an_unknown_actor_id_is_left_for_the_loader_to_explain() -> None:
    form = fact_form("quotes", formdata=MultiDict({"speaker": "quis", "id": "q"}))
    form.set_actor_choices(ACTORS)
    assert form.validate() is False  # the CSRF token is missing here...
    assert form.speaker.errors == []  # ...but the unknown speaker is not the form's to refuse
    assert form.to_fact()["speaker"] == "quis"


@pytest.mark.usefixtures("request_context")
def test_actor_choices_come_from_the_bank_and_countries_only_where_a_country_goes() -> None:
    form = fact_form("actors")
    form.set_actor_choices(ACTORS)
    assert [c[0] for c in form.part_of.iter_choices()] == ["quist", "norland"]
    assert [c[0] for c in form.country.iter_choices()] == ["", "norland"]
    quote = fact_form("quotes")
    quote.set_actor_choices(ACTORS)
    assert [c[0] for c in quote.speaker.iter_choices()] == ["quist", "norland"]  # required


@pytest.mark.usefixtures("request_context")
@pytest.mark.parametrize(
    ("section", "field", "typed", "message"),
    [
        ("figures", "alternatives", "19km", "a number and a unit"),
        ("questions", "pairs", "Bellport Port Alba", "'left = right'"),
        ("statements", "cloze_accepts", "ships vessels", "'word = other, other'"),
        ("statements", "cloze_accepts", "ships = ,", "'word = other, other'"),
    ],
)
def test_lines_the_form_cannot_read_are_refused_at_their_field(
    section: str, field: str, typed: str, message: str
) -> None:
    form = fact_form(section, formdata=MultiDict({field: typed}))
    form.validate()
    assert message in " ".join(form[field].errors)


@pytest.mark.usefixtures("request_context")
def test_other_words_for_a_blank_are_read_a_blank_per_line() -> None:
    typed = "ships = vessels, boats\nships = craft\n\nwages = pay"
    fact = fact_form("statements", formdata=MultiDict({"cloze_accepts": typed})).to_fact()
    assert fact["cloze_accepts"] == {"ships": ["vessels", "boats", "craft"], "wages": ["pay"]}
    assert "cloze_accepts" not in fact_form("statements", formdata=MultiDict({})).to_fact()


@pytest.mark.usefixtures("request_context")
def test_an_event_date_is_a_date_when_it_reads_as_one() -> None:
    good = fact_form("events", formdata=MultiDict({"date": "2024-05-01"})).to_fact()
    assert good["date"] == dt.date(2024, 5, 1)
    bad = fact_form("events", formdata=MultiDict({"date": "1st May"})).to_fact()
    assert bad["date"] == "1st May"


@pytest.mark.usefixtures("request_context")
def test_the_form_carries_the_revision_it_was_based_on() -> None:
    form = fact_form("places", fact={"id": "bellport"}, base_revision=7)
    assert form.base_revision.data == "7"
    assert "base_revision" not in form.to_fact()


@pytest.mark.usefixtures("request_context")
def test_values_equal_to_the_formats_defaults_are_left_out() -> None:
    sent = MultiDict({"id": "q", "kind": "short_answer", "level": "recognition", "tolerance": "0"})
    fact = fact_form("questions", formdata=sent).to_fact()
    assert fact == {"id": "q", "kind": "short_answer"}
