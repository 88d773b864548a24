"""grade(): each kind right and wrong, lenient typing, numbers with tolerance and units."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.bank import load_bank
from quizapp.builder import Amount, Question, build_questions
from quizapp.grading import Response, Verdict, grade, normalise, parse_amount, same_unit

HARBOUR = Path(__file__).parent / "data" / "harbour-strike.yaml"
QUESTIONS = {q.id: q for q in build_questions(load_bank(HARBOUR))}
QUEUE = "around 12 miles (19 km)"
SHIPS = "more than 200 ships"


def _question(**fields: Any) -> Question:
    base: dict[str, Any] = {
        "id": "f:t", "bank": "b", "fact": "f", "template": "t", "kind": "short_answer",
        "topic": "events", "level": "recall", "prompt": "P?", "answer": "A", "evidence": "E.",
        "paragraph": 0, "explanation": "", "facts": ("f",),
    }  # fmt: skip
    return Question(**{**base, **fields})


def _grade(question_id: str, response: Response) -> Verdict:
    return grade(QUESTIONS[question_id], response)


@pytest.mark.parametrize(
    ("question_id", "right", "wrong"),
    [
        ("quist-crate:who-said", "Mara Quist", "Tomas Vell"),
        ("vell-disaster:true-false", "True", "False"),
        ("quist-crate:true-false", "False", "True"),
        ("ships-waiting:numeric", "200", "100"),
        ("bellport:name", "Bellport", "Port Alba"),
        ("quist-crate:cloze-1", "crate", "wages"),
        ("why-holiday:written", "May Day", "Labour Day"),
    ],
)
def test_each_kind_is_right_or_wrong(question_id: str, right: str, wrong: str) -> None:
    verdict = _grade(question_id, right)
    assert (verdict.correct, verdict.score, verdict.typo) == (True, 1.0, False)
    assert verdict.feedback.startswith("Correct")
    verdict = _grade(question_id, wrong)
    assert (verdict.correct, verdict.score) == (False, 0.0)
    assert verdict.feedback.startswith("Not quite. ")


def test_a_qualified_figure_is_graded_with_its_qualifier_in_the_feedback() -> None:
    assert _grade("ships-waiting:numeric", "200").feedback == (
        "Correct: the article says more than 200 ships."
    )
    assert _grade("ships-waiting:numeric", "100").feedback == (
        f"Not quite. The article says {SHIPS}."
    )


def test_choices_must_match_exactly() -> None:
    assert not _grade("quist-crate:who-said", "mara quist").correct
    assert not _grade("vell-disaster:true-false", "true").correct


@pytest.mark.parametrize(
    ("question_id", "typed"),
    [
        ("bellport:name", "bellport"),
        ("bellport:name", "  BELLPORT! "),
        ("port-alba:name", "port-alba"),
        ("why-holiday:written", "The Workers Holiday"),
        ("why-holiday:written", "workers' holiday"),
        ("strike-began:when-typed", "1 may"),
        ("quist-crate:cloze-1", "Crate."),
    ],
)
def test_case_punctuation_and_a_leading_article_are_forgiven(question_id: str, typed: str) -> None:
    assert _grade(question_id, typed) == Verdict(True, 1.0, "Correct.")


@pytest.mark.parametrize(
    ("question_id", "typed", "exact"),
    [
        ("bellport:name", "Belport", "Bellport."),
        ("bellport:name", "Bellpotr", "Bellport."),
        ("why-holiday:written", "the workers holidy", "the workers' holiday."),
    ],
)
def test_small_typos_are_accepted_with_the_spelling(
    question_id: str, typed: str, exact: str
) -> None:
    assert _grade(question_id, typed) == Verdict(
        True, 1.0, f"Accepted; the exact spelling is {exact}", typo=True
    )


@pytest.mark.parametrize("typed", ["2 May", "11 May", "1 June", "May"])
def test_a_different_number_is_never_accepted(typed: str) -> None:
    assert _grade("strike-began:when-typed", typed) == Verdict(
        False, 0.0, "Not quite. The right answer is 1 May."
    )


@settings(max_examples=200, deadline=None)
@given(day=st.integers(0, 99).filter(lambda day: day != 1), noise=st.sampled_from(["", "st", " "]))
def test_no_other_day_is_accepted_for_1_may(day: int, noise: str) -> None:
    assert not _grade("strike-began:when-typed", f"{day}{noise} May").correct


def test_short_answers_need_exact_letters() -> None:
    question = _question(answer="Ufa")
    assert grade(question, "ufa").correct
    assert not grade(question, "Ufo").correct


@pytest.mark.parametrize(
    ("question_id", "typed", "feedback"),
    [
        ("queue-length:numeric", "12", f"Correct: the article says {QUEUE}."),
        ("queue-length:numeric", "12 miles", f"Correct: the article says {QUEUE}."),
        ("queue-length:numeric", "12mi", f"Correct: the article says {QUEUE}."),
        ("queue-length:numeric", "19km", f"Correct: the article says {QUEUE}."),
        ("queue-length:numeric", "19 kilometres", f"Correct: the article says {QUEUE}."),
        ("queue-length:numeric", "19 kilometers", f"Correct: the article says {QUEUE}."),
        ("queue-length:numeric", "13", f"Close enough: the article says {QUEUE}."),
        ("queue-length:numeric", "20.5 km", f"Close enough: the article says {QUEUE}."),
        ("ships-waiting:numeric", "3,000", f"Not quite. The article says {SHIPS}."),
        ("ships-waiting:numeric", "210 ships", f"Close enough: the article says {SHIPS}."),
        ("ships-waiting:numeric", "189", f"Not quite. The article says {SHIPS}."),
        ("queue-length:numeric", "12 miles long", f"Correct: the article says {QUEUE}."),
        ("queue-length:numeric", "12,5", f"Close enough: the article says {QUEUE}."),
    ],
)
def test_numbers_within_tolerance_in_any_given_unit(
    question_id: str, typed: str, feedback: str
) -> None:
    verdict = _grade(question_id, typed)
    assert verdict.feedback == feedback
    assert verdict.correct is not feedback.startswith("Not quite")


@pytest.mark.parametrize("typed", ["14", "21 km", "11.5 km", "-12"])
def test_numbers_outside_tolerance_are_wrong(typed: str) -> None:
    assert _grade("queue-length:numeric", typed) == Verdict(
        False, 0.0, f"Not quite. The article says {QUEUE}."
    )


def test_a_unit_the_question_does_not_use_is_refused_naming_its_units() -> None:
    assert _grade("queue-length:numeric", "12 hours") == Verdict(
        False, 0.0, f"Give the answer in miles or km. The article says {QUEUE}."
    )


def test_words_that_are_no_number_are_not_a_number() -> None:
    assert _grade("queue-length:numeric", "a dozen or so") == Verdict(
        False, 0.0, f"That is not a number. The article says {QUEUE}."
    )


def test_a_question_without_a_unit_ignores_a_typed_one() -> None:
    question = _question(kind="numeric", answer="5", amounts=(Amount(5, ""),))
    assert grade(question, "5 people") == Verdict(True, 1.0, "Correct.")
    assert grade(question, "6") == Verdict(False, 0.0, "Not quite. The right answer is 5.")


@pytest.mark.parametrize(
    "question_id",
    ["quist-crate:who-said", "vell-disaster:true-false", "ships-waiting:numeric", "bellport:name"],
)
@pytest.mark.parametrize("empty", ["", "   ", "\n\t", {"Norland": "x"}])
def test_an_empty_answer_is_wrong_and_says_so(question_id: str, empty: Response) -> None:
    verdict = _grade(question_id, empty)
    assert (verdict.correct, verdict.score) == (False, 0.0)
    assert (
        verdict.feedback == f"No answer given. The right answer is {QUESTIONS[question_id].answer}."
    )


def test_feedback_ends_with_one_full_stop() -> None:
    question = _question(kind="multiple_choice", answer="We go.", choices=("We go.", "We stay."))
    assert grade(question, "We stay.").feedback == "Not quite. The right answer is We go."
    assert grade(question, " ").feedback == "No answer given. The right answer is We go."


MATCHING = "norland-backs:matching"
RIGHT = {"Norland": "It backed the workers.", "Sudmark": "It called the strike illegal."}
ANSWER = "Norland → It backed the workers.; Sudmark → It called the strike illegal."


def test_matching_all_right() -> None:
    assert _grade(MATCHING, RIGHT) == Verdict(True, 1.0, "Correct: every pair matches.")


@pytest.mark.parametrize(
    ("response", "right"),
    [
        ({"Norland": "It backed the workers."}, 1),
        ({**RIGHT, "Sudmark": "It backed the workers."}, 1),
        ({"Norland": RIGHT["Sudmark"], "Sudmark": RIGHT["Norland"]}, 0),
        ({}, 0),
        ("It backed the workers.", 0),
    ],
)
def test_matching_gives_partial_credit(response: Response, right: int) -> None:
    assert _grade(MATCHING, response) == Verdict(
        False, right / 2, f"{right} of 2 pairs right. {ANSWER}"
    )


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("16km", (16.0, "km")),
        (" 3,000 ", (3000.0, None)),
        ("-2.5 hours", (-2.5, "hours")),
        ("12.", (12.0, None)),
        ("12,5", (12.5, None)),
        ("40,000 people", (40000.0, "people")),
        ("3,000.5", (3000.5, None)),
        ("1,2,3", None),
        ("twelve", (12.0, None)),
        ("two days", (2.0, "days")),
        ("twenty-seven nations", (27.0, "nations")),
        ("a hundred", (100.0, None)),
        ("1.5 million people", (1500000.0, "people")),
        ("3 thousand", (3000.0, None)),
        ("40 000", (40000.0, None)),
        ("lots", None),
        ("", None),
    ],
)
def test_parse_amount(text: str, amount: tuple[float, str | None] | None) -> None:
    assert parse_amount(text) == amount


@pytest.mark.parametrize(
    ("given_unit", "expected_unit", "same"),
    [
        ("km", "kilometres", True),
        ("kms", "km", True),
        ("Kilometer", "km", True),
        ("hrs", "hours", True),
        ("h", "hour", True),
        ("mi", "miles", True),
        ("ships", "ship", True),
        ("km", "miles", False),
        ("hours", "days", False),
        ("countries", "nations", True),
        ("persons", "people", True),
        ("kilometers", "km", True),
        ("countries", "people", False),
    ],
)
def test_same_unit(given_unit: str, expected_unit: str, same: bool) -> None:
    assert same_unit(given_unit, expected_unit) is same


def test_normalise() -> None:
    assert normalise("  The  Café—Crème! ") == "cafe creme"
    assert normalise("Łódź") == "lodz"  # NFKD alone drops the Ł
    assert normalise("Gdańsk, Kraków") == "gdansk krakow"
    assert normalise("An apple") == "apple"
    assert normalise("Another day") == "another day"


@pytest.mark.parametrize("typed", ["24 February", "on 24 February", "February 24", "february 24th"])
def test_a_date_passes_in_either_order_and_after_on(typed: str) -> None:
    question = _question(kind="short_answer", answer="24 February")
    assert grade(question, typed).correct


@pytest.mark.parametrize("typed", ["25 February", "February 4", "on 24 March"])
def test_another_date_is_still_wrong(typed: str) -> None:
    assert not grade(_question(kind="short_answer", answer="24 February"), typed).correct
