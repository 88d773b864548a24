"""Builder fixtures: the test bank loaded, generated small banks, and the well-formedness checks.

Generated banks draw from deliberately small vocabularies, so names, words and summaries
collide the way they do in real articles (the same word twice in a quote, two countries
with the same stance).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from quizapp.bank import LoadedBank, load_bank
from quizapp.bank.grounding import fold
from quizapp.builder import Question, build_questions
from quizapp.builder.question import FALSE, TRUE
from tests.conftest import PROJECT, SEED_BANK

HARBOUR = Path(__file__).parent.parent / "data" / "harbour-strike.yaml"

PEOPLE = ["Ana Bell", "Ben Cole", "Cara Dunn", "Dev Ellis"]
COUNTRIES = ["Norland", "Sudmark", "Westia"]
ORGANISATIONS = ["Orbis", "the port office"]
PLACES = ["Kell", "Bellport", "Alba"]
WORDS = ["ships", "wait", "we", "go", "home", "now", "the", "night", "rain", "will"]
UNITS = ["ships", "miles", "hours"]
SUMMARIES = ["It backed the workers.", "It called the strike illegal.", "It said nothing."]
WHENS = ["1 May", "2 May", "3 June", "Monday"]
QUALIFIED = [None, "well over", "at least", "up to", "around", "nearly"]

LoadData = Callable[[dict[str, Any]], LoadedBank]


@pytest.fixture(scope="session")
def harbour() -> LoadedBank:
    return load_bank(HARBOUR)


@pytest.fixture(scope="session")
def seed() -> LoadedBank:
    """The bundled seed bank (questions/), as served."""
    return load_bank(PROJECT / "questions" / f"{SEED_BANK}.yaml")


@pytest.fixture(scope="session")
def built(seed: LoadedBank) -> dict[str, Question]:
    """The seed bank's questions by id."""
    return {q.id: q for q in build_questions(seed)}


@pytest.fixture(scope="session")
def load_data(tmp_path_factory: pytest.TempPathFactory) -> LoadData:
    """Load bank data through the real loader (JSON is YAML), so only valid banks get built."""
    folder = tmp_path_factory.mktemp("generated")

    def load(data: dict[str, Any]) -> LoadedBank:
        path = folder / "generated.yaml"
        path.write_text(json.dumps(data), encoding="utf-8")
        return load_bank(path)

    return load


def _phrase(draw: st.DrawFn, low: int = 2, high: int = 5) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=low, max_size=high)))


