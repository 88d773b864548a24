"""The bank format, continued: facts about words, reasons and ideas, beyond recall.

Each is grounded like every fact (its `evidence` is in one paragraph of the article) and
carries its right answer and the wrong options a teacher wrote for it: the builder never
invents a wrong meaning, conclusion or purpose, since only a reader of the article can tell
a believable wrong one from one that is also right.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Fact, Id, ShortText, Strict, Text, Topic

_PARAGRAPH = "numbered as on the article page (the headline line is 1)"


def _wrong(description: str, minimum: int = 2) -> list[str]:
    """A list of wrong options (pydantic's Field, typed as the list it defaults to)."""
    return Field(default_factory=list, min_length=minimum, description=description)


class Section(Strict):
    """A run of paragraphs that belong together, named for main-idea and structure questions."""

    id: Id
    title: ShortText = Field(description="e.g. 'The queues at the borders'.")
    first: int = Field(ge=1, description=f"Its first paragraph, {_PARAGRAPH}.")
    last: int = Field(ge=1, description="Its last paragraph.")

    @model_validator(mode="after")
    def _in_order(self) -> Section:
        if self.last < self.first:
            raise ValueError("last must not come before first")
        return self

    @property
    def indexes(self) -> range:
        """Its paragraphs as 0-based indexes of the article's paragraphs."""
        return range(self.first - 1, self.last)

    @property
    def label(self) -> str:
        if self.first == self.last:
            return f"paragraph {self.first}"
        return f"paragraphs {self.first}–{self.last}"


class Vocabulary(Fact):
    """A word or phrase of the article and what it means there."""

    word: ShortText = Field(description="As the evidence writes it, e.g. 'exodus'.")
    meaning: ShortText = Field(description="What it means in this sentence.")
    wrong_senses: list[ShortText] = _wrong(
        "Meanings it does not have here: other real senses of the word where it has any."
    )
    topic: Topic = "ideas"


class Inference(Fact):
    """A conclusion the article supports without stating it."""

    prompt: ShortText | None = Field(
        default=None, description="The question; by default 'Based on paragraph N, ...'."
    )
    conclusion: ShortText = Field(description="What a careful reader can conclude.")
    over_inferences: list[ShortText] = _wrong(
        "Plausible conclusions the article does not support (going too far, or the opposite)."
    )
    also: list[Text] = Field(
        default_factory=list,
        description="Further sentences of the article the conclusion rests on (each from one "
        "paragraph); never offered as a sentence that does not support it.",
    )
    topic: Topic = "events"


class Cause(Fact):
    """One thing that led to another, as the article links them."""

    cause: ShortText = Field(description="Reads after 'What was one result of ...?'.")
    effect: ShortText = Field(description="Reads after 'What led to ...?'.")
    signal: ShortText = Field(description="The evidence's linking word, e.g. 'after', 'since'.")
    wrong_causes: list[ShortText] = _wrong("Believable causes the article does not give.", 0)
    wrong_effects: list[ShortText] = _wrong("Believable results the article does not give.", 0)
    topic: Topic = "events"


class MainIdea(Fact):
    """The central idea of the whole article, or of one of its sections."""

    section: Id | None = Field(default=None, description="Id of a section; none: the article.")
    idea: ShortText = Field(description="The central idea as one sentence.")
    too_narrow: list[ShortText] = _wrong("True, but only one detail of it.", 0)
    not_central: list[ShortText] = _wrong("True, but not what it is mainly about.", 0)
    inaccurate: list[ShortText] = _wrong("What the article does not say.", 0)
    topic: Topic = "ideas"

    @property
    def wrong(self) -> list[str]:
        return [*self.too_narrow, *self.not_central, *self.inaccurate]

    @model_validator(mode="after")
    def _enough(self) -> MainIdea:
        if len(self.wrong) < 2:
            raise ValueError("a main idea needs at least two wrong options")
        return self


class Purpose(Fact):
    """Why the author includes a passage or names a source (the passage is the evidence)."""

    prompt: ShortText = Field(description="e.g. 'Why does the author mention Maxar's satellites?'")
    purpose: ShortText
    wrong_purposes: list[ShortText] = _wrong("Purposes the passage does not serve.")
    topic: Topic = "ideas"


class Structure(Fact):
    """How a section is organised, e.g. the turn at 'However'."""

    section: Id = Field(description="Id of the section it describes.")
    prompt: ShortText | None = Field(
        default=None, description="The question; by default 'How are paragraphs N–M organised?'."
    )
    structure: ShortText = Field(description="How the section is organised.")
    wrong_structures: list[ShortText] = _wrong("Ways the section is not organised.")
    signal: ShortText | None = Field(
        default=None, description="A word of the evidence that marks the turn, e.g. 'However'."
    )
    topic: Topic = "ideas"


class Reliability(Fact):
    """How far to trust a report or figure: which claim is least certain, whose figure it is."""

    prompt: ShortText
    answer: ShortText
    wrong: list[ShortText] = _wrong("Wrong answers, each defensibly wrong from the article.")
    about: list[Id] = Field(
        default_factory=list, description="Ids of the facts (figures, events...) it compares."
    )
    topic: Topic = "figures"


# Each section's key in a bank and its model, in file order.
IDEA_MODELS: dict[str, type[Fact]] = {
    "vocabulary": Vocabulary,
    "inferences": Inference,
    "causes": Cause,
    "main_ideas": MainIdea,
    "purposes": Purpose,
    "structures": Structure,
    "reliability": Reliability,
}
