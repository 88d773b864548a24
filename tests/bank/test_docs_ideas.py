"""The guide's examples of facts beyond recall are valid additions to its complete example."""

from __future__ import annotations

import re
from pathlib import Path

from quizapp.bank import load_bank
from quizapp.bank.ideas import IDEA_MODELS
from quizapp.builder import build_questions
from tests.bank.conftest import GUIDE
from tests.bank.test_docs import _example


def test_each_example_section_loads_with_the_complete_example(tmp_path: Path) -> None:
    article, bank, _ = _example()
    guide = GUIDE.read_text(encoding="utf-8")
    keys = "|".join(["sections", *IDEA_MODELS])
    blocks = re.findall(rf"```yaml\n((?:{keys}):\n.*?)```", guide, re.DOTALL)
    assert {block.split(":", 1)[0] for block in blocks} == {"sections", *IDEA_MODELS}
    (tmp_path / "bridge-reopens.txt").write_text(article, encoding="utf-8")
    path = tmp_path / "bridge-reopens.yaml"
    path.write_text(bank + "\n" + "\n".join(blocks), encoding="utf-8")
    loaded = load_bank(path)
    skills = {q.skill for q in build_questions(loaded)}
    assert {"vocabulary", "inference", "cause-effect", "main-idea", "purpose", "structure",
            "reliability", "evidence"} <= skills  # fmt: skip
