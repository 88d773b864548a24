"""How a mistake shows its right answer: as the student's own answer is written."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from quizapp.bank import load_bank
from quizapp.builder import build_questions
from quizapp.services.mistakes import Mistake

SEED = Path(__file__).parent.parent.parent / "questions" / "russians-flee-call-up.yaml"


def mistake_of(question_id: str) -> Mistake:
    question = next(q for q in build_questions(load_bank(SEED)) if q.id == question_id)
    return Mistake(question, "russians-flee-call-up", "", 1, datetime.now(UTC), False, None)


def test_a_two_part_mistake_gives_both_parts_right_answers() -> None:
    mistake = mistake_of("inf-not-all-call-up:conclusion-two-part")
    question = mistake.question
    assert mistake.right_text == f"Part A: {question.answer} / Part B: {question.support}"


def test_another_mistake_gives_its_answer() -> None:
    mistake = mistake_of("latvia-not-objectors:who")
    assert mistake.right_text == "Latvia"
