"""Quizlet's import text: one card a line, term and definition separated by a tab."""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.bank import LoadedBank
from quizapp.builder import Question

from .formats import Export, exported_questions, filename

# A tab or a line break inside a text would start a new column or card in Quizlet.
_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def flat(text: str) -> str:
    """The text on one line without tabs: every run of tabs and line breaks is one space."""
    return _BREAKS.sub(" ", text).strip()


def term_and_definition(question: Question) -> tuple[str, str]:
    """The question as a card: the prompt (with its choices) and the right answer."""
    term = question.prompt
    if question.kind == "multiple_choice":
        term = f"{term} ({' / '.join(question.choices)})"
    if question.kind == "matching":
        term = f"{term} {'; '.join(left for left, _ in question.pairs)}"
        return flat(term), flat("; ".join(f"{left} → {right}" for left, right in question.pairs))
    return flat(term), flat(question.answer)


def to_quizlet(loaded: LoadedBank, questions: Sequence[Question]) -> Export:
    """Tab-separated cards, ready to paste into Quizlet's "Import" box."""
    lines = ["\t".join(term_and_definition(q)) for q in exported_questions(questions)]
    text = "\n".join(lines) + "\n"
    return Export(
        text.encode(), filename(loaded, "-quizlet.tsv"), "text/tab-separated-values; charset=utf-8"
    )
