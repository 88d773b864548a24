"""Grounding: quotes, evidence and figures must be in the article, typography aside."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.bank import Article, BankInvalid, load_bank
from quizapp.bank.grounding import (
    figure_is_written,
    fold,
    near_miss,
    numbers_in,
    passage_of,
    split_paragraphs,
    written_value,
)
from tests.bank.conftest import WriteBank

ARTICLE = (
    "Ships wait \u2014 again \u2013 off Port\u00a0Alba.\n\n"
    "The mayor said: \u201cIt\u2019s a disaster,\u201d and left.\n"
    "He did not return.\n\n"
    "  Around 3,000 people marched; 12.5 per cent of them were children.  \n"
)


@pytest.mark.parametrize(
    ("typeset", "plain"),
    [
        ("\u201cIt\u2019s\u201d", '"It\'s"'),
        ("\u2018single\u2019 \u201edouble\u201d", "'single' \"double\""),
        ("a\u2013b\u2014c\u2212d\u2010e\u2011f", "a-b-c-d-e-f"),
        ("Port\u00a0Alba", "Port Alba"),
        ("  many \n\t spaces\r\n here ", "many spaces here"),
        ("Case Stays", "Case Stays"),
    ],
)
def test_fold_makes_typography_plain(typeset: str, plain: str) -> None:
    assert fold(typeset) == plain


def test_paragraphs_are_blocks_between_blank_lines() -> None:
    text = "One\nstill one.\r\n\r\nTwo.\n   \n\n Three  words here \n"
    assert split_paragraphs(text) == ["One still one.", "Two.", "Three words here"]


def test_numbers_in_reads_digits_with_thousands_and_decimals() -> None:
    assert numbers_in("3,000 people, 12.5 per cent, 19km, 1,000,000 and 7") == [
        3000.0,
        12.5,
        19.0,
        1_000_000.0,
        7.0,
    ]


@pytest.mark.parametrize(
    ("snippet", "paragraph"),
    [
        ("Ships wait - again - off Port Alba.", 0),
        ("Ships wait \u2014 again \u2013 off Port\u00a0Alba.", 0),
        ('The mayor said: "It\'s a disaster," and left.', 1),
        ("and left. He did not return.", 1),  # a line break inside a paragraph is a space
        ("Around   3,000 people\nmarched", 2),
        ("off Port Alba. The mayor said", None),  # runs across two paragraphs
        ("the mayor said", None),  # case is kept
        ("It's a catastrophe", None),
        ("   ", None),
    ],
)
def test_evidence_is_found_in_one_paragraph(snippet: str, paragraph: int | None) -> None:
    article = Article.from_text(ARTICLE)
    assert article.paragraph_of(snippet) == paragraph
    assert article.contains(snippet) is (paragraph is not None)


@pytest.mark.parametrize(
    ("evidence", "value", "written", "stated"),
    [
        ("Around 3,000 people marched", 3000, None, True),
        ("Around 3000 people marched", 3000, None, True),
        ("12.5 per cent of them", 12.5, None, True),
        ("12.5 per cent of them", 12, None, False),
        ("Around 13,000 people marched", 3000, None, False),
        ("for the eighth time", 8, "eighth", True),
        ("for the eighth time", 8, "ninth", False),
        # Number words are grounded like digits (text2num), small ones too.
        ("for the eighth time", 8, None, True),
        ("for the eighth time", 9, None, False),
        ("over fifty words were left", 50, None, True),
        ("twenty of them came", 20, None, True),
        ("closed for two years", 2, None, True),
        ("the twenty-seven nations", 27, None, True),
        ("the twenty-seven nations", 20, None, False),
    ],
)
def test_a_figure_must_be_written_in_its_evidence(
    evidence: str, value: float, written: str | None, stated: bool
) -> None:
    assert figure_is_written(evidence, value, written) is stated


def test_passage_of_splits_the_paragraph_around_the_evidence() -> None:
    article = Article.from_text(ARTICLE)
    passage = passage_of(article, 'said: "It\'s a disaster,"')
    assert passage is not None
    assert passage.paragraph == 1
    assert passage.before == "The mayor "
    assert passage.evidence == "said: \u201cIt\u2019s a disaster,\u201d"  # as typeset
    assert passage.after == " and left. He did not return."
    assert passage_of(article, "not there") is None


def test_passage_of_tries_the_hinted_paragraph_first() -> None:
    article = Article.from_text("Rain fell.\n\nRain fell.\n\nSun.")
    found = [passage_of(article, "Rain fell.", hint) for hint in (None, 1, 2, 9)]
    assert [p.paragraph if p else None for p in found] == [0, 1, 0, 0]


_TYPESET = st.sampled_from(["a", "B", " ", "\n", "\u2019", "\u201c", "\u2014", "\u00a0", "-", "."])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_TYPESET, min_size=1, max_size=40), st.data())
def test_a_passage_rebuilds_its_paragraph(text: str, data: st.DataObject) -> None:
    article = Article.from_text(text)
    if not article.paragraphs:
        return
    index = data.draw(st.integers(0, len(article.paragraphs) - 1))
    paragraph = article.paragraphs[index]
    start = data.draw(st.integers(0, len(paragraph) - 1))
    end = data.draw(st.integers(start + 1, len(paragraph)))
    passage = passage_of(article, fold(paragraph[start:end]), hint=index)
    if not fold(paragraph[start:end]):
        assert passage is None
        return
    assert passage is not None
    assert passage.paragraph == index
    assert passage.before + passage.evidence + passage.after == paragraph
    assert fold(passage.evidence) == fold(paragraph[start:end])


BANK = """\
title: Strike
article:
  text: |
    The mayor said: \u201cIt\u2019s a disaster for every shop \u2014 every one.\u201d

    About 3,000 people marched.
