"""A valid bank with thousands of facts, to measure what a large bank costs the app.

`python -m bench.large_bank FOLDER [FACTS]` writes FOLDER/large.yaml and its article
FOLDER/large.txt (one sentence per quote, grouped into paragraphs).
"""

from __future__ import annotations

import sys
from pathlib import Path

SPEAKERS = 20


def write_large_bank(folder: Path, facts: int = 3400, slug: str = "large") -> Path:
    """Write a bank of `facts` quotes (each grounded in its own sentence); return its path."""
    sentences = [
        f'Speaker {n % SPEAKERS} said: "Harbour plan {n} needs crane {n} and dock {n}."'
        for n in range(facts)
    ]
    paragraphs = [" ".join(sentences[i : i + 10]) for i in range(0, facts, 10)]
    article = "A large invented article\n\n" + "\n\n".join(paragraphs) + "\n"
    (folder / f"{slug}.txt").write_text(article, encoding="utf-8")
    lines = [
        "title: A large invented article",
        "source: The Example Times",
        "published: 2024-05-02",
        "article:",
        f"  file: {slug}.txt",
        "actors:",
    ]
    for s in range(SPEAKERS):
        lines += [f"  - {{id: s{s}, name: Speaker {s}, kind: person}}"]
    lines.append("quotes:")
    for n in range(facts):
        lines += [
            f"  - id: q{n}",
            f"    speaker: s{n % SPEAKERS}",
            f"    words: Harbour plan {n} needs crane {n} and dock {n}.",
            f"    evidence: 'Speaker {n % SPEAKERS} said: \"Harbour plan {n} needs crane {n}",
        ]
        lines[-1] += " and dock {n}.\"'".replace("{n}", str(n))
    path = folder / f"{slug}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3400
    print(write_large_bank(Path(sys.argv[1]), count))
