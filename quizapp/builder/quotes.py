"""Questions about quotes: who said it, what they said, a key word, and true or false."""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.bank.schema import Fact, Quote

from .actors import other_names, rivals, speakers
from .cloze import fair_blank
from .context import GENERATED_FALSE_SHARE, Context, Distinct, choices_with, with_article
from .question import FALSE, TRUE, Question

TOPIC = "quotes"


def build(ctx: Context) -> Iterator[Question]:
    for quote in ctx.bank.quotes:
        yield from _who_said(ctx, quote)
        yield from _what_said(ctx, quote)
        yield from _cloze(ctx, quote)
        yield from _true_false(ctx, quote)
    yield from _roles(ctx)


def _speaker_label(ctx: Context, quote: Quote) -> str:
    actor = ctx.actor(quote.speaker)
    return f"{actor.name} ({actor.role})" if actor.role else actor.name


def _said_how(quote: Quote) -> str:
    parts = [
        f"in {with_article(quote.how)}" if quote.how else "",
        f"to {quote.to}" if quote.to else "",
    ]
    return " ".join(part for part in parts if part)


def _default_explanation(ctx: Context, quote: Quote) -> str:
    how = _said_how(quote)
    return f"{ctx.name(quote.speaker)} said this{' ' + how if how else ''}."


def _other_speakers(ctx: Context, quote: Quote) -> list[str]:
    """Ids of other speakers in the article who could stand against this one: never an actor
    who said nothing there, never one overlapping the speaker."""
    return rivals(ctx.bank, quote.speaker, speakers(ctx.bank))


def _who_said(ctx: Context, quote: Quote) -> Iterator[Question]:
    qid = f"{quote.id}:who-said"
    answer = ctx.name(quote.speaker)
    others = [ctx.name(a) for a in _other_speakers(ctx, quote)]
    if len(others) < 2:
        # Too few speakers: people the article names may stand in, never a country or body.
        people = [a.id for a in ctx.bank.actors if a.kind == "person"]
        others += [ctx.name(a) for a in rivals(ctx.bank, quote.speaker, people)]
    # With only two people in the article, "which of the two said it?" is still fair.
    choices = choices_with(answer, others, [], ctx.rng(qid), minimum=1)
    if choices is None:
        ctx.skip(quote, "who-said", "no other person to choose from")
        return
    yield from ctx.ask(
        quote, "who-said", kind="multiple_choice", topic=TOPIC, level="recognition",
        prompt=f'According to the article, who said this? "{quote.words}"', answer=answer,
        choices=choices, explanation=_default_explanation(ctx, quote),
    )  # fmt: skip


def _what_said(ctx: Context, quote: Quote) -> Iterator[Question]:
    qid = f"{quote.id}:what-said"
    others = ctx.memo(("words of rivals", quote.speaker), lambda: _rivals_words(ctx, quote))
    choices = choices_with(quote.words, others, [], ctx.rng(qid))
    if choices is None:
        ctx.skip(quote, "what-said", "no two quotes of other speakers of a comparable length")
        return
    how = _said_how(quote)
    prompt = f"According to the article, what did {_speaker_label(ctx, quote)} say"
    yield from ctx.ask(
        quote, "what-said", kind="multiple_choice", topic=TOPIC, level="recognition",
        prompt=f"{prompt}{' ' + how if how else ''}?", answer=quote.words, choices=choices,
        explanation=_default_explanation(ctx, quote),
    )  # fmt: skip


def _rivals_words(ctx: Context, quote: Quote) -> Distinct:
    """Everything the speaker's rivals said, in bank order (the same for each of its quotes)."""
    others_ids = set(_other_speakers(ctx, quote))
    return Distinct.of(q.words for q in ctx.bank.quotes if q.speaker in others_ids)


def _cloze(ctx: Context, quote: Quote) -> Iterator[Question]:
    for number, word in enumerate(quote.cloze, start=1):
        template = f"cloze-{number}"
        blanked = fair_blank(quote.words, word, "quote")
        if isinstance(blanked, str):
            ctx.skip(quote, template, blanked)
            continue
        accepted = other_names(ctx.bank, blanked.answer)
        # The quote's own words: "in what ... said" already says the blank is as written.
        instruction = blanked.instruction(accepted)
        prompt = f'{instruction} in what {ctx.name(quote.speaker)} said: "{blanked.text}"'
        yield from ctx.ask(
            quote, template, kind="cloze", topic=TOPIC, level="recall", prompt=prompt,
            answer=blanked.answer, accepted=accepted,
            explanation=_default_explanation(ctx, quote),
        )  # fmt: skip


def _true_false(ctx: Context, quote: Quote) -> Iterator[Question]:
    qid = f"{quote.id}:true-false"
    rng = ctx.rng(qid)
    speaker = ctx.name(quote.speaker)
    impostors = sorted(ctx.name(a) for a in _other_speakers(ctx, quote))
    if impostors and rng.random() < GENERATED_FALSE_SHARE:
        claimed, answer = rng.choice(impostors), FALSE
    else:
        claimed, answer = speaker, TRUE
    prompt = f'True or false: according to the article, {claimed} said "{quote.words}"'
    verdict = f"{speaker} said it." if answer == TRUE else f"It was {speaker}, not {claimed}."
    yield from ctx.ask(
        quote, "true-false", kind="true_false", topic=TOPIC, level="recognition",
        prompt=prompt, answer=answer, choices=(TRUE, FALSE), explanation=verdict,
    )  # fmt: skip


def _roles(ctx: Context) -> Iterator[Question]:
    """'Who is described as ...?' for every person whose role the article states."""
    people = [a for a in ctx.bank.actors if a.kind == "person"]
    for actor in people:
        if actor.evidence is None or actor.role is None:
            continue
        fact = Fact(  # a stated role is a fact about its actor
            id=actor.id, evidence=actor.evidence
        )
        qid = f"{actor.id}:role"
        others = [ctx.name(a) for a in rivals(ctx.bank, actor.id, [p.id for p in people])]
        choices = choices_with(actor.name, others, [], ctx.rng(qid))
        if choices is None:
            ctx.skip(actor.id, "role", "fewer than two other people to choose from")
            continue
        yield from ctx.ask(
            fact, "role", kind="multiple_choice", topic=TOPIC, level="recognition",
            prompt=f"Who is described in the article as {actor.role}?", answer=actor.name,
            choices=choices, explanation=f"{actor.name} is {actor.role}.",
        )  # fmt: skip
