"""The in-process quiz benchmark still gets through a whole quiz on the bundled bank."""

from __future__ import annotations

from pathlib import Path

from bench.quiz_cycle import run


def test_a_student_answers_every_question_of_a_quiz(tmp_path: Path) -> None:
    # take_quiz checks that each answer is accepted (a redirect, not the form again).
    cycles, total = run(1, tmp_path)

    assert len(cycles) == 10
    assert 0 < sum(cycles) <= total
