"""What an export is (bytes, a file name, a media type) and which questions it holds."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from quizapp.bank import LoadedBank
from quizapp.bank.qualifiers import Span, accepted_span
from quizapp.bank.schema import Bank
from quizapp.builder import Question

# The bank section each fact comes from, by fact, as the tags of an export name it.
_SECTION_NAMES = {
    "quotes": "quote",
    "figures": "figure",
    "stances": "stance",
    "places": "place",
    "events": "event",
    "statements": "statement",
    "vocabulary": "vocabulary",
    "inferences": "inference",
    "causes": "cause",
    "main_ideas": "main-idea",
    "purposes": "purpose",
    "structures": "structure",
    "reliability": "reliability",
    "questions": "hand-written",
}
PART_B_PROMPT = "Which sentence from the article best supports your answer to part A?"


@dataclass(frozen=True)
class Export:
    """One exported file: its content, the name to save it under and its media type."""

    content: bytes
    filename: str
    mimetype: str


def exported_questions(questions: Sequence[Question]) -> list[Question]:
    """The questions an export holds: those a quiz asks (background facts are left out).

    Other tools know no sentence questions: an evidence question goes as a multiple choice of
    sentences, a two-part question as two multiple choices (part B's id ends `:part-b`).
    """
    found: list[Question] = []
    for question in questions:
        if question.background:
            continue
        if question.kind == "evidence":
            found.append(replace(question, kind="multiple_choice"))
        elif question.kind == "two_part":
            part_a = replace(question, kind="multiple_choice", prompt=f"Part A. {question.prompt}")
            part_b = replace(
                question, id=f"{question.id}:part-b", kind="multiple_choice",
                prompt=f"Part B. {PART_B_PROMPT} ({question.prompt})",
                choices=question.supports, answer=question.support,
            )  # fmt: skip
            found += [part_a, part_b]
        else:
            found.append(question)
    return found


def fact_types(bank: Bank) -> dict[str, str]:
    """Each fact's type by id: quote, figure, stance, place, event, statement, hand-written."""
    found: dict[str, str] = {}
    for section, name in _SECTION_NAMES.items():
        for fact in getattr(bank, section):
            found[fact.id] = name
    return found


def stable_id(*parts: str, low: int = 1 << 30, high: int = 1 << 31) -> int:
    """A number in [low, high) that depends only on the parts (Anki deck and model ids)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return low + int.from_bytes(digest[:8], "big") % (high - low)


def filename(loaded: LoadedBank, suffix: str) -> str:
    """`<slug><suffix>`: slugs are lower-case letters, digits and dashes, safe in any header."""
    return f"{loaded.slug}{suffix}"


def numeric_value(question: Question) -> float:
    """The number a numeric question's answer stands for ('3,000' -> 3000)."""
    if question.amounts:
        return question.amounts[0].value
    return float(question.answer.replace(",", ""))


def numeric_span(question: Question) -> Span:
    """The typed values the app grades right for a numeric question, in its first unit."""
    value = numeric_value(question)
    return accepted_span(value, question.qualifier, question.tolerance, question.value_max)
