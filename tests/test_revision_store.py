"""A refresh racing a save never writes the older revision over the saved file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from quizapp.bank import BankRegistry, LoadedBank
from quizapp.bank.files import write_bank_files
from quizapp.revision_store import RevisionStore
from tests.conftest import MINI_BANK

from .test_catalogue import EDITED, TITLE, insert_revision, retitle


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "BANK_RELOAD_SECONDS": 0}  # no watcher: this test refreshes


def test_a_revision_saved_during_a_refresh_is_not_undone_on_disk(
    app: Flask, questions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RevisionStore.for_url(app.config["SQLALCHEMY_DATABASE_URI"])
    assert store is not None
    registry = BankRegistry(questions_dir)
    written: list[str] = []

    def write_back(folder: Path, loaded: LoadedBank) -> None:
        written.append(loaded.bank.title)
        write_bank_files(folder, loaded)

    registry.refresh()
    store.sync(registry, write_back)
    assert store.revision_of(MINI_BANK) == 1

    # A teacher's save writes the file, then commits its revision. This refresh read the
    # newest numbers before that commit and looks the file up after it.
    retitle(questions_dir)
    registry.refresh()
    record_file = store._record_file

    def save_commits_meanwhile(slug: str, loaded: LoadedBank, newest: int | None) -> bool:
        insert_revision(app, loaded.yaml_text, 2)
        return record_file(slug, loaded, newest)

    monkeypatch.setattr(store, "_record_file", save_commits_meanwhile)
    served = store.sync(registry, write_back)
    monkeypatch.undo()

    path = questions_dir / f"{MINI_BANK}.yaml"
    assert written == [], "the older revision was written over the saved file"
    assert EDITED in path.read_text(encoding="utf-8")
    assert served[MINI_BANK].bank.title == TITLE  # this round had not seen revision 2 yet
    registry.refresh()
    assert store.sync(registry, write_back)[MINI_BANK].bank.title == EDITED
    assert store.revision_of(MINI_BANK) == 2
    assert written == []
