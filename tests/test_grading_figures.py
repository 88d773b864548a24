"""Numeric answers follow the figure's qualifier, take the article's phrasing and number words."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.bank.qualifiers import APPROXIMATE_MARGIN, LOWER, UPPER
from quizapp.builder import Amount, Question
from quizapp.grading import Verdict, grade, parse_figure


def _figure(answer: float, unit: str, **fields: Any) -> Question:
    base: dict[str, Any] = {
        "id": "f:numeric", "bank": "b", "fact": "f", "template": "numeric", "kind": "numeric",
        "topic": "figures", "level": "recall", "prompt": "P?", "answer": f"{answer:g}",
        "evidence": "E.", "paragraph": 0, "explanation": "", "facts": ("f",),
        "amounts": (Amount(answer, unit),),
    }  # fmt: skip
    return Question(**{**base, **fields})


# The seed article's figures, as the builder fills them (qualifier and alternative units).
QUEUE = _figure(
    10, "miles", amounts=(Amount(10, "miles"), Amount(16, "km")), tolerance=1, qualifier="well over"
)
WAIT = _figure(48, "hours", amounts=(Amount(48, "hours"), Amount(2, "days")))
VEHICLES = _figure(3000, "vehicles", qualifier="more than")
INFLUX = _figure(40000, "Russians", qualifier="around")
EU_SIZE = _figure(27, "nations")
QUEUE_FIGURE = "well over 10 miles (16 km)"
QUEUE_SAYS = f"the article says {QUEUE_FIGURE}."


def _check(question: Question, typed: str, correct: bool, feedback: str) -> None:
    assert grade(question, typed) == Verdict(correct, 1.0 if correct else 0.0, feedback), typed


@pytest.mark.parametrize(
    ("typed", "feedback"),
    [
        ("10", f"Correct: {QUEUE_SAYS}"),
        ("well over 10 miles", f"Correct: {QUEUE_SAYS}"),
        ("well over ten miles", f"Correct: {QUEUE_SAYS}"),
        ("more than 10", f"Correct: {QUEUE_SAYS}"),
        ("16km", f"Correct: {QUEUE_SAYS}"),
        ("11 miles", f"Close enough: {QUEUE_SAYS}"),
        ("17.5 km", f"Close enough: {QUEUE_SAYS}"),
    ],
)
def test_a_lower_bound_accepts_its_value_and_a_little_more(typed: str, feedback: str) -> None:
    _check(QUEUE, typed, True, feedback)


@pytest.mark.parametrize("typed", ["9", "9.5", "9.99 miles", "15 km", "under 10", "less than 11"])
def test_a_lower_bound_never_accepts_less_even_within_tolerance(typed: str) -> None:
    _check(QUEUE, typed, False, f"Not quite. The article says {QUEUE_FIGURE}.")


def test_an_upper_bound_never_accepts_more() -> None:
    question = _figure(20, "people", qualifier="up to", tolerance=2)
    _check(question, "up to 20", True, "Correct: the article says up to 20 people.")
    _check(question, "18 persons", True, "Close enough: the article says up to 20 people.")
    for typed in ("21", "20.5", "more than 20", "17"):
        _check(question, typed, False, "Not quite. The article says up to 20 people.")


@pytest.mark.parametrize(
    ("typed", "correct"),
    [("40,000", True), ("around 40,000", True), ("about 40 000", True), ("forty thousand", True),
     ("36,000", True), ("44,000", True), ("35,999", False), ("44,001", False),
     ("more than 40,000", False)],
)  # fmt: skip
def test_around_accepts_the_documented_margin(typed: str, correct: bool) -> None:
    verdict = grade(INFLUX, typed)
    assert verdict.correct is correct
    assert verdict.feedback.endswith("he article says around 40,000 Russians.")


def test_a_range_accepts_any_value_in_it_and_tolerance_outside() -> None:
    question = _figure(
        10, "miles", amounts=(Amount(10, "miles"), Amount(16, "km")), value_max=20, tolerance=1
    )
    says = "the article says 10 to 20 miles (16 to 32 km)."
    for typed in ("10", "15", "20 miles", "30 km"):
        _check(question, typed, True, f"Correct: {says}")
    for typed in ("9", "21", "33.5 km"):
        _check(question, typed, True, f"Close enough: {says}")
    for typed in ("8.5", "22", "35 km"):
        _check(question, typed, False, f"Not quite. {says[0].upper()}{says[1:]}")


@pytest.mark.parametrize(
    ("typed", "correct"),
    [("more than 3,000", True), ("over 3000 vehicles", True), ("3000", True),
     ("three thousand", True), ("2,999", False), ("3,001", False), ("fewer than 3,000", False)],
)  # fmt: skip
def test_the_article_s_own_phrasing_passes(typed: str, correct: bool) -> None:
    verdict = grade(VEHICLES, typed)
    assert verdict.correct is correct, typed
    assert verdict.feedback.endswith("he article says more than 3,000 vehicles.")


@pytest.mark.parametrize("typed", ["48", "forty-eight hours", "two days", "2 days", "about 48"])
def test_number_words_and_other_units_pass(typed: str) -> None:
    _check(WAIT, typed, True, "Correct.")


def test_a_bound_the_article_does_not_give_is_wrong() -> None:
    _check(WAIT, "more than 48 hours", False, "Not quite. The right answer is 48 hours (2 days).")


@pytest.mark.parametrize("typed", ["27", "twenty-seven", "27 countries", "twenty seven nations"])
def test_unit_synonyms_pass(typed: str) -> None:
    _check(EU_SIZE, typed, True, "Correct.")


def test_an_unknown_unit_names_the_qualified_figure() -> None:
    _check(
        QUEUE,
        "10 hours",
        False,
        f"Give the answer in miles or km. The article says {QUEUE_FIGURE}.",
    )


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("well over ten miles", ("well over", 10.0, "miles")),
        ("More than 3,000", ("more than", 3000.0, None)),
        ("approximately 300 people", ("about", 300.0, "people")),
        ("about a hundred", ("about", 100.0, None)),
        ("3,000+ vehicles", ("more than", 3000.0, "vehicles")),
        ("10 or more miles", ("at least", 10.0, "miles")),
        ("300 or so", ("about", 300.0, None)),
        ("nearly", None),
        ("3,000", (None, 3000.0, None)),
    ],
)
def test_parse_figure(text: str, figure: tuple[str | None, float, str | None] | None) -> None:
    assert parse_figure(text) == figure


_VALUES = st.integers(1, 100_000).map(float)
_TOLERANCE = st.sampled_from([0.0, 0.5, 1.0, 10.0])


@settings(max_examples=150, deadline=None)
@given(
    value=_VALUES,
    tolerance=_TOLERANCE,
    qualifier=st.sampled_from(sorted(LOWER)),
    below=st.floats(0.001, 0.999),
)
def test_no_value_below_a_lower_bound_is_accepted(
    value: float, tolerance: float, qualifier: str, below: float
) -> None:
    question = _figure(value, "ships", qualifier=qualifier, tolerance=tolerance)
    assert grade(question, f"{value * below:.3f}").correct is False
    assert grade(question, f"{value:g}").correct is True


@settings(max_examples=150, deadline=None)
@given(
    value=_VALUES,
    tolerance=_TOLERANCE,
    qualifier=st.sampled_from(sorted(UPPER)),
    above=st.floats(1.001, 10),
)
def test_no_value_above_an_upper_bound_is_accepted(
    value: float, tolerance: float, qualifier: str, above: float
) -> None:
    question = _figure(value, "ships", qualifier=qualifier, tolerance=tolerance)
    assert grade(question, f"{value * above:.3f}").correct is False
    assert grade(question, f"{value:g}").correct is True


@settings(max_examples=150, deadline=None)
@given(value=_VALUES, offset=st.floats(-1, 1).filter(lambda x: abs(abs(x) - 0.5) > 0.01))
def test_around_accepts_its_margin_and_no_more(value: float, offset: float) -> None:
    question = _figure(value, "ships", qualifier="around")
    typed = round(value * (1 + offset * 2 * APPROXIMATE_MARGIN), 3)
    inside = abs(typed - value) <= value * APPROXIMATE_MARGIN
    assert grade(question, f"{typed:.3f}").correct is inside


def test_a_huge_figure_is_no_number() -> None:
    verdict = grade(EU_SIZE, "27 " * 100_000)
    assert verdict == Verdict(False, 0.0, "That is not a number. The right answer is 27 nations.")
