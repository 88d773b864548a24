"""Turn pydantic's validation errors into located, plain-language bank errors."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from text_to_num import text2num

from .errors import SECTION_DOCS, BankError
from .grounding import numbers_written_in
from .qualifiers import QUALIFIERS

Loc = tuple[int | str, ...]


def position(root: CommentedMap, loc: Loc, *, key: bool = False) -> tuple[int, int]:
    """1-based line and column of the deepest node of loc present in the YAML tree."""
    node: Any = root
    line, column = 1, 1
    for step in loc:
        if isinstance(node, CommentedMap) and step in node:
            at = node.lc.key(step) if key else node.lc.value(step)
            line, column = at[0] + 1, at[1] + 1
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
            at = node.lc.item(step)
            line, column = at[0] + 1, at[1] + 1
            node = node[step]
        else:
            break
    return line, column


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The pydantic model that describes the mapping at loc, if any."""
    current: Any = model
    for step in loc:
        current = _unwrap(current)
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(step)
        if field is None:
            return None
        current = field.annotation
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """list[X] -> X, X | None -> X, Annotated[X, ...] -> X."""
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin in (list, typing.Union, types.UnionType, typing.Annotated) and args:
            annotation = args[0]
        else:
            return annotation


_PLAIN = {
    "string_type": "expected text",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "bool_type": "expected true or false",
    "list_type": "expected a list (lines starting with '- ')",
    "model_type": "expected a mapping of keys (lines like 'key: value')",
    "dict_type": "expected a mapping of keys (lines like 'key: value')",
    "date_type": "expected a date like 2022-09-26",
    "date_parsing": "expected a date like 2022-09-26",
    "date_from_datetime_parsing": "expected a date like 2022-09-26",
    "string_pattern_mismatch": "use lower-case letters, digits and dashes only, e.g. 'putin-tweet'",
    "string_too_short": "must not be empty",
}


def _reason(error: ErrorDetails, model: type[BaseModel]) -> str:
    loc = tuple(error["loc"])
    name = str(loc[-1]) if loc and isinstance(loc[-1], str) else None
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"'{name}' is required here"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        known = list(parent.model_fields) if parent else []
        guess = difflib.get_close_matches(name or "", known, n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        allowed = f"; allowed here: {', '.join(known)}" if known and not guess else ""
        return f"unknown field '{name}'{hint}{allowed}"
    if kind == "invalid_key":
        return (
            "a key here is not text: true, false, null and numbers need quotes as keys"
            " (false versions of a statement go under false_variants:)"
        )
    if kind == "literal_error":
        plain = f"must be one of {ctx.get('expected', '')}"
    elif kind == "string_too_long":
        plain = f"is too long (at most {ctx.get('max_length')} characters)"
    elif kind in ("greater_than_equal", "greater_than"):
        plain = f"must be at least {ctx.get('ge', ctx.get('gt'))}"
    elif kind == "value_error":
        plain = error["msg"].removeprefix("Value error, ")
    else:
        plain = _PLAIN.get(kind, error["msg"][:1].lower() + error["msg"][1:])
    if kind in _PLAIN and kind.endswith("_type") and "input" in error:
        plain += f", found {_describe(error['input'])}"
    if kind == "string_type":
        plain += _quote_hint(name, error.get("input"))
    if kind == "float_parsing" and isinstance(error.get("input"), str):
        plain += _number_hint(error["input"])
    return f"{name}: {plain}" if name else plain


def _quote_hint(name: str | None, value: object) -> str:
    """How to write as text what YAML read as true/false or a number: in quotes."""
    # YAML 1.2 reads only true/false (any case) as true/false; yes, no, on and off stay text.
    if isinstance(value, bool):
        shown = "True" if value else "False"  # the spelling a true_false answer takes
    elif isinstance(value, int | float):
        shown = str(value)
    else:
        return ""
    written = f'{name}: "{shown}"' if name else f'"{shown}"'
    return f"; to mean the text, write it in quotes: {written}"


def _number_hint(text: str) -> str:
    """What to write instead of '12 000', 'forty' or 'about 40' where a number goes."""
    shown = text.strip()
    found = f", found '{shown[:40]}'"
    lowered = shown.lower()
    for qualifier in sorted(QUALIFIERS, key=len, reverse=True):
        rest = _as_digits(shown[len(qualifier) :]) if lowered.startswith(qualifier + " ") else None
        if rest is not None:
            return f"{found}; write {rest} and put 'qualifier: {qualifier}' on a line of its own"
    digits = _as_digits(shown)
    return f"{found}; write it in digits: {digits}" if digits is not None else found


def _as_digits(text: str) -> str | None:
    """'12 000' -> '12000', 'forty' -> '40': the one number the text says, in digits."""
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:[ .'’]\d{3})+", text):
        return "".join(char for char in text if char.isdigit())
    if re.fullmatch(r"[\d.,]+", text):
        numbers = set(numbers_written_in(text))
        return f"{numbers.pop():g}" if len(numbers) == 1 else None
    try:  # the whole text must be a number in words: "three thousand-ish" is no 3
        return f"{text2num(text.lower(), 'en'):g}"
    except ValueError:
        return None


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{str(value)[:40]}'"


def located(
    errors: list[ErrorDetails], root: CommentedMap, label: str, model: type[BaseModel]
) -> list[BankError]:
    """Every validation error as `label:line:column: reason`."""
    found = []
    for error in errors:
        loc = tuple(error["loc"])
        on_key = error["type"] in ("extra_forbidden", "invalid_key")
        line, column = position(root, loc, key=on_key)
        found.append(BankError(label, line, column, _reason(error, model), _see(loc)))
    return found


def _see(loc: Loc) -> str:
    """The docs section about the field at loc."""
    if loc and loc[-1] == "id":
        return "ids"
    if len(loc) > 2 and loc[0] == "figures" and loc[2] in ("qualifier", "value_max"):
        return "qualifiers-and-ranges"
    return SECTION_DOCS.get(str(loc[0]), "the-skeleton") if loc else "the-skeleton"
