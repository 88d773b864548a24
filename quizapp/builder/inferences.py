"""Inference questions: a conclusion the article supports without stating it, alone and in
two parts (the conclusion, then the sentence that supports it)."""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.bank.schema import Inference

from .context import Context
from .evidence import two_part
from .question import Question
from .written import paragraph_label, written_choice


def build(ctx: Context) -> Iterator[Question]:
    for inference in ctx.bank.inferences:
        yield from _conclusion(ctx, inference)


def _conclusion(ctx: Context, inference: Inference) -> Iterator[Question]:
    where = paragraph_label(ctx, inference) if not inference.also else "the article"
    prompt = inference.prompt or f"Based on {where}, which conclusion does the article support?"
    for question in written_choice(
        ctx, inference, "conclusion", skill="inference", prompt=prompt,
        answer=inference.conclusion, wrong=inference.over_inferences,
        explanation=f"The article does not say so outright, but it supports this: "
        f"{inference.conclusion}",
    ):  # fmt: skip
        yield question
        yield from two_part(ctx, question, inference, inference.conclusion)
