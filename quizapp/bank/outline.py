"""Where each fact sits in a bank's YAML: to link an error's line to the fact it concerns (pure)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .document import SECTIONS
from .errors import BankError


def fact_starts(yaml_text: str) -> list[tuple[int, str | None]]:
    """(1-based line, fact id) where each fact begins; None where a section or header key does."""
    try:
        root = YAML(typ="rt").load(yaml_text)
    except (YAMLError, ValueError):
        return []
    if not isinstance(root, CommentedMap):
        return []
    starts: list[tuple[int, str | None]] = []
    for key, value in root.items():
        starts.append((root.lc.key(key)[0] + 1, None))
        if key in SECTIONS and isinstance(value, CommentedSeq):
            for index, item in enumerate(value):
                if isinstance(item, CommentedMap) and isinstance(item.get("id"), str):
                    starts.append((value.lc.item(index)[0] + 1, item["id"]))
    return sorted(starts, key=lambda start: start[0])


def fact_at(starts: list[tuple[int, str | None]], line: int) -> str | None:
    """The id of the fact whose lines hold `line` (1-based), if any."""
    position = bisect_right([start for start, _ in starts], line)
    return starts[position - 1][1] if position else None


def marked_lines(yaml_text: str, errors: Sequence[BankError]) -> list[tuple[int, str, list[str]]]:
    """The text as numbered lines, each with the problems found on it."""
    found: dict[int, list[str]] = {}
    for error in errors:
        found.setdefault(error.line, []).append(
            f"column {error.column}: {error.reason}" if error.column else error.reason
        )
    return [
        (number, line, found.get(number, []))
        for number, line in enumerate(yaml_text.splitlines() or [""], start=1)
    ]
