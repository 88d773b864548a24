"""The rules a reading teacher holds questions to, on examples from the seed article."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.bank import LoadedBank
from quizapp.bank.grounding import fold
from quizapp.bank.schema import Actor, Place
from quizapp.builder import Question, Skipped, build_questions, build_with_skips
from quizapp.builder.context import comparable, with_article
from tests.builder.conftest import (
    ALEKSANDER,
    BORDERS,
    GERMANY,
    LATVIA,
    LITHUANIA,
    OTHERS,
    QUEUE,
    REGIME,
    TBILISI,
    TWEET,
    WAIT,
    LoadData,
    seed_like,
)

QUEUE_FIGURE: dict[str, Any] = {
    "id": "queue-length", "value": 10, "unit": "miles", "qualifier": "well over",
    "alternatives": [{"value": 16, "unit": "km"}], "tolerance": 1, "source": "maxar",
    "measures": "the length of the queue to cross into Georgia", "evidence": QUEUE,
}  # fmt: skip
FIGURES: list[dict[str, Any]] = [
    QUEUE_FIGURE,
    {"id": "wait-hours", "value": 48, "unit": "hours", "source": "state-media",
     "measures": "the estimated wait to enter Georgia at one point on Sunday", "evidence": WAIT},
    {"id": "vehicles", "value": 3000, "unit": "vehicles", "qualifier": "more than",
     "source": "state-media", "measures": "the number of vehicles queuing", "evidence": WAIT},
    {"id": "influx", "value": 40000, "unit": "Russians", "qualifier": "around",
     "source": "statistics", "measures": "the number of Russians who came to Tbilisi",
     "evidence": TBILISI},
]  # fmt: skip
QUOTES: list[dict[str, Any]] = [
    {"id": "tweet", "speaker": "landsbergis", "how": "tweet", "cloze": ["stay"],
     "words": "Russians should stay and fight. Against Putin.", "evidence": TWEET},
    {"id": "risks", "speaker": "latvian-minister", "words": "considerable security risks",
     "evidence": LATVIA},
    {"id": "regime", "speaker": "aleksander", "words": "The regime will not fall.",
     "evidence": REGIME, "attribution": ALEKSANDER},
]  # fmt: skip
STANCES: list[dict[str, Any]] = [
    {"id": "germany-help", "actor": "german-officials", "issue": "asylum", "position": "for",
     "summary": "Russian men deserting military service should be helped.", "evidence": GERMANY},
    {"id": "others-against", "actor": "other-eu-countries", "issue": "asylum",
     "position": "against", "summary": "Asylum should not be offered to men fleeing now.",
     "evidence": OTHERS},
    {"id": "lithuania-against", "actor": "lithuania", "issue": "asylum", "position": "against",
     "summary": "Russians should stay and fight.", "evidence": TWEET},
    {"id": "latvia-risks", "actor": "latvia", "issue": "asylum", "position": "against",
     "summary": "The exodus poses considerable security risks.", "evidence": LATVIA},
    {"id": "kremlin-borders", "actor": "kremlin", "issue": "the borders", "reported": True,
     "position": "considering", "summary": "The borders might soon be closed to men.",
     "evidence": BORDERS},
]  # fmt: skip
PLACES: list[dict[str, Any]] = [
    {"id": "tbilisi", "name": "Tbilisi", "description": "the Georgian capital",
     "country": "georgia", "evidence": TBILISI},
    {"id": "place-georgia", "name": "Georgia", "country": "georgia", "evidence": QUEUE,
     "description": "the country Russians queue to enter"},
    {"id": "place-lithuania", "name": "Lithuania", "country": "lithuania", "evidence": LITHUANIA,
     "description": "the country that borders Kaliningrad"},
    {"id": "place-armenia", "name": "Armenia", "country": "armenia", "evidence": ALEKSANDER,
     "description": "where some of Aleksander's friends are"},
]  # fmt: skip


@pytest.fixture(scope="module")
def seedish(load_data: LoadData) -> LoadedBank:
    return load_data(seed_like(figures=FIGURES, quotes=QUOTES, stances=STANCES, places=PLACES))


def _built(loaded: LoadedBank, seed: int = 0) -> dict[str, Question]:
    return {q.id: q for q in build_questions(loaded, seed)}


# --- figures -------------------------------------------------------------------------------


def test_a_figure_prompt_keeps_its_qualifier(seedish: LoadedBank) -> None:
    numeric = _built(seedish)["queue-length:numeric"]
    assert numeric.prompt == (
        "According to the article, the length of the queue to cross into Georgia was "
        "well over how many miles?"
    )
    assert (numeric.qualifier, numeric.value_max) == ("well over", None)
    assert "was well over 10 miles" in _built(seedish)["queue-length:source"].prompt


def test_a_bound_gets_no_choice_question(seedish: LoadedBank) -> None:
    questions, skipped = build_with_skips(seedish)
    assert "queue-length:choice" not in {q.id for q in questions}
    assert any(s.fact == "queue-length" and s.template == "choice" for s in skipped)


def test_an_estimate_gets_choices_on_both_sides(seedish: LoadedBank) -> None:
    for seed in range(10):
        choice = _built(seedish, seed)["influx:choice"]
        values = sorted(float(c.split()[0].replace(",", "")) for c in choice.choices)
        assert values[0] < 40000 < values[-1]
        assert all(v == 40000 or abs(v - 40000) > 4000 for v in values)  # outside "around"


def test_a_false_figure_claim_contradicts_the_article(seedish: LoadedBank) -> None:
    keys = set()
    for seed in range(30):
        question = _built(seedish, seed)["queue-length:true-false"]
        keys.add(question.answer)
        claim = question.prompt.rsplit(" was ", 1)[1]
        if question.answer == "False":
            assert claim.startswith("under "), question.prompt  # never "well over 5 miles"
        else:
            assert claim == "well over 10 miles."
    assert keys == {"True", "False"}


# --- distractors ---------------------------------------------------------------------------


def test_who_said_offers_only_speakers(seedish: LoadedBank) -> None:
    for seed in range(10):
        question = _built(seedish, seed)["tweet:who-said"]
        assert set(question.choices) == {
            "Gabrielius Landsbergis", "Latvia's foreign minister", "Aleksander"
        }  # fmt: skip  # never Vladimir Putin, who says nothing in the article


def test_overlapping_actors_are_never_choices_together(seedish: LoadedBank) -> None:
    for seed in range(20):
        built = _built(seedish, seed)
        for question in built.values():
            assert not {"Lithuania", "other EU countries"} <= set(question.choices), question.id
        source = built["wait-hours:source"]
        assert "the Kremlin" not in source.choices or "Russia" not in source.choices


def test_places_are_offered_against_places_of_their_type(seedish: LoadedBank) -> None:
    questions, skipped = build_with_skips(seedish)
    built = {q.id: q for q in questions}
    assert "tbilisi:which" not in built  # the only city among countries would give it away
    assert Skipped("tbilisi", "which", "fewer than two other places of its type (inside)") in (
        skipped
    )
    assert "Tbilisi" not in built["place-georgia:which"].choices


def test_a_stance_question_offers_actors_of_the_same_family(seedish: LoadedBank) -> None:
    kinds = {a.name: a.kind for a in seedish.bank.actors}
    for seed in range(10):
        who = _built(seedish, seed)["germany-help:who"]
        assert {kinds[c] for c in who.choices} <= {"group", "country"}, who.choices
        assert "other EU countries" in who.choices or "Lithuania" in who.choices


# --- give-aways ----------------------------------------------------------------------------


def test_an_alias_in_the_prompt_drops_the_question(load_data: LoadData) -> None:
    place = {**PLACES[2], "description": "the country whose minister Landsbergis is"}
    # Given to another speaker, the quote loses the sentence that named its own.
    unattributed = {key: value for key, value in QUOTES[2].items() if key != "attribution"}
    quotes = [QUOTES[0], QUOTES[1], {**unattributed, "speaker": "putin"}]
    actors_bank = seed_like(quotes=quotes, places=[place, *PLACES[1:2], *PLACES[3:]])
    for actor in actors_bank["actors"]:
        if actor["id"] == "landsbergis":
            actor["aliases"] = ["Landsbergis"]
    loaded = load_data(actors_bank)
    built = _built(loaded)
    assert "place-lithuania:name" in built  # "Landsbergis" is no name of Lithuania
    loaded = load_data({**actors_bank, "places": [{**place, "aliases": ["Landsbergis"]}]})
    questions, skipped = build_with_skips(loaded)
    assert "place-lithuania:name" not in {q.id for q in questions}
    assert (
        Skipped("place-lithuania", "name", "the prompt gives the answer away ('Landsbergis')")
        in skipped
    )


def test_long_quotes_are_not_offered_among_short_ones(seedish: LoadedBank) -> None:
    for question in build_questions(seedish):
        if question.kind == "multiple_choice":
            assert comparable(question.choices), question.choices


def test_only_the_articles_words_are_quoted(seedish: LoadedBank) -> None:
    built = _built(seedish)
    assert built["tbilisi:name"].prompt.startswith(
        'Which place does the article describe as "the Georgian capital"?'
    )
    assert built["place-georgia:name"].prompt.startswith(
        "Which place does the article describe as the country Russians queue to enter?"
    )
    who = built["germany-help:who"].prompt
    assert '"' not in who  # the bank's summary is a paraphrase
    assert who.startswith("According to the article, who took this position on asylum?")


def test_reported_stances_are_asked_as_reports(seedish: LoadedBank) -> None:
    for question in build_questions(seedish):
        if question.fact == "kremlin-borders":
            assert "unconfirmed reports" in question.prompt, question.prompt


def test_a_stance_is_only_claimed_false_of_an_actor_on_another_side(seedish: LoadedBank) -> None:
    # The Kremlin is alone on its issue: of anyone else the article says nothing there, and
    # "not said" is not "false". German officials' position may be given to those against.
    against = {"other EU countries", "Lithuania", "Latvia"}
    for seed in range(20):
        built = _built(seedish, seed)
        assert built["kremlin-borders:true-false"].answer == "True"
        germany = built["germany-help:true-false"]
        if germany.answer == "False":
            assert any(f"{name} took this position" in germany.prompt for name in against)


def test_an_events_explanation_names_the_place_or_time_first(load_data: LoadData) -> None:
    events: list[dict[str, Any]] = [
        {"id": "wait", "what": "the wait hit 48 hours", "when": "Sunday", "evidence": WAIT},
        {"id": "influx", "what": "40,000 Russians arrived", "where": "Georgia",
         "evidence": TBILISI},
        {"id": "closure", "what": "the Kremlin closes its borders", "where": "Lithuania",
         "planned": True, "evidence": BORDERS},
    ]  # fmt: skip
    built = _built(load_data(seed_like(events=events, places=PLACES)))
    assert built["wait:when-typed"].explanation == "When: Sunday. The wait hit 48 hours."
    assert built["influx:where"].explanation == "Where: Georgia. 40,000 Russians arrived."
    assert (
        "where will this happen: the Kremlin closes its borders?" in built["closure:where"].prompt
    )


def test_no_when_question_for_a_plan(load_data: LoadData) -> None:
    events: list[dict[str, Any]] = [
        {"id": "closure", "what": "the Kremlin closes its borders", "when": "soon",
         "planned": True, "evidence": BORDERS},
        {"id": "wait", "what": "the wait hit 48 hours", "when": "Sunday", "evidence": WAIT},
    ]  # fmt: skip
    questions, skipped = build_with_skips(load_data(seed_like(events=events)))
    assert not any(q.fact == "closure" for q in questions)
    assert "soon" not in {c for q in questions for c in q.choices}
    assert Skipped("closure", "when", "a planned event: 'when did this happen' is not asked") in (
        skipped
    )


# --- cloze ---------------------------------------------------------------------------------

STATEMENTS: list[dict[str, Any]] = [
    {"id": "not-real", "topic": "quotes", "cloze": ["real name"], "evidence": ALEKSANDER,
     "text": "Aleksander is not the real name of the man who spoke to Sky News."},
    {"id": "exclave", "topic": "places", "cloze": ["Baltic Sea"], "evidence": LITHUANIA,
     "text": "Lithuania borders Kaliningrad, a Russian Baltic Sea exclave."},
    {"id": "eu-member", "topic": "places", "cloze": ["EU member"], "evidence": LATVIA,
     "text": "Latvia is an EU member bordering Russia."},
    {"id": "friends", "topic": "places", "cloze": ["European Union"], "evidence": ALEKSANDER,
     "text": "Some of Aleksander's friends are in the European Union."},
]  # fmt: skip


def test_a_phrase_is_blanked_at_one_word_a_name_whole(load_data: LoadData) -> None:
    built = _built(load_data(seed_like(statements=STATEMENTS)))
    real = built["not-real:cloze-1"]
    assert real.prompt == (
        "Fill in the missing word as the article says it: Aleksander is not the _____ name of"
        " the man who spoke to Sky News."
    )
    assert real.answer == "real"  # typing "name" for "real name" can no longer fit
    sea = built["exclave:cloze-1"]
    assert sea.prompt.startswith("Fill in the missing words (2 words) as the article says it: ")
    assert sea.answer == "Baltic Sea"
    assert built["eu-member:cloze-1"].answer == "EU"
    union = built["friends:cloze-1"]
    assert union.answer == "European Union"
    assert "EU" in union.accepted


def test_a_cloze_asks_for_the_articles_words_and_counts_every_answer(
    load_data: LoadData,
) -> None:
    # "Latvia is a member of the _____": "NATO" is true but not what the article says; and
    # "EU" or "European Union" may fill it, so neither "word" nor "(2 words)" is right.
    built = _built(load_data(seed_like(statements=STATEMENTS)))
    eu = built["eu-member:cloze-1"]
    assert "European Union" in eu.accepted
    assert eu.prompt == (
        "Fill in the missing word(s) as the article says it: Latvia is an _____ member"
        " bordering Russia."
    )
    assert built["friends:cloze-1"].prompt.startswith(
        "Fill in the missing word(s) as the article says it: Some of Aleksander's friends"
    )


def test_a_blank_is_not_asked_when_another_form_of_its_word_stays(load_data: LoadData) -> None:
    echoing = {
        "id": "germany-help", "topic": "stances", "cloze": ["deserting", "help"],
        "evidence": GERMANY,
        "text": "German officials want to help men deserting the army, as deserters need help.",
    }  # fmt: skip
    built, skipped = build_with_skips(load_data(seed_like(statements=[echoing])))
    ids = {q.id for q in built}
    assert "germany-help:cloze-1" not in ids
    reason = "'deserting' gives itself away: 'deserters' stays in the text"
    assert Skipped("germany-help", "cloze-1", reason) in skipped
    # The same word twice is blanked twice, not given away.
    twice = next(q for q in built if q.id == "germany-help:cloze-2")
    assert twice.prompt.count("_____") == 2
    assert twice.answer == "help"


# --- explanations, attribution, a/an -------------------------------------------------------


def test_the_attribution_travels_with_the_question(seedish: LoadedBank) -> None:
    question = _built(seedish)["regime:who-said"]
    assert question.attribution == ALEKSANDER
    assert question.evidence == REGIME


@pytest.mark.parametrize(
    ("noun", "expected"),
    [("EU member", "an EU member"), ("union", "a union"), ("interview", "an interview"),
     ("tweet", "a tweet"), ("hour-long call", "an hour-long call"), ("UN report", "a UN report")],
)  # fmt: skip
def test_with_article_goes_by_sound(noun: str, expected: str) -> None:
    assert with_article(noun) == expected


# --- properties ----------------------------------------------------------------------------

_SECRET = {"multiple_choice", "short_answer", "cloze", "numeric"}


def _spelled_out(prompt: str, form: str) -> bool:
    """Whether a form appears in the prompt as a word of its own (case and dashes folded)."""
    haystack = fold(prompt).casefold()
    return re.search(rf"(?<!\w){re.escape(fold(form).casefold())}(?!\w)", haystack) is not None


def _forms(loaded: LoadedBank, question: Question) -> list[str]:
    forms = [question.answer, *question.accepted]
    key = fold(question.answer).casefold()
    named: list[Actor | Place] = [*loaded.bank.actors, *loaded.bank.places]
    for thing in named:
        names = [thing.name, *thing.aliases]
        if key in {fold(n).casefold() for n in names}:
            forms += names
    return forms


@settings(max_examples=60, deadline=None)
@given(data=st.data(), seed=st.integers(0, 1000))
def test_no_prompt_spells_out_its_answer(
    data: st.DataObject, seed: int, banks: st.SearchStrategy[dict[str, Any]], load_data: LoadData
) -> None:
    loaded = load_data(data.draw(banks))
    for question in build_questions(loaded, seed):
        if question.kind in _SECRET:
            for form in _forms(loaded, question):
                assert not _spelled_out(question.prompt, form), (question.id, form)


def test_no_seed_like_prompt_spells_out_its_answer(seedish: LoadedBank) -> None:
    for seed in range(5):
        for question in build_questions(seedish, seed):
            if question.kind in _SECRET:
                for form in _forms(seedish, question):
                    assert not _spelled_out(question.prompt, form), (question.id, form)


def test_matching_never_holds_two_actors_of_one_side(seedish: LoadedBank) -> None:
    sides = {(s.actor, s.summary): (s.issue, s.position) for s in seedish.bank.stances}
    names = {a.id: a.name for a in seedish.bank.actors}
    by_pair = {(names[actor], summary): side for (actor, summary), side in sides.items()}
    matchings = [q for q in build_questions(seedish) if q.kind == "matching"]
    assert matchings
    for question in matchings:
        held = [by_pair[pair] for pair in question.pairs]
        assert len(held) == len(set(held)), question.pairs
        assert not {"Lithuania", "other EU countries"} <= {left for left, _ in question.pairs}


def test_who_is_not_asked_when_no_other_actor_takes_a_position(seedish: LoadedBank) -> None:
    questions, skipped = build_with_skips(seedish)
    assert "kremlin-borders:who" not in {q.id for q in questions}  # only the Kremlin could
    assert (
        Skipped(
            "kremlin-borders", "who", "no other actor of its type takes a position in the article"
        )
        in skipped
    )


def test_an_anchored_statement_is_not_anchored_twice(load_data: LoadData) -> None:
    statement = {"id": "dispersed", "topic": "quotes", "evidence": REGIME,
                 "text": "According to Aleksander, the regime will not fall."}  # fmt: skip
    built = _built(load_data(seed_like(statements=[statement])))
    assert built["dispersed:true"].prompt == (
        "True or false: According to Aleksander, the regime will not fall."
    )


def test_a_background_fact_marks_its_questions(load_data: LoadData) -> None:
    figure = {"id": "eu-size", "value": 27, "unit": "nations", "written": "27-nation",
              "background": True, "measures": "the number of nations in the EU bloc",
              "evidence": LATVIA}  # fmt: skip
    built = build_questions(load_data(seed_like(figures=[figure, *FIGURES[1:2]])))
    assert {q.background for q in built if q.fact == "eu-size"} == {True}
    assert {q.background for q in built if q.fact == "wait-hours"} == {False}
