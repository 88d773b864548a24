"""A printable quiz, and its answer key as a separate page: plain HTML, numbered, no script.

Rendered with Jinja (autoescaped) outside Flask, so the CLI writes the same pages. In the app
the page links the print stylesheet; a file written for use offline carries it inline.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from string import ascii_uppercase

from jinja2 import Environment, FileSystemLoader, select_autoescape

from quizapp.bank import LoadedBank
from quizapp.builder import Question
from quizapp.config import PROJECT_ROOT

from .formats import Export, exported_questions, filename

STYLESHEET = PROJECT_ROOT / "static" / "css" / "print.css"
_ENVIRONMENT = Environment(
    loader=FileSystemLoader(str(PROJECT_ROOT / "templates")),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _render(
    part: str, loaded: LoadedBank, questions: Sequence[Question], stylesheet_url: str | None
) -> str:
    template = _ENVIRONMENT.get_template("transfer/print.html")
    return template.render(
        part=part,
        bank=loaded.bank,
        questions=exported_questions(questions),
        letters=ascii_uppercase,
        stylesheet_url=stylesheet_url,
        stylesheet_text=None if stylesheet_url else Path(STYLESHEET).read_text(encoding="utf-8"),
    )


def to_print(
    loaded: LoadedBank, questions: Sequence[Question], stylesheet_url: str | None = None
) -> Export:
    """The quiz for students: numbered questions, choices lettered, space to answer."""
    page = _render("quiz", loaded, questions, stylesheet_url)
    return Export(page.encode(), filename(loaded, "-quiz.html"), "text/html")


def to_answer_key(
    loaded: LoadedBank, questions: Sequence[Question], stylesheet_url: str | None = None
) -> Export:
    """The answer key for the teacher, numbered as the quiz, with the evidence of each answer."""
    page = _render("key", loaded, questions, stylesheet_url)
    return Export(page.encode(), filename(loaded, "-answer-key.html"), "text/html")
