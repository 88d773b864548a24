"""Questions about places and events: which place, when and where."""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.bank.grounding import fold
from quizapp.bank.schema import Event, Place

from .actors import place_type
from .context import Context, choices_with, sentence
from .question import Question


def build(ctx: Context) -> Iterator[Question]:
    for place in ctx.bank.places:
        yield from _which_place(ctx, place)
        yield from _name_place(ctx, place)
    for event in ctx.bank.events:
        yield from _when(ctx, event)
        yield from _where(ctx, event)


def _place_prompt(ctx: Context, place: Place) -> str:
    return f"Which place does the article describe as {ctx.quoted(place.description)}?"


def _explanation(place: Place) -> str:
    return f"The article describes {place.name} as {place.description}."


def _same_type(ctx: Context, kind: str, exclude: str) -> list[str]:
    """Names of places of one type (a city for a city, a country for a country)."""
    places = ctx.memo(("places of type", kind), lambda: _of_type(ctx, kind))
    key = fold(exclude).casefold()
    return [name for name in places if fold(name).casefold() != key]


def _of_type(ctx: Context, kind: str) -> list[str]:
    places = [p.name for p in ctx.bank.places if place_type(ctx.bank, p) == kind]
    if kind == "country":
        places += [a.name for a in ctx.bank.actors if a.kind == "country"]
    return places


def _which_place(ctx: Context, place: Place) -> Iterator[Question]:
    qid = f"{place.id}:which"
    kind = place_type(ctx.bank, place)
    others = [p.name for p in ctx.bank.places if p.id != place.id]
    same = set(_same_type(ctx, kind, place.name))
    choices = choices_with(place.name, [n for n in others if n in same], sorted(same), ctx.rng(qid))
    if choices is None:
        ctx.skip(place, "which", f"fewer than two other places of its type ({kind})")
        return
    yield from ctx.ask(
        place, "which", kind="multiple_choice", topic="places", level="recognition",
        prompt=_place_prompt(ctx, place), answer=place.name, choices=choices,
        explanation=_explanation(place),
    )  # fmt: skip


def _name_place(ctx: Context, place: Place) -> Iterator[Question]:
    yield from ctx.ask(
        place, "name", kind="short_answer", topic="places", level="recall",
        prompt=_place_prompt(ctx, place) + " Type its name.", answer=place.name,
        accepted=tuple(place.aliases), explanation=_explanation(place),
    )  # fmt: skip


def _when(ctx: Context, event: Event) -> Iterator[Question]:
    if event.when is None:
        return
    if event.planned:
        ctx.skip(event, "when", "a planned event: 'when did this happen' is not asked")
        return
    qid = f"{event.id}:when"
    others = [e.when for e in ctx.bank.events if e.id != event.id and e.when and not e.planned]
    choices = choices_with(event.when, others, [], ctx.rng(qid))
    prompt = f"{ctx.anchor(event)}, when did this happen: {event.what}?"
    explanation = f"When: {event.when}. {sentence(event.what).rstrip('.')}."
    if choices:
        yield from ctx.ask(
            event, "when", kind="multiple_choice", topic="events", level="recognition",
            prompt=prompt, answer=event.when, choices=choices, explanation=explanation,
        )  # fmt: skip
    else:
        yield from ctx.ask(
            event, "when-typed", kind="short_answer", topic="events", level="recall",
            prompt=prompt, answer=event.when, explanation=explanation,
        )  # fmt: skip


def _where(ctx: Context, event: Event) -> Iterator[Question]:
    if event.where is None:
        return
    qid = f"{event.id}:where"
    key = fold(event.where).casefold()
    place = next((p for p in ctx.bank.places if fold(p.name).casefold() == key), None)
    others = [e.where for e in ctx.bank.events if e.id != event.id and e.where]
    if place is not None:
        same = set(_same_type(ctx, place_type(ctx.bank, place), place.name))
        preferred, fallback = [o for o in others if o in same], sorted(same)
    else:
        preferred, fallback = others, [p.name for p in ctx.bank.places]
    choices = choices_with(event.where, preferred, fallback, ctx.rng(qid))
    if choices is None:
        ctx.skip(event, "where", "fewer than two other places of the same type")
        return
    happen = "will this happen" if event.planned else "did this happen"
    yield from ctx.ask(
        event, "where", kind="multiple_choice", topic="events", level="recognition",
        prompt=f"{ctx.anchor(event)}, where {happen}: {event.what}?",
        answer=event.where, choices=choices,
        explanation=f"Where: {event.where}. {sentence(event.what).rstrip('.')}.",
    )  # fmt: skip
