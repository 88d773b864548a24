"""Bank fixtures: the test bank's path, a small base bank, and a factory writing into tmp_path."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

HARBOUR = Path(__file__).parent.parent / "data" / "harbour-strike.yaml"
GUIDE = Path(__file__).parent.parent.parent / "docs" / "bank-format.md"


def _anchor(heading: str) -> str:
    """The link anchor a Markdown renderer (GitHub's rule) gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


# The sections of the teacher's guide that error messages may point to.
DOCS_SECTIONS = frozenset(
    _anchor(line.lstrip("#"))
    for line in GUIDE.read_text(encoding="utf-8").splitlines()
    if re.match(r"^#{2,3} ", line)
)

WriteBank = Callable[..., Path]

# A small valid bank with every kind of cross-reference; test_loader breaks it line by line.
BASE = """\
title: Ferry returns to Kell
article:
  text: |
    The ferry Morna returned to Kell on 3 June.

    Captain Ida Roe said: "We sailed through the night."

    About 40 passengers were on board, the port office said.

    Westland welcomed the return.
actors:
  - id: roe
    name: Ida Roe
    kind: person
    role: the captain
  - id: port-office
    name: the port office
    kind: organisation
  - id: westland
    name: Westland
    kind: country
quotes:
  - id: roe-night
    speaker: roe
    words: We sailed through the night.
    cloze: [night]
    evidence: 'Captain Ida Roe said: "We sailed through the night."'
figures:
  - id: passengers
    value: 40
    qualifier: about
    unit: passengers
    measures: the number of passengers on board
    source: port-office
    evidence: About 40 passengers were on board, the port office said.
stances:
  - id: westland-welcomes
    actor: westland
    issue: the ferry's return
    position: for
    summary: It welcomed the return.
    evidence: Westland welcomed the return.
places:
  - id: kell
    name: Kell
    description: where the ferry returned
    country: westland
    evidence: The ferry Morna returned to Kell on 3 June.
events:
  - id: return
    what: the ferry returned
    when: 3 June
    actors: [roe]
    evidence: The ferry Morna returned to Kell on 3 June.
statements:
  - id: morna-returned
    topic: events
    text: The ferry Morna returned to Kell.
    false_variants: [The ferry Morna left Kell.]
    evidence: The ferry Morna returned to Kell on 3 June.
questions:
  - id: ship-name
    kind: multiple_choice
    topic: events
    prompt: What is the ferry called?
    choices: [Morna, Kell]
    answer: Morna
    evidence: The ferry Morna returned to Kell on 3 June.
"""


@pytest.fixture
def write_bank(tmp_path: Path) -> WriteBank:
    """Write bank text (or bytes) to tmp_path: write_bank(text, name='bank.yaml') -> its path."""

    def write(content: str | bytes, name: str = "bank.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
