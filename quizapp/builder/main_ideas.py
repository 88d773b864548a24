"""Main-idea questions, for the whole article and for each of its sections.

The wrong options are of three kinds, one of each when the bank has them: true but too
narrow, true but not central, and inaccurate; the feedback says which is which.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from quizapp.bank.schema import MainIdea

from .context import Context
from .question import Question
from .written import written_choice

_KINDS = (("too_narrow", "true but too narrow"), ("not_central", "true but not central"),
          ("inaccurate", "not what the article says"))  # fmt: skip


def build(ctx: Context) -> Iterator[Question]:
    for idea in ctx.bank.main_ideas:
        yield from _central(ctx, idea)


def _central(ctx: Context, idea: MainIdea) -> Iterator[Question]:
    scope = "the article" if idea.section is None else ctx.bank.section(idea.section).label
    rng = ctx.rng(f"{idea.id}:central-kinds")
    first = [rng.choice(options) for key, _ in _KINDS if (options := getattr(idea, key))]
    for question in written_choice(
        ctx, idea, "central", skill="main-idea",
        prompt=f"Which sentence best states the central idea of {scope}?",
        answer=idea.idea, wrong=idea.wrong, first=first, explanation="",
    ):  # fmt: skip
        notes = [
            f"{option} ({what})"
            for key, what in _KINDS
            for option in getattr(idea, key)
            if option in question.choices
        ]
        why = f"The central idea of {scope}: {idea.idea} The others: " + "; ".join(notes) + "."
        yield question if idea.explanation else replace(question, explanation=why)
