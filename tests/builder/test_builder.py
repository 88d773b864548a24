"""build_questions: well-formed, grounded, stable and deterministic questions from a bank."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.bank import BankInvalid, LoadedBank, load_bank
from quizapp.bank.grounding import fold
from quizapp.bank.kinds import KINDS as ALL_KINDS
from quizapp.builder import Question, Skipped, build_questions, build_with_skips
from quizapp.grading import grade
from tests.builder.conftest import HARBOUR, LoadData, check_well_formed

SEED_BANK = Path(__file__).parent.parent.parent / "questions" / "russians-flee-call-up.yaml"
# The test bank has no inferences or causes, so no two-part questions.
KINDS = set(ALL_KINDS) - {"two_part"}
_GENERATED = settings(max_examples=80, deadline=None)


def _by_id(questions: list[Question]) -> dict[str, Question]:
    return {q.id: q for q in questions}


def _edited(tmp_path: Path, *edits: tuple[str, str]) -> LoadedBank:
    """The test bank with each (old, new) edit made, loaded (so still valid)."""
    text = HARBOUR.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / HARBOUR.name
    path.write_text(text, encoding="utf-8")
    return load_bank(path)


def test_the_test_bank_gives_every_kind(harbour: LoadedBank) -> None:
    questions = build_questions(harbour)
    assert {q.kind for q in questions} == KINDS
    check_well_formed(questions, harbour)


_THIRD_SPEAKER = (
    (
        "    The strike began on 1 May, the workers' holiday.\n",
        "    The strike began on 1 May, the workers' holiday.\n\n"
        '    A docker, Ida Roe, said: "We cannot feed our children on promises."\n',
    ),
    (
        "  - id: harbour-authority\n",
        "  - {id: roe, name: Ida Roe, kind: person}\n  - id: harbour-authority\n",
    ),
    (
        "figures:\n",
        "  - id: roe-pay\n    speaker: roe\n"
        '    words: "We cannot feed our children on promises."\n'
        "    evidence: 'Ida Roe, said: \"We cannot feed our children on promises.\"'\n"
        "figures:\n",
    ),
)


def test_who_said_offers_the_people_of_the_article(tmp_path: Path, harbour: LoadedBank) -> None:
    two = _by_id(build_questions(harbour))["quist-crate:who-said"]
    assert set(two.choices) == {"Mara Quist", "Tomas Vell"}  # never Orbis or Norland
    three = _by_id(build_questions(_edited(tmp_path, *_THIRD_SPEAKER)))
    question = three["quist-crate:who-said"]
    assert question.answer == "Mara Quist"
    assert set(question.choices) == {"Mara Quist", "Tomas Vell", "Ida Roe"}
    assert three["quist:role"].evidence == "The union leader, Mara Quist, told reporters"


def test_expected_questions_are_built(harbour: LoadedBank) -> None:
    questions = _by_id(build_questions(harbour))
    assert questions["quist-crate:cloze-1"].answer == "crate"
    assert "_____" in questions["quist-crate:cloze-1"].prompt
    assert questions["ships-waiting:numeric"].answer == "200"
    assert questions["queue-length:source"].answer == "Orbis"
    assert questions["bellport:name"].answer == "Bellport"
    assert questions["strike-began:when-typed"].kind == "short_answer"  # one date: no choices
    assert questions["why-holiday:written"].accepted == ("workers holiday", "May Day")


def test_paragraph_points_at_the_evidence(harbour: LoadedBank) -> None:
    questions = _by_id(build_questions(harbour))
    assert questions["quist-crate:who-said"].paragraph == 2
    assert questions["queue-length:numeric"].paragraph == 4
    assert questions["strike-began:when-typed"].paragraph == 7


def test_matching_questions_cover_several_facts(harbour: LoadedBank) -> None:
    [matching] = [q for q in build_questions(harbour) if q.kind == "matching"]
    assert matching.id == "norland-backs:matching"
    assert matching.facts == ("norland-backs", "sudmark-illegal")
    assert dict(matching.pairs) == {
        "Norland": "It backed the workers.",
        "Sudmark": "It called the strike illegal.",
    }


def test_numeric_questions_carry_every_unit(harbour: LoadedBank) -> None:
    question = _by_id(build_questions(harbour))["queue-length:numeric"]
    assert [(a.value, a.unit) for a in question.amounts] == [(12, "miles"), (19, "km")]
    assert question.unit == "miles"
    assert question.tolerance == 1


def test_a_bank_explanation_replaces_the_generated_one(tmp_path: Path) -> None:
    explained = "    cloze: [ships]\n    explanation: Bellport offered, see paragraph 5.\n"
    loaded = _edited(tmp_path, ("    cloze: [ships]\n", explained))
    question = _by_id(build_questions(loaded))["bellport-offer:true"]
    assert question.explanation == "Bellport offered, see paragraph 5."


def test_questions_round_trip_through_dicts(harbour: LoadedBank) -> None:
    for question in build_questions(harbour):
        assert Question.from_dict(question.to_dict()) == question


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**63))
def test_any_seed_gives_well_formed_questions(seed: int) -> None:
    loaded = load_bank(HARBOUR)
    questions = build_questions(loaded, seed)
    check_well_formed(questions, loaded)
    assert build_questions(loaded, seed) == questions
    assert {q.kind for q in questions} == KINDS


def test_seeds_change_choice_order_but_never_the_facts(harbour: LoadedBank) -> None:
    builds = [build_questions(harbour, seed) for seed in range(20)]
    assert len({tuple(q.id for q in build) for build in builds}) == 1
    first_choice = [next(q for q in build if q.kind == "multiple_choice") for build in builds]
    assert len({q.choices for q in first_choice}) > 1
    for build in builds:
        assert all(q.answer in q.choices for q in build if q.kind == "multiple_choice")


_STATEMENT = """\
  - id: extra-fact
    topic: events
    text: The strike began on 1 May.
    false_variants: [The strike began on 2 May.]
    cloze: [began]
    evidence: The strike began on 1 May, the workers' holiday.
