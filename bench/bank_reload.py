"""How long pages wait while a large bank changes: `python -m bench.bank_reload [FACTS]`.

Serves the app in-process with the seed bank and a generated large bank (bench.large_bank), then
rewrites the large bank and times an article page every 50 ms while the app picks the change
up. Prints the load time of the bank and the slowest and median page times.

The large bank's questions are not built here: the builder alone needs about 8 minutes for 3,400
quotes today (its distractor search is quadratic), which is the builder's own problem; this
measures what loading a bank costs the pages.

Recorded 2026-12-01 on the shared 2-core machine (busy with other jobs), 3,400 facts:
- before (requests refreshed the banks): the load took 23 s and the first page after the edit
  took 24.7 s; median page 18.6 ms.
- after (a background thread loads): the load took 18-28 s; no page waited for it: slowest page
  0.52 s, median 30 ms while the thread loaded (both compete for the interpreter), and the
  edit was served 31 s after it was saved.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from quizapp import create_app
from quizapp.bank import LoadedBank, load_bank
from quizapp.builder import Question, build_questions
from quizapp.extensions import db

from .large_bank import write_large_bank

ROOT = Path(__file__).resolve().parent.parent


def _build_small_banks(loaded: LoadedBank, seed: int = 0) -> list[Question]:
    return [] if loaded.slug == "large" else build_questions(loaded, seed)


@mock.patch("quizapp.catalogue.build_questions", _build_small_banks)
def main(facts: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "questions"
        folder.mkdir()
        shutil.copy(ROOT / "questions" / "russians-flee-call-up.yaml", folder)
        shutil.copy(ROOT / "questions" / "russians-flee-call-up.txt", folder)
        path = write_large_bank(folder, facts)
        start = time.perf_counter()
        loaded = load_bank(path)
        loaded_in = time.perf_counter() - start
        print(f"{len(loaded.bank.facts())} facts: load, validate and ground {loaded_in:.2f} s")

        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.db", "QUESTIONS_DIR": str(folder)}
        )
        with app.app_context():
            db.create_all()
        client = app.test_client()
        client.get("/")
        # Rewrite the bank as an edit would: same facts, one title changed, a later mtime.
        text = path.read_text(encoding="utf-8").replace("title: A large", "title: An edited large")
        path.write_text(text, encoding="utf-8")
        later = time.time() + 5
        os.utime(path, (later, later))
        samples = []
        edited = False
        edited_at = time.perf_counter()
        until = edited_at + 300
        while not edited and time.perf_counter() < until:
            begin = time.perf_counter()
            page = client.get("/articles/large")
            samples.append(time.perf_counter() - begin)
            assert page.status_code == 200
            edited = "An edited large" in page.get_data(as_text=True)
            time.sleep(0.05)
        served_after = time.perf_counter() - edited_at
        print(
            f"article page, {len(samples)} requests until the edit was served "
            f"({'after' if edited else 'not within'} {served_after:.1f} s): slowest "
            f"{max(samples) * 1000:.0f} ms, median {statistics.median(samples) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3400)
