"""Banks load off the request path, and a bank or folder that breaks leaves the old one served."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.bank import LoadedBank, load_bank, load_text
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import BankRevision
from tests.conftest import MINI_BANK, Actions, MakeUser

TITLE = "Dock workers strike as harbour queues grow"
EDITED = "Dockers strike as harbour queues grow"


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "BANK_RELOAD_SECONDS": 0.1}


def rewrite(path: Path, text: str) -> None:
    """Write a file and move its modification time on, as a later save would."""
    before = path.stat().st_mtime
    path.write_text(text, encoding="utf-8")
    os.utime(path, (before + 10, before + 10))


def retitle(questions_dir: Path) -> None:
    path = questions_dir / f"{MINI_BANK}.yaml"
    rewrite(path, path.read_text(encoding="utf-8").replace(TITLE, EDITED))


def served_title(client: FlaskClient) -> str:
    html = client.get("/").get_data(as_text=True)
    return EDITED if EDITED in html else TITLE if TITLE in html else "none"


def wait_for(condition: Any, seconds: float = 10.0) -> bool:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_an_edited_bank_is_served_within_seconds(client: FlaskClient, questions_dir: Path) -> None:
    assert served_title(client) == TITLE
    retitle(questions_dir)
    assert wait_for(lambda: served_title(client) == EDITED)


def test_pages_never_wait_for_a_bank_to_load(
    app: Flask, client: FlaskClient, questions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the background load of an edited bank is held up, pages serve the old version."""
    loading, release = threading.Event(), threading.Event()
    real_load = load_bank

    def slow_load(path: Path, label: str | None = None) -> LoadedBank:
        loading.set()
        release.wait(20)
        return real_load(path, label)

    assert served_title(client) == TITLE  # starts the watcher
    monkeypatch.setattr("quizapp.bank.registry.load_bank", slow_load)
    retitle(questions_dir)
    assert loading.wait(10), "the watcher started loading the edit"
    start = time.monotonic()
    for _ in range(5):
        assert served_title(client) == TITLE
        assert client.get(f"/articles/{MINI_BANK}").status_code == 200
    assert time.monotonic() - start < 5, "pages did not wait for the load"
    release.set()
    assert wait_for(lambda: served_title(client) == EDITED)
    with app.app_context():
        built = catalogue().questions(MINI_BANK)
        assert built, "questions are built with the bank, not on a page"
        assert all(q.bank == MINI_BANK for q in built)


def teacher_sees(client: FlaskClient, *texts: str) -> bool:
    html = client.get("/").get_data(as_text=True)
    return "Banks with errors" in html and all(text in html for text in texts)


@pytest.mark.parametrize(
    "damage",
    [
        # A disk that filled up mid-save leaves a cut-off file, or an empty one.
        lambda text: text[: len(text) // 3],
        lambda text: "",
    ],
    ids=["cut-off", "empty"],
)
def test_a_half_written_bank_leaves_the_old_one_in_service(
    client: FlaskClient,
    questions_dir: Path,
    make_user: MakeUser,
    damage: Any,
) -> None:
    make_user("mr-t", teacher=True)
    Actions(client).login("mr-t")
    path = questions_dir / f"{MINI_BANK}.yaml"
    rewrite(path, damage(path.read_text(encoding="utf-8")))
    assert wait_for(lambda: teacher_sees(client, f"{MINI_BANK}.yaml:"))
    assert served_title(client) == TITLE
    assert client.get(f"/articles/{MINI_BANK}").status_code == 200


def test_an_unreadable_bank_file_leaves_the_old_one_in_service(
    client: FlaskClient, questions_dir: Path, make_user: MakeUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root here, where chmod cannot take reading away: refuse it at the call.
    path = questions_dir / f"{MINI_BANK}.yaml"
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    make_user("mr-t", teacher=True)
    Actions(client).login("mr-t")
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    retitle(questions_dir)
    assert wait_for(lambda: teacher_sees(client, "cannot read the file (Permission denied)"))
    assert served_title(client) == TITLE


def test_an_unreadable_folder_leaves_every_bank_in_service(
    client: FlaskClient, questions_dir: Path, make_user: MakeUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path) == questions_dir:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    make_user("mr-t", teacher=True)
    Actions(client).login("mr-t")
    monkeypatch.setattr(os, "scandir", scandir)
    assert wait_for(lambda: teacher_sees(client, "cannot read the folder (Permission denied)"))
    assert served_title(client) == TITLE
    monkeypatch.undo()
    assert wait_for(lambda: not teacher_sees(client))


def test_a_vanished_folder_leaves_every_bank_in_service(
    app: Flask, questions_dir: Path, tmp_path: Path
) -> None:
    with app.app_context():
        questions_dir.rename(tmp_path / "moved")
        catalogue().refresh()
        assert catalogue().bank(MINI_BANK) is not None
        [error] = next(iter(catalogue().registry.errors.values()))
        assert error.reason == "folder not found"


def insert_revision(app: Flask, yaml_text: str, number: int) -> None:
    """A revision saved by another app server: in the database, not in this folder."""
    with app.app_context():
        loaded = load_text(yaml_text, "", MINI_BANK)
        db.session.add(
            BankRevision(
                bank_slug=MINI_BANK, number=number, yaml_text=yaml_text,
                article_text=loaded.article_text, digest=loaded.digest, message="elsewhere",
            )
        )  # fmt: skip
        db.session.commit()


def revisions_of(app: Flask) -> list[tuple[int, int | None, str]]:
    with app.app_context():
        rows = db.session.scalars(select(BankRevision).order_by(BankRevision.number))
        return [(r.number, r.author_id, r.message) for r in rows]


def test_the_folders_banks_become_revisions_by_file(app: Flask, client: FlaskClient) -> None:
    assert served_title(client) == TITLE  # starts the watcher
    assert wait_for(lambda: revisions_of(app) == [(1, None, "from the questions folder")])


def test_a_revision_saved_on_another_server_is_served_and_written_here(
    app: Flask, client: FlaskClient, questions_dir: Path
) -> None:
    assert served_title(client) == TITLE
    assert wait_for(lambda: len(revisions_of(app)) == 1)
    path = questions_dir / f"{MINI_BANK}.yaml"
    insert_revision(app, path.read_text(encoding="utf-8").replace(TITLE, EDITED), 2)
    assert wait_for(lambda: served_title(client) == EDITED)
    # This server's copy of the file was out of date, not edited: it is brought up to date.
    assert wait_for(lambda: EDITED in path.read_text(encoding="utf-8"))
    assert [number for number, _, _ in revisions_of(app)] == [1, 2]


def test_a_file_edited_on_disk_becomes_a_new_revision_by_file(
    app: Flask, client: FlaskClient, questions_dir: Path
) -> None:
    assert served_title(client) == TITLE
    assert wait_for(lambda: len(revisions_of(app)) == 1)
    retitle(questions_dir)
    assert wait_for(lambda: revisions_of(app)[-1] == (2, None, "edited on disk"))
    assert wait_for(lambda: served_title(client) == EDITED)


def test_an_invalid_revision_never_replaces_the_valid_one(
    app: Flask, client: FlaskClient, questions_dir: Path
) -> None:
    assert served_title(client) == TITLE
    assert wait_for(lambda: len(revisions_of(app)) == 1)
    with app.app_context():
        db.session.add(
            BankRevision(
                bank_slug=MINI_BANK, number=2, yaml_text="title: [broken", article_text="",
                digest="x" * 64,
            )
        )  # fmt: skip
        db.session.commit()
        assert wait_for(lambda: MINI_BANK in catalogue().errors())
    assert served_title(client) == TITLE
