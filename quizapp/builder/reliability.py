"""Reliability: which claim is least certain, which kind of source a figure comes from."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context
from .question import Question
from .written import written_choice


def build(ctx: Context) -> Iterator[Question]:
    for item in ctx.bank.reliability:
        yield from written_choice(
            ctx, item, "trust", skill="reliability", prompt=item.prompt, answer=item.answer,
            wrong=item.wrong, explanation=item.answer,
        )  # fmt: skip
