"""Questions about figures: type the number, pick it, name its source, true or false."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

from quizapp.bank.schema import Figure

from .context import Context, choices_with, gives_away
from .question import FALSE, TRUE, Amount, Question

TOPIC = "figures"
# Multipliers that give wrong but believable values: same order of magnitude, none equal.
_SPREAD = (0.5, 2.0, 1.5, 0.25, 3.0, 0.75, 4.0, 5.0)


def format_number(value: float) -> str:
    """10.0 -> '10', 3000 -> '3,000', 2.5 -> '2.5', 0.125 -> '0.125' (never rounded to 0.12)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def format_amount(value: float, unit: str) -> str:
    return f"{format_number(value)} {unit}"


def _nice(value: float) -> float:
    """Round to two significant figures so generated distractors look like real figures."""
    if value <= 0:
        return value
    digits = 1 - math.floor(math.log10(value))
    return round(value, digits) if digits > 0 else float(round(value, digits))


def plausible_values(figure: Figure, others: list[Figure], rng: random.Random) -> list[float]:
    """Wrong values for a figure: other figures in the same unit first, then scaled ones."""
    same_unit = [f.value for f in others if f.unit == figure.unit and f.value != figure.value]
    rng.shuffle(same_unit)
    scaled = [_nice(figure.value * factor) for factor in _SPREAD]
    if figure.value.is_integer():
        scaled = [float(max(1, round(value))) for value in scaled]
    values: list[float] = []
    for value in [*same_unit, *scaled]:
        if value > 0 and value != figure.value and value not in values:
            values.append(value)
    return values


def build(ctx: Context) -> Iterator[Question]:
    for figure in ctx.bank.figures:
        yield from _numeric(ctx, figure)
        yield from _choice(ctx, figure)
        yield from _source(ctx, figure)
        yield from _true_false(ctx, figure)


def _stated(ctx: Context, figure: Figure) -> str:
    """How the article states the figure, e.g. 'well over 10 miles (16 km), according to Maxar'."""
    amount = format_amount(figure.value, figure.unit)
    if figure.qualifier:
        amount = f"{figure.qualifier} {amount}"
    if figure.alternatives:
        amount += (
            " (" + ", ".join(format_amount(a.value, a.unit) for a in figure.alternatives) + ")"
        )
    source = f", according to {ctx.name(figure.source)}" if figure.source else ""
    return f"The article gives {figure.measures} as {amount}{source}."


def _others(ctx: Context, figure: Figure) -> list[Figure]:
    return [f for f in ctx.bank.figures if f.id != figure.id]


def _numeric(ctx: Context, figure: Figure) -> Iterator[Question]:
    prompt = (
        f"According to the article, what was {figure.measures}? "
        f"Answer as a number of {figure.unit}."
    )
    if gives_away(prompt, format_number(figure.value)):
        return
    amounts = (
        Amount(figure.value, figure.unit),
        *(Amount(a.value, a.unit) for a in figure.alternatives),
    )
    yield ctx.question(
        figure, "numeric", kind="numeric", topic=TOPIC, level="recall", prompt=prompt,
        answer=format_number(figure.value), amounts=amounts, tolerance=figure.tolerance,
        explanation=_stated(ctx, figure),
    )  # fmt: skip


def _choice(ctx: Context, figure: Figure) -> Iterator[Question]:
    qid = f"{figure.id}:choice"
    rng = ctx.rng(qid)
    answer = format_amount(figure.value, figure.unit)
    wrong = [
        format_amount(v, figure.unit) for v in plausible_values(figure, _others(ctx, figure), rng)
    ]
    choices = choices_with(answer, wrong[:3], wrong[3:], rng)
    prompt = f"According to the article, what was {figure.measures}?"
    if choices and not gives_away(prompt, format_number(figure.value)):
        yield ctx.question(
            figure, "choice", kind="multiple_choice", topic=TOPIC, level="recognition",
            prompt=prompt, answer=answer, choices=choices, explanation=_stated(ctx, figure),
        )  # fmt: skip


def _source(ctx: Context, figure: Figure) -> Iterator[Question]:
    if figure.source is None:
        return
    qid = f"{figure.id}:source"
    answer = ctx.name(figure.source)
    other_sources = [ctx.name(f.source) for f in _others(ctx, figure) if f.source]
    informants = [a.name for a in ctx.bank.actors if a.kind in ("organisation", "media")]
    choices = choices_with(answer, other_sources, informants, ctx.rng(qid))
    amount = format_amount(figure.value, figure.unit)
    prompt = f"Who does the article attribute this figure to: {figure.measures} was {amount}?"
    source_actor = ctx.actor(figure.source)
    if choices and not gives_away(prompt, answer, *source_actor.aliases):
        yield ctx.question(
            figure, "source", kind="multiple_choice", topic=TOPIC, level="recognition",
            prompt=prompt, answer=answer, choices=choices, explanation=_stated(ctx, figure),
        )  # fmt: skip


def _true_false(ctx: Context, figure: Figure) -> Iterator[Question]:
    qid = f"{figure.id}:true-false"
    rng = ctx.rng(qid)
    wrong = plausible_values(figure, _others(ctx, figure), rng)
    if wrong and rng.random() < 0.5:
        claimed, answer = rng.choice(wrong[:3]), FALSE
    else:
        claimed, answer = figure.value, TRUE
    qualifier = f"{figure.qualifier} " if figure.qualifier else ""
    amount = format_amount(claimed, figure.unit)
    prompt = f"True or false: according to the article, {figure.measures} was {qualifier}{amount}."
    yield ctx.question(
        figure, "true-false", kind="true_false", topic=TOPIC, level="recognition",
        prompt=prompt, answer=answer, choices=(TRUE, FALSE), explanation=_stated(ctx, figure),
    )  # fmt: skip
