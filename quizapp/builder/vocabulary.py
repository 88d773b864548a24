"""Vocabulary questions: what a word of the article means as it is used there."""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.bank.schema import Vocabulary

from .context import Context
from .question import Question
from .written import paragraph_label, sentence_of, written_choice


def build(ctx: Context) -> Iterator[Question]:
    for item in ctx.bank.vocabulary:
        yield from _meaning(ctx, item)


def _meaning(ctx: Context, item: Vocabulary) -> Iterator[Question]:
    word = ctx.quoted(item.word)
    meaning = f"{item.meaning[:1].lower()}{item.meaning[1:]}".rstrip(".")
    yield from written_choice(
        ctx, item, "meaning", skill="vocabulary",
        prompt=f"As used in {paragraph_label(ctx, item)}, what does {word} mean?",
        answer=item.meaning, wrong=item.wrong_senses,
        explanation=f"In this sentence, {word} means {meaning}.",
        shown=sentence_of(ctx.loaded.article, item.evidence),
    )  # fmt: skip
