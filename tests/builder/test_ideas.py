"""Questions beyond recall, built from the seed article: evidence, two-part, vocabulary,
inference, cause and effect, main idea, purpose, structure and reliability; skills on all."""

from __future__ import annotations

import pytest

from quizapp.bank import LoadedBank, load_bank
from quizapp.bank.grounding import fold
from quizapp.bank.kinds import KINDS, SKILLS
from quizapp.builder import Question, build_questions, build_with_skips
from quizapp.builder.context import Context
from quizapp.builder.evidence import PART_B, sentence_choice
from quizapp.builder.sentences import covering, sentences_of
from tests.builder.conftest import check_well_formed
from tests.conftest import PROJECT, SEED_BANK


def test_the_seed_bank_gives_every_kind_and_every_skill(
    seed: LoadedBank, built: dict[str, Question]
) -> None:
    questions = list(built.values())
    check_well_formed(questions, seed)
    assert {q.kind for q in questions} == set(KINDS)
    assert {q.skill for q in questions} == set(SKILLS)


@pytest.mark.parametrize(
    ("question_id", "skill"),
    [
        ("landsbergis-tweet:who-said", "attribution"),
        ("landsbergis-tweet:cloze-1", "key-detail"),
        ("queue-length:numeric", "numbers"),
        ("queue-length:source", "attribution"),
        ("german-officials-help-deserters:true-false", "perspective"),
        ("place-tbilisi:name", "key-detail"),
        ("queue-length:evidence", "evidence"),
        ("voc-exodus:meaning", "vocabulary"),
        ("cause-not-objectors:led-to", "cause-effect"),
        ("inf-not-all-call-up:conclusion-two-part", "inference"),
        ("main-europe:central", "main-idea"),
    ],
)
def test_each_template_tags_its_skill(
    built: dict[str, Question], question_id: str, skill: str
) -> None:
    assert built[question_id].skill == skill


def test_an_evidence_question_claims_the_fact_and_offers_nearby_sentences(
    seed: LoadedBank, built: dict[str, Question]
) -> None:
    question = built["french-senators-duty-to-help:evidence"]
    assert question.kind == "evidence"
    assert question.prompt == (
        "Which sentence from the article best supports this idea? The position of French "
        "senators: Europe has a duty to help Russians fleeing the call-up."
    )
    assert question.answer == question.evidence
    assert 3 <= len(question.choices) <= 4
    article = seed.article
    indexes = [article.paragraph_of(choice) for choice in question.choices]
    assert indexes == sorted(i for i in indexes if i is not None)  # article order
    assert all(abs(i - question.paragraph) <= 5 for i in indexes if i is not None)
    # The passage holds each choice once, marked with its index.
    marked = {segment[2]: segment[1] for segment in question.passage if segment[2] >= 0}
    assert [marked[i] for i in range(len(question.choices))] == list(question.choices)


def test_no_wrong_sentence_is_further_evidence_of_the_claim(seed: LoadedBank) -> None:
    # The conclusion about Landsbergis rests on the tweet and on the sentences before it (its
    # `also`): "asylum" and "They include Lithuania" may not be offered as not supporting it.
    # (Its two-part question is not asked, the prompt names Landsbergis: the choice is.)
    inference = next(i for i in seed.bank.inferences if i.id == "inf-landsbergis-resist")
    found = sentence_choice(Context(seed, 0), inference, inference.conclusion, inference.also)
    assert not isinstance(found, str), found
    for sentence in found.choices:
        if sentence != found.answer:
            assert "stay and fight" not in sentence
            assert "asylum" not in sentence
            assert "They include Lithuania" not in sentence  # named as further evidence


def test_a_claim_worded_as_its_evidence_gets_no_evidence_question(seed: LoadedBank) -> None:
    built, skipped = build_with_skips(seed)
    reasons = {(s.fact, s.template): s.reason for s in skipped}
    assert reasons["st-war-month", "evidence"] == (
        "the claim is worded too like its evidence sentence, which could be picked by its"
        " wording alone: reword the claim"
    )
    # "They include Lithuania" proves nothing without the sentence it refers back to.
    assert reasons["lithuania-stay-and-fight", "evidence"] == (
        "its evidence proves the claim only with its attribution"
    )
    assert all(q.kind != "evidence" or q.fact != "st-war-month" for q in built)


def test_two_part_asks_the_fact_then_the_sentence(built: dict[str, Question]) -> None:
    plain = built["inf-not-all-call-up:conclusion"]
    question = built["inf-not-all-call-up:conclusion-two-part"]
    assert question.kind == "two_part"
    assert (question.prompt, question.answer, question.choices) == (
        plain.prompt, plain.answer, plain.choices
    )  # fmt: skip
    assert question.support.startswith("The Georgian capital Tbilisi had already seen")
    assert question.support in question.supports
    assert PART_B.startswith("Part B")


