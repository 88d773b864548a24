"""The teacher's guide: its complete example is a valid bank, and errors link to its sections."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizapp.bank import BankInvalid, load_bank
from tests.bank.conftest import BASE, DOCS_SECTIONS, GUIDE


def _example() -> tuple[str, str, int]:
    """The article, the bank and the fact count of the guide's complete example."""
    guide = GUIDE.read_text(encoding="utf-8")
    section = guide.split("## A complete small example", 1)[1].split("\n## ", 1)[0]
    article = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    bank = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    count = re.search(r"ok \((\d+) facts\)", section)
    assert article is not None, "the example lost its article"
    assert bank is not None, "the example lost its bank"
    assert count is not None, "the example lost its fact count"
    return article.group(1), bank.group(1), int(count.group(1))


def test_the_complete_example_is_a_valid_bank(tmp_path: Path) -> None:
    article, bank, count = _example()
    (tmp_path / "bridge-reopens.txt").write_text(article, encoding="utf-8")
    (tmp_path / "bridge-reopens.yaml").write_text(bank, encoding="utf-8")
    loaded = load_bank(tmp_path / "bridge-reopens.yaml")
    assert len(loaded.bank.facts()) == count
    assert loaded.article.paragraphs[0] == loaded.bank.title


def test_the_complete_example_shows_each_annotation() -> None:
    _, bank, _ = _example()
    for key in ("qualifier:", "value_max:", "part_of:", "attribution:", "reported: true",
                "planned: true", "aliases:", "false_variants:", "cloze:",
                "cloze_accepts:"):  # fmt: skip
        assert key in bank


def test_the_sections_errors_link_to_exist() -> None:
    assert {"yaml-tips", "evidence", "attribution", "qualifiers-and-ranges", "how-many-facts",
            "quotation-marks", "fill-in-the-blank-words", "ids", "actors", "figures",
            "the-article-text-file", "the-skeleton", "safety-limits"} <= DOCS_SECTIONS  # fmt: skip


def test_links_inside_the_guide_point_at_its_sections() -> None:
    links = re.findall(r"\]\(#([a-z0-9-]+)\)", GUIDE.read_text(encoding="utf-8"))
    assert links
    assert set(links) <= DOCS_SECTIONS


@pytest.mark.parametrize(
    "broken",
    [
        BASE.replace("speaker: roe", "speaker: rose"),
        BASE.replace("title: Ferry", "title: 'Ferry's"),
        BASE.replace("evidence: Westland", "evidence: Eastland"),
    ],
)
def test_printed_errors_link_to_the_guide(broken: str, tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(BankInvalid) as caught:
        load_bank(path)
    for line in str(caught.value).splitlines():
        anchor = re.search(r"\(see docs/bank-format\.md#([a-z0-9-]+)\)$", line)
        assert anchor is not None, line
        assert anchor.group(1) in DOCS_SECTIONS, line
