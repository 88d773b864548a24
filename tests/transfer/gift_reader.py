"""A small reader of the GIFT that quizapp writes, independent of the exporter and importer.

It knows only what the export uses: `::name::[plain]text{ answers ####feedback }` per
question, one answer a line, backslash escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_QUESTION = re.compile(
    r"^::(?P<name>.*?)(?<!\\)::\[plain\](?P<text>.*?)(?<!\\)\{\n(?P<body>.*)\n\}$", re.S
)


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


@dataclass
class ReadQuestion:
    name: str
    text: str
    right: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    truth: bool | None = None
    numeric: tuple[float, float] | None = None  # accepted low and high
    pairs: list[tuple[str, str]] = field(default_factory=list)
    feedback: str = ""


def read(gift: str) -> list[ReadQuestion]:
    questions = []
    for block in gift.strip().split("\n\n"):
        lines = [line for line in block.split("\n") if not line.startswith(("//", "$CATEGORY"))]
        if not lines:
            continue
        match = _QUESTION.match("\n".join(lines))
        assert match, f"not a GIFT question: {block[:200]!r}"
        question = ReadQuestion(unescape(match["name"]), unescape(match["text"]))
        for line in match["body"].split("\n"):
            if line.startswith("####"):
                question.feedback = unescape(line[4:])
            elif line in ("TRUE", "FALSE"):
                question.truth = line == "TRUE"
            elif line.startswith("#"):
                low, _, high = line[1:].partition("..")
                if high:
                    question.numeric = (float(low), float(high))
                else:
                    value, _, margin = line[1:].partition(":")
                    question.numeric = (float(value) - float(margin), float(value) + float(margin))
            elif line.startswith("=") and " -> " in line:
                left, right = re.split(r"(?<!\\) -> ", line[1:], maxsplit=1)
                question.pairs.append((unescape(left), unescape(right)))
            elif line.startswith("="):
                question.right.append(unescape(line[1:]))
            elif line.startswith("~"):
                question.wrong.append(unescape(line[1:]))
            else:
                raise AssertionError(f"unknown answer line {line!r}")
        questions.append(question)
    return questions
