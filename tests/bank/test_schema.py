"""The bank models and their JSON Schema (published for editors in docs/bank-schema.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from quizapp.bank import TOPICS, Bank, load_bank
from quizapp.bank.ideas import IDEA_MODELS
from quizapp.bank.schema import ArticleSource, HandQuestion, Quote
from tests.bank.conftest import HARBOUR
from tests.conftest import SEED_BANK

PUBLISHED = Path(__file__).parent.parent.parent / "docs" / "bank-schema.json"
SECTIONS = ["actors", "quotes", "figures", "stances", "places", "events", "statements"]


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def test_the_json_schema_is_json_with_every_section() -> None:
    schema = json.loads(json.dumps(Bank.model_json_schema()))
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"title", "article"}
    assert {*SECTIONS, "questions", "title", "article"} <= set(schema["properties"])
    for section in [*SECTIONS, "questions"]:
        assert schema["properties"][section]["type"] == "array"


def test_every_schema_reference_resolves_and_every_model_is_closed() -> None:
    schema = Bank.model_json_schema()
    definitions = schema["$defs"]
    for ref in _refs(schema):
        assert ref.startswith("#/$defs/")
        assert ref.removeprefix("#/$defs/") in definitions
    for name, definition in definitions.items():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False, name


def test_the_published_schema_is_up_to_date() -> None:
    published = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    published.pop("$schema", None)
    published.pop("title", None)
    current = Bank.model_json_schema()
    current.pop("title", None)
    assert published == current, "regenerate it: quizapp bank schema > docs/bank-schema.json"


def _fields(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


def test_the_schema_lists_each_models_fields() -> None:
    definitions = Bank.model_json_schema()["$defs"]
    assert set(definitions["Quote"]["properties"]) == _fields(Quote)
    assert set(definitions["HandQuestion"]["properties"]) == _fields(HandQuestion)


def test_the_test_bank_uses_every_section() -> None:
    bank = load_bank(HARBOUR).bank
    assert all(getattr(bank, section) for section in [*SECTIONS, "questions"])
    assert [fact.id for fact in bank.facts()][:3] == [
        "quist-crate",
        "vell-disaster",
        "ships-waiting",
    ]
    assert bank.actor("vell").aliases == ["Mr Vell"]
    assert TOPICS == ("quotes", "figures", "stances", "places", "events", "ideas")


def test_the_seed_bank_uses_every_section_beyond_recall() -> None:
    # The facts about words, reasons and ideas are exercised on the real article.
    seed = load_bank(Path(__file__).parent.parent.parent / "questions" / f"{SEED_BANK}.yaml")
    assert all(getattr(seed.bank, section) for section in ["sections", *IDEA_MODELS])


_HAND = {"id": "h", "evidence": "E.", "topic": "events", "prompt": "P?"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "multiple_choice", "choices": ["a", "b"], "answer": "c"}, "one of the choices"),
        ({"kind": "true_false", "answer": "yes"}, "must be True or False"),
        ({"kind": "numeric", "answer": "twelve"}, "must be a number"),
        ({"kind": "short_answer"}, "a short_answer question needs an answer"),
        ({"kind": "matching", "pairs": [{"left": "a", "right": "b"}]}, "at least two pairs"),
        ({"kind": "matching", "pairs": [{"left": "a", "right": "b"}] * 2}, "different left side"),
        ({"kind": "multiple_choice", "choices": ["a", "b", "a"], "answer": "a"}, "must all differ"),
    ],
)
def test_a_hand_question_must_be_answerable(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        HandQuestion.model_validate({**_HAND, **fields})


def test_an_answerable_hand_question_passes() -> None:
    question = HandQuestion.model_validate({**_HAND, "kind": "numeric", "answer": "12.5"})
    assert question.level == "recognition"


@pytest.mark.parametrize("source", [{}, {"file": "a.txt", "text": "A."}])
def test_an_article_has_exactly_one_source(source: dict[str, str]) -> None:
    with pytest.raises(ValidationError, match="give exactly one of 'file' or 'text'"):
        ArticleSource.model_validate(source)


def test_text_is_stripped_ids_are_strict_and_models_frozen() -> None:
    quote = Quote.model_validate(
        {"id": "q-1", "speaker": "a", "words": "  Go.  ", "evidence": "He said: Go."}
    )
    assert quote.words == "Go."
    with pytest.raises(ValidationError):
        quote.words = "Stop."  # type: ignore[misc]
    for bad_id in ("Q1", "-q", "q 1", "q_1", "", "q" * 65):
        with pytest.raises(ValidationError):
            Quote.model_validate({**quote.model_dump(), "id": bad_id})
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Quote.model_validate({**quote.model_dump(), "mood": "angry"})
