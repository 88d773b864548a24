"""How long the builder takes on a large bank: `python -m bench.build_large [FACTS ...]`.

Writes a generated bank of each size (bench.large_bank: quotes by 20 speakers), loads it, then
times `build_questions` alone (the load is printed apart: it is the loader's cost, not the
builder's). Figures are in bench/RESULTS.md.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from quizapp.bank import load_bank
from quizapp.builder import build_questions

from .large_bank import write_large_bank


def measure(facts: int) -> tuple[float, float, int]:
    """Seconds to load and to build a generated bank of `facts` quotes, and its question count."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_large_bank(Path(folder), facts)
        start = time.perf_counter()
        loaded = load_bank(path)
        loaded_at = time.perf_counter()
        questions = build_questions(loaded)
        built_at = time.perf_counter()
    return loaded_at - start, built_at - loaded_at, len(questions)


def main(sizes: list[int]) -> None:
    print("| facts | questions | load | build |")
    print("|---|---|---|---|")
    for facts in sizes:
        load, build, count = measure(facts)
        print(f"| {facts:,} | {count:,} | {load:.1f} s | {build:.2f} s |", flush=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [500, 1000, 2000])
