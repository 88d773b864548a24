"""YAML syntax errors in a teacher's words, and a patch that lets the parser go on past them.

The parser stops at its first error. To report the others too, `diagnose` also returns the
text with the faulty line made harmless (its value replaced, its key renamed, or the line
blanked), keeping every line number, so that the reader can parse again and find the next one.
"""

from __future__ import annotations

import re

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from .errors import BankError

SEE = "yaml-tips"
# The start of a line up to its value: indentation, a list dash, a key and its colon.
_PREFIX = re.compile(r"^(\s*(?:-\s+)?(?:[^\s:#'\"\[{][^:#]*?:(?:\s+|$))?)")
_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:(?=[^\s/])")
_NO_SPACE_AFTER_DASH = re.compile(r"^\s*-(?=[^\s-])")
_BLOCK_TEXT = re.compile(r":\s*[|>][-+]?\s*(?:#.*)?$")
# A line such as 'position against': a key-like first word, then the value up to a comment.
_KEY_AND_VALUE = re.compile(r"([A-Za-z_][\w-]*)((?:\s+[^#\s]\S*)*)")

_APOSTROPHE = (
    "this text starts with a single quote, so the next apostrophe ends it: put the whole "
    "text in double quotes, or write each apostrophe inside it twice ('')"
)
_DOUBLE_QUOTE = (
    "this text starts with a double quote, so the next double quote ends it: put the whole "
    'text in single quotes, or write each double quote inside it as \\"'
)
_COLON = (
    "this text holds ': ', which YAML reads as the start of a new key: put the whole text in "
    "double quotes (or in single quotes if it holds double quotes)"
)
_INDENT = (
    "this line is indented differently from the lines around it: the keys of one item line "
    "up under each other, two spaces further in for each level"
)

Patched = list[str] | None
# No error (None): the problem follows from one already reported; parse on with the patch.
Found = tuple[BankError | None, Patched]


def _value_start(line: str) -> int:
    """The column (0-based) where the line's value begins."""
    match = _PREFIX.match(line)
    return match.end() if match else 0


def _neutral(lines: list[str], index: int) -> list[str]:
    """The lines with this one's value replaced by a harmless word."""
    patched = list(lines)
    patched[index] = lines[index][: _value_start(lines[index])].rstrip() + " _"
    return patched


def _blanked(lines: list[str], index: int) -> list[str]:
    patched = list(lines)
    patched[index] = ""
    return patched


def _inserted(lines: list[str], index: int, column: int, text: str) -> list[str]:
    patched = list(lines)
    patched[index] = lines[index][:column] + text + lines[index][column:]
    return patched


def diagnose(
    exc: YAMLError, lines: list[str], label: str, original: list[str] | None = None
) -> Found:
    """What went wrong in plain words, located, and the lines patched to parse on (or None).

    `lines` may already be patched past earlier errors; `original` are the teacher's own.
    """
    if isinstance(exc, ReaderError) and isinstance(exc.character, int):
        # Reader errors carry an offset into the text rather than a line and column.
        before = "\n".join(lines)[: exc.position]
        line, column = before.count("\n"), exc.position - before.rfind("\n") - 1
        reason = f"the character U+{exc.character:04X} is not allowed in YAML; delete it"
        patched = list(lines)
        patched[line] = lines[line][:column] + " " + lines[line][column + 1 :]
        return BankError(label, line + 1, column + 1, reason, SEE), patched
    if not isinstance(exc, MarkedYAMLError):
        return BankError(label, 0, 0, f"YAML syntax error: {exc}", SEE), None
    return _marked(exc, lines, label, lines if original is None else original)


def _error(label: str, line: int, column: int, reason: str) -> BankError:
    return BankError(label, line + 1, column + 1, reason, SEE)


def _merged(lines: list[str], original: list[str], start: int, end: int) -> bool:
    """Whether a list item between these rows was blanked for its indentation.

    Blanking a wrongly indented '- ' line runs the keys under it into the item above, so a
    key they share is then found twice: the indentation, already reported, is the mistake.
    """
    return any(
        original[row].lstrip().startswith("- ") and not lines[row].strip()
        for row in range(start + 1, min(end, len(lines), len(original)))
    )


