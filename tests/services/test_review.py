"""Memory per fact: graded answers review their facts; due facts, exam dates, retention, rebuild."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from quizapp import scheduling
from quizapp.bank import TOPICS, LoadedBank
from quizapp.builder import Question
from quizapp.extensions import db
from quizapp.models import PRACTICE, TEST, AttemptItem, MemoryState, ReviewLog, User
from quizapp.scheduling import Rating
from quizapp.selection import clashes
from quizapp.services import ServiceError
from quizapp.services.accounts import create_user
from quizapp.services.classes import create_classroom, join_classroom
from quizapp.services.memory import _read_memories, record_self_rating
from quizapp.services.quiz import knowledge_of, record_response, start_attempt
from quizapp.services.rebuild import rebuild
from quizapp.services.review import (
    as_memory,
    due_facts,
    due_summary,
    exam_dates,
    memories_as_of,
    retention_for,
    set_exam_date,
    set_retention,
)
from quizapp.services.review_session import review_questions
from tests.conftest import MINI_BANK, PASSWORD

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
WHO_SAID, CLOZE, MATCHING = "quist-crate:who-said", "quist-crate:cloze-1", "norland-backs:matching"


class Clock:
    """The time the quiz service sees; tests move it."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fixed = Clock()
    monkeypatch.setattr("quizapp.services.quiz.utcnow", fixed)
    return fixed


Answer = Callable[..., AttemptItem]


@pytest.fixture
def answer(student: User, loaded: LoadedBank, questions: list[Question], clock: Clock) -> Answer:
    """answer(question_id, right=True, mode=..., seconds=...): one graded answer at the clock."""
    by_id = {q.id: q for q in questions}

    def give(
        question_id: str, right: bool = True, *, mode: str = PRACTICE, seconds: float | None = None,
        reply: str | dict[str, str] | None = None, user: User = student,
    ) -> AttemptItem:  # fmt: skip
        attempt = start_attempt(
            user, loaded, [by_id[question_id]], mode=mode, topics=TOPICS, length=None,
            rng=random.Random(0),
        )  # fmt: skip
        item = attempt.items[0]
        shown = clock.now - timedelta(seconds=seconds) if seconds is not None else None
        question = by_id[question_id]
        given = reply if reply is not None else (question.answer if right else "zzz wrong")
        record_response(item, given, shown_at=shown)
        return item

    return give


def memory_of(user: User, fact: str) -> MemoryState:
    row = db.session.scalar(
        select(MemoryState).where(MemoryState.user_id == user.id, MemoryState.fact_id == fact)
    )
    assert row is not None, f"no memory of {fact}"
    return row


def logs_of(user: User) -> list[ReviewLog]:
    query = select(ReviewLog).where(ReviewLog.user_id == user.id).order_by(ReviewLog.id)
    return list(db.session.scalars(query))


def test_a_graded_answer_in_any_mode_reviews_its_fact(
    student: User, answer: Answer, clock: Clock
) -> None:
    answer(WHO_SAID, right=True, mode=PRACTICE)
    clock.now += 3 * DAY
    answer(WHO_SAID, right=False, mode=TEST)
    first, second = logs_of(student)
    assert (first.rating, second.rating) == (Rating.Good, Rating.Again)
    assert first.state_before is None
    assert second.state_before == first.state_after
    assert second.question_id == WHO_SAID
    assert second.response_id is not None
    memory = memory_of(student, "quist-crate")
    assert (memory.reps, memory.lapses, memory.last_review) == (2, 1, clock.now)
    assert memory.due - clock.now <= DAY


def test_wrong_comes_back_within_a_day_right_later(
    student: User, answer: Answer, clock: Clock
) -> None:
    answer(WHO_SAID, right=False)
    answer("queue-length:choice", right=True)
    assert memory_of(student, "quist-crate").due <= clock.now + DAY
    assert memory_of(student, "queue-length").due > clock.now + DAY


def test_a_right_answer_with_a_slip_of_spelling_rates_hard(student: User, answer: Answer) -> None:
    item = answer("bellport:name", reply="Belport")
    assert item.response is not None
    assert (item.response.correct, item.response.typo) == (True, True)
    answer("bellport:name", reply="Bellport")
    assert [log.rating for log in logs_of(student)] == [Rating.Hard, Rating.Good]


