"""Every export read back by an independent reader: SQLite, XML, a GIFT reader, csv, HTML."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import zipfile
from dataclasses import replace
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import genanki
import pytest

from quizapp.bank.qualifiers import accepted_span
from quizapp.builder import Question
from quizapp.transfer import FORMATS
from quizapp.transfer.anki import to_anki
from quizapp.transfer.bundle import BankChanged, to_bundle
from quizapp.transfer.formats import exported_questions, stable_id
from quizapp.transfer.gift import to_gift
from quizapp.transfer.printable import to_answer_key, to_print
from quizapp.transfer.qti import to_qti
from quizapp.transfer.quizlet import to_quizlet

from .conftest import Built
from .gift_reader import read

Q = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
NASTY = 'Tab\there, line\nbreak; GIFT ~ = # { } : and <b>"html"</b> & more'


def first(built: Built, kind: str) -> Question:
    return next(q for q in built.questions if q.kind == kind)


def test_background_questions_are_left_out_as_in_quizzes(seed: Built) -> None:
    kept = exported_questions(seed.questions)
    assert any(q.background for q in seed.questions)
    assert not any(q.background for q in kept)
    asked = [q.id for q in seed.questions if not q.background]
    assert [q.id for q in kept if not q.id.endswith(":part-b")] == asked


def test_sentence_questions_go_as_multiple_choice(seed: Built) -> None:
    """Other tools know no evidence or two-part kind: each part is a multiple choice."""
    kept = {q.id: q for q in exported_questions(seed.questions)}
    assert {q.kind for q in kept.values()} <= {
        "multiple_choice", "true_false", "numeric", "short_answer", "matching", "cloze"
    }  # fmt: skip
    two_part = next(q for q in seed.questions if q.kind == "two_part")
    part_a, part_b = kept[two_part.id], kept[f"{two_part.id}:part-b"]
    assert (part_a.choices, part_a.answer) == (two_part.choices, two_part.answer)
    assert (part_b.choices, part_b.answer) == (two_part.supports, two_part.support)
    assert part_b.prompt.startswith("Part B. Which sentence from the article best supports")
    evidence = next(q for q in seed.questions if q.kind == "evidence")
    assert kept[evidence.id].kind == "multiple_choice"
    assert kept[evidence.id].answer in kept[evidence.id].choices


# --- YAML zip -----------------------------------------------------------------------------


def test_yaml_zip_holds_the_bank_and_its_article_file(seed: Built) -> None:
    export = to_bundle(seed.loaded)
    archive = zipfile.ZipFile(io.BytesIO(export.content))
    assert sorted(archive.namelist()) == sorted(
        [f"{seed.loaded.slug}.yaml", seed.loaded.bank.article.file or ""]
    )
    assert archive.read(f"{seed.loaded.slug}.yaml").decode() == seed.loaded.path.read_text()
    assert archive.read(seed.loaded.bank.article.file or "").decode() == seed.loaded.article_text


def test_yaml_zip_of_an_inline_article_holds_the_bank_alone(mini: Built) -> None:
    archive = zipfile.ZipFile(io.BytesIO(to_bundle(mini.loaded).content))
    assert archive.namelist() == [f"{mini.loaded.slug}.yaml"]


def test_yaml_zip_refuses_a_bank_file_edited_since_it_was_loaded(
    mini: Built, tmp_path: Path
) -> None:
    copy = tmp_path / "harbour-strike.yaml"
    copy.write_text(mini.loaded.path.read_text() + "\n# edited\n")
    with pytest.raises(BankChanged):  # a bank loaded without its text: read back, checked
        to_bundle(replace(mini.loaded, path=copy, yaml_text=""))
    # A bank loaded with its text exports exactly the version in service.
    archive = zipfile.ZipFile(io.BytesIO(to_bundle(replace(mini.loaded, path=copy)).content))
    assert archive.read("harbour-strike.yaml").decode() == mini.loaded.path.read_text()


# --- Anki ---------------------------------------------------------------------------------


def anki_collection(content: bytes, tmp_path: Path) -> sqlite3.Connection:
    archive = zipfile.ZipFile(io.BytesIO(content))
    database = tmp_path / "collection.anki2"
    database.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(database)


def test_anki_deck_has_one_note_per_question_with_the_proof_on_the_back(
    built: Built, tmp_path: Path
) -> None:
    export = to_anki(built.loaded, built.questions)
    assert export.filename == f"{built.loaded.slug}.apkg"
    connection = anki_collection(export.content, tmp_path)
    notes = {guid: (flds, tags) for guid, flds, tags in connection.execute(
        "select guid, flds, tags from notes"
    )}  # fmt: skip
    kept = exported_questions(built.questions)
    assert len(notes) == len(kept)
    for question in kept:
        flds, tags = notes[genanki.guid_for("quizapp", built.loaded.slug, question.id)]
        prompt, _, answer, evidence, explanation, _ = flds.split("\x1f")
        assert unescape(prompt) == question.prompt
        assert escape(question.evidence) in evidence
        assert unescape(explanation) == question.explanation
        if question.kind != "matching":
            assert unescape(answer) == question.answer
        assert f"topic::{question.topic}" in tags.split()
    cards = connection.execute("select count(*) from cards").fetchone()[0]
    assert cards == len(kept)


def test_anki_tags_name_the_fact_type(mini: Built, tmp_path: Path) -> None:
    connection = anki_collection(to_anki(mini.loaded, mini.questions).content, tmp_path)
    tags = {tag for (row,) in connection.execute("select tags from notes") for tag in row.split()}
    assert {"fact::quote", "fact::figure", "fact::stance", "fact::place"} <= tags
    assert {"fact::statement", "fact::hand-written", "quizapp::harbour-strike"} <= tags


def test_anki_ids_are_stable_so_importing_again_updates_cards(mini: Built, tmp_path: Path) -> None:
    def ids(folder: Path) -> tuple[set[str], set[str], set[str]]:
        folder.mkdir()
        connection = anki_collection(to_anki(mini.loaded, mini.questions).content, folder)
        models, decks = connection.execute("select models, decks from col").fetchone()
        guids = {guid for (guid,) in connection.execute("select guid from notes")}
        return guids, set(json.loads(models)), set(json.loads(decks))

    first_ids, second_ids = ids(tmp_path / "a"), ids(tmp_path / "b")
    assert first_ids == second_ids
    assert str(stable_id("quizapp-model", "harbour-strike")) in first_ids[1]
    assert str(stable_id("quizapp-deck", "harbour-strike")) in first_ids[2]
    assert stable_id("quizapp-deck", "another-bank") != stable_id("quizapp-deck", "harbour-strike")


def test_anki_fields_are_html_escaped(mini: Built, tmp_path: Path) -> None:
    question = replace(first(mini, "short_answer"), prompt="<script>alert(1)</script>")
    connection = anki_collection(to_anki(mini.loaded, [question]).content, tmp_path)
    (flds,) = connection.execute("select flds from notes").fetchone()
    assert "<script>" not in flds
    assert "&lt;script&gt;" in flds


# --- GIFT ---------------------------------------------------------------------------------


def test_gift_reads_back_every_question_with_its_key(built: Built) -> None:
    export = to_gift(built.loaded, built.questions)
    read_back = {q.name: q for q in read(export.content.decode())}
    kept = exported_questions(built.questions)
    assert len(read_back) == len(kept)
    for question in kept:
        found = read_back[question.id]
        assert found.text == question.prompt
        assert question.evidence in found.feedback
        if question.kind == "multiple_choice":
            assert found.right == [question.answer]
            assert sorted(found.right + found.wrong) == sorted(question.choices)
        elif question.kind == "true_false":
            assert found.truth is (question.answer == "True")
        elif question.kind == "numeric":
            span = accepted_span(
                question.amounts[0].value, question.qualifier, question.tolerance,
                question.value_max,
            )  # fmt: skip
            assert found.numeric == pytest.approx((span.low, span.high))
        elif question.kind == "matching":
            assert found.pairs == list(question.pairs)
        else:  # short answer, and cloze as short answer
            assert found.right[0] == question.answer
            assert set(found.right) == {question.answer, *question.accepted}


def test_gift_numeric_keeps_the_qualifier_of_the_article(mini: Built) -> None:
    more_than = next(q for q in mini.questions if q.id == "ships-waiting:numeric")
    (found,) = read(to_gift(mini.loaded, [more_than]).content.decode())
    assert found.numeric == (200, 210)  # "more than 200", tolerance 10: never below 200


def test_gift_escapes_its_special_characters(mini: Built) -> None:
    question = replace(
        first(mini, "multiple_choice"),
        prompt=NASTY,
        choices=("a ~ b", "c = d", mini.questions[0].answer),
    )
    text = to_gift(mini.loaded, [question]).content.decode()
    assert "\t" in text  # tabs are harmless in GIFT
    name, prompt = text.split("::", 1)[1].split("::[plain]", 1)
    prompt = prompt.split("{\n", 1)[0]
    for part in (name, prompt):  # once escapes are taken out, no special character is left
        assert re.search(r"[~=#{}:]", re.sub(r"\\.", "", part)) is None, part
    (found,) = read(text)
    assert found.text == NASTY
    assert sorted(found.wrong) == ["a ~ b", "c = d"]


# --- QTI ----------------------------------------------------------------------------------


def qti_items(content: bytes) -> dict[str, ET.Element]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    # Our own export, parsed to check it (no untrusted XML here).
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))  # noqa: S314
    (resource,) = manifest.iter(f"{CP}resource")
    assert resource.get("type") == "imsqti_xmlv1p2"
    href = resource.find(f"{CP}file").get("href")  # type: ignore[union-attr]
    assessment = ET.fromstring(archive.read(href or ""))  # noqa: S314
    return {item.get("title") or "": item for item in assessment.iter(f"{Q}item")}


def labels(element: ET.Element) -> dict[str, str]:
    return {
        label.get("ident") or "": "".join(label.itertext()).strip()
        for label in element.iter(f"{Q}response_label")
    }


def test_qti_zip_holds_every_question_with_its_right_answer(built: Built) -> None:
    items = qti_items(to_qti(built.loaded, built.questions).content)
    kept = exported_questions(built.questions)
    assert sorted(items) == sorted(q.id for q in kept)
    for question in kept:
        item = items[question.id]
        scored = [c for c in item.iter(f"{Q}respcondition") if c.find(f"{Q}setvar") is not None]
        equal = [v.text for c in scored for v in c.iter(f"{Q}varequal")]
        kind = item.find(f".//{Q}fieldentry")
        assert kind is not None
        assert kind.text
        assert kind.text.endswith("_question")
        if question.kind in ("multiple_choice", "true_false"):
            assert [labels(item)[ident or ""] for ident in equal] == [question.answer]
            assert sorted(labels(item).values()) == sorted(question.choices)
        elif question.kind == "numeric":
            low = next(item.iter(f"{Q}vargte")).text
            high = next(item.iter(f"{Q}varlte")).text
            span = accepted_span(
                question.amounts[0].value, question.qualifier, question.tolerance,
                question.value_max,
            )  # fmt: skip
            assert (float(low or ""), float(high or "")) == pytest.approx((span.low, span.high))
        elif question.kind == "matching":
            every = labels(item)
            matched = {}
            for response in item.iter(f"{Q}response_lid"):
                left = "".join(response.find(f"{Q}material").itertext()).strip()  # type: ignore[union-attr]
                chosen = next(
                    v.text for c in scored for v in c.iter(f"{Q}varequal")
                    if v.get("respident") == response.get("ident")
                )  # fmt: skip
                matched[left] = every[chosen or ""]
            assert matched == dict(question.pairs)
        else:
            assert set(equal) == {question.answer, *question.accepted}
        feedback = "".join(item.find(f"{Q}itemfeedback").itertext())  # type: ignore[union-attr]
        assert question.evidence in feedback


def test_qti_text_is_escaped_xml(mini: Built) -> None:
    question = replace(first(mini, "short_answer"), prompt=NASTY)
    items = qti_items(to_qti(mini.loaded, [question]).content)
    prompt = items[question.id].find(f"{Q}presentation/{Q}material/{Q}mattext")
    assert prompt is not None
    assert prompt.text == NASTY


# --- Quizlet ------------------------------------------------------------------------------


def test_quizlet_rows_are_term_and_definition(built: Built) -> None:
    export = to_quizlet(built.loaded, built.questions)
    rows = list(csv.reader(io.StringIO(export.content.decode()), delimiter="\t",
                           quoting=csv.QUOTE_NONE))  # fmt: skip
    kept = exported_questions(built.questions)
    assert len(rows) == len(kept)
    assert all(len(row) == 2 for row in rows)
    for row, question in zip(rows, kept, strict=True):
        assert row[0].startswith(" ".join(question.prompt.split()))
        if question.kind != "matching":
            assert row[1] == question.answer


def test_quizlet_neutralises_tabs_and_line_breaks(mini: Built) -> None:
    question = replace(first(mini, "short_answer"), prompt=NASTY, answer="one\ttwo\r\nthree")
    text = to_quizlet(mini.loaded, [question]).content.decode()
    assert text.count("\n") == 1
    assert text.count("\t") == 1
    assert text.split("\t") == [" ".join(NASTY.split()), "one two three\n"]


# --- Printable ----------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(content: bytes) -> _Page:
    page = _Page()
    page.feed(content.decode())
    return page


def test_printed_quiz_numbers_every_question_without_answers_or_script(built: Built) -> None:
    page = parse(to_print(built.loaded, built.questions).content)
    kept = exported_questions(built.questions)
    items = [attrs for tag, attrs in page.tags if tag == "li" and attrs.get("class") == "item"]
    assert len(items) == len(kept)
    assert ("ol", {"class": "quiz"}) in page.tags
    assert not any(tag == "script" for tag, _ in page.tags)
    text = " ".join(" ".join(page.text).split())
    # The key is a page of its own: no answer key list, no evidence with its paragraph.
    assert ("ol", {"class": "key"}) not in page.tags
    assert "(paragraph " not in text


def test_answer_key_is_a_separate_page_with_every_answer_and_its_evidence(built: Built) -> None:
    export = to_answer_key(built.loaded, built.questions)
    assert export.filename == f"{built.loaded.slug}-answer-key.html"
    page = parse(export.content)
    text = " ".join(" ".join(page.text).split())
    for question in exported_questions(built.questions):
        assert " ".join(question.evidence.split()) in text
        if question.kind != "matching":
            assert " ".join(question.answer.split()) in text


def test_printed_page_links_the_stylesheet_or_carries_it(mini: Built) -> None:
    linked = parse(to_print(mini.loaded, mini.questions, "/static/css/print.css").content)
    assert ("link", {"rel": "stylesheet", "href": "/static/css/print.css"}) in linked.tags
    assert not any(tag == "style" for tag, _ in linked.tags)
    offline = to_print(mini.loaded, mini.questions).content.decode()
    assert "<style>" in offline
    assert "@media print" in offline


def test_printed_text_is_escaped(mini: Built) -> None:
    question = replace(first(mini, "short_answer"), prompt="<script>alert(1)</script>")
    assert b"<script>" not in to_print(mini.loaded, [question]).content


def test_every_format_names_its_file_after_the_slug(mini: Built) -> None:
    names = {name: f.run(mini.loaded, mini.questions).filename for name, f in FORMATS.items()}
    assert all(re.fullmatch(r"harbour-strike[a-z.-]*\.[a-z0-9]+", n) for n in names.values())
    assert len(set(names.values())) == len(names)


def test_the_guide_lists_every_format() -> None:
    guide = (Path(__file__).parents[2] / "docs" / "export-import.md").read_text()
    for name in FORMATS:
        assert f"| `{name}` |" in guide, name
