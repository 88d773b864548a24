"""Imports: valid files become banks that load; every bad input is refused whole, located."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from quizapp.bank import BankInvalid
from quizapp.builder import Question, build_questions
from quizapp.transfer.bundle import to_bundle
from quizapp.transfer.gift_import import from_gift
from quizapp.transfer.importers import (
    ImportedBank,
    check,
    checked_slug,
    from_yaml,
    from_zip,
    suggest_slug,
)
from quizapp.transfer.quizlet import from_quizlet

from .conftest import Built

# The builder's random choices (distractor order, which speaker a true/false swaps in) are
# seeded by the slug too: under a new slug the same bank asks the same questions about the
# same facts with the same proof, shuffled differently; under its own slug, identically.
STABLE = ("id", "fact", "template", "kind", "topic", "level", "evidence", "paragraph", "facts")


def same(questions: list[Question]) -> list[dict[str, Any]]:
    return [{k: v for k, v in q.to_dict().items() if k in STABLE} for q in questions]


def refused(imported: Any, slug: str = "new-bank") -> list[tuple[str, int, int, str]]:
    with pytest.raises(BankInvalid) as caught:
        check(imported() if callable(imported) else imported, slug)
    return [(e.path, e.line, e.column, e.reason) for e in caught.value.errors]


def raised(make: Any) -> list[tuple[str, int, int, str]]:
    with pytest.raises(BankInvalid) as caught:
        make()
    return [(e.path, e.line, e.column, e.reason) for e in caught.value.errors]


# --- YAML bank and article ----------------------------------------------------------------


def seed_upload(seed: Built, yaml_text: str | None = None) -> ImportedBank:
    text = yaml_text if yaml_text is not None else seed.loaded.path.read_text()
    return from_yaml(text.encode(), "mine.yaml", seed.loaded.article_text.encode(), "mine.txt")


def test_a_bank_and_its_article_import_under_a_new_slug(seed: Built) -> None:
    checked = check(seed_upload(seed), "flee-copy")
    assert same(build_questions(checked.loaded, 2022)) == same(seed.questions)
    # Only the article's file name changes, to the new slug's: no other bank's file is touched.
    original = seed.loaded.path.read_text().split("\n")
    changed = [
        (a, b) for a, b in zip(original, checked.yaml_text.split("\n"), strict=True) if a != b
    ]
    assert changed == [("  file: russians-flee-call-up.txt", "  file: flee-copy.txt")]


@pytest.mark.parametrize(
    ("line", "replacement"),
    [
        ("  file: russians-flee-call-up.txt", '  file: "russians-flee-call-up.txt"  # quoted'),
        ("  file: russians-flee-call-up.txt", "  file: 'russians-flee-call-up.txt'"),
    ],
)
def test_a_quoted_article_file_name_is_renamed_too(
    seed: Built, line: str, replacement: str
) -> None:
    text = seed.loaded.path.read_text().replace(line, replacement)
    checked = check(seed_upload(seed, text), "flee-copy")
    assert checked.loaded.bank.article.file == "flee-copy.txt"


def test_broken_yaml_is_refused_with_located_errors(seed: Built) -> None:
    text = seed.loaded.path.read_text().replace("title: ", "title: 'Mr Putin's ", 1)
    errors = refused(seed_upload(seed, text))
    assert errors
    assert all(path == "mine.yaml" and line > 0 for path, line, _, _ in errors)
    assert any("single quote" in reason for *_, reason in errors)


def test_evidence_not_in_the_uploaded_article_is_located(seed: Built) -> None:
    article = seed.loaded.article_text.replace("Georgia", "Armenia")
    upload = from_yaml(seed.loaded.path.read_bytes(), "mine.yaml", article.encode(), "mine.txt")
    errors = refused(upload)
    assert errors
    assert all(path == "mine.yaml" and line > 0 and col > 0 for path, line, col, _ in errors)
    assert any("evidence is not in the article" in reason for *_, reason in errors)


def test_a_bank_without_its_article_file_is_refused_at_the_article_line(seed: Built) -> None:
    upload = from_yaml(seed.loaded.path.read_bytes(), "mine.yaml", None)
    ((path, line, column, reason),) = refused(upload)
    assert (path, column) == ("mine.yaml", 9)
    assert "russians-flee-call-up.txt" in reason
    assert "not uploaded" in reason
    assert seed.loaded.path.read_text().split("\n")[line - 1].startswith("  file:")


def test_an_inline_article_bank_refuses_a_second_article(mini: Built) -> None:
    upload = from_yaml(mini.loaded.path.read_bytes(), "mini.yaml", b"Another text\n", "x.txt")
    ((_, line, _, reason),) = refused(upload)
    assert line > 0
    assert "inline" in reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"x" * 1_000_001, "the limit is 1,000,000 bytes"),
        (b"title: x\x00\n", "binary"),
        (b"title: caf\xe9\n", "not UTF-8"),
    ],
)
def test_too_big_binary_and_non_utf8_files_are_refused(data: bytes, reason: str) -> None:
    ((path, _, _, found),) = raised(lambda: from_yaml(data, "bad.yaml", None))
    assert path == "bad.yaml"
    assert reason in found


def test_an_oversized_article_is_refused(seed: Built) -> None:
    make = lambda: from_yaml(b"title: x\n", "b.yaml", b"y" * 1_000_001, "b.txt")  # noqa: E731
    ((path, _, _, reason),) = raised(make)
    assert path == "b.txt"
    assert "limit" in reason


# --- zip (the YAML export) and round trip -------------------------------------------------


def test_round_trip_export_then_import_as_a_new_slug_gives_the_same_questions(
    built: Built,
) -> None:
    export = to_bundle(built.loaded)
    checked = check(from_zip(export.content, export.filename), "round-trip")
    assert checked.loaded.slug == "round-trip"
    assert same(build_questions(checked.loaded, 2022)) == same(built.questions)
    expected = built.loaded.bank.model_dump(exclude={"article"})
    assert checked.loaded.bank.model_dump(exclude={"article"}) == expected
    assert checked.loaded.article_text == built.loaded.article_text
    # Imported again under its own slug (a new revision), the questions are identical.
    again = check(from_zip(export.content, export.filename), built.loaded.slug)
    assert build_questions(again.loaded, 2022) == built.questions


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({"a.txt": b"x"}, "exactly one .yaml"),
        ({"a.yaml": b"title: a\n", "b.yaml": b"title: b\n"}, "exactly one .yaml"),
        ({"a.yaml": b"title: a\narticle:\n  file: a.txt\n"}, "'a.txt' is not in the zip"),
        ({"a.yaml": b"title: [a\n"}, "is not closed"),
    ],
)
def test_bad_zips_are_refused(files: dict[str, bytes], reason: str) -> None:
    errors = raised(lambda: from_zip(zipped(files), "up.zip"))
    assert any(reason in found for *_, found in errors), errors


def test_a_file_that_is_not_a_zip_is_refused() -> None:
    ((_, _, _, reason),) = raised(lambda: from_zip(b"PK not really", "up.zip"))
    assert "not a zip" in reason


def test_a_zip_bomb_member_is_refused_before_it_is_read() -> None:
    data = zipped({"a.yaml": b"title: a\narticle:\n  file: a.txt\n", "a.txt": b"a" * 1_100_000})
    ((path, _, _, reason),) = raised(lambda: from_zip(data, "up.zip"))
    assert path == "up.zip/a.txt"
    assert "limit" in reason


# --- slugs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug", ["..", "../x", "a/b", "a\\b", "C:", "c:evil", "Upper", "", "-x", "a" * 65]
)
def test_unsafe_slugs_are_refused(slug: str) -> None:
    with pytest.raises(ValueError, match="lower-case"):
        checked_slug(slug)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Bridge Reopens.yaml", "bridge-reopens"),
        ("C:\\x\\Łódź.tsv", "lodz"),
        ("...", "imported-bank"),
    ],
)
def test_slugs_are_suggested_from_file_names(name: str, slug: str) -> None:
    assert suggest_slug(name) == slug


# --- Quizlet ------------------------------------------------------------------------------

CARDS = (
    "photosynthesis\thow plants make food from light\n"
    "Paris\tthe capital of France\n\n"
    "mitosis\tcell division\n"
)


def test_quizlet_cards_become_statements_grounded_in_the_pairs() -> None:
    checked = check(from_quizlet(CARDS.encode(), "Biology words.tsv"), "biology")
    bank = checked.loaded.bank
    assert bank.title == "Biology words"
    assert [s.text for s in bank.statements] == [
        "photosynthesis — how plants make food from light",
        "Paris — the capital of France",
        "mitosis — cell division",
    ]
    assert checked.loaded.article.paragraphs[1:] == tuple(s.text for s in bank.statements)
    questions = build_questions(checked.loaded)
    cloze = [q for q in questions if q.kind == "cloze"]
    assert [q.answer for q in cloze] == ["photosynthesis", "Paris", "mitosis"]
    falses = [q for q in questions if q.kind == "true_false" and q.answer == "False"]
    assert "Paris — cell division" in " ".join(q.prompt for q in falses)


def test_a_term_with_two_definitions_never_gets_the_other_as_false() -> None:
    cards = "bank\twhere money is kept\nbank\tthe side of a river\nsea\tsalt water\n"
    checked = check(from_quizlet(cards.encode(), "words.tsv"), "words")
    first = checked.loaded.bank.statements[0]
    assert "bank — the side of a river" not in first.false_variants


@pytest.mark.parametrize(
    ("cards", "line", "reason"),
    [
        ("one\tuno\ntwo uno\n", 2, "no tab"),
        ("just words\n", 1, "no tab"),
        ("\tuno\n", 1, "term is empty"),
        ("one\t  \n", 1, "definition is empty"),
        ("x" * 301 + "\ty\n", 1, "too long"),
        ("\n\n", 1, "no cards"),
    ],
)
def test_bad_quizlet_lines_are_refused_with_their_line(cards: str, line: int, reason: str) -> None:
    errors = raised(lambda: from_quizlet(cards.encode(), "cards.tsv"))
    assert ("cards.tsv", line) in [(path, found_line) for path, found_line, _, _ in errors]
    assert any(reason in found for *_, found in errors)


def test_more_cards_than_a_bank_holds_are_refused() -> None:
    cards = "".join(f"t{n}\td{n}\n" for n in range(2001))
    ((_, line, _, reason),) = raised(lambda: from_quizlet(cards.encode(), "cards.tsv"))
    assert line == 2001
    assert "at most 2,000" in reason


# --- GIFT ---------------------------------------------------------------------------------

GIFT = """// Grant quiz
$CATEGORY: $course$/grant