def test_vocabulary_shows_the_sentence_and_asks_in_context(built: dict[str, Question]) -> None:
    question = built["voc-exodus:meaning"]
    assert question.prompt == 'As used in paragraph 13, what does "exodus" mean?'
    assert question.shown.startswith("His counterpart in Latvia")
    assert question.answer == "the departure of a great many people at the same time"
    assert "the second book of the Bible" in question.choices  # a real sense of the word


def test_a_cause_is_asked_both_ways(built: dict[str, Question]) -> None:
    led_to = built["cause-call-up-flight:led-to"]
    result = built["cause-call-up-flight:result"]
    assert led_to.prompt == (
        "According to the article, what led to large numbers of Russians fleeing to Georgia "
        "and Mongolia?"
    )
    assert led_to.answer == "Vladimir Putin's order to mobilise hundreds of thousands of reservists"
    assert result.answer == "Large numbers of Russians fleeing to Georgia and Mongolia"
    # The generated explanation names the linking word; the bank's own replaces it.
    assert led_to.explanation.startswith("The article (and its headline) says")
    other = built["cause-not-objectors:led-to"]
    assert other.explanation.endswith('The article links them with "since".')


def test_a_main_idea_offers_one_wrong_option_of_each_kind(built: dict[str, Question]) -> None:
    question = built["main-article:central"]
    assert question.prompt == "Which sentence best states the central idea of the article?"
    for kind in ("(true but too narrow)", "(true but not central)", "(not what the article"):
        assert kind in question.explanation
    section = built["main-aleksander:central"]
    assert section.prompt == "Which sentence best states the central idea of paragraphs 14–19?"


def test_purpose_structure_and_reliability_use_the_teachers_options(
    built: dict[str, Question],
) -> None:
    purpose = built["purpose-maxar:why"]
    assert purpose.answer in purpose.choices
    assert purpose.shown.startswith("And according to Maxar")
    structure = built["structure-europe:organised"]
    assert structure.prompt == "How are paragraphs 8–13 of the article organised?"
    assert '"However" turns to the EU countries against asylum' in structure.explanation
    trust = built["rel-least-certain:trust"]
    assert trust.answer == "That the Kremlin might soon close its borders to men of fighting age"


def test_no_option_stands_out_by_length(built: dict[str, Question]) -> None:
    for question in built.values():
        beyond = ("vocabulary", "inference", "cause-effect", "main-idea", "purpose", "structure",
                  "reliability")  # fmt: skip
        if question.skill in beyond and question.kind == "multiple_choice":
            lengths = sorted(len(choice) for choice in question.choices)
            assert lengths[-1] <= 2 * lengths[0] + 12, question.id


def test_sentences_keep_a_quoted_tweet_whole(seed: LoadedBank) -> None:
    tweet = (
        'Its foreign minister, Gabrielius Landsbergis, tweeted: "Russians should stay and fight.'
    )
    [found] = covering(seed.article, "Russians should stay and fight.")
    assert found.text.startswith(tweet)
    assert found.text.endswith('Against Putin."')
    texts = [fold(s.text) for s in sentences_of(seed.article)]
    # Cut out of a quote of several sentences, without the quotation mark it never closes.
    assert "All those protests which are held in Russia, they are dispersed." in texts


def test_old_snapshots_get_their_topics_skill() -> None:
    data = next(iter(build_questions(load_bank(PROJECT / "questions" / f"{SEED_BANK}.yaml"))))
    snapshot = data.to_dict()
    for key in ("skill", "supports", "support", "passage", "shown"):
        snapshot.pop(key)  # a version 1 snapshot
    assert Question.from_dict(snapshot).skill == "attribution"  # a quote


def test_who_took_a_position_offers_one_actor_of_the_answers_side(seed: LoadedBank) -> None:
    # Latvia's "cannot be considered conscientious objectors" among German officials and
    # French senators only, who argue for helping, was answered by knowing the side alone.
    for number in range(10):
        built = {q.id: q for q in build_questions(seed, number)}
        who = built["latvia-not-objectors:who"]
        assert who.answer == "Latvia"
        assert "Lithuania" in who.choices  # against helping too, but never said this
        assert {"German officials", "French senators"} & set(who.choices)
        # Lithuania's asylum is what "other EU countries" (Latvia among them) said: no ally.
        assert "Latvia" not in built["lithuania-stay-and-fight:who"].choices
        assert "Lithuania" not in built["other-eu-against-asylum:who"].choices  # part of it
