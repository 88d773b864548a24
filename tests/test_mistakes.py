"""Kinds of mistake (pure): read from the question, the wrong answer given and the bank."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from quizapp.bank import LoadedBank, load_bank
from quizapp.builder import Question, build_questions
from quizapp.mistakes import (
    NEIGHBOUR,
    OTHER_SIDE,
    POWER_OF_TEN,
    SPEAKER,
    WRONG_UNIT,
    kind_of,
)
from tests.conftest import DATA, MINI_BANK


@pytest.fixture(scope="module")
def loaded() -> LoadedBank:
    return load_bank(Path(DATA / f"{MINI_BANK}.yaml"))


@pytest.fixture(scope="module")
def by_id(loaded: LoadedBank) -> dict[str, Question]:
    """The mini bank's questions, plus the multiple-choice variants a larger bank would get.

    The builder skips "who took this position", "which place" and choices for a bounded figure
    on a bank this small; kinds of mistake read only the question and the answer given.
    """
    built = {q.id: q for q in build_questions(loaded)}
    variants = [
        replace(
            built["norland-backs:true-false"], id="norland-backs:who", template="who",
            kind="multiple_choice", answer="Norland", choices=("Norland", "Sudmark", "Orbis"),
        ),
        replace(
            built["bellport:name"], id="bellport:which", template="which",
            kind="multiple_choice", answer="Bellport", choices=("Bellport", "Port Alba"),
        ),
        replace(
            built["ships-waiting:numeric"], id="ships-waiting:choice", template="choice",
            kind="multiple_choice", answer="200 ships",
            choices=("200 ships", "2,000 ships", "50 ships"),
        ),
    ]  # fmt: skip
    return built | {q.id: q for q in variants}


@pytest.mark.parametrize(
    ("question_id", "given", "kind", "note"),
    [
        (
            "quist-crate:who-said",
            "Tomas Vell",
            SPEAKER,
            "You gave Mara Quist’s words to Tomas Vell.",
        ),
        ("ships-waiting:numeric", "2000", POWER_OF_TEN, "off by a factor of 10"),
        ("ships-waiting:numeric", "20", POWER_OF_TEN, "off by a factor of 10"),
        ("ships-waiting:choice", "2,000 ships", POWER_OF_TEN, "off by a factor of 10"),
        ("ships-waiting:numeric", "20000", POWER_OF_TEN, "off by a factor of 100"),
        ("ships-waiting:numeric", "0.2", POWER_OF_TEN, "off by a factor of 1,000"),
        ("queue-length:numeric", "12 metres", WRONG_UNIT, "You answered in metres"),
        (
            "norland-backs:who",
            "Sudmark",
            OTHER_SIDE,
            "Sudmark is on the other side of the dock strike",
        ),
    ],
)
def test_kinds_of_mistake(
    loaded: LoadedBank, by_id: dict[str, Question], question_id: str, given: str, kind: str,
    note: str,
) -> None:  # fmt: skip
    found = kind_of(loaded.bank if kind == OTHER_SIDE else None, by_id[question_id], given)
    assert found is not None
    assert found.kind == kind
    assert note in found.note


@pytest.mark.parametrize(
    ("question_id", "given"),
    [
        ("ships-waiting:numeric", "300"),  # just wrong
        ("queue-length:numeric", "19 km"),  # the article's other unit
        ("norland-backs:who", "Orbis"),  # took no side on the strike
        ("quist-crate:cloze-1", "boxes"),  # nothing to say about a cloze word
        ("quist-crate:who-said", ""),
    ],
)
def test_other_wrong_answers_have_no_kind(
    loaded: LoadedBank, by_id: dict[str, Question], question_id: str, given: str
) -> None:
    assert kind_of(loaded.bank, by_id[question_id], given) is None


def test_a_place_confused_with_another_of_the_same_country(
    loaded: LoadedBank, by_id: dict[str, Question]
) -> None:
    places = [p.model_copy(update={"country": "norland"}) for p in loaded.bank.places]
    bank = loaded.bank.model_copy(update={"places": places})
    found = kind_of(bank, by_id["bellport:which"], "Port Alba")
    assert found is not None
    assert (found.kind, found.note) == (
        NEIGHBOUR,
        "You confused Bellport with Port Alba, also in Norland.",
    )
    assert kind_of(loaded.bank, by_id["bellport:which"], "Port Alba") is None  # no country known


def test_a_figure_100_times_off_is_not_called_ten_times_off(by_id: dict[str, Question]) -> None:
    # Its kind's title once read "A figure off by a factor of ten" for any power of ten.
    found = kind_of(None, by_id["ships-waiting:numeric"], "20000")
    assert found is not None
    assert found.note == "20000 is 200 off by a factor of 100."
    assert found.title == "A figure off by a power of ten"
