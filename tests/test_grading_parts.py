"""Grading sentence questions: evidence selection, and two-part questions graded per part."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.bank import load_bank
from quizapp.builder import Question, build_questions
from quizapp.grading import PART_A, PART_B, grade

SEED = Path(__file__).parent.parent / "questions" / "russians-flee-call-up.yaml"
BUILT = {q.id: q for q in build_questions(load_bank(SEED))}


def _question(question_id: str) -> Question:
    return BUILT[question_id]


def test_the_evidence_sentence_is_right_and_a_nearby_one_wrong() -> None:
    question = _question("queue-length:evidence")
    right = grade(question, question.answer)
    assert (right.correct, right.score, right.feedback) == (True, 1.0, "Correct.")
    wrong = next(c for c in question.choices if c != question.answer)
    verdict = grade(question, wrong)
    assert (verdict.correct, verdict.score) == (False, 0.0)
    assert verdict.feedback == f"Not quite. The right answer is {question.answer}"


def test_an_evidence_question_needs_the_sentence_exactly() -> None:
    question = _question("queue-length:evidence")
    assert not grade(question, question.answer[:-1]).correct
    assert not grade(question, "").correct


@pytest.mark.parametrize(
    ("part_a", "part_b", "correct", "score", "feedback"),
    [
        (True, True, True, 1.0, "Part A: correct. Part B: correct."),
        (True, False, False, 0.5, "Part A: correct. Part B: not quite; the supporting"),
        (False, True, False, 0.5, "Part A: not quite; "),
        (False, False, False, 0.0, "Part A: not quite; "),
    ],
)
def test_two_parts_are_graded_apart(
    part_a: bool, part_b: bool, correct: bool, score: float, feedback: str
) -> None:
    question = _question("inf-not-all-call-up:conclusion-two-part")
    wrong_a = next(c for c in question.choices if c != question.answer)
    wrong_b = next(c for c in question.supports if c != question.support)
    response = {
        PART_A: question.answer if part_a else wrong_a,
        PART_B: question.support if part_b else wrong_b,
    }
    verdict = grade(question, response)
    assert (verdict.correct, verdict.score) == (correct, score)
    assert verdict.feedback.startswith(feedback)
    if not part_b:
        assert question.support in verdict.feedback


def test_a_two_part_answer_given_as_text_scores_nothing() -> None:
    question = _question("inf-not-all-call-up:conclusion-two-part")
    assert grade(question, question.answer).score == 0.0
