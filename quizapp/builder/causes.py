"""Cause and effect, asked both ways ('What led to ...?', 'What was one result of ...?')."""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.bank.schema import Cause

from .context import Context, sentence
from .evidence import cause_claim, two_part
from .question import Question
from .written import written_choice


def build(ctx: Context) -> Iterator[Question]:
    for cause in ctx.bank.causes:
        yield from _led_to(ctx, cause)
        yield from _result(ctx, cause)


def _explanation(ctx: Context, cause: Cause) -> str:
    return (
        f"{cause_claim(cause.cause, cause.effect)} The article links them with "
        f"{ctx.quoted(cause.signal)}."
    )


def _led_to(ctx: Context, cause: Cause) -> Iterator[Question]:
    for question in written_choice(
        ctx, cause, "led-to", skill="cause-effect",
        prompt=f"According to the article, what led to {cause.effect}?",
        answer=sentence(cause.cause), wrong=[sentence(w) for w in cause.wrong_causes],
        explanation=_explanation(ctx, cause),
    ):  # fmt: skip
        yield question
        yield from two_part(ctx, question, cause, cause_claim(cause.cause, cause.effect))


def _result(ctx: Context, cause: Cause) -> Iterator[Question]:
    yield from written_choice(
        ctx, cause, "result", skill="cause-effect",
        prompt=f"According to the article, what was one result of {cause.cause}?",
        answer=sentence(cause.effect), wrong=[sentence(w) for w in cause.wrong_effects],
        explanation=_explanation(ctx, cause),
    )  # fmt: skip
