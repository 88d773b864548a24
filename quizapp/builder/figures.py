"""Questions about figures: type the number, pick it, name its source, true or false.

A figure is what the article says, qualifier and all: "well over 10 miles" is a lower bound,
so 15 miles is not a wrong choice and "the queue was well over 5 miles" is not false
(quizapp.bank.qualifiers says which values a qualified figure fits).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

from quizapp.bank.qualifiers import Span, bound_of, contradicts, span
from quizapp.bank.schema import Figure

from .actors import rivals
from .context import GENERATED_FALSE_SHARE, Context, choices_with, sentence
from .question import FALSE, TRUE, Amount, Question

TOPIC = "figures"
# Multipliers that give wrong but believable values: same order of magnitude, none equal.
_SPREAD = (0.5, 2.0, 1.5, 0.25, 3.0, 0.75, 4.0, 5.0)
# Another figure in the same unit is a believable wrong value only on the same scale.
_SCALE = 5.0
_SHARE_UNITS = frozenset({"%", "per cent", "percent", "percentage points"})


def format_number(value: float) -> str:
    """10.0 -> '10', 3000 -> '3,000', 2.5 -> '2.5', 0.125 -> '0.125' (never rounded to 0.12)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def format_amount(value: float, unit: str) -> str:
    """'48 hours'; '40,000' when the unit is not said (`said_unit`)."""
    return f"{format_number(value)} {unit}".rstrip()


def stated_amount(
    value: float, unit: str, qualifier: str | None = None, value_max: float | None = None
) -> str:
    """'well over 10 miles', 'between 10 and 20 miles', '48 hours'."""
    if value_max is not None:
        return f"between {format_number(value)} and {format_amount(value_max, unit)}"
    amount = format_amount(value, unit)
    return f"{qualifier} {amount}" if qualifier else amount


def stated_span(figure: Figure) -> Span:
    return span(figure.value, figure.qualifier, figure.value_max)


def _nice(value: float) -> float:
    """Round to two significant figures so generated distractors look like real figures."""
    if value <= 0:
        return value
    digits = 1 - math.floor(math.log10(value))
    return round(value, digits) if digits > 0 else float(round(value, digits))


def _possible(figure: Figure, value: float) -> bool:
    """Whether a value could be a figure in this unit at all (a share is 0-100 %)."""
    return value > 0 and (figure.unit not in _SHARE_UNITS or value <= 100)


def plausible_values(figure: Figure, others: list[Figure], rng: random.Random) -> list[float]:
    """Wrong values for a figure: other figures in the same unit and scale, then scaled ones.

    None of them is a value the article's statement fits ("well over 10" fits 15).
    """
    low, high = figure.value / _SCALE, figure.value * _SCALE
    same_unit = [f.value for f in others if f.unit == figure.unit and low <= f.value <= high]
    rng.shuffle(same_unit)
    scaled = [_nice(figure.value * factor) for factor in _SPREAD]
    if figure.value.is_integer():
        scaled = [float(max(1, round(value))) for value in scaled]
    stated = stated_span(figure)
    values: list[float] = []
    for value in [*same_unit, *scaled]:
        if _possible(figure, value) and not stated.fits(value) and value not in values:
            values.append(value)
    return values


def build(ctx: Context) -> Iterator[Question]:
    for figure in ctx.bank.figures:
        yield from _numeric(ctx, figure)
        yield from _choice(ctx, figure)
        yield from _source(ctx, figure)
        yield from _true_false(ctx, figure)


def said_unit(figure: Figure) -> str:
    """The unit as a sentence about the figure says it: none after "the number of Russians"
    ("was around 40,000", not "was around 40,000 Russians"; "how many?", not "how many
    Russians?")."""
    return "" if figure.measures.startswith("the number of") else figure.unit


def how_many(unit: str) -> str:
    return f"how many {unit}".strip()


def _stated(ctx: Context, figure: Figure) -> str:
    """How the article states the figure, e.g. 'well over 10 miles (16 km), according to Maxar'."""
    amount = stated_amount(figure.value, said_unit(figure), figure.qualifier, figure.value_max)
    if figure.alternatives:
        amount += (
            " (" + ", ".join(format_amount(a.value, a.unit) for a in figure.alternatives) + ")"
        )
    source = f", according to {ctx.name(figure.source)}" if figure.source else ""
    return f"The article gives {figure.measures} as {amount}{source}."


def _others(ctx: Context, figure: Figure) -> list[Figure]:
    return [f for f in ctx.bank.figures if f.id != figure.id]


def _forms(figure: Figure) -> list[str]:
    """How the answer could be printed in a prompt: digits, the article's words, other units."""
    numbers = [figure.value, *(a.value for a in figure.alternatives)]
    forms = [format_number(n) for n in numbers] + [
        format_number(n).replace(",", "") for n in numbers
    ]
    return [*forms, *([figure.written] if figure.written else [])]


def _numeric(ctx: Context, figure: Figure) -> Iterator[Question]:
    anchor, unit = ctx.anchor(figure), said_unit(figure)
    if figure.value_max is not None:
        prompt = (
            f"{anchor}, {figure.measures} was between how many and {how_many(unit)}? "
            f"Type a number in that range."
        )
    else:
        qualifier = f"{figure.qualifier} " if figure.qualifier else ""
        prompt = f"{anchor}, {figure.measures} was {qualifier}{how_many(unit)}?"
    amounts = (
        Amount(figure.value, figure.unit),
        *(Amount(a.value, a.unit) for a in figure.alternatives),
    )
    yield from ctx.ask(
        figure, "numeric", kind="numeric", topic=TOPIC, level="recall", prompt=prompt,
        answer=format_number(figure.value), amounts=amounts, tolerance=figure.tolerance,
        qualifier=figure.qualifier, value_max=figure.value_max, forms=_forms(figure),
        explanation=_stated(ctx, figure),
    )  # fmt: skip