def test_a_repeated_submission_reviews_once(student: User, answer: Answer) -> None:
    item = answer(WHO_SAID)
    record_response(item, "Tomas Vell")
    assert len(logs_of(student)) == 1


def test_a_matching_answer_updates_each_fact_with_its_own_pair(
    student: User, answer: Answer, questions: list[Question]
) -> None:
    matching = next(q for q in questions if q.id == MATCHING)
    (left_1, right_1), (left_2, _) = matching.pairs
    answer(MATCHING, reply={left_1: right_1, left_2: right_1})
    ratings = {log.fact_id: log.rating for log in logs_of(student)}
    assert ratings == {matching.facts[0]: Rating.Good, matching.facts[1]: Rating.Again}
    assert memory_of(student, matching.facts[0]).due > memory_of(student, matching.facts[1]).due


def test_a_recall_answer_faster_than_the_students_median_is_easy(
    student: User, answer: Answer, clock: Clock
) -> None:
    for seconds in (20, 30, 25):
        answer("port-alba:name", seconds=seconds)
        clock.now += DAY
    answer(CLOZE, seconds=40)  # a cloze is slower than the median: Good
    answer("bellport:name", seconds=5)
    answer("queue-length:choice", seconds=1)  # recognition: never Easy
    assert [log.rating for log in logs_of(student)][3:] == [Rating.Good, Rating.Easy, Rating.Good]


def test_the_strictest_class_retention_applies(student: User, teacher: User) -> None:
    assert retention_for(student.id) == scheduling.DEFAULT_RETENTION
    relaxed, strict = create_classroom(teacher, "A"), create_classroom(teacher, "B")
    set_retention(relaxed, 0.75)
    set_retention(strict, 0.95)
    join_classroom(student, relaxed.join_code)
    join_classroom(student, strict.join_code)
    assert retention_for(student.id) == 0.95
    with pytest.raises(ServiceError, match=r"between 0\.70 and 0\.97") as refused:
        set_retention(strict, 0.99)
    assert refused.value.field == "desired_retention"


def test_due_facts_come_most_overdue_first_and_follow_the_exam_date(
    student: User, answer: Answer, clock: Clock
) -> None:
    answer(WHO_SAID, right=False)  # due in a day
    clock.now += timedelta(hours=1)
    answer("ships-waiting:source", right=False)  # an hour later
    answer("queue-length:choice", right=True)  # a couple of days
    soon = clock.now + 1.5 * DAY
    assert [row.fact_id for row, _ in due_facts(student, soon)] == ["quist-crate", "ships-waiting"]
    assert [row.fact_id for row, _ in due_facts(student, soon, limit=1)] == ["quist-crate"]
    summary = due_summary(student, soon)[MINI_BANK]
    assert summary.due == 2
    assert summary.next_due == memory_of(student, "queue-length").due

    exam_on = (clock.now + DAY).date() + timedelta(days=1)  # the day before is tomorrow
    set_exam_date(student, MINI_BANK, exam_on)
    cap, _ = scheduling.exam_window(exam_on)
    assert [when for row, when in due_facts(student, cap) if row.fact_id == "queue-length"] == [cap]
    for row, when in due_facts(student, cap):
        assert when == scheduling.effective_due(as_memory(row), cap, exam_on)
    set_exam_date(student, MINI_BANK, None)
    assert "queue-length" not in {row.fact_id for row, _ in due_facts(student, cap)}


def test_memory_as_of_a_past_time_comes_from_the_log(
    student: User, answer: Answer, clock: Clock
) -> None:
    answer(WHO_SAID, right=True)
    first_due = memory_of(student, "quist-crate").due
    clock.now += 5 * DAY
    answer(WHO_SAID, right=False)
    then = memories_as_of(student, START + DAY)
    assert then[(MINI_BANK, "quist-crate")].due == first_due
    assert memories_as_of(student, START - DAY) == {}


def test_a_self_rating_is_logged_as_such_and_updates_the_same_memory(
    student: User, answer: Answer, clock: Clock
) -> None:
    answer(WHO_SAID)
    rated = record_self_rating(student, MINI_BANK, "quist-crate", Rating.Easy, clock.now + DAY)
    assert rated.reps == 2
    assert [log.source for log in logs_of(student)] == ["answer", "self"]


