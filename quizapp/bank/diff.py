"""What changed between two versions of a bank, fact by fact (pure).

Teachers read a diff as "which facts were added, removed or changed, and in which field",
not as YAML lines: a fact moved within its section or re-quoted is no change at all. The header
fields are compared one by one, the article text line by line (difflib).
"""

from __future__ import annotations

import difflib
import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from .document import BankDocument, _node, _yaml
from .errors import BankInvalid

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"


@dataclass(frozen=True)
class FieldChange:
    """One field of a fact (or of the header): its value before and after (None: absent)."""

    name: str
    before: Any
    after: Any


@dataclass(frozen=True)
class FactChange:
    fact_id: str
    section: str
    status: str  # ADDED, REMOVED or CHANGED
    fields: tuple[FieldChange, ...] = ()
    moved_from: str | None = None  # the section it was in, when it changed section


@dataclass(frozen=True)
class LineChange:
    """One line of a line diff: '+' added, '-' removed, ' ' context, '@' a gap marker."""

    mark: str
    text: str


@dataclass(frozen=True)
class BankDiff:
    facts: tuple[FactChange, ...] = ()
    header: tuple[FieldChange, ...] = ()
    article: tuple[LineChange, ...] = ()
    # The YAML line diff, only when a version could not be read fact by fact.
    yaml: tuple[LineChange, ...] = ()
    text_changed: bool = False  # comments, order or quoting changed even if no fact did

    @property
    def empty(self) -> bool:
        return not (self.facts or self.header or self.article or self.yaml)

    def count(self, status: str) -> int:
        return sum(1 for change in self.facts if change.status == status)


def diff_banks(
    before_yaml: str, before_article: str, after_yaml: str, after_article: str
) -> BankDiff:
    """The per-fact, per-field changes from one version of a bank to another."""
    article = line_diff(before_article, after_article)
    try:
        before, after = BankDocument.parse(before_yaml), BankDocument.parse(after_yaml)
    except BankInvalid:
        return BankDiff(
            article=article, yaml=line_diff(before_yaml, after_yaml),
            text_changed=before_yaml != after_yaml,
        )  # fmt: skip
    old, new = before.facts(), after.facts()
    facts: list[FactChange] = []
    for fact_id in [*new, *(i for i in old if i not in new)]:
        was, now = old.get(fact_id), new.get(fact_id)
        if was == now:
            continue
        if was is None:
            assert now is not None
            facts.append(FactChange(fact_id, now[0], ADDED, field_changes({}, now[1])))
        elif now is None:
            facts.append(FactChange(fact_id, was[0], REMOVED, field_changes(was[1], {})))
        else:
            moved = was[0] if was[0] != now[0] else None
            changes = field_changes(was[1], now[1])
            facts.append(FactChange(fact_id, now[0], CHANGED, changes, moved))
    return BankDiff(
        facts=tuple(facts),
        header=field_changes(before.header(), after.header()),
        article=article,
        text_changed=before_yaml != after_yaml,
    )


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[FieldChange, ...]:
    """The keys whose values differ, in the order of `after` then those only in `before`."""
    keys = [*after, *(k for k in before if k not in after)]
    return tuple(
        FieldChange(key, before.get(key), after.get(key))
        for key in keys
        if before.get(key) != after.get(key)
    )


def line_diff(before: str, after: str, context: int = 2) -> tuple[LineChange, ...]:
    """A unified line diff without its file headers: changed lines with a little context."""
    if before == after:
        return ()
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=context)
    found: list[LineChange] = []
    for line in lines:
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            found.append(LineChange("@", line))
        else:
            found.append(LineChange(line[:1] or " ", line[1:]))
    return tuple(found)


def shown(value: Any) -> str:
    """A field's value as a teacher reads it: text as is, lists joined, the rest as JSON."""
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return ", ".join(str(item) for item in value) or "(empty list)"
    return json.dumps(value, ensure_ascii=False, default=str)


def version_text(value: Any) -> str:
    """One side of a conflict as YAML: a fact (section, data), the header fields, or the article."""
    if value is None:
        return "(deleted)"
    if isinstance(value, str):
        return value
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], dict):
        value = {value[0]: [value[1]]}
    out = io.StringIO()
    _yaml().dump(_node(value), out)
    return out.getvalue()
