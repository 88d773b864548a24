"""Figure questions: numbers written as the article writes them, believable wrong values."""

from __future__ import annotations

import dataclasses
import random
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.bank import LoadedBank
from quizapp.bank.qualifiers import QUALIFIERS, contradicts, span
from quizapp.bank.schema import Figure
from quizapp.builder import Question, build_questions
from quizapp.builder.figures import (
    false_claims,
    format_amount,
    format_number,
    plausible_values,
    true_false_claim,
)
from quizapp.builder.question import FALSE, TRUE
from tests.builder.conftest import LoadData


def _figure(value: float, unit: str = "ships", **fields: Any) -> Figure:
    return Figure(id="f", evidence="E.", value=value, unit=unit, measures="the count", **fields)


def _with_figure(loaded: LoadedBank, figure_id: str, **update: Any) -> LoadedBank:
    """The bank with one figure changed (no reload: the builder trusts a loaded bank)."""
    figures = [f.model_copy(update=update) if f.id == figure_id else f for f in loaded.bank.figures]
    return dataclasses.replace(loaded, bank=loaded.bank.model_copy(update={"figures": figures}))


def _questions(loaded: LoadedBank, figure_id: str, seed: int = 0) -> dict[str, Question]:
    built = build_questions(loaded, seed)
    return {q.template: q for q in built if q.fact == figure_id}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (10.0, "10"),
        (3000, "3,000"),
        (2.5, "2.5"),
        (0.125, "0.125"),
        (0.001, "0.001"),
        (1_234_567.5, "1,234,567.5"),
        (0, "0"),
        (-4, "-4"),
    ],
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


def test_format_amount() -> None:
    assert format_amount(19, "km") == "19 km"
    assert format_amount(12.5, "per cent") == "12.5 per cent"


def test_wrong_values_prefer_other_figures_in_the_same_unit() -> None:
    figure = _figure(200)
    others = [_figure(350), _figure(12, "miles"), _figure(200)]
    values = plausible_values(figure, others, random.Random(1))
    assert values[0] == 350
    assert 12 not in values
    assert values[1:] == [100, 400, 300, 50, 600, 150, 800, 1000]


def test_whole_numbers_get_whole_wrong_values() -> None:
    assert plausible_values(_figure(1), [], random.Random(0)) == [2, 3, 4, 5]
    assert all(v.is_integer() for v in plausible_values(_figure(37), [], random.Random(0)))


@pytest.mark.parametrize(("value", "wrong"), [(0, [1.0]), (-3.5, [])])
def test_wrong_values_are_positive(value: float, wrong: list[float]) -> None:
    assert plausible_values(_figure(value), [], random.Random(0)) == wrong


_VALUES = st.one_of(
    st.integers(1, 10**9).map(float),
    st.builds(lambda n, d: n / 10**d, st.integers(1, 10**6), st.integers(1, 4)),
)


@settings(max_examples=300, deadline=None)
@given(_VALUES, st.integers(0, 2**32))
def test_wrong_values_never_read_as_the_right_one(value: float, seed: int) -> None:
    shown = [format_number(v) for v in plausible_values(_figure(value), [], random.Random(seed))]
    assert format_number(value) not in shown
    assert len(set(shown)) == len(shown)
    assert len(shown) >= 3


def test_true_false_claims_the_figure_or_a_different_number(harbour: LoadedBank) -> None:
    answers = set()
    for seed in range(40):
        question = _questions(harbour, "ships-waiting", seed)["true-false"]
        answers.add(question.answer)
        states_truth = question.prompt.endswith("was more than 200.")
        assert states_truth is (question.answer == TRUE), question.prompt
    assert answers == {TRUE, FALSE}


@settings(max_examples=100, deadline=None)
@given(value=_VALUES, seed=st.integers(0, 2**32))
def test_a_false_claim_never_states_the_true_amount(
    harbour: LoadedBank, value: float, seed: int
) -> None:
    loaded = _with_figure(harbour, "queue-length", value=value, alternatives=[])
    question = _questions(loaded, "queue-length", seed)["true-false"]
    truth = f"was around {format_amount(value, 'miles')}."
    assert question.prompt.endswith(truth) is (question.answer == TRUE)


def test_numeric_and_choice_are_skipped_when_the_prompt_has_the_number(
    harbour: LoadedBank,
) -> None:
    loaded = _with_figure(harbour, "queue-length", measures="the 12 ships' queue length")
    assert set(_questions(loaded, "queue-length")) == {"source", "true-false", "evidence"}


def test_a_figure_without_a_source_gets_no_source_question(harbour: LoadedBank) -> None:
    loaded = _with_figure(harbour, "queue-length", source=None)
    assert set(_questions(loaded, "queue-length")) == {
        "numeric", "choice", "true-false", "evidence"
    }  # fmt: skip