"""


def test_an_added_fact_leaves_other_questions_alone(tmp_path: Path, harbour: LoadedBank) -> None:
    before = _by_id(build_questions(harbour, 7))
    after = _by_id(
        build_questions(_edited(tmp_path, ("questions:\n", _STATEMENT + "questions:\n")), 7)
    )
    assert set(after) - set(before) == {
        "extra-fact:true",
        "extra-fact:false-1",
        "extra-fact:cloze-1",
    }
    assert {qid: after[qid] for qid in before} == before


def test_an_edited_fact_leaves_other_questions_alone(tmp_path: Path, harbour: LoadedBank) -> None:
    before = _by_id(build_questions(harbour, 3))
    edited = _edited(tmp_path, ("[Bellport refused to take any ships.]", "[Bellport sank.]"))
    after = _by_id(build_questions(edited, 3))
    assert set(after) == set(before)
    changed = {qid for qid in before if after[qid] != before[qid]}
    assert changed == {"bellport-offer:false-1"}
    assert (
        after["bellport-offer:false-1"].prompt
        == "True or false, according to the article: Bellport sank."
    )


def test_a_cloze_blanks_every_occurrence_of_its_word(tmp_path: Path) -> None:
    old = "text: Bellport offered to take some ships."
    loaded = _edited(tmp_path, (old, "text: Ships came; Bellport offered to take some ships."))
    question = _by_id(build_questions(loaded))["bellport-offer:cloze-1"]
    assert (
        question.prompt
        == "Fill in the missing word as the article says it: _____ came; Bellport offered to"
        " take some _____."
    )


def test_a_cloze_word_only_inside_a_longer_word_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BankInvalid, match="the cloze word 'ship' is not a whole word"):
        _edited(tmp_path, ("cloze: [ships]", "cloze: [ship]"))


def test_a_cloze_word_also_inside_a_longer_word_is_not_asked(tmp_path: Path) -> None:
    old = "text: Bellport offered to take some ships."
    new = "text: Bellport offered a ship, then more ships."
    loaded = _edited(
        tmp_path, (old, new), ("cloze: [ships]", "cloze: [ship]"), ("{ships: [", "{ship: [")
    )
    assert "bellport-offer:cloze-1" not in _by_id(build_questions(loaded))


def test_a_blank_accepts_the_other_words_the_bank_lists_for_it(harbour: LoadedBank) -> None:
    cloze = _by_id(build_questions(harbour))["bellport-offer:cloze-1"]
    assert cloze.answer == "ships"
    assert cloze.accepted == ("vessels", "boats")
    assert not {"vessels", "boats"} & set(cloze.prompt.split())


def test_matching_never_repeats_a_position(tmp_path: Path) -> None:
    loaded = _edited(
        tmp_path, ("summary: It called the strike illegal.", "summary: It backed the workers.")
    )
    assert not [q for q in build_questions(loaded) if q.kind == "matching"]


_HAND_MATCHING = """\
  - id: sides
    kind: matching
    topic: stances
    prompt: Match each country to its side.
    pairs:
      - {left: Norland, right: for}
      - {left: Eastia, right: for}
      - {left: Sudmark, right: against}
    evidence: Norland backed the workers, while Sudmark called the strike illegal.
