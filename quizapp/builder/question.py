"""The question the builder makes: everything a quiz needs to ask, grade and explain it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["multiple_choice", "true_false", "numeric", "short_answer", "matching", "cloze"]
Level = Literal["recognition", "recall"]
TRUE, FALSE = "True", "False"


@dataclass(frozen=True)
class Amount:
    """A numeric answer in one unit, e.g. 16 km."""

    value: float
    unit: str


@dataclass(frozen=True)
class Question:
    """One comprehension question, built from one fact (or a few, for matching).

    ``id`` is ``<fact id>:<template>``, so it stays the same when other facts change.
    ``answer`` is the right choice, word or number as text; matching questions keep their
    right answer in ``pairs`` instead. ``paragraph`` is the 0-based index of the evidence's
    paragraph in the article.
    """

    id: str
    bank: str
    fact: str
    template: str
    kind: Kind
    topic: str
    level: Level
    prompt: str
    answer: str
    evidence: str
    paragraph: int
    explanation: str
    choices: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    amounts: tuple[Amount, ...] = ()
    tolerance: float = 0.0
    facts: tuple[str, ...] = field(default=())
    # The figure's qualifier and range end, so grading follows "well over 10" (see qualifiers).
    qualifier: str | None = None
    value_max: float | None = None
    # The sentence naming the speaker when the evidence does not; shown with the evidence.
    attribution: str = ""
    # General knowledge (the bank's `background: true`): left out of quizzes by default.
    background: bool = False

    @property
    def unit(self) -> str | None:
        return self.amounts[0].unit if self.amounts else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (stored with each attempt, printed by the CLI)."""
        data = asdict(self)
        for key in ("choices", "accepted", "facts"):
            data[key] = list(data[key])
        data["pairs"] = [list(pair) for pair in self.pairs]
        data["amounts"] = [asdict(amount) for amount in self.amounts]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        values = dict(data)
        for key in ("choices", "accepted", "facts"):
            values[key] = tuple(values.get(key, ()))
        values["pairs"] = tuple(tuple(pair) for pair in values.get("pairs", ()))
        values["amounts"] = tuple(Amount(**amount) for amount in values.get("amounts", ()))
        return cls(**values)
