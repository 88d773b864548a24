"""Item analysis against a small class worked through by hand."""

from __future__ import annotations

import pytest

from quizapp.item_analysis import (
    MIN_ANSWERS,
    Answer,
    ItemStats,
    fact_stats,
    first_answers,
    groups,
    question_stats,
    total_scores,
)

MC, TF = "multiple_choice", "true_false"


def _mc(student: int, chosen: str) -> Answer:
    return Answer(student, "q1", "f-quote", float(chosen == "A"), MC, chosen, "A")


def _tf(student: int, question: str, fact: str, score: float) -> Answer:
    return Answer(student, question, fact, score, TF)


def worked_example() -> list[Answer]:
    """Six students s1..s6, five questions, oldest answer first.

    q1 multiple choice, key A (fact f-quote): s1 B, s2 B, s3 A, s4 C, s5 A, s6 A; later s1 sat
    it again and chose A (a second attempt: ignored, only first answers count).
    q2 and q3 are about one fact (f-strike), q4 about f-ships, q5 about f-port:

            q1  q2  q3  q4  q5   first answers   total (mean)
        s1   0   1   1   1   1        5          4/5 = 0.80
        s2   0   1   1   1   1        5          4/5 = 0.80
        s3   1   1   0   0   0        5          2/5 = 0.40
        s4   0   1   1   0   0        5          2/5 = 0.40
        s5   1   0   0   0   -        4          1/4 = 0.25
        s6   1   0   0   0   -        4          1/4 = 0.25

    Groups: 6 students answered q1-q4, round(0.27 x 6) = round(1.62) = 2 per group;
    upper = s1, s2 (0.80); lower = s5, s6 (0.25). (Ties fall inside a group, never across.)

    q1: facility 3/6 = 0.50; upper mean 0, lower mean 1: discrimination 0 - 1 = -1.00.
        Wrong choices: B twice (both by the upper group), C once (s4, not upper); the key A
        was picked by no upper student. Flagged twice: negative discrimination, and B (2)
        beats the key (0) among the strongest.
    q2: 1,1,1,1,0,0: facility 4/6 = 0.667; discrimination 1 - 0 = 1.00.
    q3: 1,1,0,1,0,0: facility 3/6 = 0.50; discrimination 1.00.
    q4: 1,1,0,0,0,0: facility 2/6 = 0.333; discrimination 1.00.
    q5: only 4 students (fewer than 5): no figures.
    Fact f-strike (q2, q3), per student the mean: s1 1, s2 1, s3 0.5, s4 1, s5 0, s6 0:
        facility 3.5/6 = 0.583; discrimination (1+1)/2 - (0+0)/2 = 1.00.
    """
    rows = {
        1: ("B", 1, 1, 1, 1),
        2: ("B", 1, 1, 1, 1),
        3: ("A", 1, 0, 0, 0),
        4: ("C", 1, 1, 0, 0),
        5: ("A", 0, 0, 0, None),
        6: ("A", 0, 0, 0, None),
    }
    answers: list[Answer] = []
    for student, (chosen, q2, q3, q4, q5) in rows.items():
        answers.append(_mc(student, chosen))
        answers.append(_tf(student, "q2", "f-strike", q2))
        answers.append(_tf(student, "q3", "f-strike", q3))
        answers.append(_tf(student, "q4", "f-ships", q4))
        if q5 is not None:
            answers.append(_tf(student, "q5", "f-port", q5))
    answers.append(_mc(1, "A"))  # s1's second attempt
    return answers


def by_item(stats: list[ItemStats]) -> dict[str, ItemStats]:
    return {s.item: s for s in stats}


def test_only_each_students_first_answer_counts() -> None:
    first = first_answers(worked_example())
    assert len(first) == 6 * 4 + 4
    assert [a.chosen for a in first if a.student == 1 and a.question_id == "q1"] == ["B"]


def test_totals_and_groups_match_the_hand_computation() -> None:
    totals = total_scores(first_answers(worked_example()))
    assert totals == pytest.approx({1: 0.8, 2: 0.8, 3: 0.4, 4: 0.4, 5: 0.25, 6: 0.25})
    assert groups(range(1, 7), totals) == ([1, 2], [5, 6])


def test_question_figures_match_the_hand_computation() -> None:
    stats = by_item(question_stats(worked_example()))
    expected = {"q1": (0.5, -1.0), "q2": (4 / 6, 1.0), "q3": (0.5, 1.0), "q4": (2 / 6, 1.0)}
    for question, (facility, discrimination) in expected.items():
        assert stats[question].answers == 6
        assert stats[question].facility == pytest.approx(facility), question
        assert stats[question].discrimination == pytest.approx(discrimination), question
    assert [s.check_key for s in stats.values()] == [True, False, False, False, False]


def test_wrong_choices_are_counted_and_a_strong_favourite_is_flagged() -> None:
    q1 = by_item(question_stats(worked_example()))["q1"]
    assert [(c.choice, c.picked, c.picked_by_upper) for c in q1.wrong_choices] == [
        ("B", 2, 2),
        ("C", 1, 0),
    ]
    assert q1.key_picked_by_upper == 0
    assert len(q1.reasons) == 2
    assert "weaker students did better" in q1.reasons[0]
    assert "“B” (2) than the right answer (0)" in q1.reasons[1]


def test_fewer_than_the_minimum_of_answers_show_no_figures() -> None:
    q5 = by_item(question_stats(worked_example()))["q5"]
    assert q5.answers == 4 < MIN_ANSWERS
    assert not q5.shown
    assert q5.facility is None
    assert q5.discrimination is None
    assert not q5.check_key


def test_fact_figures_average_the_facts_questions_per_student() -> None:
    stats = by_item(fact_stats(worked_example()))
    strike = stats["f-strike"]
    assert strike.answers == 6
    assert strike.facility == pytest.approx(3.5 / 6)
    assert strike.discrimination == pytest.approx(1.0)
    assert stats["f-quote"].discrimination == pytest.approx(-1.0)
    assert stats["f-quote"].check_key
    assert not stats["f-port"].shown


def test_a_lone_student_forms_no_groups() -> None:
    assert groups([7], {7: 1.0}) == ([], [])


def test_a_matching_answer_counts_under_each_fact_by_its_own_pair() -> None:
    """Five students match two pairs (facts f-a and f-b); all get f-a right, none f-b."""
    answers = [
        Answer(s, "m1", "f-a", 0.5, "matching", fact_scores=(("f-a", 1.0), ("f-b", 0.0)))
        for s in range(1, 6)
    ]
    stats = by_item(fact_stats(answers))
    assert stats["f-a"].facility == pytest.approx(1.0)
    assert stats["f-b"].facility == pytest.approx(0.0)
    assert stats["f-b"].answers == 5
    assert by_item(question_stats(answers))["m1"].facility == pytest.approx(0.5)
