"""The bundled bank covers every checkable fact of its article, annotated as a teacher reads it."""

from __future__ import annotations

import re

import pytest

from quizapp.bank import LoadedBank, load_bank
from quizapp.bank.grounding import fold, numbers_in
from quizapp.bank.qualifiers import QUALIFIERS
from quizapp.bank.schema import Actor, Quote, Reliability, Statement
from quizapp.builder import build_questions
from quizapp.views import proofs
from tests.conftest import PROJECT, SEED_BANK

SEED = load_bank(PROJECT / "questions" / f"{SEED_BANK}.yaml")


def _content_paragraphs(loaded: LoadedBank) -> list[int]:
    """Every paragraph but the headline line that opens the text file."""
    return [
        index
        for index, paragraph in enumerate(loaded.article.paragraphs)
        if paragraph != loaded.bank.title
    ]


def _index(start: str) -> int:
    [index] = [i for i, p in enumerate(SEED.article.paragraphs) if p.startswith(start)]
    return index


def test_the_text_is_the_headline_then_the_article_without_page_furniture() -> None:
    assert SEED.article.paragraphs[0] == SEED.bank.title
    # Links, captions and promos ("Read more:", "Click to subscribe...") are not sentences.
    for paragraph in SEED.article.paragraphs[1:]:
        assert re.search(r"[.!?]['\"]?$", paragraph), paragraph


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("However, other EU countries", "They include Lithuania"),
        ("They include Lithuania", "Its foreign minister"),
        ("Its foreign minister", "His counterpart in Latvia"),
        ("One person who managed", "Aleksander - not his real name"),
        ('"They all understand', '"All those protests'),
    ],
)
def test_paragraphs_that_refer_back_follow_what_they_refer_to(before: str, after: str) -> None:
    assert _index(after) == _index(before) + 1


def test_every_paragraph_of_the_article_is_evidence_for_a_fact() -> None:
    evidence = [fact.evidence for fact in SEED.bank.facts()]
    proven = {SEED.article.paragraph_of(sentence) for sentence in evidence}
    missing = [
        SEED.article.paragraphs[i][:60] for i in _content_paragraphs(SEED) if i not in proven
    ]
    assert missing == []


def test_every_number_is_a_figure_or_a_date() -> None:
    figures = {f.value for f in SEED.bank.figures} | {
        a.value for f in SEED.bank.figures for a in f.alternatives
    }
    dates = {n for event in SEED.bank.events if event.when for n in numbers_in(event.when)}
    numbers = {
        n for i in _content_paragraphs(SEED) for n in numbers_in(fold(SEED.article.paragraphs[i]))
    }
    assert numbers - figures - dates == set()


def test_every_figure_names_its_source_when_the_article_does() -> None:
    attributed = ("according to", "reported")
    for figure in SEED.bank.figures:
        if any(word in figure.evidence for word in attributed):
            assert figure.source is not None, figure.id


def test_every_figure_carries_the_qualifier_its_evidence_gives_it() -> None:
    # Longest first, so that "well over 10" is read as "well over", not "over".
    words = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
    for figure in SEED.bank.figures:
        shown = re.escape(figure.written or f"{figure.value:,g}")
        found = re.search(rf"(?:\b({words})\s+)?{shown}", fold(figure.evidence), re.IGNORECASE)
        assert found is not None, figure.id
        stated = found.group(1).lower() if found.group(1) else None
        assert figure.qualifier == stated, figure.id


def test_the_seed_bank_has_qualified_figures_of_each_kind() -> None:
    qualifiers = {figure.id: figure.qualifier for figure in SEED.bank.figures}
    assert qualifiers["queue-length"] == "well over"
    assert qualifiers["vehicles-queuing"] == "more than"
    assert qualifiers["tbilisi-influx"] == "around"


def _names(actor: Actor) -> list[str]:
    return [actor.name, *actor.aliases]


def test_every_quote_whose_evidence_does_not_name_the_speaker_is_attributed() -> None:
    for quote in SEED.bank.quotes:
        names = _names(SEED.bank.actor(quote.speaker))
        if not any(name.lower() in quote.evidence.lower() for name in names):
            assert quote.attribution is not None, quote.id
            assert any(name.lower() in quote.attribution.lower() for name in names), quote.id


def _overlap(first: str, second: str) -> bool:
    """Whether one actor is part of the other, directly or through others."""

    def above(actor_id: str) -> set[str]:
        found: set[str] = set()
        todo = [actor_id]
        while todo:
            for parent in SEED.bank.actor(todo.pop()).part_of:
                if parent not in found:
                    found.add(parent)
                    todo.append(parent)
        return found

    return second in above(first) or first in above(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("kremlin", "russia"),
        ("putin", "russia"),
        ("putin", "kremlin"),
        ("russian-state-media", "russian-media"),
        ("landsbergis", "lithuania"),
        ("latvian-foreign-minister", "latvia"),
        ("german-officials", "germany"),
        ("french-senators", "france"),
        ("lithuania", "other-eu-countries"),
        ("landsbergis", "eu"),
        ("other-eu-countries", "eu"),
    ],
)
def test_overlapping_actors_are_declared(first: str, second: str) -> None:
    assert _overlap(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("germany", "lithuania"), ("russia", "ukraine"), ("aleksander", "russia"), ("maxar", "eu")],
)
def test_separate_actors_do_not_overlap(first: str, second: str) -> None:
    assert not _overlap(first, second)