def _choice(ctx: Context, figure: Figure) -> Iterator[Question]:
    bound = bound_of(figure.qualifier, figure.value_max)
    if bound in ("lower", "upper", "range"):
        # Every fair wrong value of "well over 10" is below 10: the answer would always be
        # the largest choice.
        what = {"lower": "a lower bound", "upper": "an upper bound", "range": "a range"}[bound]
        ctx.skip(figure, "choice", f"{what} gets no fair choices (the answer would always be "
                 "the largest or smallest)")  # fmt: skip
        return
    qid = f"{figure.id}:choice"
    rng = ctx.rng(qid)
    wrong = plausible_values(figure, _others(ctx, figure), rng)
    below = [v for v in wrong if v < figure.value]
    above = [v for v in wrong if v > figure.value]
    if not below or not above:
        ctx.skip(figure, "choice", "no fair wrong values on both sides of the answer")
        return
    rest = [v for v in wrong if v not in (below[0], above[0])]
    picked = [below[0], above[0], *rest[:1]]
    answer = format_amount(figure.value, figure.unit)
    choices = choices_with(answer, [format_amount(v, figure.unit) for v in picked], [], rng)
    qualifier = f"{figure.qualifier} " if figure.qualifier else ""
    prompt = (
        f"{ctx.anchor(figure)}, {figure.measures} was {qualifier}{how_many(said_unit(figure))}?"
    )
    if choices is None:
        ctx.skip(figure, "choice", "fewer than two fair wrong values")
        return
    yield from ctx.ask(
        figure, "choice", kind="multiple_choice", topic=TOPIC, level="recognition",
        prompt=prompt, answer=answer, choices=choices, forms=_forms(figure),
        explanation=_stated(ctx, figure),
    )  # fmt: skip


def _source(ctx: Context, figure: Figure) -> Iterator[Question]:
    if figure.source is None:
        return
    qid = f"{figure.id}:source"
    answer = ctx.name(figure.source)
    other_sources = [f.source for f in _others(ctx, figure) if f.source]
    informants = [a.id for a in ctx.bank.actors if a.kind in ("organisation", "media")]
    preferred = rivals(ctx.bank, figure.source, other_sources)
    fallback = rivals(ctx.bank, figure.source, [*preferred, *informants])
    choices = choices_with(
        answer, [ctx.name(a) for a in preferred], [ctx.name(a) for a in fallback], ctx.rng(qid)
    )
    amount = stated_amount(figure.value, said_unit(figure), figure.qualifier, figure.value_max)
    prompt = f"Who does the article attribute this figure to: {figure.measures} was {amount}?"
    if choices is None:
        ctx.skip(figure, "source", "fewer than two other sources of the same type")
        return
    yield from ctx.ask(
        figure, "source", kind="multiple_choice", topic=TOPIC, level="recognition",
        prompt=prompt, answer=answer, choices=choices, explanation=_stated(ctx, figure),
        skill="attribution",
    )  # fmt: skip


@dataclass(frozen=True)
class Claim:
    """What a true/false question states about a figure, and whether the article bears it out."""

    value: float
    qualifier: str | None
    value_max: float | None
    true: bool

    @property
    def span(self) -> Span:
        return span(self.value, self.qualifier, self.value_max)


def false_claims(figure: Figure, others: list[Figure], rng: random.Random) -> list[Claim]:
    """Claims the article's statement contradicts, the most plausible first.

    A bound is contradicted by the other side of it at the same number ("well over 10" by
    "under 10": a reader must mind the qualifier, while "under 2.5" would be trivially false);
    an exact or approximate figure by a value its statement does not fit.
    """
    bound = bound_of(figure.qualifier, figure.value_max)
    wrong = plausible_values(figure, others, rng)
    claims: list[Claim]
    if bound == "lower":
        claims = [Claim(figure.value, "under", None, False)]
    elif bound == "upper":
        claims = [Claim(figure.value, "over", None, False)]
    elif bound == "range":
        top = figure.value_max or figure.value
        claims = [Claim(figure.value, "under", None, False), Claim(top, "over", None, False)]
    else:
        claims = [Claim(v, figure.qualifier, None, False) for v in wrong]
    stated = stated_span(figure)
    return [c for c in claims if _possible(figure, c.value) and contradicts(c.span, stated)]


def true_false_claim(figure: Figure, others: list[Figure], rng: random.Random) -> Claim:
    """The article's own statement, or (a third of the time) one it contradicts."""
    if rng.random() < GENERATED_FALSE_SHARE:
        wrong = false_claims(figure, others, rng)
        if wrong:
            return rng.choice(wrong[:3])
    return Claim(figure.value, figure.qualifier, figure.value_max, True)


def _true_false(ctx: Context, figure: Figure) -> Iterator[Question]:
    qid = f"{figure.id}:true-false"
    claim = true_false_claim(figure, _others(ctx, figure), ctx.rng(qid))
    amount = stated_amount(claim.value, said_unit(figure), claim.qualifier, claim.value_max)
    anchor = ctx.anchor(figure)
    prompt = f"True or false: {anchor[:1].lower()}{anchor[1:]}, {figure.measures} was {amount}."
    verdict = "True." if claim.true else "False."
    yield from ctx.ask(
        figure, "true-false", kind="true_false", topic=TOPIC, level="recognition",
        prompt=prompt, answer=TRUE if claim.true else FALSE, choices=(TRUE, FALSE),
        explanation=f"{verdict} {sentence(_stated(ctx, figure))}",
    )  # fmt: skip
