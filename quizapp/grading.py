"""Grading: a question and a student's response in, a verdict with feedback out (no Flask).

Typed answers are graded leniently: case, punctuation, spacing, a leading article and small
typos are forgiven (rapidfuzz), but never a different number ("2 May" is not "1 May").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from quizapp.bank.grounding import fold
from quizapp.builder.figures import format_amount, format_number
from quizapp.builder.question import Amount, Question

FUZZY_THRESHOLD = 85
_ARTICLES = re.compile(r"^(the|a|an)\s+")
_AMOUNT = re.compile(r"^\s*(-?[\d,]*\.?\d+)\s*([^\d\s].*)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_UNIT_SYNONYMS = {
    "km": "kilometre",
    "kms": "kilometre",
    "kilometer": "kilometre",
    "mi": "mile",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "m": "metre",
    "meter": "metre",
}

Response = str | dict[str, str]


@dataclass(frozen=True)
class Verdict:
    """Whether the response is right, how much credit it earns, and what to tell the student."""

    correct: bool
    score: float
    feedback: str


def grade(question: Question, response: Response) -> Verdict:
    """Grade one response to one question."""
    if question.kind == "matching":
        return _grade_matching(question, response if isinstance(response, dict) else {})
    text = response if isinstance(response, str) else ""
    if not text.strip():
        return Verdict(
            False, 0.0, f"No answer given. The right answer is {_ended(question.answer)}"
        )
    if question.kind in ("multiple_choice", "true_false"):
        return _grade_choice(question, text)
    if question.kind == "numeric":
        return _grade_numeric(question, text)
    return _grade_typed(question, text)


def _ended(text: str) -> str:
    """Text closed by one full stop: answers such as quotes often end in their own."""
    return text if text.rstrip("\"'”’").endswith((".", "!", "?")) else f"{text}."


def _wrong(question: Question) -> Verdict:
    return Verdict(False, 0.0, f"Not quite. The right answer is {_ended(question.answer)}")


def _grade_choice(question: Question, text: str) -> Verdict:
    if text == question.answer:
        return Verdict(True, 1.0, "Correct.")
    return _wrong(question)


def normalise(text: str) -> str:
    """Lower case, no accents, punctuation or leading article, single spaces."""
    plain = unicodedata.normalize("NFKD", fold(text)).encode("ascii", "ignore").decode()
    plain = re.sub(r"[^\w\s]", " ", plain.casefold())
    plain = " ".join(plain.split())
    return _ARTICLES.sub("", plain)


def _digits(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _grade_typed(question: Question, text: str) -> Verdict:
    given = normalise(text)
    candidates = [question.answer, *question.accepted]
    for candidate in candidates:
        if given == normalise(candidate):
            return Verdict(True, 1.0, "Correct.")
    for candidate in candidates:
        target = normalise(candidate)
        close = fuzz.ratio(given, target) >= FUZZY_THRESHOLD
        if close and _digits(given) == _digits(target) and len(target) > 3:
            return Verdict(True, 1.0, f"Accepted; the exact spelling is {_ended(question.answer)}")
    return _wrong(question)


def parse_amount(text: str) -> tuple[float, str | None] | None:
    """'16km' -> (16.0, 'km'); '3,000' -> (3000.0, None); nonsense -> None."""
    match = _AMOUNT.match(fold(text))
    if match is None:
        return None
    digits = match.group(1)
    # "3,000" groups thousands; "12,5" is a decimal comma, as many students write it.
    if _THOUSANDS.match(digits):
        digits = digits.replace(",", "")
    elif digits.count(",") == 1 and "." not in digits:
        digits = digits.replace(",", ".")
    try:
        value = float(digits)
    except ValueError:
        return None
    unit = (match.group(2) or "").strip(" .") or None
    return value, unit


def same_unit(given: str, expected: str) -> bool:
    """Whether two unit names mean the same unit ('km' and 'kilometres', 'hour' and 'hrs')."""

    def key(unit: str) -> str:
        word = unit.casefold().strip(" .")
        word = _UNIT_SYNONYMS.get(word, word)
        word = word.removesuffix("s") if len(word) > 3 else word
        return _UNIT_SYNONYMS.get(word, word)

    return key(given) == key(expected)


def _within(value: float, amount: Amount, primary: Amount, tolerance: float) -> bool:
    scaled = tolerance * amount.value / primary.value if primary.value else tolerance
    return abs(value - amount.value) <= scaled + 1e-9


def _grade_numeric(question: Question, text: str) -> Verdict:
    parsed = parse_amount(text)
    if parsed is None or not question.amounts:
        return Verdict(
            False, 0.0, f"That is not a number. The right answer is {_amounts(question)}."
        )
    value, unit = parsed
    primary = question.amounts[0]
    if unit is None or not primary.unit:  # a unit-less answer ignores any unit typed
        matches = [primary]
    else:
        # "12 miles long": the unit is the first word when the whole phrase is not one.
        first_word = unit.split()[0]
        matches = [
            a for a in question.amounts if same_unit(unit, a.unit) or same_unit(first_word, a.unit)
        ]
        if not matches:
            units = " or ".join(a.unit for a in question.amounts)
            return Verdict(
                False, 0.0, f"Give the answer in {units}. The right answer is {_amounts(question)}."
            )
    for amount in matches:
        if _within(value, amount, primary, question.tolerance):
            if value == amount.value:
                return Verdict(True, 1.0, "Correct.")
            return Verdict(True, 1.0, f"Close enough: the article says {_amounts(question)}.")
    return Verdict(False, 0.0, f"Not quite. The right answer is {_amounts(question)}.")


def _amounts(question: Question) -> str:
    if not question.amounts:
        return question.answer
    first, *others = question.amounts
    text = format_amount(first.value, first.unit) if first.unit else format_number(first.value)
    if others:
        text += " (" + ", ".join(format_amount(a.value, a.unit) for a in others) + ")"
    return text


def _grade_matching(question: Question, response: dict[str, str]) -> Verdict:
    right = sum(1 for left, answer in question.pairs if response.get(left) == answer)
    total = len(question.pairs)
    if right == total:
        return Verdict(True, 1.0, "Correct: every pair matches.")
    feedback = f"{right} of {total} pairs right. {_ended(question.answer)}"
    return Verdict(False, right / total, feedback)
