"""The bundled bank covers every checkable fact of its article (issue: 'the seed bank')."""

from __future__ import annotations

import re

from quizapp.bank import LoadedBank, load_bank
from quizapp.bank.grounding import fold, numbers_in
from tests.conftest import PROJECT, SEED_BANK

# Web-page furniture copied with the article: a headline repeat, links and a podcast promo.
FURNITURE = ("Ukraine war: Images show", "Kremlin admits", "Read more:", "Click to subscribe")
SEED = load_bank(PROJECT / "questions" / f"{SEED_BANK}.yaml")


def _content_paragraphs(loaded: LoadedBank) -> list[int]:
    return [
        index
        for index, paragraph in enumerate(loaded.article.paragraphs)
        if not paragraph.startswith(FURNITURE)
    ]


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


def test_every_quotation_in_the_article_is_a_quote_or_stance() -> None:
    quoted = [q.words for q in SEED.bank.quotes] + [s.words for s in SEED.bank.stances if s.words]
    covered = " ".join(fold(words) for words in quoted)
    for index in _content_paragraphs(SEED):
        for quotation in re.findall(r'"([^"]{4,})"?', fold(SEED.article.paragraphs[index])):
            first_sentence = quotation.split(". ")[0].strip('" ')
            assert first_sentence in covered, quotation[:60]


def test_every_country_named_in_the_article_is_an_actor_or_place() -> None:
    names = {a.name for a in SEED.bank.actors} | {p.name for p in SEED.bank.places}
    for country in ("Georgia", "Mongolia", "Ukraine", "Lithuania", "Latvia", "Finland",
                    "Azerbaijan", "Armenia", "Belarus", "Russia"):  # fmt: skip
        assert country in names