def test_the_explanation_states_the_figure_with_its_units_and_source(harbour: LoadedBank) -> None:
    question = _questions(harbour, "queue-length")["numeric"]
    assert question.explanation == (
        "The article gives the length of the queue of ships as around 12 miles (19 km), "
        "according to Orbis."
    )


def test_choices_are_amounts_in_the_figures_unit(harbour: LoadedBank) -> None:
    question = _questions(harbour, "queue-length")["choice"]
    assert question.answer == "12 miles"
    assert len(question.choices) == 4
    assert all(choice.endswith(" miles") for choice in question.choices)


_QUALIFIERS = st.sampled_from([None, *QUALIFIERS])


@st.composite
def _qualified(draw: st.DrawFn) -> Figure:
    value = draw(_VALUES)
    unit = draw(st.sampled_from(["miles", "%", "vehicles"]))
    if unit == "%":
        value = min(value, 100.0)
    if draw(st.booleans()):
        top = value * draw(st.sampled_from([1.5, 2.0, 10.0]))
        return _figure(value, unit, value_max=top)
    return _figure(value, unit, qualifier=draw(_QUALIFIERS))


@settings(max_examples=300, deadline=None)
@given(figure=_qualified(), seed=st.integers(0, 2**32))
def test_a_false_claim_is_contradicted_by_the_qualified_figure(figure: Figure, seed: int) -> None:
    claim = true_false_claim(figure, [], random.Random(seed))
    stated = span(figure.value, figure.qualifier, figure.value_max)
    if claim.true:
        assert (claim.value, claim.qualifier, claim.value_max) == (
            figure.value, figure.qualifier, figure.value_max
        )  # fmt: skip
    else:
        assert contradicts(claim.span, stated), (claim, figure)
    for wrong in false_claims(figure, [], random.Random(seed)):
        assert contradicts(wrong.span, stated)


@settings(max_examples=300, deadline=None)
@given(figure=_qualified(), seed=st.integers(0, 2**32))
def test_no_wrong_value_is_one_the_figure_fits(figure: Figure, seed: int) -> None:
    stated = span(figure.value, figure.qualifier, figure.value_max)
    for value in plausible_values(figure, [], random.Random(seed)):
        assert not stated.fits(value)
        assert value > 0
        if figure.unit == "%":
            assert value <= 100


def test_a_share_never_gets_a_wrong_value_over_100() -> None:
    values = plausible_values(_figure(60, "%"), [], random.Random(0))
    assert values
    assert all(0 < v <= 100 for v in values)
    assert 120 not in values


def test_other_figures_are_wrong_values_only_on_the_same_scale() -> None:
    figure = _figure(27, "nations")
    others = [_figure(3000, "nations"), _figure(40, "nations")]
    values = plausible_values(figure, others, random.Random(0))
    assert 40 in values
    assert 3000 not in values


def test_true_false_over_a_lower_bound_says_under(harbour: LoadedBank) -> None:
    prompts = {
        _questions(harbour, "ships-waiting", seed)["true-false"].prompt for seed in range(30)
    }
    for prompt in prompts:
        assert prompt.endswith("was more than 200.") or " was under " in prompt, prompt


_CLAIM = re.compile(r" was (?:(?P<qualifier>[a-z ]+?) )?(?P<value>[\d,.]+) (?P<unit>[\w ]+)\.$")


@settings(max_examples=50, deadline=None)
@given(data=st.data(), seed=st.integers(0, 1000))
def test_every_built_false_figure_claim_is_contradicted(
    data: st.DataObject, seed: int, banks: st.SearchStrategy[dict[str, Any]], load_data: LoadData
) -> None:
    loaded = load_data(data.draw(banks))
    figures = {f.id: f for f in loaded.bank.figures}
    for question in build_questions(loaded, seed):
        if question.template != "true-false" or question.fact not in figures:
            continue
        figure = figures[question.fact]
        match = _CLAIM.search(question.prompt)
        assert match, question.prompt
        claimed = span(float(match["value"].replace(",", "")), match["qualifier"])
        stated = span(figure.value, figure.qualifier, figure.value_max)
        if question.answer == FALSE:
            assert contradicts(claimed, stated), question.prompt
        else:
            assert claimed == stated, question.prompt


def test_the_number_of_things_is_not_followed_by_the_things_again(
    built: dict[str, Question],
) -> None:
    # "the number of Russians ... was around how many?", not "... how many Russians?"
    numeric = built["tbilisi-influx:numeric"]
    assert numeric.prompt.endswith("was around how many?")
    assert numeric.amounts[0].unit == "Russians"  # still graded in its unit
    assert built["tbilisi-influx:true-false"].prompt.endswith("was around 40,000.")
    assert built["tbilisi-influx:source"].prompt.endswith("was around 40,000?")
    # Other units stay: "was how many hours?"
    assert built["wait-hours:numeric"].prompt.endswith("was how many hours?")
