"""Transfer fixtures: the test bank and the seed bank, loaded and built, and a GIFT reader."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from quizapp.bank import LoadedBank, load_bank
from quizapp.builder import Question, build_questions
from tests.conftest import DATA, MINI_BANK, PROJECT, SEED_BANK


@dataclass(frozen=True)
class Built:
    loaded: LoadedBank
    questions: list[Question]


@pytest.fixture(scope="session")
def mini() -> Built:
    """The small test bank (an inline article): one question of every kind."""
    loaded = load_bank(DATA / f"{MINI_BANK}.yaml")
    return Built(loaded, build_questions(loaded, 2022))


@pytest.fixture(scope="session")
def seed() -> Built:
    """The seed bank (an article file next to it), for size and real-world text."""
    loaded = load_bank(PROJECT / "questions" / f"{SEED_BANK}.yaml")
    return Built(loaded, build_questions(loaded, 2022))


@pytest.fixture(params=["mini", "seed"])
def built(request: pytest.FixtureRequest) -> Built:
    found: Built = request.getfixturevalue(request.param)
    return found
