"""The builder's output, pinned: a faster build must ask exactly the same questions.

The fixture holds a digest of every built question's `to_dict()` and of every skip, per bank
and seed, recorded before the builder was made fast (issue 14). A change that means to alter
questions re-records it: `python -m tests.builder.test_same_output`.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

import pytest

from bench.large_bank import write_large_bank
from quizapp.bank import LoadedBank, load_bank
from quizapp.builder import build_with_skips

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURE = Path(__file__).parent / "data" / "built-digests.json"
BANKS = {
    "seed": ROOT / "questions" / "russians-flee-call-up.yaml",
    "harbour": ROOT / "tests" / "data" / "harbour-strike.yaml",
}
SEEDS = (0, 7)
LARGE_FACTS = 120


def _digest(data: object) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def digests(loaded: LoadedBank, seed: int) -> dict[str, str]:
    """Question id -> digest of the question, and 'skip:<n>' -> digest of each skip, in order."""
    built, skipped = build_with_skips(loaded, seed)
    found = {f"{n}:{q.id}": _digest(q.to_dict()) for n, q in enumerate(built)}
    found |= {f"skip:{n}": _digest([s.fact, s.template, s.reason]) for n, s in enumerate(skipped)}
    return found


def _banks(folder: Path) -> dict[str, LoadedBank]:
    loaded = {name: load_bank(path) for name, path in BANKS.items()}
    loaded["large"] = load_bank(write_large_bank(folder, LARGE_FACTS))
    return loaded


def record() -> dict[str, dict[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        return {
            f"{name}@{seed}": digests(loaded, seed)
            for name, loaded in _banks(Path(folder)).items()
            for seed in SEEDS
        }


@pytest.fixture(scope="module")
def pinned() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def loaded_banks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, LoadedBank]:
    return _banks(tmp_path_factory.mktemp("large"))


@pytest.mark.parametrize("name", [*BANKS, "large"])
@pytest.mark.parametrize("seed", SEEDS)
def test_questions_are_the_pinned_ones(
    name: str, seed: int, pinned: dict[str, dict[str, str]], loaded_banks: dict[str, LoadedBank]
) -> None:
    expected = pinned[f"{name}@{seed}"]
    found = digests(loaded_banks[name], seed)
    assert len(found) > 20  # the banks build enough questions to pin something
    changed = sorted(
        key for key in expected.keys() | found.keys() if expected.get(key) != found.get(key)
    )
    assert not changed, f"{len(changed)} questions or skips differ, first: {changed[:5]}"


def test_many_banks_in_turn_keep_their_own_questions(harbour: LoadedBank) -> None:
    """The builder keeps what it works out per bank for a few banks: more than that, built in
    turn and again, still give each bank its own questions."""
    seed_bank = load_bank(BANKS["seed"])
    first = digests(seed_bank, 0)
    for _ in range(10):
        digests(load_bank(BANKS["harbour"]), 0)
    assert digests(seed_bank, 0) == first
    assert digests(harbour, 0) != first


if __name__ == "__main__":
    FIXTURE.write_text(json.dumps(record(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(FIXTURE, file=sys.stderr)