::Tomb::Who is buried in Grant\\'s tomb?{~Grant ~Jefferson =no one####A mausoleum holds him.}

::Born::When was Grant born?{#1822:5}

Grant is buried in Grant's tomb.{FALSE}

Who is buried in Grant's tomb?{=no one =nobody}

Grant is {~buried =entombed ~living} in Grant's tomb.

[html]Range <b>question</b>?{#10..20}
"""


def test_gift_questions_become_hand_written_questions_over_their_answer_key() -> None:
    checked = check(from_gift(GIFT.encode(), "grant.gift"), "grant")
    hand = checked.loaded.bank.questions
    assert [(q.id, q.kind) for q in hand] == [
        ("tomb", "multiple_choice"),
        ("born", "numeric"),
        ("q-3", "true_false"),
        ("q-4", "short_answer"),
        ("q-5", "multiple_choice"),
        ("q-6", "numeric"),
    ]
    assert hand[0].choices == ["Grant", "Jefferson", "no one"]
    assert hand[0].answer == "no one"
    assert (hand[1].answer, hand[1].tolerance) == ("1822", 5)
    assert hand[2].answer == "False"
    assert (hand[3].answer, hand[3].accepted) == ("no one", ["nobody"])
    assert hand[4].prompt == "Grant is _____ in Grant's tomb."
    assert (hand[5].prompt, hand[5].answer, hand[5].tolerance) == ("Range question?", "15", 5)
    # The article is the key: each question's evidence is its own paragraph of it.
    assert checked.loaded.article.paragraphs[1] == hand[0].evidence
    assert "Answer: no one. A mausoleum holds him." in hand[0].evidence
    assert len(build_questions(checked.loaded)) == 6


@pytest.mark.parametrize(
    ("gift", "line", "reason"),
    [
        ("Fine?{=yes}\n\nBroken {=no\n", 3, "no answers in braces"),
        ("Match{=a -> 1 =b -> 2 =c -> 3}\n", 1, "matching questions are not imported"),
        ("Essay?{}\n", 1, "essay"),
        ("Pick{~%50%a =b ~c}\n", 1, "partial credit"),
        ("Pick{=a =b ~c}\n", 1, "exactly one right answer"),
        ("How many?{#lots}\n", 1, "a numeric answer is"),
        ("::Name never closed{=x}\n", 1, "never closed"),
        ("Two{=a} blocks{=b}\n", 1, "one answer block"),
        ("// only a comment\n", 1, "no questions"),
    ],
)
def test_gift_syntax_errors_are_refused_with_their_line(gift: str, line: int, reason: str) -> None:
    errors = raised(lambda: from_gift(gift.encode(), "quiz.gift"))
    assert ("quiz.gift", line) in [(path, found) for path, found, _, _ in errors], errors
    assert any(reason in found for *_, found in errors), errors


ARTICLE = "Grant's tomb\n\nGrant lies in a mausoleum in New York.\n\nHe was born in 1822.\n"


def test_gift_with_an_article_takes_each_evidence_from_its_feedback() -> None:
    gift = (
        "Where?{=New York####Grant lies in a mausoleum in New York.}\n\n"
        "Born?{#1822####He was born in 1822.}\n"
    )
    checked = check(from_gift(gift.encode(), "g.gift", None, ARTICLE.encode(), "g.txt"), "grant")
    assert checked.loaded.bank.title == "Grant's tomb"
    assert [q.evidence for q in checked.loaded.bank.questions] == [
        "Grant lies in a mausoleum in New York.",
        "He was born in 1822.",
    ]


def test_gift_with_an_article_refuses_feedback_that_is_not_in_it() -> None:
    gift = "Where?{=New York}\n\nBorn?{#1822####He was born in 1823.}\n"
    errors = raised(lambda: from_gift(gift.encode(), "g.gift", None, ARTICLE.encode(), "g.txt"))
    assert [(line, "feedback" in reason) for _, line, _, reason in errors] == [(1, True), (3, True)]


def test_errors_in_the_bank_made_from_gift_point_at_the_gift_line() -> None:
    gift = (
        "Where?{=New York####Grant lies in a mausoleum in New York.}\n\n"
        'Who said "nothing at all"?{=Grant####He was born in 1822.}\n'
    )
    upload = from_gift(gift.encode(), "g.gift", None, ARTICLE.encode(), "g.txt")
    errors = refused(upload)
    assert errors
    assert all(path == "g.gift" and line == 3 for path, line, _, _ in errors)
    assert any("quotation marks" in reason for *_, reason in errors)
