"""Memory per fact (pure): FSRS-6 from the `fsrs` package, our rating rules and the exam cap.

No Flask, no database, and no clock: every function takes the time it works at, so tests
control it. A fact's memory is a `Memory` (the FSRS card plus counts); the service layer
stores it in `MemoryState` rows and logs each rating in `ReviewLog`.

Rating rules (README, "Scheduled review"):
- wrong -> Again;
- right after a typo or partial credit -> Hard;
- right -> Good;
- right on a recall question (typed, numeric, cloze) faster than the student's own median
  time for that kind of question -> Easy.
A test-mode answer counts the same as a practice one.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Literal

from fsrs import Card, Rating, Scheduler, State

from quizapp.bank.kinds import KINDS, TYPED_KINDS
from quizapp.builder import Question

__all__ = ["Rating", "State"]

# Recall: the student produces the answer. Recognition: they pick it (a choice, a pair, the
# sentence that proves a claim).
RECALL_KINDS = TYPED_KINDS
RECOGNITION_KINDS = frozenset(KINDS) - RECALL_KINDS
# A fact is asked by recall (typed, numeric, cloze) once it is held this firmly.
RECALL_STABILITY_DAYS = 3.0
# Stability from which a fact counts as mastered on the progress page.
MASTERED_STABILITY_DAYS = 21.0
DEFAULT_RETENTION, MIN_RETENTION, MAX_RETENTION = 0.90, 0.70, 0.97
# Easy needs a median to beat: the student's last timed answers of that kind, at least a few.
MEDIAN_WINDOW, MEDIAN_MINIMUM = 50, 3

Level = Literal["recognition", "recall"]


@dataclass(frozen=True)
class Memory:
    """One student's memory of one fact: FSRS's card state, plus review and lapse counts."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0
    last_rating: int | None = None

    def card(self) -> Card:
        # The card id only names the card in FSRS's own logs, which we do not keep: 0 will do.
        return Card(
            card_id=0, state=State(self.state), step=self.step, stability=self.stability,
            difficulty=self.difficulty, due=self.due, last_review=self.last_review,
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, for the review log's before and after columns."""
        data = asdict(self)
        data["due"] = self.due.isoformat()
        data["last_review"] = self.last_review.isoformat() if self.last_review else None
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Memory:
        values = dict(data)
        values["due"] = datetime.fromisoformat(values["due"])
        last = values.get("last_review")
        values["last_review"] = datetime.fromisoformat(last) if last else None
        return cls(**values)


def check_retention(value: float) -> float:
    """The desired retention if allowed, else ValueError with the allowed range."""
    if not MIN_RETENTION <= value <= MAX_RETENTION:
        raise ValueError(
            f"Desired retention must be between {MIN_RETENTION:.2f} and {MAX_RETENTION:.2f}."
        )
    return value


@lru_cache(maxsize=32)
def scheduler(retention: float = DEFAULT_RETENTION) -> Scheduler:
    """FSRS with our settings for one desired retention.

    No learning steps: a student meets a fact once a quiz, not several times a minute, so
    every interval is FSRS's own (at least a day). No fuzzing: fsrs fuzzes with the global
    random source, and the memory table must be reproducible from the answers alone.
    """
    return Scheduler(
        desired_retention=check_retention(retention),
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )


def _utc(at: datetime) -> datetime:
    # fsrs accepts only `datetime.timezone.utc` itself, not another UTC tzinfo.
    if at.tzinfo is None:
        raise ValueError("naive datetime given; use datetime.now(UTC)")
    return at.astimezone(UTC)


def review(
    memory: Memory | None, rating: Rating, at: datetime, retention: float = DEFAULT_RETENTION
) -> Memory:
    """The memory after one rating at `at` (None: the fact was never reviewed)."""
    at = _utc(at)
    card = memory.card() if memory else Card(card_id=0, due=at)
    was_review = card.state == State.Review
    new, _ = scheduler(retention).review_card(card, rating, review_datetime=at)
    previous = memory or Memory(int(State.Learning), 0, None, None, at, None)
    return Memory(
        state=int(new.state), step=new.step, stability=new.stability, difficulty=new.difficulty,
        due=_utc(new.due), last_review=at, reps=previous.reps + 1,
        lapses=previous.lapses + (1 if was_review and rating == Rating.Again else 0),
        last_rating=int(rating),
    )  # fmt: skip


def preview(
    memory: Memory | None,
    at: datetime,
    retention: float = DEFAULT_RETENTION,
    exam_on: date | None = None,
) -> dict[Rating, timedelta]:
    """The interval each rating would give now, exam cap included (fsrs has no preview:
    review a copy each)."""
    return {
        rating: effective_due(review(memory, rating, at, retention), at, exam_on) - _utc(at)
        for rating in Rating
    }


def retrievability(memory: Memory, at: datetime, retention: float = DEFAULT_RETENTION) -> float:
    """The chance, by FSRS's forgetting curve, that the student recalls the fact at `at`."""
    return float(scheduler(retention).get_card_retrievability(memory.card(), _utc(at)))


def median_time(durations: Iterable[int]) -> float | None:
    """The student's median answer time for a kind, once there are enough answers to judge."""
    values = list(durations)[:MEDIAN_WINDOW]
    return statistics.median(values) if len(values) >= MEDIAN_MINIMUM else None


def rate(
    *,
    correct: bool,
    kind: str,
    score: float = 1.0,
    typo: bool = False,
    duration_ms: int | None = None,
    median_ms: float | None = None,
) -> Rating:
    """The FSRS rating of one graded answer (the module docstring states the rules)."""
    if not correct:
        return Rating.Again
    if typo or score < 1.0:
        return Rating.Hard
    fast = duration_ms is not None and median_ms is not None and duration_ms < median_ms
    if kind in RECALL_KINDS and fast:
        return Rating.Easy
    return Rating.Good


def exam_window(exam_on: date) -> tuple[datetime, datetime]:
    """(start of the day before the exam, start of the exam day), both UTC."""
    exam_at = datetime.combine(exam_on, time.min, tzinfo=UTC)
    return exam_at - timedelta(days=1), exam_at


def effective_due(memory: Memory, at: datetime, exam_on: date | None = None) -> datetime:
    """When the fact is due as seen at `at`, with the exam cap applied.

    Until the exam, a fact last reviewed before the day before it, and due after that day's
    start, is brought forward to it. A fact reviewed on the day before keeps its own due
    date (bringing it forward again would make it due at once, forever), and after the
    exam every fact keeps its own.
    """
    if exam_on is None:
        return memory.due
    cap, exam_at = exam_window(exam_on)
    reviewed_before = memory.last_review is None or memory.last_review < cap
    if reviewed_before and _utc(at) < exam_at and memory.due > cap:
        return cap
    return memory.due


def level_for(memory: Memory | None) -> Level:
    """Recognition while a fact is new or held for under RECALL_STABILITY_DAYS; then recall."""
    if memory is None or memory.stability is None or memory.stability < RECALL_STABILITY_DAYS:
        return "recognition"
    return "recall"


def choose_variant(
    variants: Sequence[Question], memory: Memory | None, times_asked: Mapping[str, int]
) -> Question:
    """The question to ask for one fact: at its memory's level, the one asked least first.

    A fact with no variant at its level falls back to the other level.
    """
    if not variants:
        raise ValueError("a fact needs at least one question")
    wanted = RECALL_KINDS if level_for(memory) == "recall" else RECOGNITION_KINDS
    fitting = [q for q in variants if q.kind in wanted] or list(variants)
    return min(fitting, key=lambda q: (times_asked.get(q.id, 0), q.id))


def verdicts_per_fact(
    question: Question, correct: bool, score: float, answer: str | Mapping[str, str]
) -> dict[str, tuple[bool, float]]:
    """Each fact a graded answer covers, with its own verdict (right?, score).

    A matching question built from several facts (one pair each, in order) grades each fact
    by its own pair; any other question grades all its facts by the whole verdict.
    """
    facts = question.facts or (question.fact,)
    if question.kind == "matching" and len(facts) == len(question.pairs) > 1:
        given = answer if isinstance(answer, Mapping) else {}
        return {
            fact: (right, 1.0 if right else 0.0)
            for fact, right in zip(
                facts, (given.get(left) == target for left, target in question.pairs), strict=True
            )
        }
    return dict.fromkeys(facts, (correct, score))
