"""Author's purpose: why the author includes a passage or names a source."""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.bank.schema import Purpose

from .context import Context
from .question import Question
from .written import sentence_of, written_choice


def build(ctx: Context) -> Iterator[Question]:
    for purpose in ctx.bank.purposes:
        yield from _why(ctx, purpose)


def _why(ctx: Context, purpose: Purpose) -> Iterator[Question]:
    yield from written_choice(
        ctx, purpose, "why", skill="purpose", prompt=purpose.prompt, answer=purpose.purpose,
        wrong=purpose.wrong_purposes, explanation=purpose.purpose,
        shown=sentence_of(ctx.loaded.article, purpose.evidence),
    )  # fmt: skip
