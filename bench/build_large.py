"""How long the builder takes on a large bank: `python -m bench.build_large [FACTS ...]`.

Writes generated banks of each size, loads them, then times `build_questions` alone (the load
is printed apart: it is the loader's cost, not the builder's). Two banks: bench.large_bank
(quotes by 20 speakers, the bank that took minutes) and a mixed one (quotes, figures, stances,
places, events), so every template's lookups are measured. Figures are in bench/RESULTS.md.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from quizapp.bank import load_bank
from quizapp.builder import build_questions

from .large_bank import write_large_bank

PEOPLE, COUNTRIES, SOURCES, ISSUES, DATES = 20, 10, 6, 40, 28


def write_mixed_bank(folder: Path, facts: int) -> Path:
    """A valid bank of about `facts` facts of every section, each grounded in its own sentence."""
    actors = [{"id": f"p{n}", "name": f"Person {n}", "kind": "person"} for n in range(PEOPLE)]
    actors += [{"id": f"c{n}", "name": f"Country {n}", "kind": "country"} for n in range(COUNTRIES)]
    actors += [
        {"id": f"o{n}", "name": f"Source {n}", "kind": "media" if n % 2 else "organisation"}
        for n in range(SOURCES)
    ]
    share = facts // 10
    bank: dict[str, list[dict[str, object]]] = {"quotes": [], "figures": [], "stances": []}
    bank |= {"places": [], "events": []}
    for n in range(4 * share):
        words = f"Harbour plan {n} needs crane {n} and dock {n}."
        evidence = f'Person {n % PEOPLE} said: "{words}"'
        bank["quotes"].append({"id": f"q{n}", "speaker": f"p{n % PEOPLE}", "words": words,
                               "evidence": evidence})  # fmt: skip
    for n in range(2 * share):
        value = 7 * n + 3
        bank["figures"].append({
            "id": f"f{n}", "value": value, "unit": ["ships", "cranes", "hours"][n % 3],
            "measures": f"the count at dock {n}", "source": f"o{n % SOURCES}",
            "evidence": f"Dock {n} counted {value:,} of them, Source {n % SOURCES} said.",
        })  # fmt: skip
    for n in range(2 * share):
        summary = f"Plan {n} is {'good' if n % 2 else 'bad'}."
        bank["stances"].append({
            "id": f"s{n}", "actor": f"c{n % COUNTRIES}", "issue": f"issue {n % ISSUES}",
            "position": "for" if n % 2 else "against", "summary": summary,
            "evidence": f"Country {n % COUNTRIES} said of issue {n % ISSUES}: {summary}",
        })  # fmt: skip
    for n in range(share):
        description = f"the town with pier {n}"
        bank["places"].append({"id": f"t{n}", "name": f"Town {n}", "description": description,
                               "evidence": f"Town {n} is {description}."})  # fmt: skip
    for n in range(share):
        when = f"{n % DATES + 1} May"
        bank["events"].append({
            "id": f"e{n}", "what": f"meeting {n} took place", "when": when,
            "where": f"Town {n}", "evidence": f"Meeting {n} took place on {when} in Town {n}.",
        })  # fmt: skip
    sentences = [str(fact["evidence"]) for section in bank.values() for fact in section]
    paragraphs = [" ".join(sentences[i : i + 10]) for i in range(0, len(sentences), 10)]
    article = "\n\n".join(["A large mixed article", *paragraphs])
    data = {"title": "A large mixed article", "article": {"text": article}, "actors": actors}
    path = folder / "mixed.yaml"
    path.write_text(json.dumps(data | bank), encoding="utf-8")
    return path


def measure(facts: int, mixed: bool = False) -> tuple[float, float, int]:
    """Seconds to load and to build a generated bank of `facts` facts, and its question count."""
    with tempfile.TemporaryDirectory() as folder:
        write = write_mixed_bank if mixed else write_large_bank
        path = write(Path(folder), facts)
        start = time.perf_counter()
        loaded = load_bank(path)
        loaded_at = time.perf_counter()
        questions = build_questions(loaded)
        built_at = time.perf_counter()
    return loaded_at - start, built_at - loaded_at, len(questions)


def main(sizes: list[int]) -> None:
    print("| bank | facts | questions | load | build |")
    print("|---|---|---|---|---|")
    for mixed in (False, True):
        for facts in sizes:
            load, build, count = measure(facts, mixed)
            name = "mixed" if mixed else "quotes"
            print(f"| {name} | {facts:,} | {count:,} | {load:.1f} s | {build:.2f} s |", flush=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [500, 1000, 2000])
