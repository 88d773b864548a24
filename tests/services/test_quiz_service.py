"""Quiz attempts: which questions, in what order, answers recorded once, scores."""

from __future__ import annotations

import random
from collections.abc import Collection
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quizapp.bank import TOPICS, LoadedBank
from quizapp.builder import Question
from quizapp.extensions import db
from quizapp.models import PRACTICE, TEST, Assignment, Attempt, Response, ReviewLog, User
from quizapp.services import ServiceError
from quizapp.services.accounts import create_user
from quizapp.services.classes import create_assignment, create_classroom
from quizapp.services.quiz import (
    finish_attempt,
    finish_if_complete,
    knowledge_of,
    place_of,
    record_response,
    select_for_assignment,
    start_attempt,
    times_asked,
)
from quizapp.services.scores import attempts_of, result_of, results_of
from tests.conftest import MINI_BANK, PASSWORD

# Without stances, every question is about one fact: no matching question spans two.
ONE_FACT_TOPICS = ("quotes", "figures", "places", "events")
WHO_SAID, SHIPS, PORT = "quist-crate:who-said", "ships-waiting:numeric", "port-alba:name"


def only(questions: list[Question], *ids: str) -> list[Question]:
    return [q for q in questions if q.id in ids]


def attempt_at(
    user: User,
    loaded: LoadedBank,
    questions: list[Question],
    seed: int = 0,
    *,
    mode: str = PRACTICE,
    topics: Collection[str] = TOPICS,
    length: int | None = None,
    assignment: Assignment | None = None,
) -> Attempt:
    """start_attempt with a seeded random source: all topics, every fact, practice by default."""
    return start_attempt(
        user, loaded, questions, mode=mode, topics=topics, length=length,
        assignment=assignment, rng=random.Random(seed),
    )  # fmt: skip


def answer_all(attempt: Attempt, right: dict[str, bool]) -> None:
    """Answer every item right or wrong by its fact, then finish."""
    for item in attempt.items:
        question = Question.from_dict(item.question)
        record_response(item, question.answer if right[item.fact_id] else "no idea")
    finish_attempt(attempt)


def response_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Response)) or 0


@pytest.mark.parametrize("seed", range(5))
def test_unseen_facts_come_first_then_the_least_known(
    student: User, loaded: LoadedBank, questions: list[Question], seed: int
) -> None:
    first = attempt_at(student, loaded, questions, seed, topics=ONE_FACT_TOPICS, length=4)
    wrong = {item.fact_id for item in first.items[:2]}
    right = {item.fact_id for item in first.items[2:]}
    answer_all(first, {fact: fact in right for fact in wrong | right})

    later = attempt_at(student, loaded, questions, seed + 100, topics=ONE_FACT_TOPICS)
    order = [item.fact_id for item in later.items]
    unseen = {q.fact for q in questions if q.topic in ONE_FACT_TOPICS} - wrong - right
    assert len(order) == len(unseen) + 4
    assert set(order[: len(unseen)]) == unseen
    assert set(order[len(unseen) : len(unseen) + 2]) == wrong
    assert set(order[len(unseen) + 2 :]) == right


@pytest.mark.parametrize("seed", range(4))
def test_seen_facts_come_in_order_of_how_well_they_are_known(
    student: User, loaded: LoadedBank, questions: list[Question], seed: int
) -> None:
    pool = [q for q in questions if q.fact in ("quist-crate", "ships-waiting", "bellport")]
    history = {
        "quist-crate": (False, False),
        "ships-waiting": (True, False),
        "bellport": (True,) * 2,
    }
    for sitting in range(2):
        attempt = attempt_at(student, loaded, pool, seed + sitting)
        answer_all(attempt, {fact: results[sitting] for fact, results in history.items()})
    assert knowledge_of(student, MINI_BANK)["ships-waiting"].accuracy == 0.5

    later = attempt_at(student, loaded, pool, seed + 10)
    assert [item.fact_id for item in later.items] == ["quist-crate", "ships-waiting", "bellport"]


