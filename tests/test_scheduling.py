"""Scheduling (pure): FSRS reviews at a fixed clock, rating rules, exam cap, variant by strength."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp import scheduling
from quizapp.bank.kinds import KINDS
from quizapp.builder import Question
from quizapp.scheduling import Memory, Rating

NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
DAY = timedelta(days=1)


def after(*ratings: Rating, start: datetime = NOW, gap: timedelta | None = None) -> Memory:
    """The memory after these ratings, each given when the previous one fell due (or `gap`)."""
    memory: Memory | None = None
    at = start
    for rating in ratings:
        memory = scheduling.review(memory, rating, at)
        at = memory.due if gap is None else at + gap
    assert memory is not None
    return memory


def test_a_wrong_answer_brings_the_fact_back_within_a_day_and_a_right_one_later() -> None:
    wrong = scheduling.review(None, Rating.Again, NOW)
    right = scheduling.review(None, Rating.Good, NOW)
    assert wrong.due - NOW <= DAY
    assert right.due > wrong.due
    assert (wrong.reps, right.reps) == (1, 1)


def test_on_a_known_fact_each_better_rating_waits_longer() -> None:
    known = after(Rating.Good, Rating.Good)
    intervals = scheduling.preview(known, known.due)
    assert intervals[Rating.Again] < intervals[Rating.Hard] < intervals[Rating.Good]
    assert intervals[Rating.Good] < intervals[Rating.Easy]
    assert (
        scheduling.review(None, Rating.Easy, NOW).due
        > scheduling.review(None, Rating.Good, NOW).due
    )


def test_preview_gives_what_the_review_then_does() -> None:
    known = after(Rating.Good)
    for rating, interval in scheduling.preview(known, known.due).items():
        assert scheduling.review(known, rating, known.due).due == known.due + interval


def test_a_lapse_is_counted_only_once_the_fact_was_learnt() -> None:
    assert after(Rating.Again).lapses == 0
    lapsed = after(Rating.Good, Rating.Again)
    assert (lapsed.reps, lapsed.lapses, lapsed.last_rating) == (2, 1, int(Rating.Again))


def test_higher_retention_brings_facts_back_sooner() -> None:
    known = after(Rating.Good, Rating.Good)
    strict = scheduling.review(known, Rating.Good, known.due, retention=0.97)
    relaxed = scheduling.review(known, Rating.Good, known.due, retention=0.70)
    assert strict.due < relaxed.due


@pytest.mark.parametrize("value", [0.69, 0.98, 1.0])
def test_retention_outside_the_allowed_range_is_refused(value: float) -> None:
    with pytest.raises(ValueError, match=r"between 0\.70 and 0\.97"):
        scheduling.check_retention(value)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        scheduling.review(None, Rating.Good, datetime(2026, 11, 2, 9, 30))


def test_memory_survives_its_json_form() -> None:
    memory = after(Rating.Good, Rating.Hard)
    assert Memory.from_dict(memory.to_dict()) == memory


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"correct": False, "kind": "cloze", "duration_ms": 100, "median_ms": 9000}, Rating.Again),
        ({"correct": True, "kind": "short_answer", "typo": True}, Rating.Hard),
        ({"correct": True, "kind": "multiple_choice", "score": 0.5}, Rating.Hard),
        ({"correct": True, "kind": "multiple_choice"}, Rating.Good),
        ({"correct": True, "kind": "cloze", "duration_ms": 9000, "median_ms": 5000}, Rating.Good),
        ({"correct": True, "kind": "numeric", "duration_ms": 4000, "median_ms": 5000}, Rating.Easy),
        # Recognition is never Easy, however fast: picking is quicker than recalling.
        (
            {"correct": True, "kind": "true_false", "duration_ms": 10, "median_ms": 5000},
            Rating.Good,
        ),
        ({"correct": True, "kind": "cloze", "duration_ms": 10, "median_ms": None}, Rating.Good),
        ({"correct": True, "kind": "cloze", "duration_ms": None, "median_ms": 5000}, Rating.Good),
    ],
)
def test_rating_rules(kwargs: dict[str, object], expected: Rating) -> None:
    assert scheduling.rate(**kwargs) == expected  # type: ignore[arg-type]


def test_a_median_needs_a_few_answers() -> None:
    assert scheduling.median_time([4000, 5000]) is None
    assert scheduling.median_time([4000, 9000, 5000]) == 5000
    assert scheduling.median_time([1] * 3 + [10**6] * 100) == 10**6  # only the latest count


# --- Exam dates -------------------------------------------------------------------------------

EXAM = date(2026, 11, 20)
CAP, EXAM_AT = scheduling.exam_window(EXAM)


def test_the_exam_window_is_the_day_before_in_utc() -> None:
    assert datetime(2026, 11, 19, tzinfo=UTC) == CAP
    assert datetime(2026, 11, 20, tzinfo=UTC) == EXAM_AT


@given(
    steps=st.lists(
        st.tuples(st.integers(min_value=1, max_value=96), st.sampled_from(list(Rating))),
        min_size=1,
        max_size=12,
    ),
    look=st.integers(min_value=0, max_value=17 * 24),
)
def test_an_exam_date_caps_every_due_date(steps: list[tuple[int, Rating]], look: int) -> None:
    """Any answers before the day before the exam: nothing falls due after that day begins."""
    memory: Memory | None = None
    at = NOW
    for hours, rating in steps:
        at += timedelta(hours=hours)
        if at >= CAP:
            break
        memory = scheduling.review(memory, rating, at)
    if memory is None:
        return
    seen_at = (memory.last_review or NOW) + timedelta(hours=look)
    if seen_at < EXAM_AT:
        assert scheduling.effective_due(memory, seen_at, EXAM) <= CAP
    assert scheduling.effective_due(memory, seen_at, EXAM) <= memory.due


def test_the_previewed_intervals_keep_the_exam_cap() -> None:
    """The flashcard buttons show what the schedule will do: nothing past the day before."""
    known = after(Rating.Good, Rating.Good, start=CAP - 12 * DAY)
    at = CAP - 3 * DAY
    capped = scheduling.preview(known, at, exam_on=EXAM)
    free = scheduling.preview(known, at)
    assert free[Rating.Easy] > CAP - at  # without the exam it would fall after the cap
    assert all(at + interval <= CAP for interval in capped.values())
    assert capped[Rating.Easy] == CAP - at
    assert capped[Rating.Again] == free[Rating.Again]  # a short interval is left alone


def test_after_the_exam_normal_scheduling_resumes() -> None:
    memory = after(Rating.Easy, Rating.Easy, start=CAP - 10 * DAY, gap=DAY)
    assert memory.due > EXAM_AT
    assert scheduling.effective_due(memory, CAP - DAY, EXAM) == CAP
    assert scheduling.effective_due(memory, EXAM_AT, EXAM) == memory.due
    assert scheduling.effective_due(memory, CAP - DAY, None) == memory.due


def test_a_fact_reviewed_on_the_day_before_keeps_its_own_due_date() -> None:
    # Bringing it forward again would make it due at once, over and over.
    memory = scheduling.review(None, Rating.Good, CAP + timedelta(hours=10))
    assert scheduling.effective_due(memory, CAP + timedelta(hours=11), EXAM) == memory.due


# --- Variants ------------------------------------------------------------------------------


def variant(kind: str, template: str) -> Question:
    return Question(
        id=f"fact:{template}", bank="b", fact="fact", template=template, kind=kind,  # type: ignore[arg-type]
        topic="quotes", level="recognition", prompt="?", answer="a", evidence="e", paragraph=0,
        explanation="",
    )  # fmt: skip


VARIANTS = [
    variant("multiple_choice", "who-said"),
    variant("true_false", "true-false"),
    variant("cloze", "cloze-1"),
    variant("short_answer", "name"),
]


def test_the_variant_follows_memory_strength() -> None:
    weak = scheduling.review(None, Rating.Good, NOW)
    strong = after(Rating.Good, Rating.Good)
    assert weak.stability is not None
    assert weak.stability < scheduling.RECALL_STABILITY_DAYS
    assert strong.stability is not None
    assert strong.stability >= scheduling.RECALL_STABILITY_DAYS
    for memory in (None, weak):
        assert scheduling.choose_variant(VARIANTS, memory, {}).kind in scheduling.RECOGNITION_KINDS
    assert scheduling.choose_variant(VARIANTS, strong, {}).kind in scheduling.RECALL_KINDS


def test_within_a_level_the_variant_asked_least_comes_first() -> None:
    asked = {"fact:who-said": 3, "fact:true-false": 1, "fact:cloze-1": 0, "fact:name": 2}
    assert scheduling.choose_variant(VARIANTS, None, asked).id == "fact:true-false"
    strong = after(Rating.Good, Rating.Good)
    assert scheduling.choose_variant(VARIANTS, strong, asked).id == "fact:cloze-1"


def test_a_fact_without_a_variant_at_its_level_gets_the_other_level() -> None:
    assert scheduling.choose_variant(VARIANTS[2:], None, {}).kind in scheduling.RECALL_KINDS


def test_a_matching_answer_grades_each_fact_by_its_own_pair() -> None:
    matching = replace(
        variant("matching", "matching"),
        pairs=(("Norland", "backs the strike"), ("Sudmark", "calls it illegal")),
        facts=("norland-backs", "sudmark-illegal"),
    )
    answer = {"Norland": "backs the strike", "Sudmark": "backs the strike"}
    verdicts = scheduling.verdicts_per_fact(matching, False, 0.5, answer)
    assert verdicts == {"norland-backs": (True, 1.0), "sudmark-illegal": (False, 0.0)}
    single = variant("cloze", "cloze-1")
    assert scheduling.verdicts_per_fact(single, True, 1.0, "a") == {"fact": (True, 1.0)}


def test_every_kind_of_question_has_a_level() -> None:
    """A new kind (evidence, two-part) is asked in review like the others, not passed over."""
    assert set(KINDS) == scheduling.RECALL_KINDS | scheduling.RECOGNITION_KINDS
    assert {"evidence", "two_part"} <= scheduling.RECOGNITION_KINDS
    assert not scheduling.RECALL_KINDS & scheduling.RECOGNITION_KINDS
