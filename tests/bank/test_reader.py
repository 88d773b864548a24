"""Reading bank files safely: hostile or broken input gives BankInvalid, never anything else."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.bank import BankError, BankInvalid, load_bank
from quizapp.bank.reader import MAX_BYTES, MAX_DEPTH, MAX_ITEMS, parse_mapping, read_text
from tests.bank.conftest import DOCS_SECTIONS, WriteBank


def _laughs(levels: int) -> str:
    """The "billion laughs": each level is nine aliases of the one before."""
    names = "abcdefghijklmnopqrstuvwxyz"
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        aliases = ", ".join([f"*{names[level - 1]}"] * 9)
        lines.append(f"{names[level]}: &{names[level]} [{aliases}]")
    return "\n".join(lines) + "\n"


def _nested(depth: int) -> str:
    """A block mapping `depth` levels deep (the top-level mapping counts as one)."""
    return "".join("  " * level + f"k{level}:\n" for level in range(depth - 1)) + (
        "  " * (depth - 1) + "leaf: x\n"
    )


def _parsed_as_json(text: str) -> str:
    return json.dumps(parse_mapping(text, "laughs.yaml"))


def test_billion_laughs_is_refused_at_the_first_alias() -> None:
    # Had the aliases been composed, writing the result out would expand 9**9 strings.
    with pytest.raises(BankInvalid) as caught:
        _parsed_as_json(_laughs(9))
    [error] = caught.value.errors
    assert (error.line, error.column) == (2, 8)
    assert "aliases (*name) are not allowed" in error.reason


@pytest.mark.parametrize(
    "text",
    [
        "title: &t Ferry\nsource: *t\n",
        "base: &b {x: 1}\nother:\n  <<: *b\n",
    ],
    ids=["alias", "merge-key"],
)
def test_aliases_are_refused(text: str) -> None:
    with pytest.raises(BankInvalid, match=r"^x\.yaml:[23]:\d+: aliases \(\*name\) are not"):
        parse_mapping(text, "x.yaml")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/object/apply:os.mkdir [{marker}]", "!!python/object/apply:os.mkdir"),
        ("!!python/object:pathlib.Path {{}}", "!!python/object:pathlib.Path"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!include other.yaml", "!include"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {{a, b}}", "!!set"),
    ],
)
def test_tags_never_build_objects(tmp_path: Path, value: str, shown: str) -> None:
    marker = tmp_path / "made-by-yaml"
    text = "title: Ferry\nsource: " + value.format(marker=json.dumps(str(marker))) + "\n"
    with pytest.raises(BankInvalid) as caught:
        parse_mapping(text, "x.yaml")
    assert str(caught.value) == (
        f"x.yaml:2:9: tags such as {shown} are not allowed in banks; quote the value instead"
        " (see docs/bank-format.md#safety-limits)"
    )
    assert not marker.exists()


def test_nesting_is_limited_to_twenty_levels() -> None:
    assert MAX_DEPTH == 20
    parse_mapping(_nested(20), "x.yaml")
    with pytest.raises(BankInvalid, match=r"^x\.yaml:21:\d+: the file nests deeper than 20 levels"):
        parse_mapping(_nested(21), "x.yaml")


def test_very_deep_flow_nesting_is_refused_without_recursing() -> None:
    with pytest.raises(BankInvalid, match=r"^x\.yaml:1:27: the file nests deeper than 20"):
        parse_mapping("title: " + "[" * 100_000, "x.yaml")


def test_files_over_one_megabyte_are_refused(write_bank: WriteBank) -> None:
    assert MAX_BYTES == 1_000_000
    path = write_bank("title: x\n#" + "a" * (MAX_BYTES - 11) + "\n")
    assert len(read_text(path, "x.yaml")) == MAX_BYTES
    path.write_text("title: x\n#" + "a" * (MAX_BYTES - 10) + "\n", encoding="utf-8")
    with pytest.raises(BankInvalid) as caught:
        load_bank(path, "x.yaml")
    assert str(caught.value) == (
        "x.yaml:0:0: the file is 1,000,001 bytes; the limit is 1,000,000 bytes"
        " (see docs/bank-format.md#safety-limits)"
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"  \n\n\t\n", "the file is empty"),
        (b"# only a comment\n", "found nothing"),
        (b"~\n", "found nothing"),
        (b"---\n", "found nothing"),
        (b"- quotes\n- figures\n", "found a list"),
        (b"just some words\n", "found a single line of text"),
        (b"42\n", "found a number"),
        (b"true\n", "found a true/false value"),
        (b"title: x\x00\n", "this is a binary file, not YAML text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a binary file"),
        (b"title: x\nsource: caf\xe9\n", "the file is not UTF-8 text; save it as UTF-8"),
        (b"title: a\n---\ntitle: b\n", "a bank is one YAML document"),
        (b"title: a\nsource: b\x07c\n", "the character U+0007 is not allowed in YAML"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_unusable_files_give_a_plain_reason(
    write_bank: WriteBank, content: bytes, reason: str
) -> None:
    with pytest.raises(BankInvalid) as caught:
        load_bank(write_bank(content), "x.yaml")
    [error] = caught.value.errors
    assert reason in error.reason
    assert str(error).startswith("x.yaml:")
    assert error.see in DOCS_SECTIONS


@pytest.mark.parametrize(
    ("content", "line", "column"),
    [
        (b"title: x\nsource: caf\xe9\n", 2, 0),
        (b"title: a\n---\ntitle: b\n", 2, 1),
        (b"title: a\nsource: b\x07c\n", 2, 10),
        (b"- a\n", 1, 1),
    ],
)
def test_file_problems_are_located(
    write_bank: WriteBank, content: bytes, line: int, column: int
) -> None:
    with pytest.raises(BankInvalid) as caught:
        load_bank(write_bank(content), "x.yaml")
    assert [(e.line, e.column) for e in caught.value.errors] == [(line, column)]


def test_a_missing_file_or_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BankInvalid, match=r"^x\.yaml:0:0: cannot read the file \(No such file"):
        load_bank(tmp_path / "missing.yaml", "x.yaml")
    (tmp_path / "folder.yaml").mkdir()
    with pytest.raises(BankInvalid, match=r"^x\.yaml:0:0: cannot read the file \(Is a directory"):
        load_bank(tmp_path / "folder.yaml", "x.yaml")


def test_every_tab_indented_line_is_reported_at_once() -> None:
    text = "title: x\narticle:\n\ttext: y\nactors:\n  - id: a\n \tname: b\n"
    with pytest.raises(BankInvalid) as caught:
        parse_mapping(text, "x.yaml")
    assert [str(e) for e in caught.value.errors] == [
        "x.yaml:3:1: a tab is used for indentation; YAML needs spaces"
        " (see docs/bank-format.md#yaml-tips)",
        "x.yaml:6:2: a tab is used for indentation; YAML needs spaces"
        " (see docs/bank-format.md#yaml-tips)",
    ]


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(BankInvalid) as caught:
        parse_mapping("title: a\nsource: b\ntitle: c\n", "x.yaml")
    assert str(caught.value).startswith('x.yaml:3:1: found duplicate key "title"')
    assert caught.value.errors[0].reason.endswith("; each key may appear once per block")


def test_yaml_1_2_keeps_no_and_yes_as_text(write_bank: WriteBank) -> None:
    data = parse_mapping("answer: no\nother: yes\nswitch: on\nflag: true\n", "x.yaml")
    assert dict(data) == {"answer": "no", "other": "yes", "switch": "on", "flag": True}


def test_a_byte_order_mark_is_allowed(write_bank: WriteBank) -> None:
    path = write_bank("\ufefftitle: Ferry\n".encode())
    assert parse_mapping(read_text(path, "x.yaml"), "x.yaml")["title"] == "Ferry"


def test_positions_are_kept() -> None:
    data = parse_mapping("title: x\nactors:\n  - id: a\n    name: b\n", "x.yaml")
    assert data["actors"][0].lc.value("name") == (3, 10)


_YAMLISH = st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!'\"#|>%@`,?~\\\x00é")))


def _errors_of(read: Callable[[], object]) -> list[BankError]:
    """The errors a reading step reports ([] when it succeeds); any other exception escapes."""
    try:
        read()
    except BankInvalid as exc:
        return exc.errors
    return []


@settings(max_examples=300, deadline=None)
@given(_YAMLISH)
def test_any_text_parses_or_is_refused_as_invalid(text: str) -> None:
    errors = _errors_of(lambda: parse_mapping(text, "x.yaml"))
    assert all(error.reason and error.path == "x.yaml" for error in errors)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200) | _YAMLISH.map(str.encode))
def test_any_file_loads_or_is_refused_as_invalid(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(content)
        errors = _errors_of(lambda: load_bank(path, "fuzz.yaml"))
    assert all(str(error).startswith("fuzz.yaml:") for error in errors)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # One flow list of many items, on line 2: refused before the parser spends seconds.
        ("title: x\nx: [" + ",".join(["a"] * (MAX_ITEMS + 5)) + "]\n", 2),
        # Many short lines: the first line over the limit is named.
        ("title: x\nx:\n" + "- a\n" * (MAX_ITEMS + 5), MAX_ITEMS + 1),
    ],
)
def test_a_file_of_too_many_items_is_refused_at_once(text: str, line: int) -> None:
    with pytest.raises(BankInvalid) as refused:
        parse_mapping(text, "huge.yaml")
    [error] = refused.value.errors
    assert (error.line, error.column) == (line, 1)
    assert "more than 40,000 lines and list items" in error.reason
