"""Facts about words, reasons and ideas: located errors for what only the article can check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quizapp.bank import BankInvalid, load_bank
from quizapp.bank.ideas import Section
from tests.conftest import PROJECT, SEED_BANK

SEED = PROJECT / "questions" / f"{SEED_BANK}.yaml"


def _edited(tmp_path: Path, old: str, new: str) -> BankInvalid:
    """The seed bank with one edit, which must make it invalid."""
    shutil.copy(SEED.with_suffix(".txt"), tmp_path / SEED.with_suffix(".txt").name)
    text = SEED.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / SEED.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(BankInvalid) as caught:
        load_bank(path)
    return caught.value


def _line_of(start: str) -> int:
    """The number of the seed bank's first line that starts with this text."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(start))


@pytest.mark.parametrize(
    ("old", "new", "reason", "see"),
    [
        (
            "    word: exodus",
            "    word: exoduses",
            "the word 'exoduses' is not a whole word of its evidence",
            "vocabulary",
        ),
        (
            "    signal: since",
            "    signal: because",
            "the signal word 'because' is not a whole word of the evidence",
            "causes",
        ),
        (
            "    signal: However",
            "    signal: Yet",
            "the signal word 'Yet' is not a whole word of the evidence",
            "structures",
        ),
        (
            "    section: sec-europe\n    idea:",
            "    section: sec-europpe\n    idea:",
            "unknown section 'sec-europpe' (did you mean 'sec-europe'?)",
            "sections",
        ),
        (
            "    about: [border-closure,",
            "    about: [border-closur,",
            "unknown fact 'border-closur' (did you mean 'border-closure'?)",
            "reliability",
        ),
        (
            "      - the second book of the Bible",
            "      - the departure of a great many people at the same time",
            "this wrong option repeats the right answer",
            "wrong-options",
        ),
        (
            "      - Georgia has stopped letting Russians in.",
            "      - None of the Russians in Georgia arrived before the call-up.",
            "this wrong option repeats another wrong option",
            "wrong-options",
        ),
        ("    last: 19", "    last: 20", "last: the article has 19 paragraphs, not 20", "sections"),
        ("    first: 8", "    first: 7", "the section overlaps section 'sec-borders'", "sections"),
    ],
)
def test_a_broken_fact_is_reported_where_it_is(
    tmp_path: Path, old: str, new: str, reason: str, see: str
) -> None:
    error = _edited(tmp_path, old, new)
    [found] = [e for e in error.errors if e.reason == reason]
    assert found.see == see
    assert found.line == _line_of(old.splitlines()[0])


def test_evidence_outside_its_section_names_the_paragraph(tmp_path: Path) -> None:
    # The Europe section's main idea, with evidence from the first section.
    old = (
        "    idea: European countries disagree over whether to help the Russian men fleeing "
        "the call-up."
    )
    text = SEED.read_text(encoding="utf-8")
    start = text.index(old)
    evidence = text.index("    evidence:", start)
    end = text.index("\n", evidence)
    block = text[start:end]
    moved = block.replace(
        text[evidence:end], "    evidence: It comes amid unconfirmed Russian media"
    )
    error = _edited(tmp_path, block, moved)
    reasons = [e.reason for e in error.errors]
    assert "the evidence is in paragraph 7, outside section 'sec-europe' (paragraphs 8–13)" in (
        reasons
    )


def test_further_evidence_of_an_inference_must_be_in_the_article(tmp_path: Path) -> None:
    old = (
        '      - "They include Lithuania, which borders Kaliningrad, a Russian Baltic Sea exclave."'
    )
    error = _edited(tmp_path, old, '      - "They include Latvia, which borders Kaliningrad."')
    [found] = [e for e in error.errors if e.see == "inferences"]
    assert found.reason.startswith("this sentence is not in the article (within one paragraph)")
    assert "'Latvia' where the article has 'Lithuania'" in found.reason


def test_a_second_main_idea_for_one_scope_is_refused(tmp_path: Path) -> None:
    error = _edited(tmp_path, "    section: sec-borders\n", "")
    [found] = [e for e in error.errors if e.see == "main-ideas"]
    assert found.reason.startswith("a second main idea for the whole article (the first is on")


def test_a_main_idea_needs_two_wrong_options(tmp_path: Path) -> None:
    old = "      - Lithuania borders Kaliningrad, a Russian exclave on the Baltic Sea.\n"
    text = SEED.read_text(encoding="utf-8")
    narrow = (
        "      - French senators say that Europe has a duty to help Russians fleeing the call-up.\n"
    )
    assert narrow in text
    shutil.copy(SEED.with_suffix(".txt"), tmp_path / SEED.with_suffix(".txt").name)
    path = tmp_path / SEED.name
    path.write_text(text.replace(old, "      []\n", 1).replace(narrow, "      []\n", 1))
    with pytest.raises(BankInvalid):
        load_bank(path)


def test_a_section_runs_forward() -> None:
    with pytest.raises(ValueError, match="last must not come before first"):
        Section(id="s", title="T", first=5, last=4)
    assert Section(id="s", title="T", first=8, last=13).label == "paragraphs 8–13"
    assert Section(id="s", title="T", first=8, last=8).indexes == range(7, 8)
