"""The gradebook's CSV: a byte-order mark, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

import pytest

from quizapp.gradebook import csv_text, neutralise


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_could_be_a_formula_gets_an_apostrophe(start: str) -> None:
    assert neutralise(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("safe", ["Ana", "90", "", " =not first", "'quoted"])
def test_other_cells_are_left_alone(safe: str) -> None:
    assert neutralise(safe) == safe


def test_the_text_starts_with_a_bom_and_reads_back() -> None:
    text = csv_text(["Student", "=cmd"], [["Zoë", "-5"], ["Bo", ""]])
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text[1:], newline=""))) == [
        ["Student", "'=cmd"],
        ["Zoë", "'-5"],
        ["Bo", ""],
    ]