def test_what_the_article_only_reports_is_marked_reported() -> None:
    for fact in SEED.bank.facts():
        if re.search(r"\b(unconfirmed|reportedly)\b", fact.evidence):
            # A statement may say outright that the reports are unconfirmed: that is a fact;
            # so is a reliability item asking which claim is least certain.
            about_reports = isinstance(fact, Reliability) or (
                isinstance(fact, Statement) and "unconfirmed" in fact.text
            )
            assert fact.reported or about_reports, fact.id
    reported = {fact.id for fact in SEED.bank.facts() if fact.reported}
    # The Kremlin took no position: the article reports only that it might close the borders.
    assert reported == {"border-closure"}


def test_only_what_may_still_happen_is_planned() -> None:
    # "the Kremlin might soon close its borders": the one step the article looks ahead to.
    assert {event.id for event in SEED.bank.events if event.planned} == {"border-closure"}
    for event in SEED.bank.events:
        if not event.planned:
            assert not re.search(r"\b(might|will|plans?|soon)\b", event.evidence), event.id


def test_general_knowledge_is_marked_background() -> None:
    background = {fact.id for fact in SEED.bank.facts() if fact.background}
    assert background == {"eu-size", "invasion", "place-ukraine"}


def test_every_quotation_in_the_article_is_a_quote_or_stance() -> None:
    quoted = [q.words for q in SEED.bank.quotes] + [s.words for s in SEED.bank.stances if s.words]
    covered = " ".join(fold(words) for words in quoted)
    for index in _content_paragraphs(SEED):
        for quotation in re.findall(r'"([^"]{4,})"?', fold(SEED.article.paragraphs[index])):
            first_sentence = quotation.split(". ")[0].strip('" ')
            assert first_sentence in covered, quotation[:60]


def test_cloze_words_are_single_words_or_names() -> None:
    # "not the _____ of the man" keyed "real name" fails a student who types "name": several
    # words only for a fixed name such as "European Union".
    for fact in SEED.bank.facts():
        if isinstance(fact, Quote | Statement):
            for word in fact.cloze:
                assert all(part[0].isupper() for part in word.split()[1:]), (fact.id, word)


def test_every_country_named_in_the_article_is_an_actor_or_place() -> None:
    names = {a.name for a in SEED.bank.actors} | {p.name for p in SEED.bank.places}
    for country in ("Georgia", "Mongolia", "Ukraine", "Lithuania", "Latvia", "Finland",
                    "Azerbaijan", "Armenia", "Belarus", "Russia"):  # fmt: skip
        assert country in names


def test_a_when_asked_is_a_date_a_student_can_type() -> None:
    # "after Vladimir Putin's order to mobilise reservists" failed "after the call-up", and
    # "Sunday" failed "on Sunday": such events are statements or figures in this bank.
    for event in SEED.bank.events:
        if event.when and not event.planned:
            assert numbers_in(event.when), event.id
            assert event.date is not None, event.id
            assert not event.when.startswith(("after", "before", "on ")), event.id


def test_no_actor_role_is_general_knowledge() -> None:
    # "the man whose order mobilised hundreds of thousands of reservists" named only Putin,
    # among a foreign minister and a refugee, for anyone who had not read the article.
    assert SEED.bank.actor("putin").role is None


def test_no_place_is_told_apart_by_its_place_in_a_list() -> None:
    # "the first country Aleksander names": his list is asked as a quote cloze instead.
    for place in SEED.bank.places:
        assert not re.search(r"\b(first|second|third|last)\b", place.description), place.id


def test_every_matching_question_shows_evidence_for_each_pair() -> None:
    # A hand-written matching question has one fact, so one evidence sentence for all its
    # pairs: q-match-places showed only Lithuania's for Finland, Belarus, Tbilisi, Mongolia.
    matching = [q for q in build_questions(SEED) if q.kind == "matching"]
    assert matching
    for question in matching:
        proved = {left for proof in proofs(SEED, question) for left in proof.label.split(" and ")}
        assert {left for left, _ in question.pairs} <= proved, question.id


def test_no_cloze_blanks_a_membership_another_union_fits() -> None:
    # "Latvia is a member of the _____": "NATO" is as true as "EU" and would be marked wrong.
    [latvia] = [s for s in SEED.bank.statements if s.id == "st-latvia-eu-border"]
    assert latvia.cloze == []
