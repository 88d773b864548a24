"""Structure: how a section of the article is organised (e.g. the turn at 'However')."""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.bank.schema import Structure

from .context import Context
from .question import Question
from .written import written_choice


def build(ctx: Context) -> Iterator[Question]:
    for structure in ctx.bank.structures:
        yield from _organised(ctx, structure)


def _organised(ctx: Context, structure: Structure) -> Iterator[Question]:
    section = ctx.bank.section(structure.section)
    verb = "is" if section.first == section.last else "are"
    turn = f" The turn comes at {ctx.quoted(structure.signal)}." if structure.signal else ""
    yield from written_choice(
        ctx, structure, "organised", skill="structure",
        prompt=structure.prompt or f"How {verb} {section.label} of the article organised?",
        answer=structure.structure, wrong=structure.wrong_structures,
        explanation=f"{structure.structure}{turn}",
    )  # fmt: skip
