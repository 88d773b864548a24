"""Word knowledge: slips against real words, number words, folding; seed article properties."""

from __future__ import annotations

import re
from pathlib import Path

import inflect
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from wordfreq import zipf_frequency

from quizapp.builder import Question
from quizapp.grading import grade
from quizapp.wording import (
    REAL_WORD_ZIPF,
    allowed_slips,
    compare_word,
    fold_letters,
    is_real_word,
    likeness,
    negates,
    numbers_as_digits,
    same_word,
)

ARTICLE = Path(__file__).parent.parent / "questions" / "russians-flee-call-up.txt"
# Long words of the seed article that are no number words: the keys a cloze may blank out.
KEYS = sorted(
    {
        word
        for word in re.findall(r"[A-Za-z]+", ARTICLE.read_text(encoding="utf-8"))
        if len(word) >= 6 and numbers_as_digits(word.casefold()) == word.casefold()
    }
)
_NUMBERS = inflect.engine()


def _in_words(number: int) -> str:
    """A number as words from inflect, independent of the grader's text2num: 'twenty-seven'."""
    return str(_NUMBERS.number_to_words(str(number)))


def _key(answer: str) -> Question:
    return Question(
        id="f:cloze-1", bank="b", fact="f", template="cloze-1", kind="cloze", topic="quotes",
        level="recall", prompt="P?", answer=answer, evidence="E.", paragraph=0, explanation="",
    )  # fmt: skip


def test_the_seed_article_gives_enough_keys() -> None:
    assert len(KEYS) > 100


@pytest.mark.parametrize(
    ("given_word", "key", "likeness_"),
    [
        ("witness", "witness", "same"),
        ("wtiness", "witness", "slip"),
        ("fitness", "witness", "different"),
        ("confirmed", "unconfirmed", "different"),
        ("8th", "eighth", "same"),
        ("eight", "eighth", "different"),
        ("ten", "10", "same"),
        ("11", "10", "different"),
        ("countries", "country", "slip"),
        ("kilometers", "kilometres", "slip"),
    ],
)
def test_compare_word(given_word: str, key: str, likeness_: str) -> None:
    assert compare_word(given_word, key) == likeness_


def test_real_words_come_from_wordfreq_with_misspellings_below_the_line() -> None:
    assert is_real_word("fitness")
    assert is_real_word("unconfirmed")
    assert not is_real_word("recieve")
    assert not is_real_word("wtiness")


def test_negates() -> None:
    assert negates("confirmed", "unconfirmed")
    assert negates("illegal", "legal")
    assert negates("nonlegal", "legal")
    assert not negates("witness", "fitness")


def test_same_word_forms() -> None:
    assert same_word("people", "persons")
    assert same_word("mobilization", "mobilisation")
    assert not same_word("witness", "fitness")


def test_allowed_slips_grow_with_length() -> None:
    assert [allowed_slips(w) for w in ("Ufa", "Vell", "witness", "satellites")] == [0, 1, 1, 2]


def test_initials_in_likeness() -> None:
    assert likeness("EU", "European Union") == "same"
    assert likeness("eu", "european union") == "different"  # the key does not write a name


def test_folding_keeps_letters_it_cannot_decompose() -> None:
    assert fold_letters("Łódź") == "Lodz"
    assert fold_letters("Øresund, Þór, Straße") == "Oresund, Thor, Strasse"


_LETTERS = st.characters(min_codepoint=0xC0, max_codepoint=0x17F, categories=["Lu", "Ll"])


@given(letter=_LETTERS)
def test_every_latin_letter_folds_to_at_least_one_ascii_letter(letter: str) -> None:
    folded = fold_letters(letter)
    assert folded.isascii()
    assert any(c.isalpha() for c in folded)


def _mutated(word: str, position: int, letter: str, transpose: bool) -> str:
    i = position % (len(word) - 1)
    if transpose:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + letter + word[i + 1 :]


@settings(max_examples=300, deadline=None)
@given(
    key=st.sampled_from(KEYS),
    position=st.integers(0, 50),
    letter=st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    transpose=st.booleans(),
)
def test_one_transposition_or_substitution_passes_unless_it_makes_a_word(
    key: str, position: int, letter: str, transpose: bool
) -> None:
    typed = _mutated(key, position, letter, transpose)
    assume(typed.casefold() != key.casefold())
    verdict = grade(_key(key), typed)
    word = typed.casefold()
    # The oracle asks wordfreq itself, not the grader's cached helper.
    real = zipf_frequency(word, "en") >= REAL_WORD_ZIPF and not same_word(word, key.casefold())
    assert verdict.correct is not (real or negates(word, key.casefold()))
    assert verdict.typo is verdict.correct


_SMALL = st.integers(0, 2000)


@settings(max_examples=300, deadline=None)
@given(
    key=_SMALL, typed=_SMALL, words=st.booleans(), unit=st.sampled_from(["", " nations", " May"])
)
def test_a_different_number_is_never_accepted(key: int, typed: int, words: bool, unit: str) -> None:
    assume(key != typed)
    response = _in_words(typed) if words else str(typed)
    assert not grade(_key(f"{key}{unit}"), f"{response}{unit}").correct
    assert not grade(_key(f"{_in_words(key)}{unit}"), f"{typed}{unit}").correct


@settings(max_examples=200, deadline=None)
@given(number=_SMALL, unit=st.sampled_from(["", " nations", " days"]))
def test_a_number_in_words_is_the_number(number: int, unit: str) -> None:
    words = _in_words(number)
    assert grade(_key(f"{number}{unit}"), f"{words}{unit}").correct
