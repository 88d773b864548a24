"""Located bank errors: what went wrong, where in which file, and which docs section explains it."""

from __future__ import annotations

from dataclasses import dataclass

# The teacher's guide; `see` names one of its sections (the anchor of a `##` heading).
DOCS = "docs/bank-format.md"
# The section of the guide about each part of a bank.
SECTION_DOCS = {
    "article": "the-article-text-file",
    "actors": "actors",
    "quotes": "quotes",
    "figures": "figures",
    "stances": "stances",
    "places": "places",
    "events": "events",
    "statements": "statements",
    "questions": "hand-written-questions",
}


@dataclass(frozen=True, order=True)
class BankError:
    """One problem in a bank file; line and column are 1-based (0 when unknown)."""

    path: str
    line: int
    column: int
    reason: str
    see: str = ""

    def __str__(self) -> str:
        link = f" (see {DOCS}#{self.see})" if self.see else ""
        return f"{self.path}:{self.line}:{self.column}: {self.reason}{link}"


class BankInvalid(Exception):
    """A bank that must not be put into service, with every problem found."""

    def __init__(self, errors: list[BankError]) -> None:
        self.errors = sorted(errors)
        super().__init__("\n".join(str(error) for error in self.errors))
