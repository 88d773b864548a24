"""Regrading past responses when a saved change alters a question's right answer."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from quizapp.bank import LoadedBank
from quizapp.builder import Question
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import PRACTICE, Attempt, MemoryState, Regrade, Response, User
from quizapp.services.bank_revisions import save_revision
from quizapp.services.quiz import record_response, start_attempt
from quizapp.services.regrade import regrade, regrade_plan
from quizapp.services.scores import result_of
from tests.conftest import MINI_BANK

FIGURE = "ships-waiting:numeric"


def corrected_figure(questions_dir: Path) -> str:
    """The bank with its ship count corrected from 200 to 250 (article and fact alike)."""
    text = (questions_dir / f"{MINI_BANK}.yaml").read_text(encoding="utf-8")
    return text.replace("200 ships", "250 ships").replace("value: 200", "value: 250")


def answered(student: User, loaded: LoadedBank, questions: list[Question], answer: str) -> Attempt:
    """A student's attempt at the figure question and one other, both answered."""
    chosen = [q for q in questions if q.id in (FIGURE, "bellport:name")]
    attempt = start_attempt(
        student, loaded, questions, mode=PRACTICE, topics=(), length=None, preset=chosen
    )
    for item in attempt.items:
        given = answer if item.question_id == FIGURE else item.question["answer"]
        record_response(item, given)
    db.session.commit()
    return attempt


def save_bank(teacher: User, text: str, message: str) -> None:
    save_revision(
        slug=MINI_BANK, yaml_text=text, article_text="", author=teacher, message=message,
        base_number=None,
    )  # fmt: skip
    db.session.commit()


def save_correction(questions_dir: Path, teacher: User) -> None:
    save_bank(teacher, corrected_figure(questions_dir), "250 ships, not 200")


def figure_response(attempt: Attempt) -> Response:
    found = db.session.scalars(
        select(Response).where(Response.attempt_id == attempt.id, Response.question_id == FIGURE)
    ).one()
    return found


def test_a_corrected_figure_regrades_a_stored_wrong_answer_to_right(
    student: User, teacher: User, loaded: LoadedBank, questions: list[Question],
    questions_dir: Path,
) -> None:  # fmt: skip
    attempt = answered(student, loaded, questions, "250")
    assert not figure_response(attempt).correct
    before = result_of(attempt).score
    memory_before = db.session.scalars(
        select(MemoryState).where(MemoryState.fact_id == "ships-waiting")
    ).one()
    lapses_before = (memory_before.state, memory_before.stability)
    save_correction(questions_dir, teacher)
    new_questions = catalogue().questions(MINI_BANK)
    plan = regrade_plan(MINI_BANK, new_questions)
    assert [a.item.question_id for a in plan.affected] == [FIGURE]
    assert plan.changing == 1
    assert plan.questions()[0].old_answer != plan.questions()[0].new_answer

    done = regrade(MINI_BANK, new_questions, teacher, 2)
    db.session.commit()
    db.session.expire_all()
    response = figure_response(attempt)
    assert response.correct
    assert response.score == 1.0
    again = db.session.get(Attempt, attempt.id)
    assert again is not None
    assert result_of(again).score == before + 1
    item = response.item
    assert Question.from_dict(item.question).amounts[0].value == 250, "the snapshot agrees"
    recorded = db.session.scalars(select(Regrade)).one()
    assert recorded == done
    assert (recorded.teacher_id, recorded.responses_checked, recorded.responses_changed) == (
        teacher.id, 1, 1,
    )  # fmt: skip
    memory = db.session.scalars(
        select(MemoryState).where(MemoryState.fact_id == "ships-waiting")
    ).one()
    assert (memory.state, memory.stability) != lapses_before, "memory rebuilt from a right answer"
    assert regrade_plan(MINI_BANK, new_questions).affected == [], "nothing left to regrade"


def test_declining_leaves_past_responses_as_they_were(
    student: User, teacher: User, loaded: LoadedBank, questions: list[Question],
    questions_dir: Path,
) -> None:  # fmt: skip
    attempt = answered(student, loaded, questions, "200")
    save_correction(questions_dir, teacher)
    plan = regrade_plan(MINI_BANK, catalogue().questions(MINI_BANK))
    assert len(plan.affected) == 1
    assert plan.changing == 1, "200 would now be wrong"
    db.session.expire_all()
    response = figure_response(attempt)
    assert response.correct, "looking at the plan changes nothing"
    assert Question.from_dict(response.item.question).amounts[0].value == 200
    assert db.session.scalars(select(Regrade)).all() == []


def test_an_unchanged_key_affects_nothing(
    student: User, loaded: LoadedBank, questions: list[Question]
) -> None:
    answered(student, loaded, questions, "250")
    assert regrade_plan(MINI_BANK, questions).affected == []


def test_other_words_added_to_a_blank_regrade_an_answer_that_used_one(
    student: User, teacher: User, ctx: None, questions_dir: Path
) -> None:
    """'boats' for the blank 'ships' was marked wrong; the teacher then lists it as accepted."""
    cloze_id = "bellport-offer:cloze-1"
    with_words = (questions_dir / f"{MINI_BANK}.yaml").read_text(encoding="utf-8")
    without = with_words.replace("    cloze_accepts: {ships: [vessels, boats]}\n", "")
    assert without != with_words
    save_bank(teacher, without, "no other words for the blank")
    loaded, built = catalogue().bank(MINI_BANK), catalogue().questions(MINI_BANK)
    assert loaded is not None
    cloze = [q for q in built if q.id == cloze_id]
    assert [q.accepted for q in cloze] == [()]
    attempt = start_attempt(
        student, loaded, built, mode=PRACTICE, topics=(), length=None, preset=cloze
    )
    wrong = record_response(attempt.items[0], "boats")
    db.session.commit()
    assert not wrong.correct

    save_bank(teacher, with_words, "boats and vessels are ships too")
    plan = regrade_plan(MINI_BANK, catalogue().questions(MINI_BANK))
    assert [a.item.question_id for a in plan.affected] == [cloze_id]
    assert plan.changing == 1
    regrade(MINI_BANK, catalogue().questions(MINI_BANK), teacher, 3)
    db.session.commit()
    db.session.expire_all()
    response = db.session.scalars(select(Response).where(Response.attempt_id == attempt.id)).one()
    assert response.correct
    assert "boats" in Question.from_dict(response.item.question).accepted, "the snapshot agrees"
