"""What every bank model shares: the base model, id and text types, topics, and `Fact`."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64),
    Field(description="Lower-case letters, digits and dashes, e.g. `landsbergis-tweet`."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def _digits(value: object) -> object:
    """'12,000' as the article writes it is 12000; anything else is left for pydantic to judge."""
    if isinstance(value, str) and _THOUSANDS.match(value.strip()):
        return float(value.strip().replace(",", ""))
    return value


Number = Annotated[float, BeforeValidator(_digits)]

# `ideas`: the article as a whole (main ideas, the author's purpose, structure, words).
Topic = Literal["quotes", "figures", "stances", "places", "events", "ideas"]
TOPICS: tuple[Topic, ...] = ("quotes", "figures", "stances", "places", "events", "ideas")


class Strict(BaseModel):
    """Base for every bank model: unknown keys are errors, values are not coerced loosely."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Fact(Strict):
    """Anything the article states that a question can check."""

    id: Id
    evidence: Text = Field(description="The sentence of the article that proves this fact.")
    explanation: Text | None = Field(
        default=None,
        description="Why the answer is right, shown after answering instead of the generated one.",
    )
    attribution: Text | None = Field(
        default=None,
        description="When the evidence does not say who is speaking or what it refers back to "
        "(a quote continued over several paragraphs, 'They include Lithuania'): the sentence of "
        "the article that does. Shown with the evidence.",
    )
    reported: bool = Field(
        default=False,
        description="The article only reports this as unconfirmed ('reportedly', 'unconfirmed "
        "reports'): questions ask what the article reports, never state it as fact.",
    )
    background: bool = Field(
        default=False,
        description="General knowledge a student could answer without reading the article "
        "(the number of EU members, the date of the invasion): left out of quizzes by default.",
    )
