"""Benchmarks: bank loading, question building, grading, refusing hostile files, page cycles.

Run with `make bench`; it prints a Markdown table. Recorded figures are in bench/RESULTS.md.
"""

from __future__ import annotations

import functools
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from quizapp.bank import BankInvalid, load_bank
from quizapp.builder import build_questions
from quizapp.grading import grade

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "questions" / "russians-flee-call-up.yaml"


def timed(label: str, action: Callable[[], object], repeat: int) -> tuple[str, str]:
    """Median wall time of repeated runs, after one warm-up run."""
    action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    median = statistics.median(samples)
    return label, f"{median * 1000:.2f} ms (median of {repeat})"


def refused(path: Path) -> None:
    try:
        load_bank(path)
    except BankInvalid:
        return
    raise AssertionError(f"{path} was accepted")


def hostile_files(folder: Path) -> dict[str, Path]:
    laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        previous = ",".join([f"*a{level - 1}"] * 9)
        laughs.append(f"a{level}: &a{level} [{previous}]")
    files = {
        "billion laughs (9 levels of aliases)": "\n".join(laughs) + "\n",
        "1.5 MB file": "title: x\n" + "# padding\n" * 150_000,
        "nesting 10,000 deep": "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
    }
    paths: dict[str, Path] = {}
    for label, text in files.items():
        path = folder / f"{len(paths)}.yaml"
        path.write_text(text)
        paths[label] = path
    return paths


def main() -> None:
    rows: list[tuple[str, str]] = []
    loaded = load_bank(SEED)
    questions = build_questions(loaded, seed=1)
    rows.append(("seed bank", f"{len(loaded.bank.facts())} facts, {len(questions)} questions"))
    rows.append(timed("load + validate + ground the seed bank", lambda: load_bank(SEED), 30))
    rows.append(timed("build every question of the seed bank", lambda: build_questions(loaded), 30))
    typed = [q for q in questions if q.kind in ("short_answer", "cloze")]
    rows.append(
        timed(
            f"grade {len(typed)} typed answers with a typo",
            lambda: [grade(q, q.answer[:-1] + "x") for q in typed],
            30,
        )
    )
    tracemalloc.start()
    build_questions(load_bank(SEED), seed=2)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rows.append(("peak memory: load + build the seed bank", f"{peak / 1_000_000:.1f} MB"))
    with tempfile.TemporaryDirectory() as folder:
        for label, path in hostile_files(Path(folder)).items():
            rows.append(timed(f"refuse {label}", functools.partial(refused, path), 5))
    print("| measure | result |\n|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()