def _marked(exc: MarkedYAMLError, lines: list[str], label: str, original: list[str]) -> Found:
    problem, context = exc.problem or "", exc.context or ""
    mark, start = exc.problem_mark, exc.context_mark
    if mark is None:
        return BankError(label, 0, 0, f"YAML syntax error: {problem or context}", SEE), None
    row = min(mark.line, len(lines) - 1)
    line = lines[row]
    if "duplicate key" in problem:
        key = re.escape(line[mark.column :].split(":")[0].strip())
        patched = list(lines)
        patched[row] = re.sub(rf"{key}\s*:", f"duplicate-{row}:", line, count=1)
        if start is not None and _merged(lines, original, start.line, row):
            return None, patched
        return _error(label, row, mark.column, f"{problem}; each key may appear once per block"), (
            patched
        )
    if "quoted scalar" in context and start is not None:
        quote = lines[start.line][start.column]
        kind = "single" if quote == "'" else "double"
        reason = f"the {kind} quote that opens this text is never closed: end the text with {quote}"
        return _error(label, start.line, start.column, reason), _neutral(lines, start.line)
    if problem.startswith("expected ','") and start is not None:
        bracket = lines[start.line][start.column]
        closing, what = ("]", "list") if bracket == "[" else ("}", "mapping")
        reason = (
            f"the {what} opened with '{bracket}' here is not closed with '{closing}': close it, "
            "or put the text in quotes if it is not a list"
        )
        return _error(label, start.line, start.column, reason), _neutral(lines, start.line)
    if "cannot start any token" in problem:
        char = line[mark.column] if mark.column < len(line) else "?"
        reason = f"text cannot start with {char}: put the whole text in quotes"
        return _error(label, row, mark.column, reason), _neutral(lines, row)
    if "another document" in problem:
        reason = "a bank is one YAML document: remove this '---' line and what follows it"
        return _error(label, row, mark.column, reason), None
    return _layout(exc, lines, label, row)


def _layout(exc: MarkedYAMLError, lines: list[str], label: str, row: int) -> Found:
    """Quotes that end early, stray colons, missing spaces and bad indentation."""
    problem, start = exc.problem or "", exc.context_mark
    for index in (row - 1, row):
        if index >= 0 and _NO_SPACE_AFTER_COLON.match(lines[index]):
            column = lines[index].index(":") + 1
            reason = "put a space after the colon that ends a key ('title: x', not 'title:x')"
            return _error(label, index, column - 1, reason), _inserted(lines, index, column, " ")
        if index >= 0 and _NO_SPACE_AFTER_DASH.match(lines[index]):
            column = lines[index].index("-") + 1
            reason = "put a space after the '-' that starts a list item ('- id: x')"
            return _error(label, index, column - 1, reason), _inserted(lines, index, column, " ")
    line = lines[row]
    begin = _value_start(line)
    value = line[begin:]
    if value.startswith("'") and ("<scalar>" in problem or "mapping values" in problem):
        return _error(label, row, begin, _APOSTROPHE), _neutral(lines, row)
    if value.startswith('"') and ("<scalar>" in problem or "mapping values" in problem):
        return _error(label, row, begin, _DOUBLE_QUOTE), _neutral(lines, row)
    if "mapping values" in problem and ": " in value + " ":
        return _error(label, row, begin, _COLON), _neutral(lines, row)
    if "could not find expected ':'" in problem and start is not None:
        return _simple_key(lines, label, start.line)
    if "mapping values" in problem or "expected <block end>" in problem:
        return _error(label, row, len(line) - len(line.lstrip()), _INDENT), _blanked(lines, row)
    reason = f"YAML syntax error: {problem}" + (f" ({exc.context})" if exc.context else "")
    return _error(label, row, exc.problem_mark.column if exc.problem_mark else 0, reason), None


def _simple_key(lines: list[str], label: str, row: int) -> Found:
    """A line that YAML took for a key without its colon: block text out of line, or a key."""
    indent = len(lines[row]) - len(lines[row].lstrip())
    above = next(
        (other for other in reversed(lines[:row])
         if other.strip() and len(other) - len(other.lstrip()) <= indent),
        "",
    )  # fmt: skip
    if _BLOCK_TEXT.search(above):
        reason = (
            "this line of text is indented less than the lines before it: indent every line "
            "of a '|' block at least as far as its first line"
        )
        return _error(label, row, indent, reason), _blanked(lines, row)
    body = lines[row][indent:]
    dash = "- " if body.startswith("- ") else ""
    match = _KEY_AND_VALUE.match(body[len(dash) :])
    if match is None:
        reason = "a key needs a colon after it ('key: value'), or a value needs a key before it"
        return _error(label, row, indent, reason), _inserted(lines, row, len(lines[row]), ":")
    # The line's own first word, as the key it most likely is, shows where the colon goes.
    key, value = match.group(1), match.group(2).strip()
    value = value if len(value) <= 40 else value[:37].rstrip() + "..."
    written = f"{dash}{key}: {value}" if value else f"{dash}{key}:"
    reason = f"a key needs a colon after it (write '{written}'), or a value needs a key before it"
    column = indent + len(dash) + len(key)
    return _error(label, row, indent, reason), _inserted(lines, row, column, ":")
