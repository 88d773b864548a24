"""What kind of mistake a wrong answer is (pure): read from the question, the chosen wrong
answer and the bank's facts, never from hand-written text.

Kinds: words given to the wrong speaker, a stance given to an actor on the other side of the
issue, a figure off by a power of ten (10, 100 or 1,000 times) or in the wrong unit, a place
confused with another of the same country (the bank records countries, not borders: the nearest
it has to a neighbour).
"""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.bank.schema import Bank
from quizapp.builder import Question
from quizapp.grading import parse_amount, same_unit

SPEAKER, OTHER_SIDE, POWER_OF_TEN, WRONG_UNIT, NEIGHBOUR = (
    "speaker", "other-side", "power-of-ten", "wrong-unit", "neighbour",
)  # fmt: skip
KIND_TITLES = {
    SPEAKER: "Words given to the wrong speaker",
    OTHER_SIDE: "A stance given to the other side",
    # One kind for 10, 100 and 1,000 times: each is a misplaced zero or decimal point; the
    # note of each mistake gives its own factor.
    POWER_OF_TEN: "A figure off by a power of ten",
    WRONG_UNIT: "A figure in the wrong unit",
    NEIGHBOUR: "A place confused with another of the same country",
}


@dataclass(frozen=True)
class MistakeKind:
    """A kind of mistake and what it was in this answer, e.g. "you gave A's words to B"."""

    kind: str
    note: str

    @property
    def title(self) -> str:
        return KIND_TITLES[self.kind]


def kind_of(bank: Bank | None, question: Question, given: str) -> MistakeKind | None:
    """The kind of this wrong answer, or None when the facts do not tell."""
    given = given.strip()
    if not given or given == question.answer:
        return None
    if question.topic == "quotes" and question.template == "who-said":
        return MistakeKind(SPEAKER, f"You gave {question.answer}’s words to {given}.")
    if question.topic == "figures" and question.template in ("numeric", "choice"):
        return _figure(question, given)
    if bank is not None and question.template == "who" and question.topic == "stances":
        return _other_side(bank, question, given)
    if bank is not None and question.template == "which" and question.topic == "places":
        return _neighbour(bank, question, given)
    return None


def _figure(question: Question, given: str) -> MistakeKind | None:
    parsed, right = parse_amount(given), parse_amount(question.answer)
    if parsed is None or right is None or not right[0]:
        return None
    value, unit = parsed
    units = [amount.unit for amount in question.amounts if amount.unit]
    if unit and units and not any(same_unit(unit.split()[0], known) for known in units):
        return MistakeKind(WRONG_UNIT, f"You answered in {unit}; the article gives {units[0]}.")
    ratio = value / right[0]
    if any(abs(ratio - factor) <= 0.05 * factor for factor in (10, 100, 1000, 0.1, 0.01, 0.001)):
        return MistakeKind(
            POWER_OF_TEN, f"{given} is {question.answer} off by a factor of {_factor(ratio)}."
        )
    return None


def _factor(ratio: float) -> str:
    factor = round(ratio if ratio >= 1 else 1 / ratio)
    return f"{factor:,}"


def _other_side(bank: Bank, question: Question, given: str) -> MistakeKind | None:
    stance = next((s for s in bank.stances if s.id == question.fact), None)
    chosen = next((a for a in bank.actors if a.name == given), None)
    if stance is None or chosen is None:
        return None
    for other in bank.stances:
        same_issue = other.actor == chosen.id and other.issue == stance.issue
        if same_issue and other.position != stance.position:
            return MistakeKind(
                OTHER_SIDE,
                f"{given} is on the other side of {stance.issue}: {other.position}, "
                f"not {stance.position}.",
            )
    return None


def _neighbour(bank: Bank, question: Question, given: str) -> MistakeKind | None:
    right = next((p for p in bank.places if p.name == question.answer), None)
    chosen = next((p for p in bank.places if p.name == given), None)
    if right is None or chosen is None or right.country is None:
        return None
    if chosen.country != right.country:
        return None
    country = next((a.name for a in bank.actors if a.id == right.country), right.country)
    return MistakeKind(
        NEIGHBOUR, f"You confused {right.name} with {chosen.name}, also in {country}."
    )
