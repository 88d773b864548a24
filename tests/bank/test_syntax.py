"""YAML syntax errors: plain words, the likely fix, the right place, and all of them at once."""

from __future__ import annotations

import pytest

from quizapp.bank import BankInvalid
from quizapp.bank.reader import MAX_SYNTAX_ERRORS, parse_mapping
from quizapp.bank.syntax import SEE
from tests.conftest import PROJECT, SEED_BANK


def _errors(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(BankInvalid) as caught:
        parse_mapping(text, "x.yaml")
    assert all(error.see == SEE for error in caught.value.errors)
    return [(error.line, error.column, error.reason) for error in caught.value.errors]


# fmt: off
CASES = [
    pytest.param("title: x\nsource: 'Mr Putin's hands'\n", 2, 9,
                 "starts with a single quote, so the next apostrophe ends it: put the whole "
                 "text in double quotes, or write each apostrophe inside it twice ('')",
                 id="apostrophe-in-single-quotes"),
    pytest.param("title: x\nl:\n  - 'it's here'\n", 3, 5, "the next apostrophe ends it",
                 id="apostrophe-in-a-list-item"),
    pytest.param('title: x\nwords: "He said "yes" to it"\n', 2, 8,
                 "so the next double quote ends it: put the whole text in single quotes",
                 id="double-quote-in-double-quotes"),
    pytest.param("title: x\nsummary: He said: yes\n", 2, 10,
                 "this text holds ': ', which YAML reads as the start of a new key: put the "
                 "whole text in double quotes", id="colon-in-text"),
    pytest.param("title: x\nactors:\n  - id: a\n     name: b\n", 4, 6,
                 "this line is indented differently from the lines around it",
                 id="indented-too-far"),
    pytest.param("title: x\nactors:\n  - id: a\n   name: b\n", 4, 4,
                 "this line is indented differently", id="indented-too-little"),
    pytest.param('title: x\nwords: "We sailed\nother: 1\n', 2, 8,
                     'the double quote that opens this text is never closed: end the text with "',
                 id="unclosed-double-quote"),
    pytest.param("title: x\nwords: 'We sailed\nother: 1\n", 2, 8,
                 "the single quote that opens this text is never closed", id="unclosed-single"),
    pytest.param("title: [Ferry\narticle: x\n", 1, 8,
                 "the list opened with '[' here is not closed with ']'", id="unclosed-list"),
    pytest.param("title: {Ferry\narticle: x\n", 1, 8,
                 "the mapping opened with '{' here is not closed with '}'", id="unclosed-map"),
    pytest.param("title: @home\n", 1, 8, "text cannot start with @: put the whole text in "
                 "quotes", id="at-sign"),
    pytest.param("title: `x`\n", 1, 8, "text cannot start with `", id="backtick"),
    pytest.param("title: x\nl:\n  -id: a\n  - id: b\n", 3, 3,
                 "put a space after the '-' that starts a list item", id="dash-without-space"),
    pytest.param("title:x\nother: 1\n", 1, 6, "put a space after the colon that ends a key",
                 id="colon-without-space"),
    pytest.param("title: x\nactors\n  - id: a\n", 2, 1, "a key needs a colon after it "
                 "(write 'actors:'), or a value needs a key before it", id="key-without-colon"),
    pytest.param("title: x\nstances:\n  - id: a\n    position against # why\n", 4, 5,
                 "a key needs a colon after it (write 'position: against')",
                 id="key-and-value-without-colon"),
    pytest.param("title: x\narticle:\n  text: |\n    a\n  b\n", 5, 3,
                 "this line of text is indented less than the lines before it",
                 id="block-text-out-of-line"),
    pytest.param("title: a\n---\ntitle: b\n", 2, 1, "a bank is one YAML document",
                 id="two-documents"),
    pytest.param("title: a\nactors:\n  - id: a\n    kind: p\n    kind: q\n", 5, 5,
                 'found duplicate key "kind"', id="duplicate-key"),
]
# fmt: on


@pytest.mark.parametrize(("text", "line", "column", "phrase"), CASES)
def test_a_syntax_error_is_explained_where_it_is(
    text: str, line: int, column: int, phrase: str
) -> None:
    [(found_line, found_column, reason)] = _errors(text)
    assert phrase in reason
    assert (found_line, found_column) == (line, column)


def test_every_syntax_error_is_reported_not_only_the_first() -> None:
    text = (
        "title: x\n"
        "actors:\n"
        "  - id: a\n"
        "    name: 'Mr Putin's men'\n"  # 4
        "    role: He said: no\n"  # 5
        "    kind: person\n"
        "    kind: group\n"  # 7
        "  - id: b\n"
        '    name: "the "best" one"\n'  # 9
        "    aliases: [b\n"  # 10
        "  - id: c\n"
    )
    found = [(line, reason.split(",")[0].split(":")[0]) for line, _, reason in _errors(text)]
    assert found == [
        (4, "this text starts with a single quote"),
        (5, "this text holds '"),
        (7, 'found duplicate key "kind" with value "group" (original value'),
        (9, "this text starts with a double quote"),
        (10, "the list opened with '[' here is not closed with ']'"),
    ]


def test_the_errors_reported_at_once_are_capped() -> None:
    text = "title: x\n" + "".join(f"k{i}: 'it's {i}'\n" for i in range(MAX_SYNTAX_ERRORS + 5))
    assert len(_errors(text)) == MAX_SYNTAX_ERRORS


def test_a_valid_file_after_a_patch_is_still_refused() -> None:
    # The patched text parses, but the teacher's file did not: only the error is returned.
    [(line, _, _)] = _errors("title: 'it's'\n")
    assert line == 1


def test_broken_lines_of_the_seed_bank_are_each_reported_where_they_are() -> None:
    seed = (PROJECT / "questions" / f"{SEED_BANK}.yaml").read_text(encoding="utf-8")
    lines = seed.split("\n")
    quoted = [i for i, line in enumerate(lines) if line.startswith("    evidence: '")][:3]
    plain = [i for i, line in enumerate(lines) if line.startswith("    summary: ")][:2]
    for i in quoted:
        lines[i] = lines[i].replace("evidence: '", "evidence: 'It's ", 1)
    for i in plain:
        lines[i] = lines[i].replace("summary: ", "summary: In short: ", 1)
    found = [(line, reason) for line, _, reason in _errors("\n".join(lines))]
    assert [line for line, _ in found] == sorted(i + 1 for i in quoted + plain)
    for line, reason in found:
        expected = "single quote" if line - 1 in quoted else "holds ': '"
        assert expected in reason


def test_tabs_and_other_syntax_errors_are_reported_together() -> None:
    text = "title: x\nactors:\n\t- id: a\n  - id: b\n    name: 'it's'\n"
    found = [(line, reason.split(";")[0]) for line, _, reason in _errors(text)]
    assert found == [
        (3, "a tab is used for indentation"),
        (5, "this text starts with a single quote, so the next apostrophe ends it: put the whole "
         "text in double quotes, or write each apostrophe inside it twice ('')"),
    ]  # fmt: skip


def test_an_item_indented_too_far_is_one_indentation_mistake_not_duplicate_keys() -> None:
    # Setting the misplaced '- ' line aside runs the item's other keys into the item above;
    # they are not duplicates the teacher wrote, and their values belong to two items.
    text = (
        "title: x\n"
        "places:\n"
        "  - id: reservoir\n"
        "    name: Reservoir\n"
        "    description: the store of water\n"
        "    - id: village\n"  # 6
        "      name: Village\n"  # 7
        "    description: a village flooded\n"
        "    evidence: b\n"
    )
    found = _errors(text)
    assert [line for line, _, _ in found] == [6, 7]
    assert all("indented differently" in reason for _, _, reason in found)


def test_a_duplicate_key_after_an_indentation_mistake_in_its_item_is_still_reported() -> None:
    text = "title: x\nactors:\n  - id: a\n     name: b\n    kind: p\n    kind: q\n"
    found = [(line, reason.split(" with")[0]) for line, _, reason in _errors(text)]
    assert found == [(4, "this line is indented differently from the lines around it: the keys"
                      " of one item line up under each other, two spaces further in for each"
                      " level"), (6, 'found duplicate key "kind"')]  # fmt: skip
