"""The per-fact diff between two versions of a bank (pure)."""

from __future__ import annotations

from quizapp.bank.diff import ADDED, CHANGED, REMOVED, diff_banks, line_diff, shown, version_text
from quizapp.bank.document import BankDocument
from tests.bank.conftest import HARBOUR

TEXT = HARBOUR.read_text(encoding="utf-8")


def edit(text: str, fact_id: str, **changes: object) -> str:
    document = BankDocument.parse(text)
    found = document.fact(fact_id)
    assert found is not None
    document.put_fact(found[0], {**found[1], **changes}, replacing=fact_id)
    return document.dump()


def test_a_changed_field_is_shown_before_and_after() -> None:
    changes = diff_banks(TEXT, "", edit(TEXT, "vell", role="the town's mayor"), "")
    assert [(c.fact_id, c.status) for c in changes.facts] == [("vell", CHANGED)]
    (field,) = changes.facts[0].fields
    assert (field.name, field.before, field.after) == ("role", "the mayor", "the town's mayor")
    assert changes.header == ()


def test_added_and_removed_facts_are_listed_with_their_fields() -> None:
    document = BankDocument.parse(TEXT)
    document.delete_fact("orbis")
    document.put_fact("actors", {"id": "ana", "name": "Ana", "kind": "person"})
    changes = diff_banks(TEXT, "", document.dump(), "")
    statuses = {c.fact_id: c.status for c in changes.facts}
    assert statuses == {"ana": ADDED, "orbis": REMOVED}
    assert changes.count(ADDED) == 1
    added = next(c for c in changes.facts if c.fact_id == "ana")
    assert {f.name: f.after for f in added.fields} == {"id": "ana", "name": "Ana", "kind": "person"}


def test_comments_and_header_changes() -> None:
    recommented = TEXT.replace("# A small invented bank", "# An invented bank")
    changes = diff_banks(TEXT, "", recommented, "")
    assert changes.empty
    assert changes.text_changed
    retitled = TEXT.replace("title: Dock workers", "title: Dockers")
    header = diff_banks(TEXT, "", retitled, "").header
    assert [(h.name, h.after) for h in header] == [
        ("title", "Dockers strike as harbour queues grow")
    ]


def test_the_article_is_a_line_diff() -> None:
    changes = diff_banks(TEXT, "One.\nTwo.\nThree.\n", TEXT, "One.\n2.\nThree.\n")
    marks = [(line.mark, line.text) for line in changes.article]
    assert ("-", "Two.") in marks
    assert ("+", "2.") in marks
    assert line_diff("same", "same") == ()


def test_an_unreadable_version_falls_back_to_a_yaml_line_diff() -> None:
    changes = diff_banks(TEXT, "", "title: [unclosed\n", "")
    assert changes.facts == ()
    assert any(line.mark == "+" and "unclosed" in line.text for line in changes.yaml)


def test_values_and_versions_as_teachers_read_them() -> None:
    assert shown(["a", "b"]) == "a, b"
    assert shown(None) == "(none)"
    assert shown(True) == "true"
    assert shown([{"x": 1}]) == '[{"x": 1}]'
    assert version_text(None) == "(deleted)"
    text = version_text(("actors", {"id": "ana", "name": "Ana", "aliases": ["A"]}))
    assert text == "actors:\n  - id: ana\n    name: Ana\n    aliases: [A]\n"
