"""What a qualified figure says (pure): "well over 10 miles" is a set of lengths, not a length.

The article's qualifier decides which values the figure *fits*. The builder uses it so that no
distractor is a value the figure also fits and no true/false keyed False states something the
qualifier makes true; grading uses it so that a lower bound never accepts a value below it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Qualifier = Literal[
    "over",
    "well over",
    "more than",
    "at least",
    "under",
    "less than",
    "fewer than",
    "up to",
    "at most",
    "about",
    "around",
    "roughly",
    "some",
    "nearly",
    "almost",
]
QUALIFIERS: tuple[Qualifier, ...] = Qualifier.__args__  # type: ignore[attr-defined]
Bound = Literal["exact", "lower", "upper", "approximate", "range"]

LOWER: frozenset[str] = frozenset({"over", "well over", "more than", "at least"})
UPPER: frozenset[str] = frozenset({"under", "less than", "fewer than", "up to", "at most"})
# "nearly 300" and "almost 300" are just under 300; "about 300" is either side of it.
JUST_UNDER: frozenset[str] = frozenset({"nearly", "almost"})
APPROXIMATE: frozenset[str] = frozenset({"about", "around", "roughly", "some"}) | JUST_UNDER
# The bound itself belongs to the figure for these; "over 10" excludes 10 itself.
INCLUSIVE: frozenset[str] = frozenset({"at least", "up to", "at most"})
# "around 300" fits anything within 10 % of 300 (documented in docs/bank-format.md).
APPROXIMATE_MARGIN = 0.10


def bound_of(qualifier: str | None, value_max: float | None = None) -> Bound:
    """Which kind of statement a figure is: an exact value, a bound, an estimate or a range."""
    if value_max is not None:
        return "range"
    if qualifier in LOWER:
        return "lower"
    if qualifier in UPPER:
        return "upper"
    if qualifier in APPROXIMATE:
        return "approximate"
    return "exact"


@dataclass(frozen=True)
class Span:
    """The values a statement allows: from low to high, each end included or not."""

    low: float
    high: float
    low_included: bool = True
    high_included: bool = True

    def fits(self, value: float) -> bool:
        """Whether the statement allows this value."""
        above = value > self.low or (self.low_included and math.isclose(value, self.low))
        below = value < self.high or (self.high_included and math.isclose(value, self.high))
        return above and below

    def overlaps(self, other: Span) -> bool:
        """Whether some value fits both statements (so neither contradicts the other)."""
        if self.high < other.low or other.high < self.low:
            return False
        if math.isclose(self.high, other.low):
            return self.high_included and other.low_included
        if math.isclose(other.high, self.low):
            return other.high_included and self.low_included
        return True


def span(value: float, qualifier: str | None = None, value_max: float | None = None) -> Span:
    """The values consistent with the article's statement of a figure."""
    if value_max is not None:
        return Span(value, value_max)
    inclusive = qualifier in INCLUSIVE
    if qualifier in LOWER:
        return Span(value, math.inf, low_included=inclusive)
    if qualifier in UPPER:
        return Span(-math.inf, value, high_included=inclusive)
    margin = abs(value) * APPROXIMATE_MARGIN
    if qualifier in JUST_UNDER:
        return Span(value - margin, value, high_included=False)
    if qualifier in APPROXIMATE:
        return Span(value - margin, value + margin)
    return Span(value, value)


def contradicts(claim: Span, stated: Span) -> bool:
    """Whether a claim cannot be true if the article's statement is (no value fits both)."""
    return not claim.overlaps(stated)


def accepted_span(
    value: float, qualifier: str | None, tolerance: float, value_max: float | None = None
) -> Span:
    """Typed values graded right when the article gives this figure.

    The student types the number the article gives. Tolerance widens it only on the side the
    qualifier allows: "well over 10" never accepts 9, "up to 20" never accepts 21. An estimate
    ("around 300") accepts at least the documented margin; a range accepts anything in it.
    """
    if value_max is not None:
        return Span(value - tolerance, value_max + tolerance)
    if qualifier in LOWER:
        return Span(value, value + tolerance)
    if qualifier in UPPER:
        return Span(value - tolerance, value)
    if qualifier in APPROXIMATE:
        margin = max(tolerance, abs(value) * APPROXIMATE_MARGIN)
        return Span(value - margin, value + margin)
    return Span(value - tolerance, value + tolerance)
