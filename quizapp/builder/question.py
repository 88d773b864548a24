"""The question the builder makes: everything a quiz needs to ask, grade and explain it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from quizapp.bank.kinds import Level, Skill, skill_of_topic
from quizapp.bank.kinds import QuestionKind as Kind

__all__ = ["FALSE", "TRUE", "Amount", "Kind", "Level", "Question", "Segment", "Skill"]
TRUE, FALSE = "True", "False"


@dataclass(frozen=True)
class Amount:
    """A numeric answer in one unit, e.g. 16 km."""

    value: float
    unit: str


# A piece of the passage shown with a sentence question: (paragraph index, text, the index of
# the sentence choice it is, or -1 for the text between choices).
Segment = tuple[int, str, int]


@dataclass(frozen=True)
class Question:
    """One comprehension question, built from one fact (or a few, for matching).

    ``id`` is ``<fact id>:<template>``, so it stays the same when other facts change.
    ``answer`` is the right choice, word or number as text; matching questions keep their
    right answer in ``pairs`` instead. ``paragraph`` is the 0-based index of the evidence's
    paragraph in the article. ``skill`` is the reading skill it practises (kinds.SKILLS).
    Evidence questions offer sentences as ``choices``; two-part questions ask ``choices`` in
    part A and ``supports`` (right one: ``support``) in part B; both show ``passage``.
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
    skill: Skill = "key-detail"
    # Part B of a two-part question: the sentences offered and the one that supports part A.
    supports: tuple[str, ...] = ()
    support: str = ""
    # The paragraphs the sentence choices come from, cut into segments (see Segment).
    passage: tuple[Segment, ...] = ()
    # Text shown with the prompt, e.g. the sentence a vocabulary question asks about.
    shown: str = ""

    @property
    def unit(self) -> str | None:
        return self.amounts[0].unit if self.amounts else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (stored with each attempt, printed by the CLI)."""
        # Field by field, not asdict(): its deep copy cost a quiz's start more than its inserts.
        data = {name: getattr(self, name) for name in _FIELDS}
        for key in ("choices", "accepted", "facts", "supports"):
            data[key] = list(data[key])
        data["pairs"] = [list(pair) for pair in self.pairs]
        data["passage"] = [list(segment) for segment in self.passage]
        data["amounts"] = [asdict(amount) for amount in self.amounts]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        """The question of a `to_dict()` or a stored snapshot, of any snapshot version.

        Snapshots of version 1 (before skills) get their topic's skill (kinds.TOPIC_SKILLS).
        """
        values = dict(data)
        for key in ("choices", "accepted", "facts", "supports"):
            values[key] = tuple(values.get(key, ()))
        values["pairs"] = tuple(tuple(pair) for pair in values.get("pairs", ()))
        values["passage"] = tuple(tuple(segment) for segment in values.get("passage", ()))
        values.setdefault("skill", skill_of_topic(str(values.get("topic", ""))))
        values["amounts"] = tuple(Amount(**amount) for amount in values.get("amounts", ()))
        return cls(**values)


_FIELDS = tuple(f.name for f in fields(Question))
