"""Questions about quotes: who said it, what they said, a key word, and true or false."""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.bank.schema import Fact, Quote

from .context import Context, blank_out, choices_with, distinct, gives_away, with_article
from .question import FALSE, TRUE, Question

TOPIC = "quotes"
_LONGEST_CHOICE = 220


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
    return [ctx.name(q.speaker) for q in ctx.bank.quotes if q.speaker != quote.speaker]


def _people(ctx: Context) -> list[str]:
    """Every actor's name, people and groups first: the fallback pool of 'who' distractors."""
    actors = sorted(ctx.bank.actors, key=lambda a: a.kind not in ("person", "group"))
    return [a.name for a in actors]


def _who_said(ctx: Context, quote: Quote) -> Iterator[Question]:
    qid = f"{quote.id}:who-said"
    answer = ctx.name(quote.speaker)
    speaker = ctx.actor(quote.speaker)
    choices = choices_with(answer, _other_speakers(ctx, quote), _people(ctx), ctx.rng(qid))
    prompt = f'Who said this? "{quote.words}"'
    if choices and not gives_away(prompt, answer, *speaker.aliases):
        yield ctx.question(
            quote, "who-said", kind="multiple_choice", topic=TOPIC, level="recognition",
            prompt=prompt, answer=answer, choices=choices,
            explanation=_default_explanation(ctx, quote),
        )  # fmt: skip


def _what_said(ctx: Context, quote: Quote) -> Iterator[Question]:
    if len(quote.words) > _LONGEST_CHOICE:
        return
    qid = f"{quote.id}:what-said"
    others = [
        q.words
        for q in ctx.bank.quotes
        if q.speaker != quote.speaker and len(q.words) <= _LONGEST_CHOICE
    ]
    choices = choices_with(quote.words, others, [], ctx.rng(qid))
    how = _said_how(quote)
    prompt = f"What did {_speaker_label(ctx, quote)} say{' ' + how if how else ''}?"
    if choices and not gives_away(prompt, quote.words):
        yield ctx.question(
            quote, "what-said", kind="multiple_choice", topic=TOPIC, level="recognition",
            prompt=prompt, answer=quote.words, choices=choices,
            explanation=_default_explanation(ctx, quote),
        )  # fmt: skip


def _cloze(ctx: Context, quote: Quote) -> Iterator[Question]:
    for number, word in enumerate(quote.cloze, start=1):
        blanked = blank_out(quote.words, word)
        prompt = f'Fill in the missing word in what {ctx.name(quote.speaker)} said: "{blanked}"'
        if blanked is None or gives_away(prompt, word):
            continue
        yield ctx.question(
            quote, f"cloze-{number}", kind="cloze", topic=TOPIC, level="recall",
            prompt=prompt, answer=word, explanation=_default_explanation(ctx, quote),
        )  # fmt: skip


def _true_false(ctx: Context, quote: Quote) -> Iterator[Question]:
    qid = f"{quote.id}:true-false"
    rng = ctx.rng(qid)
    speaker = ctx.name(quote.speaker)
    impostors = distinct(_other_speakers(ctx, quote) or _people(ctx), exclude=[speaker])
    if impostors and rng.random() < 0.5:
        claimed, answer = rng.choice(sorted(impostors)), FALSE
    else:
        claimed, answer = speaker, TRUE
    prompt = f'True or false: {claimed} said "{quote.words}"'
    verdict = f"{speaker} said it." if answer == TRUE else f"It was {speaker}, not {claimed}."
    yield ctx.question(
        quote, "true-false", kind="true_false", topic=TOPIC, level="recognition",
        prompt=prompt, answer=answer, choices=(TRUE, FALSE),
        explanation=verdict,
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
        others = [p.name for p in people if p.id != actor.id]
        choices = choices_with(actor.name, others, _people(ctx), ctx.rng(qid))
        prompt = f"Who is described in the article as {actor.role}?"
        if choices and not gives_away(prompt, actor.name, *actor.aliases):
            yield ctx.question(
                fact, "role", kind="multiple_choice", topic=TOPIC, level="recognition",
                prompt=prompt, answer=actor.name, choices=choices,
                explanation=f"{actor.name} is {actor.role}.",
            )  # fmt: skip
