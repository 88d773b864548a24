"""Editing a bank fact by fact keeps every comment, key order and quoting of the rest."""

from __future__ import annotations

import pytest

from quizapp.bank import BankInvalid, load_text
from quizapp.bank.document import BankDocument
from tests.conftest import DATA, MINI_BANK, PROJECT, SEED_BANK

SEED = (PROJECT / "questions" / f"{SEED_BANK}.yaml").read_text(encoding="utf-8")
SEED_ARTICLE = (PROJECT / "questions" / f"{SEED_BANK}.txt").read_text(encoding="utf-8")
MINI = (DATA / f"{MINI_BANK}.yaml").read_text(encoding="utf-8")


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]


def changed_lines(before: str, after: str) -> set[str]:
    return set(after.splitlines()) - set(before.splitlines())


@pytest.mark.parametrize("text", [SEED, MINI], ids=["seed", "mini"])
def test_a_round_trip_changes_nothing(text: str) -> None:
    assert BankDocument.parse(text).dump() == text


def test_sections_list_the_ids_of_each_kind_of_fact() -> None:
    sections = BankDocument.parse(SEED).sections()
    assert set(sections) == {
        "actors", "quotes", "figures", "stances", "places", "events", "statements", "questions"
    }  # fmt: skip
    assert "landsbergis" in sections["actors"]
    assert len(sections["figures"]) == 5


def test_putting_every_fact_back_unchanged_changes_nothing() -> None:
    document = BankDocument.parse(SEED)
    for section, data in document.facts().values():
        document.put_fact(section, data, replacing=data["id"])
    assert document.dump() == SEED


def test_editing_one_figure_changes_its_line_and_keeps_every_comment() -> None:
    document = BankDocument.parse(SEED)
    fact_id = BankDocument.parse(SEED).sections()["figures"][0]
    section, data = document.fact(fact_id) or ("", {})
    changed = {**data, "measures": "how far the queue stretched"}
    document.put_fact(section, changed, replacing=fact_id)
    edited = document.dump()
    assert comments(edited) == comments(SEED)
    assert changed_lines(SEED, edited) == {"    measures: how far the queue stretched"}
    assert document.fact(fact_id) == (section, changed)
    load_text(edited, SEED_ARTICLE, SEED_BANK)  # still a bank the loader takes


def test_a_removed_key_and_an_added_key_keep_the_comments_after_the_fact() -> None:
    document = BankDocument.parse(SEED)
    section, data = document.fact("putin") or ("", {})
    data.pop("evidence")
    document.put_fact(section, {**data, "role": "Russia's president"}, replacing="putin")
    edited = document.dump()
    assert comments(edited) == comments(SEED)
    assert "    role: Russia's president" in edited.splitlines()


def test_a_deleted_fact_leaves_the_comments_around_it() -> None:
    document = BankDocument.parse(SEED)
    last_actor = document.sections()["actors"][-1]
    for fact_id in ("putin", "russia", last_actor):  # first of a group, inside one, the last
        document.delete_fact(fact_id)
    edited = document.dump()
    assert comments(edited) == comments(SEED)
    assert document.fact("putin") is None
    assert "  - id: russia" not in edited.splitlines()


def test_an_appended_fact_goes_before_the_next_sections_comments() -> None:
    document = BankDocument.parse(SEED)
    quote_ids = document.sections()["quotes"]
    _section, data = document.fact(quote_ids[0]) or ("", {})
    document.put_fact("quotes", {**data, "id": "copy"})
    edited = document.dump()
    assert comments(edited) == comments(SEED)
    lines = edited.splitlines()
    assert lines.index("  - id: copy") < lines.index(
        "# Figures: numbers, with unit, qualifier and source"
    )
    assert BankDocument.parse(edited).sections()["quotes"] == [*quote_ids, "copy"]


def test_a_new_section_is_added_in_schema_order() -> None:
    document = BankDocument.parse(MINI)
    document.delete_fact(
        document.sections()["events"][0]
    ) if "events" in document.sections() else None
    event = {"id": "strike", "what": "dock workers went on strike", "evidence": "x"}
    document.put_fact("events", event)
    sections = list(BankDocument.parse(document.dump()).sections())
    assert sections.index("events") > sections.index("places")


def test_header_fields_are_set_and_removed() -> None:
    document = BankDocument.parse(MINI)
    document.set_header(title="A new title", source=None)
    edited = BankDocument.parse(document.dump()).header()
    assert edited["title"] == "A new title"
    assert "source" not in edited
    with pytest.raises(ValueError, match="unknown header field"):
        document.set_header(nonsense="x")


def test_unsafe_yaml_is_refused_as_the_loader_refuses_it() -> None:
    with pytest.raises(BankInvalid, match="aliases"):
        BankDocument.parse("a: &x [1]\nb: *x\n")
