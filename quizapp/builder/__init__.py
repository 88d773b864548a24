"""The question builder: a bank's facts in, comprehension questions out (no Flask).

Output is deterministic for a given seed: each question draws from its own random source,
seeded by the build seed and its id, so adding a fact never reshuffles other questions.
"""

from __future__ import annotations

from quizapp.bank import LoadedBank

from . import (
    causes,
    evidence,
    figures,
    inferences,
    main_ideas,
    places,
    purposes,
    quotes,
    reliability,
    stances,
    statements,
    structures,
    vocabulary,
)
from .context import Context, Skipped
from .question import Amount, Question

__all__ = ["Amount", "Question", "Skipped", "build_questions", "build_with_skips"]

_TEMPLATES = (
    quotes, figures, stances, places, statements, vocabulary, inferences, causes, main_ideas,
    purposes, structures, reliability, evidence,
)  # fmt: skip


def build_with_skips(loaded: LoadedBank, seed: int = 0) -> tuple[list[Question], list[Skipped]]:
    """Every question the bank's facts support, in bank order, and those left out and why."""
    ctx = Context(loaded, seed)
    built: list[Question] = []
    seen: set[str] = set()
    for template in _TEMPLATES:
        for question in template.build(ctx):
            if question.id not in seen:
                seen.add(question.id)
                built.append(question)
    return built, list(ctx.skipped)


def build_questions(loaded: LoadedBank, seed: int = 0) -> list[Question]:
    """Every question the bank's facts support, in bank order."""
    return build_with_skips(loaded, seed)[0]
