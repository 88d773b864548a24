"""Moodle GIFT text: every kind of question, GIFT's special characters escaped.

Multiple choice, true/false, short answer, numeric (the range the app itself accepts) and
matching are GIFT's own kinds; a cloze becomes a short answer whose text shows the blank.
The explanation and the evidence go into each question's general feedback.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizapp.bank import LoadedBank
from quizapp.builder import Question

from .formats import Export, exported_questions, filename, numeric_span, numeric_value

SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    """Text safe inside GIFT: its special characters backslashed, line breaks as `\\n`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    escaped = "".join(f"\\{char}" if char in SPECIAL else char for char in text)
    return escaped.replace("\n", "\\n")


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else repr(value)


def _numeric(question: Question) -> str:
    value = numeric_value(question)
    span = numeric_span(question)
    if span.low == span.high:
        return f"#{_number(value)}:0"
    if abs((span.low + span.high) / 2 - value) < 1e-9:
        return f"#{_number(value)}:{_number(value - span.low)}"
    return f"#{_number(span.low)}..{_number(span.high)}"


def _answers(question: Question) -> list[str]:
    if question.kind == "multiple_choice":
        return [f"{'=' if c == question.answer else '~'}{escape(c)}" for c in question.choices]
    if question.kind == "true_false":
        return ["TRUE" if question.answer == "True" else "FALSE"]
    if question.kind == "numeric":
        return [_numeric(question)]
    if question.kind == "matching":
        return [f"={escape(left)} -> {escape(right)}" for left, right in question.pairs]
    # short answer and cloze: every accepted answer is full credit
    answers = [question.answer, *(a for a in question.accepted if a != question.answer)]
    return [f"={escape(answer)}" for answer in answers]


def feedback(question: Question) -> str:
    """The general feedback: why the answer is right, and the article's words that prove it."""
    proof = question.evidence
    if question.attribution:
        proof = f"{question.attribution} … {proof}"
    return f"{question.explanation} Evidence (paragraph {question.paragraph + 1}): {proof}"


def question_text(question: Question) -> str:
    """One GIFT question: its name, its text as plain text, its answers and its feedback."""
    answers = "\n".join(_answers(question))
    return (
        f"::{escape(question.id)}::[plain]{escape(question.prompt)}"
        f"{{\n{answers}\n####{escape(feedback(question))}\n}}"
    )


def to_gift(loaded: LoadedBank, questions: Sequence[Question]) -> Export:
    """The bank's questions as a GIFT file, in a category named after the bank."""
    blocks = [
        f"// {' '.join(loaded.bank.title.split())} (quizapp bank {loaded.slug})",
        f"$CATEGORY: $course$/quizapp/{loaded.slug}",
    ]
    blocks += [question_text(question) for question in exported_questions(questions)]
    text = "\n\n".join(blocks) + "\n"
    return Export(text.encode(), filename(loaded, ".gift.txt"), "text/plain")