def stored_states() -> dict[tuple[int, str, str], scheduling.Memory]:
    rows = db.session.scalars(select(MemoryState))
    return {(r.user_id, r.bank_slug, r.fact_id): as_memory(r) for r in rows}


def test_rebuild_reproduces_the_stored_states_exactly(
    student: User, answer: Answer, clock: Clock, questions: list[Question]
) -> None:
    other = create_user("bob", PASSWORD)
    rng = random.Random(7)
    ids = [q.id for q in questions if q.kind != "matching"]
    for day in range(12):
        clock.now = START + day * DAY + timedelta(minutes=rng.randrange(600))
        for question_id in rng.sample(ids, 4):
            answer(question_id, right=rng.random() < 0.7, seconds=rng.randrange(2, 40))
        answer(ids[day % len(ids)], right=day % 3 == 0, user=other, seconds=9)
        if day % 4 == 0:
            record_self_rating(student, MINI_BANK, "quist-crate", Rating.Hard, clock.now)
    answer(MATCHING, right=True)
    db.session.commit()
    before, log_count = stored_states(), len(logs_of(student)) + len(logs_of(other))

    report = rebuild(write=True)
    db.session.commit()
    assert report.exact, report.differing
    assert (report.users, report.reviews) == (2, log_count)
    assert stored_states() == before
    assert sum(log.source == "self" for log in logs_of(student)) == 3


def test_rebuild_finds_and_repairs_a_state_that_drifted(student: User, answer: Answer) -> None:
    answer(WHO_SAID)
    answer(CLOZE)
    row = memory_of(student, "quist-crate")
    expected = as_memory(row)
    row.stability = 99.0
    db.session.flush()
    assert rebuild(write=False).differing == [(student.id, MINI_BANK, "quist-crate")]
    assert memory_of(student, "quist-crate").stability == 99.0  # a check changes nothing
    assert not rebuild(write=True).exact
    assert as_memory(memory_of(student, "quist-crate")) == expected
    assert rebuild(write=False).exact


def test_rebuild_backfills_answers_given_before_memory_existed(
    student: User, answer: Answer
) -> None:
    answer(WHO_SAID)
    db.session.query(ReviewLog).delete()
    db.session.query(MemoryState).delete()
    report = rebuild(write=True)
    assert report.differing == [(student.id, MINI_BANK, "quist-crate")]
    assert db.session.scalar(select(func.count()).select_from(MemoryState)) == 1
    assert memory_of(student, "quist-crate").reps == 1


def test_exam_dates_are_per_bank(student: User) -> None:
    set_exam_date(student, MINI_BANK, date(2026, 12, 1))
    set_exam_date(student, MINI_BANK, date(2026, 12, 3))
    set_exam_date(student, "another-bank", date(2026, 12, 5))
    assert exam_dates(student.id) == {
        MINI_BANK: date(2026, 12, 3),
        "another-bank": date(2026, 12, 5),
    }


def test_knowledge_counts_a_matching_answer_under_each_of_its_facts(
    student: User, answer: Answer, questions: list[Question]
) -> None:
    matching = next(q for q in questions if q.id == MATCHING)
    (left_1, right_1), (left_2, _) = matching.pairs
    answer(MATCHING, reply={left_1: right_1, left_2: right_1})
    known = knowledge_of(student, MINI_BANK)
    assert {fact: (r.seen, r.correct) for fact, r in known.items()} == {
        matching.facts[0]: (1, 1), matching.facts[1]: (1, 0),
    }  # fmt: skip


