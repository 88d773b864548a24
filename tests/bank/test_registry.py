"""BankRegistry: only valid banks are served, and a broken edit keeps the last good version."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from quizapp.bank import BankRegistry
from quizapp.bank.files import atomic_write
from tests.bank.conftest import HARBOUR

SLUG = "harbour-strike"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "questions"
    folder.mkdir()
    shutil.copy(HARBOUR, folder)
    return folder


@pytest.fixture
def registry(folder: Path) -> BankRegistry:
    registry = BankRegistry(folder)
    registry.refresh()
    return registry


def edit(path: Path, text: str) -> None:
    """Rewrite a file and move its modification time on, as a later save would."""
    before = path.stat().st_mtime if path.exists() else 0.0
    path.write_text(text, encoding="utf-8")
    os.utime(path, (before + 10, before + 10))


def test_a_valid_bank_is_served(registry: BankRegistry) -> None:
    loaded = registry.get(SLUG)
    assert loaded is not None
    assert loaded.bank.title == "Dock workers strike as harbour queues grow"
    assert registry.errors == {}
    assert [b.slug for b in registry.all()] == [SLUG]


def test_an_invalid_bank_is_never_served(folder: Path, registry: BankRegistry) -> None:
    text = HARBOUR.read_text(encoding="utf-8").replace("speaker: quist", "speaker: quits")
    edit(folder / "broken.yaml", text)
    registry.refresh()
    assert registry.get("broken") is None
    assert [b.slug for b in registry.all()] == [SLUG]
    [error] = registry.errors["broken"]
    assert "unknown actor 'quits' (did you mean 'quist'?)" in error.reason


def test_a_broken_edit_keeps_the_last_good_version(folder: Path, registry: BankRegistry) -> None:
    good = registry.get(SLUG)
    assert good is not None
    path = folder / f"{SLUG}.yaml"
    text = path.read_text(encoding="utf-8")
    edit(path, text.replace("title: Dock workers", "title: Dock workers\ntitel: typo"))
    registry.refresh()
    assert registry.get(SLUG) is good
    [error] = registry.errors[SLUG]
    assert "unknown field 'titel' (did you mean 'title'?)" in error.reason
    assert error.line == 3

    edit(path, text.replace("title: Dock workers", "title: Striking dock workers"))
    registry.refresh()
    fixed = registry.get(SLUG)
    assert fixed is not None
    assert fixed is not good
    assert fixed.bank.title == "Striking dock workers strike as harbour queues grow"
    assert fixed.digest != good.digest
    assert SLUG not in registry.errors


def test_an_unchanged_file_is_not_reloaded(folder: Path, registry: BankRegistry) -> None:
    before = registry.get(SLUG)
    registry.refresh()
    assert registry.get(SLUG) is before


def test_a_removed_file_takes_its_errors_with_it(folder: Path, registry: BankRegistry) -> None:
    edit(folder / "broken.yaml", "title: [unclosed\n")
    registry.refresh()
    assert set(registry.errors) == {"broken"}
    (folder / "broken.yaml").unlink()
    registry.refresh()
    assert registry.errors == {}


def test_an_edited_article_file_reloads_its_bank(folder: Path, registry: BankRegistry) -> None:
    bank = HARBOUR.read_text(encoding="utf-8")
    head, rest = bank.split("  text: |\n", 1)
    article = "\n".join(line.removeprefix("    ") for line in rest.split("actors:")[0].splitlines())
    edit(folder / "strike.txt", article)
    edit(folder / "strike.yaml", head + "  file: strike.txt\nactors:" + rest.split("actors:", 1)[1])
    registry.refresh()
    first = registry.get("strike")
    assert first is not None, registry.errors

    edit(folder / "strike.txt", article.replace("More than 200 ships", "More than 300 ships"))
    registry.refresh()
    assert registry.get("strike") is first  # the evidence no longer matches: keep the good one
    assert any("not in the article" in e.reason for e in registry.errors["strike"])

    edit(folder / "strike.txt", article + "\n\nA new last paragraph.\n")
    registry.refresh()
    reloaded = registry.get("strike")
    assert reloaded is not None
    assert reloaded is not first
    assert reloaded.article.paragraphs[-1] == "A new last paragraph."
    assert "strike" not in registry.errors


def test_banks_are_listed_by_title(folder: Path, registry: BankRegistry) -> None:
    text = HARBOUR.read_text(encoding="utf-8")
    edit(folder / "another.yaml", text.replace("title: Dock workers", "title: A dock strike"))
    registry.refresh()
    assert [b.slug for b in registry.all()] == ["another", SLUG]


def test_a_missing_folder_has_no_banks(tmp_path: Path) -> None:
    registry = BankRegistry(tmp_path / "nowhere")
    registry.refresh()
    assert registry.bank_files() == []
    assert registry.all() == []


def test_a_folder_named_like_a_bank_is_an_error_not_a_crash(
    folder: Path, registry: BankRegistry
) -> None:
    (folder / "odd.yaml").mkdir()
    registry.refresh()
    assert "cannot read the file" in registry.errors["odd"][0].reason
    assert registry.get(SLUG) is not None


def test_a_deleted_bank_leaves_service(folder: Path, registry: BankRegistry) -> None:
    (folder / f"{SLUG}.yaml").unlink()
    registry.refresh()
    assert registry.get(SLUG) is None
    assert registry.all() == []


def test_an_article_file_with_its_own_name_is_watched(folder: Path) -> None:
    (folder / "story.txt").write_text('Anna said: "We sail at dawn."\n', encoding="utf-8")
    bank = (
        "title: Sailing\narticle:\n  file: story.txt\nactors:\n"
        "  - {id: anna, name: Anna, kind: person}\nquotes:\n"
        "  - id: dawn\n    speaker: anna\n    words: We sail at dawn.\n"
        "    evidence: 'Anna said: \"We sail at dawn.\"'\n"
    )
    edit(folder / "sailing.yaml", bank)
    registry = BankRegistry(folder)
    registry.refresh()
    assert registry.get("sailing") is not None
    edit(folder / "story.txt", "Anna said nothing.\n")
    registry.refresh()
    assert all("not in the article" in e.reason for e in registry.errors["sailing"])
    served = registry.get("sailing")
    assert served is not None
    assert "dawn" in served.article_text


def test_a_vanished_folder_keeps_its_banks_until_it_returns(
    folder: Path, registry: BankRegistry, tmp_path: Path
) -> None:
    served = registry.get(SLUG)
    folder.rename(tmp_path / "elsewhere")
    registry.refresh()
    assert registry.get(SLUG) is served
    [[error]] = registry.errors.values()
    assert (error.path, error.reason) == (f"{folder}/", "folder not found")

    (tmp_path / "elsewhere").rename(folder)
    registry.refresh()
    assert registry.get(SLUG) is served
    assert registry.errors == {}


def test_a_refresh_replaces_what_readers_hold_rather_than_changing_it(
    folder: Path, registry: BankRegistry
) -> None:
    """A reader in another thread keeps a whole, unchanging view while a refresh runs."""
    banks, errors = registry.banks, registry.errors
    edit(folder / "broken.yaml", "title: [unclosed\n")
    (folder / f"{SLUG}.yaml").unlink()
    registry.refresh()
    assert (list(banks), errors) == ([SLUG], {})
    assert (list(registry.banks), list(registry.errors)) == ([], ["broken"])


def test_a_save_of_the_same_size_in_the_same_clock_tick_is_seen(
    folder: Path, registry: BankRegistry
) -> None:
    """'ships waiting' became 'ships queuing' (as long) within the file system's mtime tick:
    the size and the time alone said nothing had changed."""
    path = folder / f"{SLUG}.yaml"
    old = path.stat()
    text = path.read_text(encoding="utf-8").replace("title: Dock workers", "title: Dock wurkers")
    atomic_write(path, text)  # as a save writes: a new file renamed over the old one
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert path.stat().st_size == old.st_size
    registry.refresh()
    served = registry.get(SLUG)
    assert served is not None
    assert served.bank.title.startswith("Dock wurkers")
