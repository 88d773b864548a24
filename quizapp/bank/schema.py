"""The bank format: pydantic models for one article's facts.

A bank describes *facts* about an article (who said what, which figures, which stances...);
the builder turns them into questions. Every fact carries ``evidence``: the sentence of the
article that proves it. Unknown keys are refused so that a typo never passes silently.
The facts about words, reasons and ideas (vocabulary, causes, main ideas...) are in `ideas`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from .base import TOPICS, Fact, Id, Number, ShortText, Strict, Text, Topic
from .ideas import (
    Cause,
    Inference,
    MainIdea,
    Purpose,
    Reliability,
    Section,
    Structure,
    Vocabulary,
)
from .kinds import HandKind, Level, Skill
from .qualifiers import Qualifier

__all__ = [
    "TOPICS", "Cause", "Fact", "Id", "Inference", "MainIdea", "Number", "Purpose",
    "Reliability", "Section", "ShortText", "Strict", "Structure", "Text", "Topic", "Vocabulary",
]  # fmt: skip


class Actor(Strict):
    """A person, country, organisation, medium or group the article mentions."""

    id: Id
    name: ShortText
    kind: Literal["person", "country", "organisation", "media", "group"]
    role: ShortText | None = Field(default=None, description="e.g. 'foreign minister'.")
    country: Id | None = Field(default=None, description="Id of a country actor.")
    aliases: list[ShortText] = Field(
        default_factory=list, description="Other names used in the article, e.g. 'Mr Putin'."
    )
    evidence: Text | None = Field(
        default=None,
        description="A sentence naming the actor and their role; enables 'who is' questions.",
    )
    part_of: list[Id] = Field(
        default_factory=list,
        description="Ids of actors this one belongs to or speaks for (a minister is part of "
        "their government, the Home Office of the government): overlapping actors are never "
        "offered against each other as choices.",
    )


class Quote(Fact):
    """Who said what, how and to whom."""

    speaker: Id = Field(description="Id of the actor who said it.")
    words: Text = Field(description="The quoted words, exactly as in the article.")
    how: ShortText | None = Field(default=None, description="e.g. tweet, interview, statement.")
    to: ShortText | None = Field(default=None, description="Audience, e.g. 'Sky News'.")
    cloze: list[ShortText] = Field(
        default_factory=list, description="Key words of the quote to blank out in cloze questions."
    )


class Amount(Strict):
    """A value in another unit, e.g. 16 km for 10 miles."""

    value: Number
    unit: ShortText


class Figure(Fact):
    """A number the article gives, what it measures and who it comes from."""

    value: Number = Field(description="The number, e.g. 3000 or 3,000.")
    unit: ShortText = Field(description="e.g. miles, hours, vehicles, people.")
    measures: ShortText = Field(
        description="What the number measures, phrased to follow 'What was ...', "
        "e.g. 'the length of the queue to cross into Georgia'."
    )
    qualifier: Qualifier | None = Field(
        default=None,
        description="How the article qualifies the number: 'well over 10 miles' is a lower "
        "bound, 'up to 20' an upper one, 'around 300' an estimate (within 10 %).",
    )
    value_max: Number | None = Field(
        default=None,
        description="For a range ('between 10 and 20', '10-20'): the upper end; `value` is the "
        "lower end.",
    )
    alternatives: list[Amount] = Field(
        default_factory=list, description="The same amount in other units."
    )
    source: Id | None = Field(default=None, description="Id of the actor the figure comes from.")
    written: ShortText | None = Field(
        default=None,
        description="How the number is written in the article when neither in digits nor in "
        "plain number words ('fifty', 'eighth' are read as numbers), e.g. '27-nation'.",
    )
    tolerance: float = Field(
        default=0, ge=0, description="How far a typed answer may be off, in the figure's unit."
    )

    @model_validator(mode="after")
    def _range(self) -> Figure:
        if self.value_max is not None:
            if self.value_max <= self.value:
                raise ValueError("value_max must be larger than value (a range runs low to high)")
            if self.qualifier is not None:
                raise ValueError("a range (value_max) takes no qualifier")
        return self


class Stance(Fact):
    """A position an actor took on an issue."""

    actor: Id
    issue: ShortText = Field(description="e.g. 'offering asylum to Russian men fleeing now'.")
    position: ShortText = Field(description="A short label, e.g. 'for', 'against'.")
    summary: Text = Field(description="The stance as one plain sentence, without the actor's name.")
    words: Text | None = Field(default=None, description="The actor's own words, if quoted.")


class Place(Fact):
    """A place the article mentions and what it says about it."""

    name: ShortText
    description: ShortText = Field(
        description="What the article says it is, e.g. 'Georgian capital'."
    )
    country: Id | None = None
    aliases: list[ShortText] = Field(
        default_factory=list, description="Other names accepted when typed, e.g. 'Tiflis'."
    )


class Event(Fact):
    """Something that happened, when and where."""

    what: ShortText = Field(description="e.g. 'Russia invaded Ukraine'.")
    when: ShortText | None = Field(default=None, description="As written, e.g. '24 February'.")
    date: dt.date | None = None
    where: ShortText | None = None
    actors: list[Id] = Field(default_factory=list)
    planned: bool = Field(
        default=False,
        description="A future aim or plan, not something that happened: 'when did this "
        "happen' is not asked of it.",
    )


class Statement(Fact):
    """A free-form fact, with false variants for true/false questions."""

    topic: Topic
    text: Text = Field(description="The fact as one true sentence.")
    false_variants: list[Text] = Field(
        default_factory=list, description="Plausible but false versions of the sentence."
    )
    cloze: list[ShortText] = Field(default_factory=list, description="Words to blank out.")
    cloze_accepts: dict[ShortText, list[ShortText]] = Field(
        default_factory=dict,
        description="For a cloze word, other words that fill its blank as well, since the "
        "sentence is not the article's own: 'unconfirmed: [unverified]'.",
    )


class Pair(Strict):
    left: ShortText
    right: ShortText


class HandQuestion(Fact):
    """A question written by hand, for what facts cannot express."""

    kind: HandKind
    topic: Topic
    prompt: Text
    level: Level = "recognition"
    skill: Skill | None = Field(
        default=None, description="The reading skill it practises; by default its topic's."
    )
    choices: list[ShortText] = Field(default_factory=list)
    answer: ShortText | None = None
    accepted: list[ShortText] = Field(default_factory=list)
    unit: ShortText | None = None
    tolerance: float = Field(default=0, ge=0)
    pairs: list[Pair] = Field(default_factory=list)

    @model_validator(mode="after")
    def _answerable(self) -> HandQuestion:
        if len(set(self.choices)) < len(self.choices):
            raise ValueError("the choices must all differ")
        if self.kind == "matching":
            if len(self.pairs) < 2:
                raise ValueError("a matching question needs at least two pairs")
            if len({pair.left for pair in self.pairs}) < len(self.pairs):
                raise ValueError("each pair needs a different left side")
            return self
        if self.answer is None:
            raise ValueError(f"a {self.kind} question needs an answer")
        if self.kind == "multiple_choice" and self.answer not in self.choices:
            raise ValueError("the answer must be one of the choices")
        if self.kind == "true_false" and self.answer not in ("True", "False"):
            raise ValueError("a true_false answer must be True or False")
        if self.kind == "numeric":
            try:
                float(self.answer)
            except ValueError:
                raise ValueError("a numeric answer must be a number") from None
        return self


class ArticleSource(Strict):
    """Where the article text is: a file next to the bank, or inline text."""

    file: ShortText | None = Field(default=None, description="File name next to the bank.")
    text: str | None = Field(default=None, description="The article text itself.")

    @model_validator(mode="after")
    def _one_source(self) -> ArticleSource:
        if (self.file is None) == (self.text is None):
            raise ValueError("give exactly one of 'file' or 'text'")
        return self


class Bank(Strict):
    """One article and its facts."""

    title: ShortText
    article: ArticleSource
    source: ShortText | None = Field(default=None, description="Publisher, e.g. 'Sky News'.")
    url: ShortText | None = None
    published: dt.date | None = None
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    sections: list[Section] = Field(
        default_factory=list, description="Runs of paragraphs, for main ideas and structure."
    )
    vocabulary: list[Vocabulary] = Field(default_factory=list)
    inferences: list[Inference] = Field(default_factory=list)
    causes: list[Cause] = Field(default_factory=list)
    main_ideas: list[MainIdea] = Field(default_factory=list)
    purposes: list[Purpose] = Field(default_factory=list)
    structures: list[Structure] = Field(default_factory=list)
    reliability: list[Reliability] = Field(default_factory=list)
    questions: list[HandQuestion] = Field(default_factory=list)

    def facts(self) -> list[Fact]:
        """Every fact of the bank, in file order by section."""
        return [
            *self.quotes,
            *self.figures,
            *self.stances,
            *self.places,
            *self.events,
            *self.statements,
            *self.vocabulary,
            *self.inferences,
            *self.causes,
            *self.main_ideas,
            *self.purposes,
            *self.structures,
            *self.reliability,
            *self.questions,
        ]

    def section(self, section_id: str) -> Section:
        """The section with this id (references are checked when the bank loads)."""
        return next(s for s in self.sections if s.id == section_id)

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (references are checked when the bank loads)."""
        return next(a for a in self.actors if a.id == actor_id)