def test_a_review_session_asks_by_strength_and_the_least_asked_variant(
    student: User, loaded: LoadedBank, questions: list[Question], answer: Answer, clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    record_self_rating(student, MINI_BANK, "quist-crate", Rating.Easy, START)  # strong
    record_self_rating(student, MINI_BANK, "ships-waiting", Rating.Again, START)  # weak
    at = START + 10 * DAY
    chosen = review_questions(student, loaded, questions, at)
    # The weak fact fell due first (most overdue first) and is asked by recognition.
    assert [(q.fact, q.kind in scheduling.RECALL_KINDS) for q in chosen] == [
        ("ships-waiting", False), ("quist-crate", True),
    ]  # fmt: skip
    clock.now = at
    answer(chosen[1].id, right=False)  # asked once now: the other cloze comes next
    again = {q.fact: q for q in review_questions(student, loaded, questions, at + 30 * DAY)}
    assert again["quist-crate"].kind in scheduling.RECOGNITION_KINDS  # forgotten: weak again
    record_self_rating(student, MINI_BANK, "quist-crate", Rating.Easy, at + 30 * DAY)
    strong = {q.fact: q for q in review_questions(student, loaded, questions, at + 400 * DAY)}
    assert strong["quist-crate"].kind in scheduling.RECALL_KINDS
    assert strong["quist-crate"].id != chosen[1].id
    monkeypatch.setattr("quizapp.services.review_session.REVIEW_LENGTH", 1)
    assert len(review_questions(student, loaded, questions, at + 30 * DAY)) == 1


def test_a_review_session_gives_no_answer_away(
    student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    """No two questions share evidence or print each other's answer; a fact with no fair
    variant waits for the next session (it stays due)."""
    # In the small bank every question on "bellport" clashes with every one on
    # "bellport-offer"; "queue-length" clashes with some variants of "bellport-offer" only.
    for hours, fact in enumerate(("bellport-offer", "bellport", "queue-length", "port-alba")):
        record_self_rating(
            student, MINI_BANK, fact, Rating.Again, START + hours * timedelta(hours=1)
        )
    chosen = review_questions(student, loaded, questions, START + 10 * DAY)
    facts = [q.fact for q in chosen]
    assert facts[0] == "bellport-offer"  # most overdue first
    assert "bellport" not in facts
    assert "queue-length" in facts
    for index, one in enumerate(chosen):
        assert not clashes(one, chosen[:index]), (one.id, [q.id for q in chosen[:index]])
    due = [row.fact_id for row, _ in due_facts(student, START + 10 * DAY, MINI_BANK)]
    assert "bellport" in due  # left for the next session, still due


def test_a_memory_loaded_before_an_answer_is_current_after_it(
    student: User, answer: Answer, clock: Clock
) -> None:
    answer(WHO_SAID)
    loaded = memory_of(student, "quist-crate")  # in the session, as a page would hold it
    clock.now += DAY
    answer(CLOZE)  # the same fact, written by plain statements
    assert memory_of(student, "quist-crate") is loaded
    assert (loaded.reps, loaded.last_review) == (2, clock.now)
    rated = record_self_rating(student, MINI_BANK, "quist-crate", Rating.Good, clock.now + DAY)
    assert rated == as_memory(loaded)
    assert rated.reps == 3


def test_the_class_retention_schedules_a_facts_first_review(
    student: User, teacher: User, answer: Answer, clock: Clock
) -> None:
    strict = create_classroom(teacher, "A")
    set_retention(strict, 0.97)
    join_classroom(student, strict.join_code)
    answer(WHO_SAID)
    expected = scheduling.review(None, Rating.Good, clock.now, 0.97)
    assert as_memory(memory_of(student, "quist-crate")) == expected
    assert expected != scheduling.review(None, Rating.Good, clock.now)


@pytest.mark.parametrize("reviewed_before", [False, True])
def test_a_review_of_the_same_fact_landing_meanwhile_is_built_upon(
    student: User, answer: Answer, clock: Clock, monkeypatch: pytest.MonkeyPatch,
    reviewed_before: bool,
) -> None:  # fmt: skip
    """Another tab's review lands between this answer's read of the memory and its write:
    the answer reviews on top of it, so the row stays the replay of the log."""
    if reviewed_before:
        answer(WHO_SAID)
    clock.now += DAY
    read, tabs = _read_memories, ["other"]
    landed: list[scheduling.Memory] = []

    def read_then_another_tab(
        user_id: int, bank_slug: str, facts: Collection[str]
    ) -> tuple[float, dict[str, tuple[int, scheduling.Memory]]]:
        found = read(user_id, bank_slug, facts)
        if tabs:
            tabs.pop()
            landed.append(record_self_rating(student, MINI_BANK, "quist-crate", Rating.Easy, START))
        return found

    monkeypatch.setattr("quizapp.services.memory._read_memories", read_then_another_tab)
    answer(CLOZE, right=False)
    memory = memory_of(student, "quist-crate")
    assert memory.reps == landed[0].reps + 1
    last = logs_of(student)[-1]
    assert (last.source, last.rating) == ("answer", Rating.Again)
    assert last.state_before == landed[0].to_dict()
    assert last.state_after == as_memory(memory).to_dict()
    assert rebuild(write=False).exact
