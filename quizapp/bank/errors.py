"""Located bank errors: what went wrong, and where in which file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class BankError:
    """One problem in a bank file; line and column are 1-based (0 when unknown)."""

    path: str
    line: int
    column: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.reason}"


class BankInvalid(Exception):
    """A bank that must not be put into service, with every problem found."""

    def __init__(self, errors: list[BankError]) -> None:
        self.errors = sorted(errors)
        super().__init__("\n".join(str(error) for error in self.errors))
