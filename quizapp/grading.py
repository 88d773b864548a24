"""Grading: a question and a student's response in, a verdict with feedback out (no Flask).

Typed answers are graded leniently: case, punctuation, spacing, a leading article, initials,
number words and slips of the fingers are forgiven (see wording), but never another word or a
different number ("fitness" is not "witness", "2 May" is not "1 May"). Numbers follow the
article's qualifier: "well over 10 miles" accepts 10 or a little more, never 9.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizapp.bank.kinds import CHOICE_KINDS
from quizapp.bank.qualifiers import QUALIFIERS, accepted_span, bound_of
from quizapp.builder.figures import format_number
from quizapp.builder.question import Amount, Question
from quizapp.wording import fold_letters, likeness, numbers_as_digits, singular

_ARTICLES = re.compile(r"^(the|a|an)\s+")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# "on 24 February" and "February 24" both name the date the article writes "24 February".
_ON_A_DATE = re.compile(rf"^on\s+(?=\d|{_WEEKDAYS}|{_MONTHS})")
_MONTH_FIRST = re.compile(rf"^({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b")
# A number, the scale text2num makes of "thousand" or "million", and a unit.
_AMOUNT = re.compile(r"^\s*(-?[\d,]*\.?\d+)(?:\s+(1000|1000000|1000000000)\b)?\s*([^\d\s].*)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
# Abbreviations and synonyms of units, once plurals are made singular (inflect).
_UNIT_SYNONYMS = {
    "km": "kilometre",
    "kilometer": "kilometre",
    "mi": "mile",
    "h": "hour",
    "hr": "hour",
    "m": "metre",
    "meter": "metre",
    "nation": "country",
    "people": "person",
}
# What a student may write before a figure, in the article's words or their own.
_QUALIFIER_ALIASES = {
    "approximately": "about",
    "approx": "about",
    "roughly": "about",
    "just over": "over",
    "above": "over",
    "just under": "under",
    "below": "under",
}
_QUALIFIER = re.compile(
    r"^\s*("
    + "|".join(sorted([*QUALIFIERS, *_QUALIFIER_ALIASES], key=len, reverse=True))
    + r")\b\.?\s*",
    re.IGNORECASE,
)
# "nine hundred and ninety-nine thousand, nine hundred and ninety-nine kilometres long" fits.
_LONGEST_FIGURE = 200
_QUALIFIER_AFTER = (
    (re.compile(r"(?<=\d)\s*\+"), "more than"),
    (re.compile(r"\s+or\s+more\b", re.IGNORECASE), "at least"),
    (re.compile(r"\s+or\s+so\b", re.IGNORECASE), "about"),
)
_SPACED_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}\b)")
_LEADING_A = re.compile(r"^an?\s+(?=\d)", re.IGNORECASE)

Response = str | dict[str, str]
# The two answers of a two-part question, as a response gives them.
PART_A, PART_B = "answer", "support"


@dataclass(frozen=True)
class Verdict:
    """Whether the response is right, how much credit it earns, and what to tell the student."""

    correct: bool
    score: float
    feedback: str
    # Right but misspelt ("Belport" for "Bellport"): a scheduler may rate such a recall as hard.
    typo: bool = False


def grade(question: Question, response: Response) -> Verdict:
    """Grade one response to one question."""
    if question.kind == "matching":
        return _grade_matching(question, response if isinstance(response, dict) else {})
    if question.kind == "two_part":
        return _grade_two_part(question, response if isinstance(response, dict) else {})
    text = response if isinstance(response, str) else ""
    if not text.strip():
        return Verdict(
            False, 0.0, f"No answer given. The right answer is {_ended(question.answer)}"
        )
    if question.kind in CHOICE_KINDS:
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
    """Lower case, letters folded to ASCII, no punctuation or leading article, single spaces."""
    plain = re.sub(r"[^\w\s]", " ", fold_letters(text).casefold())
    plain = " ".join(plain.split())
    plain = _MONTH_FIRST.sub(r"\2 \1", _ON_A_DATE.sub("", plain))
    return _ARTICLES.sub("", plain)


def _grade_typed(question: Question, text: str) -> Verdict:
    candidates = [question.answer, *question.accepted]
    if len(text) > 3 * max(len(c) for c in candidates) + 100:  # no slip, and a form allows 2 MB
        return _wrong(question)
    given = normalise(text)
    if any(given == normalise(candidate) for candidate in candidates):
        return Verdict(True, 1.0, "Correct.")
    found = [likeness(text, candidate) for candidate in candidates]
    if "same" in found:
        return Verdict(True, 1.0, "Correct.")
    if "slip" in found:
        feedback = f"Accepted; the exact spelling is {_ended(question.answer)}"
        return Verdict(True, 1.0, feedback, typo=True)
    return _wrong(question)


def parse_figure(text: str) -> tuple[str | None, float, str | None] | None:
    """'well over ten miles' -> ('well over', 10.0, 'miles'); '3,000' -> (None, 3000.0, None)."""
    plain = " ".join(fold_letters(text).split())
    qualifier = None
    match = _QUALIFIER.match(plain)
    if match:
        qualifier = _QUALIFIER_ALIASES.get(match.group(1).casefold(), match.group(1).casefold())
        plain = plain[match.end() :]
    for pattern, implied in _QUALIFIER_AFTER:  # "3,000+", "10 or more miles"
        plain, found = pattern.subn(" ", plain, count=1)
        qualifier = implied if found and qualifier is None else qualifier
    amount = parse_amount(plain)
    return None if amount is None else (qualifier, *amount)


def parse_amount(text: str) -> tuple[float, str | None] | None:
    """'16km' -> (16.0, 'km'); '3,000' -> (3000.0, None); 'two days' -> (2.0, 'days')."""
    plain = _LEADING_A.sub("", numbers_as_digits(" ".join(fold_letters(text).split())))
    plain = _SPACED_THOUSANDS.sub("", plain)  # "40 000", as the French and the SI write it
    match = _AMOUNT.match(plain)
    if match is None:
        return None
    value = _number(match.group(1))
    if value is None:
        return None
    if match.group(2):  # "1.5 million": text2num has made the word "1000000"
        value *= float(match.group(2))
    unit = (match.group(3) or "").strip(" .") or None
    return value, unit


def _number(digits: str) -> float | None:
    # "3,000" groups thousands; "12,5" is a decimal comma, as many students write it.
    if _THOUSANDS.match(digits):
        digits = digits.replace(",", "")
    elif digits.count(",") == 1 and "." not in digits:
        digits = digits.replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def same_unit(given: str, expected: str) -> bool:
    """Whether two unit names mean one unit ('km' and 'kilometres', 'nations' and 'countries')."""

    def key(unit: str) -> str:
        word = unit.casefold().strip(" .")
        word = _UNIT_SYNONYMS.get(word, word)
        return _UNIT_SYNONYMS.get(singular(word), singular(word))

    return key(given) == key(expected)


def _grade_numeric(question: Question, text: str) -> Verdict:
    parsed = parse_figure(text) if len(text) <= _LONGEST_FIGURE else None
    if parsed is None or not question.amounts:
        return Verdict(False, 0.0, f"That is not a number. {_says(question)}")
    qualifier, value, unit = parsed
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
            return Verdict(False, 0.0, f"Give the answer in {units}. {_says(question)}")
    stated = bound_of(question.qualifier, question.value_max)
    claimed = bound_of(qualifier)
    # "More than 48 hours" claims what the article does not; "about 300" only hedges.
    if claimed in ("lower", "upper") and claimed != stated:
        return Verdict(False, 0.0, f"Not quite. {_says(question)}")
    for amount in matches:
        scale = amount.value / primary.value if primary.value else 1.0
        value_max = None if question.value_max is None else question.value_max * scale
        accepted = accepted_span(
            amount.value, question.qualifier, question.tolerance * scale, value_max
        )
        if accepted.fits(value):
            in_range = value_max is not None and amount.value <= value <= value_max
            stated_value = value == amount.value or in_range
            if stated_value and stated == "exact":
                return Verdict(True, 1.0, "Correct.")
            if stated_value:
                return Verdict(True, 1.0, f"Correct: the article says {_amounts(question)}.")
            return Verdict(True, 1.0, f"Close enough: the article says {_amounts(question)}.")
    return Verdict(False, 0.0, f"Not quite. {_says(question)}")


def _says(question: Question) -> str:
    """The figure as the article gives it: qualified figures say so rather than 'the answer'."""
    if question.qualifier or question.value_max is not None:
        return f"The article says {_amounts(question)}."
    return f"The right answer is {_amounts(question)}."


def _amounts(question: Question) -> str:
    """'well over 10 miles (16 km)', '10 to 20 miles (16 to 32 km)' or '200 ships'."""
    if not question.amounts:
        return question.answer
    first, *others = question.amounts
    text = _amount(question, first)
    if question.qualifier:
        text = f"{question.qualifier} {text}"
    if others:
        text += " (" + ", ".join(_amount(question, a) for a in others) + ")"
    return text


def _amount(question: Question, amount: Amount) -> str:
    text = format_number(amount.value)
    if question.value_max is not None:
        primary = question.amounts[0].value
        high = question.value_max * amount.value / primary if primary else question.value_max
        text += f" to {format_number(high)}"
    return f"{text} {amount.unit}".rstrip()


def _grade_matching(question: Question, response: dict[str, str]) -> Verdict:
    right = sum(1 for left, answer in question.pairs if response.get(left) == answer)
    total = len(question.pairs)
    if right == total:
        return Verdict(True, 1.0, "Correct: every pair matches.")
    feedback = f"{right} of {total} pairs right. {_ended(question.answer)}"
    return Verdict(False, right / total, feedback)


def _grade_two_part(question: Question, response: dict[str, str]) -> Verdict:
    """Part A and part B graded apart, half the credit each; right only when both are."""
    first = response.get(PART_A, "") == question.answer
    second = response.get(PART_B, "") == question.support
    part_a = "Part A: correct." if first else f"Part A: not quite; {_ended(question.answer)}"
    part_b = (
        "Part B: correct."
        if second
        else f"Part B: not quite; the supporting sentence is: {_ended(question.support)}"
    )
    score = (first + second) / 2
    return Verdict(first and second, score, f"{part_a} {part_b}")