@st.composite
def bank_data(draw: st.DrawFn) -> dict[str, Any]:
    """A small valid bank: actors, quotes, figures, stances, places, events and statements."""
    people = draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=4, unique=True))
    actors: list[dict[str, Any]] = [
        {"id": f"p{i}", "name": name, "kind": "person", "role": f"the {WORDS[i]} chief"}
        for i, name in enumerate(people)
    ]
    for actor in actors[: draw(st.integers(0, len(actors)))]:
        actor["evidence"] = f"{actor['name']} is {actor['role']}."
    for actor in actors[: draw(st.integers(0, len(actors)))]:
        actor["aliases"] = [actor["name"].split()[-1]]  # "Bell" for "Ana Bell"
    actors += [{"id": f"c{i}", "name": n, "kind": "country"} for i, n in enumerate(COUNTRIES)]
    actors += [
        {"id": f"o{i}", "name": n, "kind": "organisation"} for i, n in enumerate(ORGANISATIONS)
    ]
    facts: dict[str, list[dict[str, Any]]] = {}
    sayings = draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6), max_size=4))
    facts["quotes"] = []
    for i, words in enumerate(sayings):
        said = " ".join(words)
        if any(q["words"] == said for q in facts["quotes"]):
            continue
        speaker = draw(st.integers(0, len(people) - 1))
        facts["quotes"].append(
            {
                "id": f"quote{i}",
                "speaker": f"p{speaker}",
                "words": said,
                "cloze": draw(st.lists(st.sampled_from(words), max_size=2, unique=True)),
                "evidence": f'{people[speaker]} said: "{said}"',
            }
        )
    facts["figures"] = [
        {
            "id": f"figure{i}",
            "value": value,
            "unit": draw(st.sampled_from(UNITS)),
            "measures": f"the count of {_phrase(draw)}",
            **({"source": f"o{draw(st.integers(0, 1))}"} if draw(st.booleans()) else {}),
            **({"qualifier": qualifier} if qualifier else {}),
            "evidence": f"Count {'ABC'[i]}: there were {qualifier or 'exactly'} {value:,}.",
        }
        for i, (value, qualifier) in enumerate(
            draw(
                st.lists(st.tuples(st.integers(1, 20_000), st.sampled_from(QUALIFIED)), max_size=3)
            )
        )
    ]
    facts["stances"] = [
        {
            "id": f"stance{i}",
            "actor": f"c{country}",
            "issue": draw(st.sampled_from(["the strike", "the port"])),
            "position": draw(st.sampled_from(["for", "against"])),
            "summary": summary,
            "evidence": f"{COUNTRIES[country]} stance {i}: {summary}",
        }
        for i, (country, summary) in enumerate(
            draw(st.lists(st.tuples(st.integers(0, 2), st.sampled_from(SUMMARIES)), max_size=5))
        )
    ]
    places = draw(st.lists(st.sampled_from(PLACES), max_size=3, unique=True))
    facts["places"] = [
        {
            "id": f"place{i}",
            "name": name,
            "description": (d := _phrase(draw)),
            "evidence": f"{name} is {d}.",
        }
        for i, name in enumerate(places)
    ]
    facts["events"] = []
    for i, when in enumerate(draw(st.lists(st.sampled_from(WHENS), max_size=3))):
        event = {"id": f"event{i}", "what": f"the {_phrase(draw)} happened", "when": when}
        if draw(st.booleans()) and places:
            event["where"] = draw(st.sampled_from(places))
        facts["events"].append({**event, "evidence": f"Event {i} took place on {when}."})
    facts["statements"] = []
    for i in range(draw(st.integers(0, 2))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6))
        text = " ".join(words).capitalize() + "."
        variant = _phrase(draw).capitalize() + "."
        variants = [variant] if variant != text else []
        facts["statements"].append(
            {
                "id": f"statement{i}",
                "topic": "events",
                "text": text,
                "false_variants": variants,
                "cloze": draw(st.lists(st.sampled_from(words[1:]), max_size=2, unique=True)),
                "evidence": f"Statement {i}: {text}",
            }
        )
    evidence = [actor["evidence"] for actor in actors if "evidence" in actor]
    evidence += [fact["evidence"] for section in facts.values() for fact in section]
    article = "\n\n".join(["A headline", *dict.fromkeys(evidence), "The end."])
    return {"title": "Generated", "article": {"text": article}, "actors": actors, **facts}


@pytest.fixture(scope="session")
def banks() -> st.SearchStrategy[dict[str, Any]]:
    """Generated bank data; draw it with st.data() (strategies cannot be @given arguments)."""
    return bank_data()


def check_well_formed(questions: list[Question], loaded: LoadedBank) -> None:
    """Every promise the builder makes about each question it builds."""
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids)), "question ids must be unique"
    for q in questions:
        assert q.id == f"{q.fact}:{q.template}"
        assert q.bank == loaded.slug
        assert q.fact == q.facts[0]
        assert loaded.article.contains(q.evidence), q.id
        assert fold(q.evidence) in loaded.article.folded[q.paragraph], q.id
        if q.kind in ("evidence", "two_part"):
            sentences = q.choices if q.kind == "evidence" else q.supports
            right = q.answer if q.kind == "evidence" else q.support
            assert right in sentences, q.id
            assert len(sentences) >= 3, q.id
            marked = [segment[1] for segment in q.passage if segment[2] >= 0]
            assert marked == list(sentences), q.id  # each sentence once, in article order
            assert fold(q.evidence) in fold(right), q.id
            assert fold(right).casefold() not in fold(q.prompt).casefold(), q.id
        if q.kind in ("multiple_choice", "true_false", "evidence", "two_part"):
            assert q.answer in q.choices, q.id
            keys = [fold(choice).casefold() for choice in q.choices]
            assert len(keys) == len(set(keys)), f"{q.id}: duplicate choices {q.choices}"
            assert len(q.choices) >= 2
        if q.kind == "true_false":
            assert q.choices == (TRUE, FALSE)
        if q.kind in ("multiple_choice", "short_answer", "cloze"):
            assert fold(q.answer).casefold() not in fold(q.prompt).casefold(), q.id
        if q.kind == "numeric":
            assert q.amounts[0].value == float(q.answer.replace(",", ""))
            assert q.answer not in q.prompt, q.id
        if q.kind == "matching":
            assert set(q.choices) == {right for _, right in q.pairs}
            assert len(set(q.choices)) == len(q.choices), f"{q.id}: duplicate choices {q.choices}"
            assert len({left for left, _ in q.pairs}) == len(q.pairs) >= 2
        if q.template == "matching":  # built from stances: one fact per pair
            assert len(q.facts) == len(q.pairs)
        else:
            assert q.facts == (q.fact,)
        assert Question.from_dict(json.loads(json.dumps(q.to_dict()))) == q


