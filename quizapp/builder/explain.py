"""What the builder made of each fact: the questions built and those skipped, with why.

`quizapp bank validate --explain` prints this so a teacher sees why a fact gets fewer
questions than expected (a prompt that would give the answer away, too few fair choices).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.bank import LoadedBank

from . import build_with_skips
from .context import Skipped
from .question import Question


@dataclass(frozen=True)
class FactReport:
    """One fact's questions: built ones by template, skipped ones with the reason."""

    fact: str
    built: list[Question] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def explain(loaded: LoadedBank, seed: int = 0) -> list[FactReport]:
    """A report per fact of the bank, in bank order (actors with a role come last)."""
    questions, skipped = build_with_skips(loaded, seed)
    reports = {fact.id: FactReport(fact.id) for fact in loaded.bank.facts()}
    for question in questions:
        reports.setdefault(question.fact, FactReport(question.fact)).built.append(question)
    for skip in skipped:
        reports.setdefault(skip.fact, FactReport(skip.fact)).skipped.append(skip)
    return list(reports.values())


def explain_lines(loaded: LoadedBank, seed: int = 0) -> list[str]:
    """The report as text lines, one block per fact."""
    lines: list[str] = []
    for report in explain(loaded, seed):
        lines.append(f"{report.fact}: {len(report.built)} built, {len(report.skipped)} skipped")
        lines += [f"  + {q.template} ({q.kind}): {q.prompt}" for q in report.built]
        lines += [f"  - {s.template}: {s.reason}" for s in report.skipped]
    return lines