"""


def test_a_hand_matching_question_offers_each_right_side_once(tmp_path: Path) -> None:
    loaded = _edited(tmp_path, ("  - id: why-holiday", _HAND_MATCHING + "  - id: why-holiday"))
    question = _by_id(build_questions(loaded))["sides:written"]
    assert question.choices == ("against", "for")
    assert len(question.pairs) == 3
    assert question.level == "recall"


def test_what_said_is_skipped_when_the_prompt_holds_the_quote(tmp_path: Path) -> None:
    three = _edited(tmp_path, *_THIRD_SPEAKER)
    assert "quist-crate:what-said" in _by_id(build_questions(three))
    quotes = three.bank.quotes
    giveaway = quotes[0].model_copy(update={"words": "the union leader", "cloze": []})
    bank = three.bank.model_copy(update={"quotes": [giveaway, *quotes[1:]]})
    questions, skipped = build_with_skips(dataclasses.replace(three, bank=bank))
    assert "quist-crate:what-said" not in _by_id(questions)
    assert (
        Skipped("quist-crate", "what-said", "the prompt gives the answer away ('the union leader')")
        in skipped
    )


@_GENERATED
@given(data=st.data(), seed=st.integers(0, 1000))
def test_generated_banks_give_well_formed_questions(
    data: st.DataObject, seed: int, banks: st.SearchStrategy[dict[str, Any]], load_data: LoadData
) -> None:
    loaded = load_data(data.draw(banks))
    questions = build_questions(loaded, seed)
    check_well_formed(questions, loaded)
    assert build_questions(loaded, seed) == questions


@_GENERATED
@given(data=st.data())
def test_generated_banks_keep_ids_when_a_statement_is_added(
    data: st.DataObject, banks: st.SearchStrategy[dict[str, Any]], load_data: LoadData
) -> None:
    bank = data.draw(banks)
    before = _by_id(build_questions(load_data(bank)))
    first_paragraph = bank["article"]["text"].split("\n\n")[0]
    extra = {"id": "extra", "topic": "events", "text": "New.", "evidence": first_paragraph}
    after = _by_id(build_questions(load_data({**bank, "statements": [*bank["statements"], extra]})))
    assert {qid: after[qid] for qid in before} == before


def test_a_question_is_a_frozen_value(harbour: LoadedBank) -> None:
    question = build_questions(harbour)[0]
    assert dataclasses.is_dataclass(question)
    assert dataclasses.replace(question) == question
    assert hash(question) == hash(dataclasses.replace(question))


def test_the_seed_bank_builds_over_a_hundred_grounded_questions() -> None:
    loaded = load_bank(SEED_BANK)
    questions = build_questions(loaded)
    assert len(questions) >= 100
    for question in questions:
        paragraph = loaded.article.paragraphs[question.paragraph]
        assert loaded.article.paragraph_of(question.evidence) == question.paragraph
        assert fold(question.evidence) in fold(paragraph), question.id
    check_well_formed(questions, loaded)


def test_a_place_alias_is_an_accepted_typed_answer(tmp_path: Path) -> None:
    loaded = _edited(
        tmp_path, ("    name: Bellport\n", "    name: Bellport\n    aliases: [Bell Port]\n")
    )
    question = _by_id(build_questions(loaded))["bellport:name"]
    assert question.accepted == ("Bell Port",)
    assert grade(question, "bell port").correct


def test_seed_bank_true_false_keys_are_balanced() -> None:
    loaded = load_bank(SEED_BANK)
    for seed in [*range(10), 2022]:  # 2022: the default QUIZAPP_QUIZ_SEED
        keys = [q.answer for q in build_questions(loaded, seed) if q.kind == "true_false"]
        share = keys.count("True") / len(keys)
        assert 0.4 <= share <= 0.6, (seed, share)
