"""select_questions: unseen facts first, then the least known; never two on one fact."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.bank import TOPICS, load_bank
from quizapp.bank.kinds import BEYOND_RECALL
from quizapp.builder import Question, build_questions
from quizapp.builder.context import gives_away
from quizapp.selection import FactRecord, select_questions

HARBOUR = Path(__file__).parent / "data" / "harbour-strike.yaml"
ALL_TOPICS: set[str] = set(TOPICS)


def _question(fact: str, template: str = "t", **fields: Any) -> Question:
    """A question whose prompt and answer mention nothing of any other question."""
    base: dict[str, Any] = {
        "id": f"{fact}:{template}", "bank": "b", "fact": fact, "template": template,
        "kind": "multiple_choice", "topic": "quotes", "level": "recognition",
        "prompt": f"Prompt {fact} {template}?", "answer": f"Answer-{fact}-{template}",
        "evidence": f"E {fact}.", "paragraph": 0, "explanation": "", "facts": (fact,),
    }  # fmt: skip
    return Question(**{**base, **fields})


def _select(
    questions: list[Question],
    *,
    seed: int = 0,
    topics: set[str] = ALL_TOPICS,
    length: int | None = None,
    knowledge: dict[str, FactRecord] | None = None,
    times_asked: dict[str, int] | None = None,
) -> list[Question]:
    return select_questions(
        questions,
        topics=topics,
        length=length,
        knowledge=knowledge or {},
        times_asked=times_asked or {},
        rng=random.Random(seed),
    )


def _facts(chosen: list[Question]) -> list[str]:
    return [q.fact for q in chosen]


KNOWN = {
    "perfect": FactRecord(seen=4, correct=4),
    "half": FactRecord(seen=2, correct=1),
    "never-right": FactRecord(seen=3, correct=0),
    "counted-unseen": FactRecord(seen=0, correct=0),
}


@pytest.mark.parametrize("seed", range(10))
def test_unseen_facts_come_first_then_the_least_accurate(seed: int) -> None:
    facts = ["perfect", "half", "new", "never-right", "counted-unseen"]
    chosen = _select([_question(f) for f in facts], seed=seed, knowledge=KNOWN)
    order = _facts(chosen)
    assert set(order[:2]) == {"new", "counted-unseen"}
    assert order[2:] == ["never-right", "half", "perfect"]


def test_equally_known_facts_go_longest_unseen_first() -> None:
    def seen(day: int) -> FactRecord:
        return FactRecord(seen=2, correct=1, last_seen=datetime(2024, 5, day, tzinfo=UTC))

    knowledge = {"recent": seen(9), "old": seen(1), "middle": seen(5)}
    for seed in range(5):
        chosen = _select([_question(f) for f in knowledge], seed=seed, knowledge=knowledge)
        assert _facts(chosen) == ["old", "middle", "recent"]


def test_the_length_keeps_the_most_needed_facts() -> None:
    questions = [_question(f) for f in ["perfect", "half", "new", "never-right"]]
    chosen = _select(questions, length=2, knowledge=KNOWN)
    assert _facts(chosen) == ["new", "never-right"]


@pytest.mark.parametrize(("length", "count"), [(0, 0), (1, 1), (3, 3), (9, 4), (None, 4)])
def test_length_is_respected(length: int | None, count: int) -> None:
    questions = [_question(f, t) for f in "abcd" for t in ("x", "y")]
    chosen = _select(questions, length=length)
    assert len(chosen) == count
    assert len(set(_facts(chosen))) == count


def test_one_question_per_fact() -> None:
    questions = [_question(f, t) for f in "abc" for t in ("who", "what", "cloze")]
    for seed in range(20):
        assert sorted(_facts(_select(questions, seed=seed))) == ["a", "b", "c"]


def test_a_matching_question_uses_up_all_its_facts() -> None:
    matching = _question("a", "matching", kind="matching", facts=("a", "b", "c"))
    questions = [matching, _question("b"), _question("c"), _question("d")]
    outcomes = set()
    for seed in range(40):
        chosen = _select(questions, seed=seed)
        covered = [fact for q in chosen for fact in q.facts]
        assert len(covered) == len(set(covered)), chosen
        assert "d" in covered
        outcomes.add(matching in chosen)
    assert outcomes == {True, False}  # either the matching question or b's and c's own


def test_only_the_chosen_topics() -> None:
    questions = [
        _question("q1", topic="quotes"),
        _question("f1", topic="figures"),
        _question("p1", topic="places"),
    ]
    assert _facts(_select(questions, topics={"figures", "places"}, seed=3)) in (
        ["f1", "p1"],
        ["p1", "f1"],
    )
    assert _select(questions, topics=set()) == []


def test_the_least_asked_question_of_a_fact_is_preferred() -> None:
    questions = [_question("a", t) for t in ("who", "what", "cloze")]
    asked = {"a:who": 3, "a:what": 0, "a:cloze": 1}
    for seed in range(10):
        assert [q.id for q in _select(questions, seed=seed, times_asked=asked)] == ["a:what"]


def test_a_seeded_random_gives_the_same_selection() -> None:
    questions = [_question(f, t) for f in "abcdefgh" for t in ("x", "y", "z")]
    runs = [[q.id for q in _select(questions, seed=seed, length=5)] for seed in range(12)]
    again = [[q.id for q in _select(questions, seed=seed, length=5)] for seed in range(12)]
    assert runs == again
    assert len({tuple(run) for run in runs}) > 1


HARBOUR_QUESTIONS = build_questions(load_bank(HARBOUR))
_FACTS = sorted({fact for q in HARBOUR_QUESTIONS for fact in q.facts})
_RECORDS = st.builds(
    lambda seen, right: FactRecord(seen=seen, correct=min(seen, right)),
    st.integers(0, 5),
    st.integers(0, 5),
)


@settings(max_examples=200, deadline=None)
@given(
    topics=st.sets(st.sampled_from(TOPICS)),
    length=st.none() | st.integers(0, 12),
    knowledge=st.dictionaries(st.sampled_from(_FACTS), _RECORDS),
    seed=st.integers(0, 2**32),
)
def test_any_selection_from_the_test_bank_keeps_the_rules(
    topics: set[str], length: int | None, knowledge: dict[str, FactRecord], seed: int
) -> None:
    chosen = _select(
        HARBOUR_QUESTIONS, seed=seed, topics=topics, length=length, knowledge=knowledge
    )
    covered = [fact for q in chosen for fact in q.facts]
    assert len(covered) == len(set(covered))
    assert all(q.topic in topics for q in chosen)
    available = {q.fact for q in HARBOUR_QUESTIONS if q.topic in topics}
    assert len(chosen) <= (len(available) if length is None else length)
    if length is None or length >= len(available):
        # Every fact is asked unless a matching question already covered it.
        assert available <= set(covered)
    assert (
        _select(HARBOUR_QUESTIONS, seed=seed, topics=topics, length=length, knowledge=knowledge)
        == chosen
    )


def test_background_facts_are_left_out_unless_asked_for() -> None:
    questions = [_question("a"), _question("eu-size", background=True), _question("b")]
    assert "eu-size" not in _facts(_select(questions))
    chosen = select_questions(
        questions, topics=ALL_TOPICS, length=None, knowledge={}, times_asked={},
        rng=random.Random(0), include_background=True,
    )  # fmt: skip
    assert "eu-size" in _facts(chosen)


def test_two_questions_on_one_sentence_only_when_nothing_else_is_left() -> None:
    same = "At one point on Sunday, the estimated wait to enter Georgia hit 48 hours."
    questions = [_question("wait", evidence=same), _question("peak", evidence=same)]
    questions += [_question(f) for f in "abc"]
    for seed in range(20):
        chosen = _select(questions, seed=seed, length=4)
        assert [q.evidence for q in chosen].count(same) == 1
        assert len(_select(questions, seed=seed)) == 5  # all facts, once nothing else is left


def test_a_prompt_holding_another_answer_waits() -> None:
    tbilisi = _question("tbilisi", answer="Tbilisi", prompt="Which place is the Georgian capital?")
    leak = _question("influx", prompt="True or false: around 40,000 Russians came to Tbilisi.")
    questions = [tbilisi, leak, _question("a"), _question("b")]
    for seed in range(20):
        chosen = _select(questions, seed=seed, length=3)
        assert not {"tbilisi", "influx"} <= set(_facts(chosen))


def test_two_questions_with_one_answer_wait_for_each_other() -> None:
    # A cloze keyed "Belarus", then a typed question whose answer is "Belarus": the first
    # one's feedback gives the second away.
    blank = _question("friends", kind="cloze", answer="Belarus")
    typed = _question("arms", kind="short_answer", answer="belarus", prompt="Where was it tried?")
    questions = [blank, typed, _question("a"), _question("b")]
    for seed in range(20):
        chosen = _select(questions, seed=seed, length=3)
        assert not {"friends", "arms"} <= set(_facts(chosen))
    assert len(_select(questions, length=4)) == 4  # together once nothing else is left


SEED_QUESTIONS = build_questions(load_bank(Path(__file__).parent.parent / "questions" / (
    "russians-flee-call-up.yaml"
)))  # fmt: skip


def _leaks(chosen: list[Question]) -> bool:
    return any(
        one is not other and gives_away(_shown(other), *_answers(one))
        for one in chosen
        for other in chosen
    )


def _shown(question: Question) -> str:
    """All a student reads of a question: prompt, shown text, choices, part B, pairs."""
    pairs = [side for pair in question.pairs for side in pair]
    return " | ".join([question.prompt, question.shown, *question.choices, *question.supports,
                       *pairs])  # fmt: skip


def _answers(question: Question) -> list[str]:
    if question.kind == "true_false":
        return []
    if question.kind == "matching":
        return [side for pair in question.pairs for side in pair]
    return [question.answer, *question.accepted]


def test_a_choice_or_a_pair_holding_another_answer_waits() -> None:
    # The answer to "Where did Aleksander escape to?" is paired in a matching question, and
    # "40,000" is one of another question's choices: neither is only in a prompt.
    finland = _question("finland", kind="short_answer", answer="Finland")
    pairs = (("Finland", "where the man called Aleksander escaped to"), ("Kaliningrad", "x"))
    matching = _question("places", kind="matching", answer="", pairs=pairs)
    influx = _question("influx", kind="numeric", answer="40,000")
    trust = _question("trust", choices=("That Tbilisi had seen around 40,000 Russians arrive",
                                        "Answer-trust-t"))  # fmt: skip
    protest = _question("protest", answer="They face being killed")
    part_b = _question(
        "speaker", kind="two_part", supports=("Those who protest: they face being killed",)
    )
    questions = [finland, matching, influx, trust, protest, part_b]
    questions += [_question(f) for f in "abcd"]
    for seed in range(20):
        chosen = set(_facts(_select(questions, seed=seed, length=6)))
        assert not {"finland", "places"} <= chosen
        assert not {"influx", "trust"} <= chosen
        assert not {"protest", "speaker"} <= chosen
    assert len(_select(questions)) == 10  # together once nothing else is left


def test_simulated_seed_bank_quizzes_hold_no_leak_and_no_shared_sentence() -> None:
    for seed in range(200):
        chosen = _select(SEED_QUESTIONS, seed=seed, length=10)
        assert len(chosen) == 10
        assert not _leaks(chosen), [q.id for q in chosen]
        answers = [a.casefold() for q in chosen for a in _answers(q)[:1]]
        assert len(set(answers)) == len(answers), [q.id for q in chosen]
        evidence = [q.evidence for q in chosen]
        assert len(set(evidence)) == len(evidence), [q.id for q in chosen]


# Reading skills: a quiz mixes them, goes beyond recall, and keeps to the skills chosen.
SEED = Path(__file__).parent.parent / "questions" / "russians-flee-call-up.yaml"
SEED_QUESTIONS = build_questions(load_bank(SEED))


@pytest.mark.parametrize("seed", range(40))
def test_a_ten_question_quiz_mixes_four_skills_and_goes_beyond_recall(seed: int) -> None:
    chosen = _select(SEED_QUESTIONS, seed=seed, length=10)
    skills = {q.skill for q in chosen}
    assert len(chosen) == 10
    assert len(skills) >= 4
    assert skills & BEYOND_RECALL
    assert len({q.fact for q in chosen}) == 10


def test_the_mix_holds_when_only_recall_facts_come_first() -> None:
    # Five facts, each with a recall question and an evidence question: the quiz keeps its
    # facts but asks one of them through its evidence.
    questions = [
        q
        for fact in "abcde"
        for q in (
            _question(fact, "who", skill="attribution"),
            _question(fact, "evidence", skill="evidence", kind="evidence"),
        )
    ]
    chosen = _select(questions, length=5)
    assert {q.fact for q in chosen} == set("abcde")
    assert "evidence" in {q.skill for q in chosen}


def test_a_less_needed_fact_with_a_missing_skill_is_traded_in() -> None:
    # The four most needed facts have only "who said" questions; a fifth, known already, has
    # an inference: the quiz of four trades its least needed fact for it.
    questions = [_question(fact, "who", skill="attribution") for fact in "abcd"]
    questions.append(_question("known", "conclusion", skill="inference"))
    knowledge = {"known": FactRecord(seen=3, correct=3)}
    chosen = _select(questions, length=4, knowledge=knowledge)
    assert len(chosen) == 4
    assert "inference" in {q.skill for q in chosen}
    facts = {q.fact for q in chosen}
    assert "known" in facts
    assert len(facts & set("abcd")) == 3


def test_teachers_choose_skills() -> None:
    chosen = _select_skills(SEED_QUESTIONS, {"vocabulary", "main-idea"})
    assert chosen
    assert {q.skill for q in chosen} <= {"vocabulary", "main-idea"}


def _select_skills(questions: list[Question], skills: set[str]) -> list[Question]:
    return select_questions(
        questions, topics=ALL_TOPICS, length=None, knowledge={}, times_asked={},
        rng=random.Random(0), skills=skills,
    )  # fmt: skip
