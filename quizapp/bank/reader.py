"""Reading a bank file safely: bytes -> YAML 1.2 mapping with line and column positions.

The round-trip loader keeps positions (and, later, comments for writing banks back). It never
builds Python objects from tags, and we refuse what could make a small file expensive: big
files, aliases (the "billion laughs"), deep nesting and custom tags, before composing anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    ScalarEvent,
)

from .errors import BankError, BankInvalid
from .syntax import diagnose

MAX_BYTES = 1_000_000
MAX_DEPTH = 20
# Lines plus commas (flow-list items), counted before parsing: the parser takes 0.1-0.2 ms a
# node, so this keeps a save under about 7 s. A 2,000-fact bank has about 30,000.
MAX_ITEMS = 40_000
MAX_SYNTAX_ERRORS = 10
_LIMITS = "safety-limits"
_STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"


def read_text(path: Path, label: str, max_bytes: int = MAX_BYTES) -> str:
    """A file's UTF-8 text, refusing missing, oversized and binary files with a clear error."""
    try:
        size = path.stat().st_size
        data = b"" if size > max_bytes else path.read_bytes()
    except OSError as exc:
        reason = f"cannot read the file ({exc.strerror})"
        raise BankInvalid([BankError(label, 0, 0, reason, _LIMITS)]) from None
    if size > max_bytes:
        reason = f"the file is {size:,} bytes; the limit is {max_bytes:,} bytes"
        raise BankInvalid([BankError(label, 0, 0, reason, _LIMITS)])
    if b"\x00" in data:
        raise BankInvalid([BankError(label, 0, 0, "this is a binary file, not YAML text", _LIMITS)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BankInvalid(
            [BankError(label, line, 0, "the file is not UTF-8 text; save it as UTF-8", _LIMITS)]
        ) from None


def _tab_errors(text: str, label: str) -> list[BankError]:
    errors = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            column = indent.index("\t") + 1
            reason = "a tab is used for indentation; YAML needs spaces"
            errors.append(BankError(label, number, column, reason, "yaml-tips"))
    return errors


def _spaced(line: str) -> str:
    """The line with each tab of its indentation made two spaces."""
    body = line.lstrip(" \t")
    return line[: len(line) - len(body)].replace("\t", "  ") + body


def _event_errors(text: str, label: str) -> list[BankError]:
    """Aliases, custom tags and deep nesting, found by streaming events without composing."""
    errors: list[BankError] = []
    depth = 0
    for event in YAML().parse(text):
        mark = event.start_mark
        where = (label, mark.line + 1, mark.column + 1)
        if isinstance(event, AliasEvent):
            reason = "aliases (*name) are not allowed in banks; write the value out in full"
            return [*errors, BankError(*where, reason, _LIMITS)]
        if isinstance(event, ScalarEvent | CollectionStartEvent):
            tag = str(event.tag) if event.tag is not None else ""
            if tag and tag != "!":
                shown = tag.replace(_STANDARD_TAG_PREFIX, "!!")
                reason = f"tags such as {shown} are not allowed in banks; quote the value instead"
                errors.append(BankError(*where, reason, _LIMITS))
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                reason = f"the file nests deeper than {MAX_DEPTH} levels"
                return [*errors, BankError(*where, reason, _LIMITS)]
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return errors


def _load(text: str, label: str) -> tuple[Any, list[BankError]]:
    """The parsed document, or every syntax error the parser can be patched past.

    After each error the faulty line is made harmless (line numbers kept) and the text parsed
    again, so a teacher sees all the mistakes at once rather than one per try.
    """
    original = lines = text.split("\n")
    errors: list[BankError] = []
    current = text
    # Parses, not errors: a patch may also pass a consequence of an error already reported.
    for _ in range(2 * MAX_SYNTAX_ERRORS):
        try:
            found = _event_errors(current, label)
            if found:
                return None, errors + found
            yaml = YAML(typ="rt")
            yaml.version = (1, 2)
            data = yaml.load(current)
        except YAMLError as exc:
            error, patched = diagnose(exc, lines, label, original)
        except RecursionError:
            return None, [*errors, BankError(label, 0, 0, "the file nests too deeply", _LIMITS)]
        else:
            return data, errors
        if error is not None:
            if any(error.line == seen.line for seen in errors):
                return None, errors  # the patch did not get the parser past this line
            errors.append(error)
            if len(errors) == MAX_SYNTAX_ERRORS:
                return None, errors
        if patched is None or patched == lines:
            return None, errors
        lines = patched
        current = "\n".join(lines)
    return None, errors


def parse_mapping(text: str, label: str) -> CommentedMap:
    """Parse bank text into a position-carrying mapping, or raise BankInvalid."""
    if not text.strip():
        raise BankInvalid([BankError(label, 1, 1, "the file is empty", "the-skeleton")])
    if (over := _first_line_over_the_item_limit(text)) is not None:
        reason = (
            f"the file has more than {MAX_ITEMS:,} lines and list items (counting from here);"
            " split the article into two banks"
        )
        raise BankInvalid([BankError(label, over, 1, reason, _LIMITS)])
    tabs = _tab_errors(text, label)
    if tabs:
        # Read on as if the tabs were spaces, for the other mistakes; the tab lines themselves
        # are already reported.
        spaced = "\n".join(_spaced(line) for line in text.split("\n"))
        lines = {error.line for error in tabs}
        others = [error for error in _load(spaced, label)[1] if error.line not in lines]
        raise BankInvalid(tabs + others)
    data, errors = _load(text, label)
    if errors:
        raise BankInvalid(errors)
    if not isinstance(data, CommentedMap):
        found = "nothing" if data is None else f"a {_shape_name(data)}"
        reason = (
            f"a bank must be a mapping of keys such as title:, article:, quotes:; found {found}"
        )
        raise BankInvalid([BankError(label, 1, 1, reason, "the-skeleton")])
    return data


def _first_line_over_the_item_limit(text: str) -> int | None:
    if text.count("\n") + text.count(",") <= MAX_ITEMS:
        return None
    items = 0
    for number, line in enumerate(text.split("\n"), start=1):
        items += 1 + line.count(",")
        if items > MAX_ITEMS:
            return number
    return None


def _shape_name(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "single line of text"
    return type(value).__name__
