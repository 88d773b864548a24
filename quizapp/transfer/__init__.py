"""Banks in and out of the app: exports to other tools' formats, imports from them (pure).

Exporters take a loaded bank and its built questions and return an `Export` (bytes, file
name, media type); importers take uploaded text and return a bank's YAML and article text,
or raise `BankInvalid` with errors located in the uploaded file. No Flask, no database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quizapp.bank import LoadedBank
from quizapp.builder import Question

from .anki import to_anki
from .bundle import BankChanged, to_bundle
from .formats import Export
from .gift import to_gift
from .printable import to_answer_key, to_print
from .qti import to_qti
from .quizlet import to_quizlet

Exporter = Callable[..., Export]


@dataclass(frozen=True)
class ExportFormat:
    """One way out: a name for addresses and the CLI, a label and what it is for."""

    name: str
    label: str
    description: str
    export: Exporter
    printable: bool = False

    def run(
        self, loaded: LoadedBank, questions: Sequence[Question], stylesheet_url: str | None = None
    ) -> Export:
        """The export; a printable page links `stylesheet_url`, or carries its style inline."""
        if self.printable:
            return self.export(loaded, questions, stylesheet_url)
        return self.export(loaded, questions)


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "yaml",
            "Bank files (zip)",
            "The YAML bank and its article text, to edit or back up.",
            to_bundle,
        ),
        ExportFormat(
            "anki",
            "Anki deck (.apkg)",
            "One card per question, the evidence on the back; importing again updates cards.",
            to_anki,
        ),
        ExportFormat(
            "gift",
            "Moodle (GIFT)",
            "Moodle's question import: Question bank → Import → GIFT.",
            to_gift,
        ),
        ExportFormat(
            "qti",
            "Canvas (QTI 1.2 zip)",
            "Canvas: Settings → Import course content → QTI .zip file.",
            to_qti,
        ),
        ExportFormat(
            "quizlet",
            "Quizlet (tab-separated)",
            "Term and definition per line: paste into Quizlet's Import box.",
            to_quizlet,
        ),
        ExportFormat(
            "print",
            "Printable quiz",
            "Numbered questions to print for a class.",
            to_print,
            printable=True,
        ),
        ExportFormat(
            "answer-key",
            "Printable answer key",
            "The answers, numbered as the printed quiz, with their evidence.",
            to_answer_key,
            printable=True,
        ),
    )
}

__all__ = ["FORMATS", "BankChanged", "Export", "ExportFormat", "Exporter"]
