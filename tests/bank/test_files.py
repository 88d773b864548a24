"""Writing a bank's files: only its own YAML and its own article file, inside the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.bank import load_text
from quizapp.bank.files import UnsafeName, write_bank_files

ARTICLE = "Sailing\n\nWe sail at dawn.\n"


def test_a_bank_writes_its_yaml_and_its_own_article(tmp_path: Path) -> None:
    loaded = load_text("title: Sailing\narticle:\n  file: sailing.txt\n", ARTICLE, "sailing")
    write_bank_files(tmp_path, loaded)
    assert (tmp_path / "sailing.txt").read_text() == ARTICLE
    assert (tmp_path / "sailing.yaml").read_text().startswith("title: Sailing")


def test_an_article_file_of_another_name_is_never_written(tmp_path: Path) -> None:
    # A bank on disk may read "story.txt"; written back, that name could be another bank's.
    loaded = load_text("title: Sailing\narticle:\n  file: other.yaml\n", ARTICLE, "sailing")
    (tmp_path / "other.yaml").write_text("title: Other\n")
    with pytest.raises(UnsafeName, match="not this bank's article file"):
        write_bank_files(tmp_path, loaded)
    assert (tmp_path / "other.yaml").read_text() == "title: Other\n"
    assert not (tmp_path / "sailing.yaml").exists()