actors:
  - {id: mayor, name: The mayor, kind: person}
quotes:
  - id: disaster
    speaker: mayor
    words: It's a disaster for every shop - every one.
    evidence: 'The mayor said: "It''s a disaster for every shop - every one."'
figures:
  - id: marchers
    value: 3000
    qualifier: about
    unit: people
    measures: the number of marchers
    evidence: About 3,000 people marched.
"""


def test_a_bank_in_plain_typography_matches_a_typeset_article(write_bank: WriteBank) -> None:
    loaded = load_bank(write_bank(BANK))
    assert loaded.article.paragraph_of(loaded.bank.quotes[0].evidence) == 0


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("words: It's a disaster", "words: It's a catastrophe", "the quote is not in the article"),
        ("words: It's a disaster", "words: it's a disaster", "the quote is not in the article"),
        ("every one.\n    evidence", "everyone.\n    evidence", "the quote is not in the article"),
        (
            "evidence: About",
            "evidence: every one.\u201d About",
            "the evidence is not in the article",
        ),
        ("value: 3000", "value: 300", "the number 300 is not in its evidence"),
        ("evidence: About 3,000", "evidence: About 3,000 people marched. The", "not in the art"),
    ],
    ids=["misquote", "case", "dash-dropped", "two-paragraphs", "wrong-number", "extra-words"],
)
def test_a_bank_that_misreports_the_article_is_refused(
    write_bank: WriteBank, old: str, new: str, reason: str
) -> None:
    assert old in BANK
    with pytest.raises(BankInvalid) as caught:
        load_bank(write_bank(BANK.replace(old, new)))
    assert [reason in error.reason for error in caught.value.errors] == [True]


@pytest.mark.parametrize(
    ("written", "value"),
    [("forty", 40), ("twenty-seven", 27), ("eighth", 8), ("27-nation", 27), ("two", 2),
     ("a few", None)],
)  # fmt: skip
def test_a_wording_says_its_number(written: str, value: float | None) -> None:
    assert written_value(written) == value


SEED_LIKE = Article.from_text(
    "However, other EU countries are adamant that asylum should not be offered.\n\n"
    "They include Lithuania, which borders Kaliningrad, a Russian Baltic Sea exclave.\n\n"
    'Its foreign minister tweeted: "Russians should stay and fight. Against Putin."'
)


@pytest.mark.parametrize(
    ("snippet", "paragraph", "difference"),
    [
        ("They include Latvia, which borders Kaliningrad", 1,
         "after 'They include', the evidence has 'Latvia' where the article has 'Lithuania'"),
        ("Its foreign minister tweeted: Russians should stay", 2,
         "after 'minister tweeted:', the evidence has 'Russians' where the article has '\"'"),
        ("they include Lithuania", 1, "(capital letters count)"),
        ("should not be offered. They include", 0, "the paragraph ends before 'They'"),
    ],
)  # fmt: skip
def test_a_near_miss_names_its_paragraph_and_first_difference(
    snippet: str, paragraph: int, difference: str
) -> None:
    miss = near_miss(SEED_LIKE, snippet)
    assert miss is not None
    assert miss.paragraph == paragraph
    assert difference in miss.difference


def test_nothing_alike_is_no_near_miss() -> None:
    assert near_miss(SEED_LIKE, "zebra quokka") is None


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_one_changed_word_is_the_difference_found(data: st.DataObject) -> None:
    paragraph = data.draw(st.sampled_from(range(len(SEED_LIKE.paragraphs))))
    words = SEED_LIKE.paragraphs[paragraph].split()
    at = data.draw(st.integers(min_value=1, max_value=len(words) - 1))
    changed = [*words[:at], "zebra", *words[at + 1 :]]
    miss = near_miss(SEED_LIKE, " ".join(changed))
    assert miss is not None
    assert miss.paragraph == paragraph
    assert "the evidence has 'zebra'" in miss.difference
