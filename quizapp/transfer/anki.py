"""An Anki deck (.apkg, written by genanki): one note per question, proof on the back.

Notes, the deck and the note type get ids derived from the bank's slug and question ids, so
importing a newer export of the same bank updates the cards instead of adding copies.
"""

from __future__ import annotations

import io
import itertools
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Sequence
from html import escape
from pathlib import Path

import genanki

from quizapp.bank import LoadedBank
from quizapp.builder import Question

from .formats import Export, exported_questions, fact_types, filename, stable_id

FIELDS = ["Question", "Choices", "Answer", "Evidence", "Explanation", "Source"]
_FRONT = (
    '<div class="question">{{Question}}</div>'
    '{{#Choices}}<ol class="choices">{{Choices}}</ol>{{/Choices}}'
)
_BACK = (
    '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>'
    '<blockquote class="evidence">{{Evidence}}</blockquote>'
    '<div class="explanation">{{Explanation}}</div><div class="source">{{Source}}</div>'
)
_CSS = (
    ".card { font-family: sans-serif; font-size: 20px; text-align: left; }\n"
    ".answer { font-weight: bold; }\n"
    ".evidence { font-style: italic; border-left: 3px solid #999; padding-left: 0.5em; }\n"
    ".source { font-size: 14px; color: #666; }\n"
)


def note_type(slug: str) -> genanki.Model:
    """The bank's note type; its id depends on the slug only."""
    return genanki.Model(
        stable_id("quizapp-model", slug),
        f"quizapp question ({slug})",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question", "qfmt": _FRONT, "afmt": _BACK}],
        css=_CSS,
    )


def _answer(question: Question) -> str:
    if question.kind == "matching":
        return "<br>".join(f"{escape(left)} → {escape(right)}" for left, right in question.pairs)
    return escape(question.answer)


def _fields(loaded: LoadedBank, question: Question) -> list[str]:
    evidence = escape(question.evidence)
    if question.attribution:
        evidence = f"{escape(question.attribution)} … {evidence}"
    lefts = [left for left, _ in question.pairs]
    listed = question.choices if question.kind != "true_false" else ()
    choices = "".join(f"<li>{escape(choice)}</li>" for choice in listed)
    if question.kind == "matching":
        choices = "".join(f"<li>{escape(left)}</li>" for left in lefts)
    source = f"{escape(loaded.bank.title)} · paragraph {question.paragraph + 1}"
    return [
        escape(question.prompt),
        choices,
        _answer(question),
        evidence,
        escape(question.explanation),
        source,
    ]


def _tags(loaded: LoadedBank, question: Question, types: dict[str, str]) -> list[str]:
    # Anki tags cannot hold spaces; `::` makes them a hierarchy in Anki's browser.
    return [
        f"quizapp::{loaded.slug}",
        f"topic::{question.topic}",
        f"fact::{types.get(question.fact, 'other')}",
        f"kind::{question.kind}",
    ]


def to_anki(loaded: LoadedBank, questions: Sequence[Question]) -> Export:
    """The bank's questions as one Anki deck named after the article."""
    model = note_type(loaded.slug)
    deck = genanki.Deck(
        stable_id("quizapp-deck", loaded.slug),
        f"quizapp::{loaded.bank.title}",
        description=escape(loaded.bank.source or ""),
    )
    types = fact_types(loaded.bank)
    for question in exported_questions(questions):
        deck.add_note(
            genanki.Note(
                model=model,
                fields=_fields(loaded, question),
                guid=genanki.guid_for("quizapp", loaded.slug, question.id),
                tags=_tags(loaded, question, types),
            )
        )
    return Export(_package(deck), filename(loaded, ".apkg"), "application/octet-stream")


def _package(deck: genanki.Deck) -> bytes:
    """The .apkg zip: genanki's collection, in a folder removed afterwards.

    genanki's own `write_to_file` leaves its temporary database behind in /tmp, one per export.
    """
    now = time.time()
    with tempfile.TemporaryDirectory(prefix="quizapp-anki-") as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            genanki.Package(deck).write_to_db(
                connection.cursor(), now, itertools.count(int(now * 1000))
            )
            connection.commit()
        finally:
            connection.close()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(database, "collection.anki2")
            archive.writestr("media", "{}")
    return buffer.getvalue()
