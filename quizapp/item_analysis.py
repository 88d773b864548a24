"""Item analysis (pure): facility, discrimination and wrong-choice counts per question and fact.

Each student counts once per question, with their *first* answer to it: later attempts come
after the student has seen the right answers, so they measure memory of the key rather than
the question. A student's total score is the mean of their first answers over everything
analysed together (one bank, for one class or for all students).

Discrimination is the upper-lower index: among the students who answered an item, the 27 %
with the highest total score (at least one student) against the 27 % with the lowest, the mean
score of the first group minus that of the second; it runs from -1 to 1. Ties in total score
are broken by student id, so the figures do not depend on the order answers arrive in. The
total includes the item itself (the uncorrected index, as Moodle's reports and most textbooks
give it).

Figures are shown only from MIN_ANSWERS students up: below that one student's slip swings
them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

MIN_ANSWERS = 5
GROUP_SHARE = 0.27
CHOICE_KINDS = ("multiple_choice",)


@dataclass(frozen=True)
class Answer:
    """One graded answer, as the analysis needs it."""

    student: int
    question_id: str
    fact_id: str
    score: float  # 0 to 1
    kind: str
    chosen: str | None = None  # the choice picked (multiple choice)
    key: str | None = None  # the right choice (multiple choice)
    # A question covering several facts (matching: one pair each) scores each fact by its
    # own part: (fact, score) pairs. Empty: the answer's score is its one fact's.
    fact_scores: tuple[tuple[str, float], ...] = ()

    def per_fact(self) -> tuple[tuple[str, float], ...]:
        return self.fact_scores or ((self.fact_id, self.score),)


@dataclass(frozen=True)
class ChoiceCount:
    """How often one wrong choice was picked, overall and by the strongest students."""

    choice: str
    picked: int
    picked_by_upper: int


@dataclass(frozen=True)
class ItemStats:
    """The figures of one question or one fact; None where too few students answered."""

    item: str
    fact_id: str
    answers: int
    facility: float | None
    discrimination: float | None
    wrong_choices: list[ChoiceCount] = field(default_factory=list)
    key_picked_by_upper: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.answers >= MIN_ANSWERS

    @property
    def check_key(self) -> bool:
        return bool(self.reasons)


def first_answers(answers: Iterable[Answer]) -> list[Answer]:
    """Each student's first answer to each question, in the order given (oldest first)."""
    seen: set[tuple[int, str]] = set()
    found = []
    for answer in answers:
        if (answer.student, answer.question_id) not in seen:
            seen.add((answer.student, answer.question_id))
            found.append(answer)
    return found


def total_scores(answers: Sequence[Answer]) -> dict[int, float]:
    """Each student's mean score over the (first) answers given."""
    sums: dict[int, list[float]] = {}
    for answer in answers:
        sums.setdefault(answer.student, []).append(answer.score)
    return {student: sum(scores) / len(scores) for student, scores in sums.items()}


def groups(students: Iterable[int], totals: dict[int, float]) -> tuple[list[int], list[int]]:
    """The upper and lower 27 % of these students by total score (each at least one)."""
    ranked = sorted(set(students), key=lambda s: (-totals[s], s))
    if len(ranked) < 2:
        return [], []
    size = max(1, round(GROUP_SHARE * len(ranked)))
    return ranked[:size], ranked[-size:]


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _stats(
    item: str,
    fact_id: str,
    per_student: dict[int, float],
    totals: dict[int, float],
    choices: list[Answer],
) -> ItemStats:
    """The figures of one item from each student's score on it."""
    count = len(per_student)
    if count < MIN_ANSWERS:
        return ItemStats(item, fact_id, count, None, None)
    upper, lower = groups(per_student, totals)
    discrimination = _mean([per_student[s] for s in upper]) - _mean([per_student[s] for s in lower])
    reasons = []
    if discrimination < 0:
        reasons.append("the weaker students did better on it than the stronger ones")
    wrong: list[ChoiceCount] = []
    key_by_upper = 0
    if choices:
        upper_set = set(upper)
        key_by_upper = sum(1 for a in choices if a.chosen == a.key and a.student in upper_set)
        picked: dict[str, list[int]] = {}
        for answer in choices:
            if answer.chosen is not None and answer.chosen != answer.key:
                picked.setdefault(answer.chosen, []).append(answer.student)
        wrong = sorted(
            (
                ChoiceCount(choice, len(who), sum(1 for s in who if s in upper_set))
                for choice, who in picked.items()
            ),
            key=lambda c: (-c.picked, c.choice),
        )
        for count_ in wrong:
            if count_.picked_by_upper > key_by_upper:
                reasons.append(
                    f"more of the strongest students chose “{count_.choice}”"
                    f" ({count_.picked_by_upper}) than the right answer ({key_by_upper})"
                )
    return ItemStats(
        item, fact_id, count, _mean(list(per_student.values())), discrimination,
        wrong, key_by_upper, reasons,
    )  # fmt: skip


def _by(answers: Sequence[Answer], key: Callable[[Answer], str]) -> dict[str, list[Answer]]:
    grouped: dict[str, list[Answer]] = {}
    for answer in answers:
        grouped.setdefault(key(answer), []).append(answer)
    return grouped


def question_stats(answers: Iterable[Answer]) -> list[ItemStats]:
    """Per question (in order of first appearance), over each student's first answer."""
    first = first_answers(answers)
    totals = total_scores(first)
    found = []
    for question_id, given in _by(first, lambda a: a.question_id).items():
        per_student = {a.student: a.score for a in given}
        choices = [a for a in given if a.kind in CHOICE_KINDS]
        found.append(_stats(question_id, given[0].fact_id, per_student, totals, choices))
    return found


def fact_stats(answers: Iterable[Answer]) -> list[ItemStats]:
    """Per fact: a student's score on it is the mean of their first answers to its questions
    (a matching question counts under each fact it covers, by that fact's pair)."""
    first = first_answers(answers)
    totals = total_scores(first)
    found = []
    by_fact: dict[str, dict[int, list[float]]] = {}
    for answer in first:
        for fact_id, score in answer.per_fact():
            by_fact.setdefault(fact_id, {}).setdefault(answer.student, []).append(score)
    for fact_id, scores in by_fact.items():
        per_student = {student: _mean(values) for student, values in scores.items()}
        found.append(_stats(fact_id, fact_id, per_student, totals, []))
    return found
