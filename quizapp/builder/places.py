"""Questions about places and events: which place, when and where."""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.bank.schema import Event, Place

from .context import Context, choices_with, gives_away, sentence
from .question import Question


def build(ctx: Context) -> Iterator[Question]:
    for place in ctx.bank.places:
        yield from _which_place(ctx, place)
        yield from _name_place(ctx, place)
    for event in ctx.bank.events:
        yield from _when(ctx, event)
        yield from _where(ctx, event)


def _place_prompt(place: Place) -> str:
    return f'Which place does the article describe as "{place.description}"?'


def _explanation(place: Place) -> str:
    return f"The article describes {place.name} as {place.description}."


def _which_place(ctx: Context, place: Place) -> Iterator[Question]:
    qid = f"{place.id}:which"
    others = [p.name for p in ctx.bank.places if p.id != place.id]
    countries = [a.name for a in ctx.bank.actors if a.kind == "country"]
    choices = choices_with(place.name, others, countries, ctx.rng(qid))
    prompt = _place_prompt(place)
    if choices and not gives_away(prompt, place.name, *place.aliases):
        yield ctx.question(
            place, "which", kind="multiple_choice", topic="places", level="recognition",
            prompt=prompt, answer=place.name, choices=choices, explanation=_explanation(place),
        )  # fmt: skip


def _name_place(ctx: Context, place: Place) -> Iterator[Question]:
    prompt = _place_prompt(place) + " Type its name."
    if not gives_away(prompt, place.name, *place.aliases):
        yield ctx.question(
            place, "name", kind="short_answer", topic="places", level="recall",
            prompt=prompt, answer=place.name, accepted=tuple(place.aliases),
            explanation=_explanation(place),
        )  # fmt: skip


def _when(ctx: Context, event: Event) -> Iterator[Question]:
    if event.when is None:
        return
    qid = f"{event.id}:when"
    others = [e.when for e in ctx.bank.events if e.id != event.id and e.when]
    choices = choices_with(event.when, others, [], ctx.rng(qid))
    prompt = f"According to the article, when did this happen: {event.what}?"
    explanation = f"{sentence(event.what)}: {event.when}."
    if choices and not gives_away(prompt, event.when):
        yield ctx.question(
            event, "when", kind="multiple_choice", topic="events", level="recognition",
            prompt=prompt, answer=event.when, choices=choices, explanation=explanation,
        )  # fmt: skip
    elif not gives_away(prompt, event.when):
        yield ctx.question(
            event, "when-typed", kind="short_answer", topic="events", level="recall",
            prompt=prompt, answer=event.when, explanation=explanation,
        )  # fmt: skip


def _where(ctx: Context, event: Event) -> Iterator[Question]:
    if event.where is None:
        return
    qid = f"{event.id}:where"
    others = [e.where for e in ctx.bank.events if e.id != event.id and e.where]
    places = [p.name for p in ctx.bank.places]
    choices = choices_with(event.where, others, places, ctx.rng(qid))
    prompt = f"According to the article, where did this happen: {event.what}?"
    if choices and not gives_away(prompt, event.where):
        yield ctx.question(
            event, "where", kind="multiple_choice", topic="events", level="recognition",
            prompt=prompt, answer=event.where, choices=choices,
            explanation=f"{sentence(event.what)}: {event.where}.",
        )  # fmt: skip
