"""Typed answers graded by word knowledge (seed article words): a slip passes, a word never."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizapp.bank import load_bank
from quizapp.builder import Question, build_questions
from quizapp.grading import Verdict, grade

SEED_BANK = Path(__file__).parent.parent / "questions" / "russians-flee-call-up.yaml"
SEED = build_questions(load_bank(SEED_BANK))


def _typed(answer: str) -> Question:
    """The seed bank's typed question keyed to this answer (found by answer, not by id)."""
    found = [q for q in SEED if q.kind in ("cloze", "short_answer") and q.answer == answer]
    assert found, f"the seed bank has no typed question keyed {answer!r}"
    return found[0]


def _key(answer: str, **fields: Any) -> Question:
    base: dict[str, Any] = {
        "id": "f:t", "bank": "b", "fact": "f", "template": "t", "kind": "short_answer",
        "topic": "events", "level": "recall", "prompt": "P?", "answer": answer, "evidence": "E.",
        "paragraph": 0, "explanation": "", "facts": ("f",),
    }  # fmt: skip
    return Question(**{**base, **fields})


def _right(question: Question, typed: str) -> None:
    assert grade(question, typed) == Verdict(True, 1.0, "Correct."), typed


def _slip(question: Question, typed: str) -> None:
    exact = question.answer
    assert grade(question, typed) == Verdict(
        True, 1.0, f"Accepted; the exact spelling is {exact}.", typo=True
    ), typed


def _wrong(question: Question, typed: str) -> None:
    assert grade(question, typed) == Verdict(
        False, 0.0, f"Not quite. The right answer is {question.answer}."
    ), typed


@pytest.mark.parametrize("typed", ["witnes", "wtiness", "witnesss", "witneses"])
def test_a_slip_in_witness_passes(typed: str) -> None:
    _slip(_typed("witness"), typed)


@pytest.mark.parametrize("typed", ["fitness", "witnessing", "witnessed", "business"])
def test_another_real_word_never_passes_for_witness(typed: str) -> None:
    _wrong(_typed("witness"), typed)


def test_the_key_without_its_negating_prefix_is_wrong() -> None:
    question = _typed("unconfirmed")
    _wrong(question, "confirmed")
    _slip(question, "unconfimred")


@pytest.mark.parametrize(
    ("key", "typed"), [("illegal", "legal"), ("legal", "illegal"), ("legal", "non-legal")]
)
def test_negating_prefixes_either_way(key: str, typed: str) -> None:
    _wrong(_key(key), typed)


@pytest.mark.parametrize("typed", ["EU", "eu", "E.U."])
def test_initials_of_a_name_pass(typed: str) -> None:
    _right(_typed("European Union"), typed)


def test_a_spelt_out_acronym_passes_inside_a_longer_answer() -> None:
    question = _key("EU member", kind="cloze")
    _right(question, "European Union member")
    _slip(question, "EU memebr")
    _wrong(question, "EU")


@pytest.mark.parametrize(
    ("name", "typed"),
    [("United Nations", "UN"), ("United Kingdom", "UK"), ("United States of America", "USA")],
)
def test_other_initials_derived_from_the_name(name: str, typed: str) -> None:
    _right(_key(name), typed)


@pytest.mark.parametrize(
    ("key", "typed"),
    [("European Union", "UN"), ("United States of America", "US"), ("real name", "rn")],
)
def test_initials_that_do_not_fit_or_of_no_name_fail(key: str, typed: str) -> None:
    _wrong(_key(key), typed)


@pytest.mark.parametrize("typed", ["8th", "the eighth", "EIGHTH"])
def test_an_ordinal_in_digits_or_words_passes(typed: str) -> None:
    _right(_typed("eighth"), typed)


def test_a_slip_in_an_ordinal_passes_but_not_another_number() -> None:
    question = _typed("eighth")
    _slip(question, "eigth")
    for typed in ("eight", "9th", "seventh", "eighty"):
        _wrong(question, typed)


@pytest.mark.parametrize("typed", ["27", "twenty-seven", "twenty seven", "Twenty-Seven"])
def test_number_words_pass(typed: str) -> None:
    _right(_key("twenty-seven"), typed)
    _right(_key("27"), typed)


@pytest.mark.parametrize("typed", ["28", "twenty-eight", "seven", "twenty"])
def test_a_different_number_fails_in_words_or_digits(typed: str) -> None:
    _wrong(_key("twenty-seven"), typed)


def test_dates_take_ordinals_but_keep_their_day() -> None:
    question = _key("1 May")
    _right(question, "1st May")
    _wrong(question, "2nd May")


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("Tbilisi", "Tiblisi"),  # transposition: one slip
        ("Tbilisi", "Tbilsi"),
        ("Georgia", "Goergia"),
        ("Latvia", "Latvai"),
        ("Maxar", "Mxaar"),  # five letters still allow one slip
        ("Aleksander", "Aleksandr"),  # a rare spelling is no other word
        ("Łódź", "Lodzz"),
    ],
)
def test_names_allow_a_slip(name: str, typed: str) -> None:
    _slip(_key(name), typed)


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("Georgia", "Georgian"),
        ("Maxar", "Maxxer"),  # two slips in five letters
        ("Aleksander", "Alexander"),  # another (common) name
        ("Ufa", "Ufo"),  # three letters allow none
        ("Vell", "Well"),
    ],
)
def test_names_refuse_other_words_and_big_slips(name: str, typed: str) -> None:
    _wrong(_key(name), typed)


def test_accents_fold_to_their_letters() -> None:
    question = _key("Łódź")
    _right(question, "Lodz")
    _right(question, "łódź")


def test_multi_word_answers_are_compared_word_by_word() -> None:
    question = _key("police state", kind="cloze")
    _slip(question, "polcie state")
    _slip(question, "policestate")
    _wrong(question, "police stat")  # "stat" is a word of its own
    _wrong(question, "state")


@pytest.mark.parametrize(
    ("key", "typed"),
    [("tyrants", "tyrant"), ("cargo trucks", "cargo truck"), ("mobilisation", "mobilization")],
)
def test_plurals_and_american_spellings_pass_with_the_exact_form(key: str, typed: str) -> None:
    _slip(_key(key), typed)


def test_accepted_alternatives_take_slips_too() -> None:
    question = _typed("being killed")
    _right(question, "death")
    _slip(question, "they will be kiled")


def test_a_possessive_names_the_same_thing() -> None:
    _right(_key("Lithuania"), "Lithuania's")
    _slip(_key("Latvia's foreign minister"), "Latvias foreign minister")


def test_a_huge_answer_is_wrong_at_once() -> None:
    _wrong(_typed("witness"), "witness " * 100_000)


@pytest.mark.parametrize("typed", ["unconfirmed", "unverified", "uncorroborated"])
def test_a_cloze_blank_takes_the_other_words_the_bank_lists_for_it(typed: str) -> None:
    # The sentence is the bank's, not the article's: "unverified" fills it as well.
    _right(_typed("unconfirmed"), typed)


def test_a_cloze_blank_still_refuses_words_the_bank_does_not_list() -> None:
    _wrong(_typed("unconfirmed"), "official")
