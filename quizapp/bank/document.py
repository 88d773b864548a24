"""A bank's YAML as an editable document: change one fact, keep every comment around it.

ruamel.yaml's round trip keeps comments, key order, quoting and blank lines of what is not
touched, byte for byte. ruamel hangs the comment lines *between* two facts on the last key of the
first one, so whenever a fact is replaced, removed or appended, those lines are moved to the
fact that now comes last before them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

from .checks import FACT_MODELS
from .reader import parse_mapping

# The sections of a bank that hold items with ids, in the order a new section is added.
SECTIONS: tuple[str, ...] = ("actors", *FACT_MODELS)
HEADER_KEYS: tuple[str, ...] = ("title", "source", "url", "published", "article")
_KEPT_STYLES = (
    SingleQuotedScalarString,
    DoubleQuotedScalarString,
    LiteralScalarString,
    FoldedScalarString,
)


def _yaml() -> YAML:
    # Settings measured to write a bank back with the smallest diff (docs TOOLING.md). No
    # `version`: setting it adds a %YAML header to the output.
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def plain(value: Any) -> Any:
    """The YAML node as plain Python: dicts, lists, str, numbers, bools, dates."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() else float(value)
    return value


class BankDocument:
    """One bank's YAML tree, edited fact by fact, dumped with its comments."""

    def __init__(self, root: CommentedMap) -> None:
        self.root = root

    @classmethod
    def parse(cls, yaml_text: str, label: str = "bank.yaml") -> BankDocument:
        """Parse bank text; raises BankInvalid for what the reader refuses (syntax, aliases...)."""
        parse_mapping(yaml_text, label)  # the reader's safety checks, and its located errors
        root = _yaml().load(yaml_text)
        return cls(root)

    def dump(self) -> str:
        out = io.StringIO()
        _yaml().dump(self.root, out)
        return out.getvalue()

    def sections(self) -> dict[str, list[str]]:
        """The ids of the items of each section present, in file order."""
        found: dict[str, list[str]] = {}
        for section in SECTIONS:
            items = self.root.get(section)
            if isinstance(items, list):
                found[section] = [str(item.get("id")) for item in items if isinstance(item, dict)]
        return found

    def fact(self, fact_id: str) -> tuple[str, dict[str, Any]] | None:
        """The section and plain data of the item with this id, or None."""
        for section, _, item in self._items():
            if item.get("id") == fact_id:
                return section, plain(item)
        return None

    def facts(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """Every item by id: its section and plain data."""
        return {str(item.get("id")): (section, plain(item)) for section, _, item in self._items()}

    def header(self) -> dict[str, Any]:
        """The bank's fields outside the fact sections (title, source, article...)."""
        return {str(k): plain(v) for k, v in self.root.items() if k not in SECTIONS}

    def put_fact(self, section: str, data: dict[str, Any], replacing: str | None = None) -> None:
        """Replace the item `replacing` in place (comments kept), or append `data` to `section`."""
        if section not in SECTIONS:
            raise ValueError(f"unknown section {section!r}")
        if replacing is not None:
            for found, _index, item in self._items():
                if item.get("id") == replacing:
                    if found != section:
                        raise ValueError(f"{replacing!r} is in {found}, not {section}")
                    _update_map(item, data)
                    return
            raise KeyError(replacing)
        items = self.root.get(section)
        node = _node(data)
        if not isinstance(items, CommentedSeq):
            items = CommentedSeq([node])
            closing = self._add_section(section, items)
            if closing:
                _set_trailing(node, closing)
        elif items:
            tail = _take_trailing(items[-1])
            items.append(node)
            if tail is not None:
                eol, rest = _split_eol(tail)
                if eol:
                    _set_trailing(items[-2], eol)
                if rest:
                    _set_trailing(node, rest)
        else:
            items.append(node)

    def delete_fact(self, fact_id: str) -> None:
        """Remove the item with this id; the comment lines around it stay where they were."""
        found = next((f for f in self._items() if f[2].get("id") == fact_id), None)
        if found is None:
            raise KeyError(fact_id)
        section, index, item = found
        items: CommentedSeq = self.root[section]
        tail = _take_trailing(item)
        rest = _split_eol(tail)[1] if tail is not None else ""
        pre = items.ca.items.get(index)
        before_lines = "".join(_token_text(t) for t in pre[1]) if pre and pre[1] else ""
        del items[index]
        if index > 0:
            prev = _take_trailing(items[index - 1])
            joined = (prev.value if prev is not None else "\n") + before_lines + rest[1:]
            if joined != "\n":
                _set_trailing(items[index - 1], joined)
            return
        text = before_lines + rest[1:]
        if items:
            if text:
                old = items.ca.items.get(0)
                tokens = [CommentToken(line, _start_mark()) for line in text.splitlines(True)]
                if old and old[1]:
                    tokens += old[1]
                items.ca.items[0] = [None, tokens, None, None]
            return
        keys = list(self.root)
        position = keys.index(section)
        del self.root[section]
        if position > 0 and text:
            prev = _take_trailing(self.root)
            _set_trailing(self.root, (prev.value if prev is not None else "\n") + text)

    def set_header(self, **fields: Any) -> None:
        """Set header fields (None removes one); new ones go before the first section."""
        for key, value in fields.items():
            if key not in HEADER_KEYS:
                raise ValueError(f"unknown header field {key!r}")
            if value is None:
                self.root.pop(key, None)
            elif key in self.root:
                self.root[key] = _updated(self.root[key], value)
            else:
                position = next(
                    (i for i, k in enumerate(self.root) if k in SECTIONS), len(self.root)
                )
                self.root.insert(position, key, _node(value))

    def _items(self) -> Iterator[tuple[str, int, CommentedMap]]:
        for section in SECTIONS:
            items = self.root.get(section)
            if isinstance(items, list):
                for index, item in enumerate(items):
                    if isinstance(item, CommentedMap):
                        yield section, index, item

    def _add_section(self, section: str, items: CommentedSeq) -> str | None:
        """Insert a new section in schema order; returns the file's closing comment if moved."""
        order = SECTIONS.index(section)
        keys = list(self.root)
        later = [i for i, k in enumerate(keys) if k in SECTIONS and SECTIONS.index(k) > order]
        position = later[0] if later else len(keys)
        # Keep the comment lines before the next section (or ending the file) after the new one.
        tail = _take_trailing(self.root) if position == len(keys) else None
        self.root.insert(position, section, items)
        return tail.value if tail is not None else None


def _node(value: Any) -> Any:
    """A YAML node for plain data: lists of scalars in flow style, as the banks write them."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            if item is not None:
                node[key] = _node(item)
        return node
    if isinstance(value, list):
        seq = CommentedSeq(_node(item) for item in value)
        if all(not isinstance(item, dict | list) for item in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _updated(old: Any, new: Any) -> Any:
    """`new`, written in `old`'s style: unchanged values keep their node, strings their quotes."""
    if plain(old) == plain(new) and type(plain(old)) is type(plain(new)):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        _update_map(old, new)
        return old
    if isinstance(new, str) and isinstance(old, _KEPT_STYLES):
        if isinstance(old, LiteralScalarString | FoldedScalarString) and "\n" not in new:
            return new
        return type(old)(new)
    node = _node(new)
    if isinstance(old, CommentedSeq) and isinstance(node, CommentedSeq):
        if old.fa.flow_style() and all(not isinstance(i, dict | list) for i in new):
            node.fa.set_flow_style()
        elif not old.fa.flow_style():
            node.fa.set_block_style()
    return node


def _update_map(node: CommentedMap, data: dict[str, Any]) -> None:
    """Make `node` hold `data`, keeping the nodes, order and comments of what did not change."""
    tail = _take_trailing(node)
    for key in [k for k in node if data.get(k) is None]:
        del node[key]
    previous: int = -1
    for key, value in data.items():
        if value is None:
            continue
        if key in node:
            node[key] = _updated(node[key], value)
            previous = list(node).index(key)
        else:
            previous += 1
            node.insert(previous, key, _node(value))
    if tail is not None:
        _set_trailing(node, tail.value)


def _last_key_holder(node: Any) -> tuple[CommentedMap, Any] | None:
    """The map and key whose post-value comment is the one after `node` ends."""
    if isinstance(node, CommentedSeq) and node and not node.fa.flow_style():
        return _last_key_holder(node[-1])
    if isinstance(node, CommentedMap) and node:
        key = list(node)[-1]
        value = node[key]
        if isinstance(value, CommentedMap | CommentedSeq) and value and not value.fa.flow_style():
            inner = value[-1] if isinstance(value, CommentedSeq) else value
            found = _last_key_holder(inner)
            if found is not None:
                return found
        return node, key
    return None


def _take_trailing(node: Any) -> CommentToken | None:
    """Remove and return the comment that follows the end of `node` (None if there is none)."""
    holder = _last_key_holder(node)
    if holder is None:
        return None
    mapping, key = holder
    entry = mapping.ca.items.get(key)
    if not entry or len(entry) < 3 or entry[2] is None:
        return None
    token: CommentToken = entry[2]
    entry[2] = None
    if not any(entry):
        del mapping.ca.items[key]
    return token


def _set_trailing(node: Any, text: str) -> None:
    holder = _last_key_holder(node)
    if holder is None or not text:
        return
    mapping, key = holder
    entry = mapping.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) < 4:
        entry.append(None)
    entry[2] = CommentToken(text, _start_mark(), None)


def _start_mark() -> CommentMark:
    return CommentMark(0)


def _split_eol(token: CommentToken) -> tuple[str, str]:
    """An end-of-line comment ('  # note\\n') and the comment lines after it."""
    value: str = token.value
    if value.startswith("\n"):
        return "", value
    line, _, rest = value.partition("\n")
    return line + "\n", rest


def _token_text(token: CommentToken) -> str:
    """A comment line as written, with its indentation."""
    value: str = token.value
    column = token.column or 0
    return value if value.startswith("\n") else " " * column + value