# Sentences of the seed article (questions/russians-flee-call-up.txt), for small banks whose
# rules tests do not shift when the seed bank is re-annotated.
QUEUE = (
    "And according to Maxar, which has been tracking the conflict from its satellites, the "
    "queue to cross into Georgia stretches for well over 10 miles (16km)."
)
WAIT = (
    "At one point on Sunday, the estimated wait to enter Georgia hit 48 hours, with more than "
    "3,000 vehicles queuing to cross the frontier, Russian state media reported."
)
TBILISI = (
    "The Georgian capital Tbilisi had already seen an influx of around 40,000 Russians since "
    "Moscow invaded Ukraine on 24 February, according to government statistics."
)
BORDERS = (
    "It comes amid unconfirmed Russian media reports that the Kremlin might soon close its "
    "borders to men of fighting age."
)
LITHUANIA = "They include Lithuania, which borders Kaliningrad, a Russian Baltic Sea exclave."
TWEET = (
    'Its foreign minister, Gabrielius Landsbergis, tweeted: "Russians should stay and fight. '
    'Against Putin."'
)
LATVIA = (
    "His counterpart in Latvia, also an EU member bordering Russia, said the exodus poses "
    '"considerable security risks" for the 27-nation bloc.'
)
ALEKSANDER = (
    'Aleksander - not his real name - said: "I have some friends who are in Armenia and '
    "some of them are also in the European Union."
)
REGIME = '"The regime will not fall. The regime is strong."'
GERMANY = "German officials have voiced a desire to help Russian men deserting military service."
OTHERS = (
    "However, other EU countries are adamant that asylum should not be offered to Russian men "
    "fleeing now."
)
SEED_SENTENCES = [QUEUE, WAIT, TBILISI, BORDERS, OTHERS, LITHUANIA, TWEET, LATVIA, ALEKSANDER]
SEED_SENTENCES += [REGIME, GERMANY]


def seed_like(**sections: list[dict[str, Any]]) -> dict[str, Any]:
    """A small bank on sentences of the seed article: its actors, and the given sections."""
    actors: list[dict[str, Any]] = [
        {"id": "putin", "name": "Vladimir Putin", "kind": "person", "country": "russia"},
        {"id": "landsbergis", "name": "Gabrielius Landsbergis", "kind": "person",
         "role": "foreign minister of Lithuania", "country": "lithuania", "evidence": TWEET},
        {"id": "latvian-minister", "name": "Latvia's foreign minister", "kind": "person",
         "country": "latvia"},
        {"id": "aleksander", "name": "Aleksander", "kind": "person", "country": "russia"},
        {"id": "russia", "name": "Russia", "kind": "country", "aliases": ["Moscow"]},
        {"id": "georgia", "name": "Georgia", "kind": "country"},
        {"id": "lithuania", "name": "Lithuania", "kind": "country",
         "part_of": ["other-eu-countries"]},
        {"id": "latvia", "name": "Latvia", "kind": "country"},
        {"id": "armenia", "name": "Armenia", "kind": "country"},
        {"id": "kremlin", "name": "the Kremlin", "kind": "organisation", "country": "russia"},
        {"id": "maxar", "name": "Maxar", "kind": "organisation"},
        {"id": "state-media", "name": "Russian state media", "kind": "media",
         "country": "russia"},
        {"id": "statistics", "name": "Georgian government statistics", "kind": "organisation",
         "country": "georgia"},
        {"id": "eu", "name": "the European Union", "kind": "organisation", "aliases": ["EU"]},
        {"id": "german-officials", "name": "German officials", "kind": "group"},
        {"id": "other-eu-countries", "name": "other EU countries", "kind": "group"},
    ]  # fmt: skip
    article = "\n\n".join(["Ukraine war: Russians flee", *SEED_SENTENCES])
    return {"title": "Seed-like", "article": {"text": article}, "actors": actors, **sections}