def test_a_fact_is_asked_a_different_way_each_time(
    student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    pool = [q for q in questions if q.fact == "quist-crate"]
    asked = []
    for seed in range(len(pool)):
        attempt = attempt_at(student, loaded, pool, seed)
        asked.append(attempt.items[0].question_id)
        answer_all(attempt, {"quist-crate": True})
    assert sorted(asked) == sorted(q.id for q in pool)
    assert times_asked(student, MINI_BANK) == dict.fromkeys(asked, 1)


def test_choice_order_is_shuffled_per_attempt(
    student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    choice, true_false = only(questions, WHO_SAID, "vell-disaster:true-false")
    orders = set()
    for seed in range(8):
        attempt = attempt_at(student, loaded, [choice, true_false], seed)
        asked = {item.question_id: item.question["choices"] for item in attempt.items}
        assert sorted(asked[choice.id]) == sorted(choice.choices)
        assert asked[true_false.id] == ["True", "False"]
        orders.add(tuple(asked[choice.id]))
    assert len(orders) > 1


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("length", [5, 10, None])
def test_no_two_questions_of_an_attempt_test_the_same_fact(
    student: User, loaded: LoadedBank, questions: list[Question], seed: int, length: int | None
) -> None:
    attempt = attempt_at(student, loaded, questions, seed, length=length)
    facts = [fact for item in attempt.items for fact in item.question["facts"]]
    assert len(facts) == len(set(facts))
    if length is not None:
        assert len(attempt.items) == length
    else:
        assert set(facts) == {q.fact for q in questions}


def test_topics_without_questions_are_refused(
    student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    with pytest.raises(ServiceError) as refused:
        attempt_at(student, loaded, only(questions, WHO_SAID), topics=["events"])
    assert refused.value.field == "topics"


def test_a_response_is_recorded_once_and_the_first_stands(
    student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    item = attempt_at(student, loaded, only(questions, WHO_SAID)).items[0]
    first = record_response(item, "Mara Quist")
    assert record_response(item, "Mara Quist") is first
    assert record_response(item, "Tomas Vell") is first
    db.session.commit()
    assert response_count() == 1
    assert first.correct
    assert first.answer == {"value": "Mara Quist"}


def test_a_racing_second_request_keeps_the_answer_that_landed_first(
    student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    attempt = attempt_at(student, loaded, only(questions, WHO_SAID))
    db.session.commit()
    item = attempt.items[0]
    assert item.response is None
    with Session(db.engine) as other_request:
        other_request.add(
            Response(item_id=item.id, attempt_id=attempt.id, user_id=student.id,
                     bank_slug=MINI_BANK, question_id=item.question_id, fact_id=item.fact_id,
                     answer={"value": "Tomas Vell"}, answer_text="Tomas Vell", correct=False,
                     score=0.0, feedback="Not quite.", time_taken_ms=900)
        )  # fmt: skip
        other_request.commit()

    kept = record_response(item, "Mara Quist")
    db.session.commit()
    assert kept.answer == {"value": "Tomas Vell"}
    assert response_count() == 1
    # The answer that lost reviews nothing: its fact's memory is not moved a second time.
    assert db.session.scalar(select(func.count(ReviewLog.id))) == 0


def test_a_finished_attempt_takes_no_answers(
    student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    attempt = attempt_at(student, loaded, only(questions, WHO_SAID, SHIPS))
    finish_attempt(attempt)
    finished_at = attempt.finished_at
    finish_attempt(attempt)
    assert attempt.finished_at == finished_at
    with pytest.raises(ServiceError):
        record_response(attempt.items[0], "Mara Quist")


def test_a_response_keeps_who_what_when_and_how_long(
    student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    attempt = attempt_at(student, loaded, only(questions, SHIPS, WHO_SAID))
    timed, untimed = attempt.items
    before = datetime.now(UTC)
    response = record_response(timed, "no idea", shown_at=before - timedelta(seconds=2.5))
    after = datetime.now(UTC)
    db.session.commit()
    db.session.expire_all()
    assert (response.user_id, response.attempt_id) == (student.id, attempt.id)
    assert (response.question_id, response.fact_id) == (timed.question_id, timed.fact_id)
    assert response.bank_slug == MINI_BANK
    assert response.answer == {"value": "no idea"}
    assert response.correct is False
    assert response.time_taken_ms is not None
    assert 2500 <= response.time_taken_ms <= 2500 + (after - before) / timedelta(milliseconds=1)
    assert before <= response.answered_at <= after
    assert record_response(untimed, "x").time_taken_ms is None, "never shown, not timed"


def test_the_result_scores_answers_topics_and_time(
    student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    attempt = attempt_at(
        student, loaded, only(questions, WHO_SAID, SHIPS, PORT, "norland-backs:matching")
    )
    by_id = {item.question_id: item for item in attempt.items}
    record_response(by_id[WHO_SAID], "Mara Quist")
    record_response(by_id[SHIPS], "3")
    record_response(by_id["norland-backs:matching"], {"Norland": "It backed the workers."})
    attempt.started_at = datetime(2024, 5, 2, 9, 0, tzinfo=UTC)
    attempt.finished_at = attempt.started_at + timedelta(minutes=3)

    result = result_of(attempt)
    assert (result.score, result.total, result.answered) == (1.5, 4, 3)
    assert result.percent == 38
    assert result.duration == timedelta(minutes=3)
    assert [(t.topic, t.score, t.total, t.percent) for t in result.topics] == [
        ("figures", 0.0, 1, 0), ("places", 0.0, 1, 0), ("quotes", 1.0, 1, 100),
        ("stances", 0.5, 1, 50),
    ]  # fmt: skip
    matching = by_id["norland-backs:matching"].response
    assert matching is not None
    assert matching.answer_text == "Norland → It backed the workers.; Sudmark → (none)"


def test_results_of_many_attempts_count_as_each_attempts_own_result(
    student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    """The history's one query of topics, skills and scores adds up as the items do."""
    first = attempt_at(
        student, loaded, only(questions, WHO_SAID, SHIPS, PORT, "norland-backs:matching")
    )
    by_id = {item.question_id: item for item in first.items}
    record_response(by_id[WHO_SAID], "Mara Quist")
    record_response(by_id["norland-backs:matching"], {"Norland": "It backed the workers."})
    # A snapshot stored before questions had skills: its topic's skill is counted.
    by_id[SHIPS].question = {k: v for k, v in by_id[SHIPS].question.items() if k != "skill"}
    finish_attempt(first)
    second = attempt_at(student, loaded, only(questions, PORT))
    record_response(second.items[0], "Bellport")
    finish_attempt(second)
    db.session.flush()

    assert results_of([second, first]) == [result_of(second), result_of(first)]
    counted = results_of([first])[0]
    assert (counted.score, counted.total, counted.answered) == (1.5, 4, 2)
    assert results_of([]) == []


def test_attempts_of_lists_only_the_students_own(
    student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    other = create_user("bob", PASSWORD)
    done = attempt_at(student, loaded, only(questions, WHO_SAID))
    finish_attempt(done)
    open_one = attempt_at(student, loaded, only(questions, SHIPS), mode=TEST)
    attempt_at(other, loaded, only(questions, PORT))
    assert attempts_of(student, finished=True) == [done]
    assert attempts_of(student, finished=False) == [open_one]


def test_an_assignment_fixes_the_questions_and_their_order(
    student: User, teacher: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    classroom = create_classroom(teacher, "9B")
    ids = [PORT, "no-longer:in-the-bank", WHO_SAID, SHIPS]
    assignment = create_assignment(classroom, "Check", MINI_BANK, ids, TEST)
    for seed in range(3):
        attempt = attempt_at(student, loaded, questions, seed, assignment=assignment, mode=TEST)
        assert [item.question_id for item in attempt.items] == [PORT, WHO_SAID, SHIPS]
        assert attempt.assignment is assignment
        finish_attempt(attempt)  # one unfinished attempt per assignment at a time


def test_an_assignment_draws_a_fresh_students_selection(questions: list[Question]) -> None:
    ids = select_for_assignment(questions, ["figures", "places"], 3, random.Random(4))
    chosen = [q for q in questions if q.id in ids]
    assert len(ids) == 3 == len({q.fact for q in chosen})
    assert {q.topic for q in chosen} <= {"figures", "places"}


def test_the_last_two_answers_given_at_once_still_finish_the_attempt(
    student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    """Two tabs answer the last two questions together: each counted the other as missing
    when its request began, yet the second to be stored finishes the attempt."""
    attempt = attempt_at(student, loaded, only(questions, WHO_SAID, SHIPS, PORT))
    db.session.commit()
    first, second, third = attempt.items
    record_response(first, first.question["answer"])
    db.session.commit()
    # Both requests counted one answer of three when they began.
    one, other = (place_of(student, attempt.id, item.position) for item in (second, third))
    assert one is not None
    assert other is not None
    assert (one.answered, other.answered, one.total) == (1, 1, 3)
    record_response(one.item, "a")
    finish_if_complete(one)
    db.session.commit()
    assert not attempt.finished
    record_response(other.item, "b")
    finish_if_complete(other)
    db.session.commit()
    assert attempt.finished
