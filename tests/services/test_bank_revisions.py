"""Saving bank revisions: checked first, merged per fact, written back atomically, never outside."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from quizapp.bank import BankInvalid
from quizapp.bank.document import BankDocument
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.models import BankRevision, User
from quizapp.services.bank_revisions import (
    BankNotWritable,
    RevisionConflict,
    UnsafeSlug,
    latest_revision,
    restore_revision,
    safe_slug,
    save_revision,
)
from tests.conftest import MINI_BANK

TITLE = "Dock workers strike as harbour queues grow"


def bank_text(questions_dir: Path) -> str:
    return (questions_dir / f"{MINI_BANK}.yaml").read_text(encoding="utf-8")


def edited(text: str, fact_id: str, **changes: object) -> str:
    document = BankDocument.parse(text)
    found = document.fact(fact_id)
    assert found is not None
    document.put_fact(found[0], {**found[1], **changes}, replacing=fact_id)
    return document.dump()


def save(text: str, author: User | None, base: int | None, message: str = "") -> BankRevision:
    return save_revision(
        slug=MINI_BANK, yaml_text=text, article_text="", author=author, message=message,
        base_number=base,
    )  # fmt: skip


def fact_ids(text: str, section: str) -> list[str]:
    return BankDocument.parse(text).sections()[section]


def test_a_save_stores_a_revision_writes_the_file_and_serves_it(
    teacher: User, questions_dir: Path
) -> None:
    text = bank_text(questions_dir).replace(TITLE, "Dockers strike")
    saved = save(text, teacher, None, "shorter title")
    db.session.commit()
    assert (saved.number, saved.author_id, saved.message) == (1, teacher.id, "shorter title")
    assert latest_revision(MINI_BANK) == saved
    assert bank_text(questions_dir) == text
    served = catalogue().bank(MINI_BANK)
    assert served is not None
    assert served.bank.title == "Dockers strike"
    assert not list(questions_dir.glob(".*")), "no temporary file is left behind"


def test_saving_the_same_text_again_makes_no_new_revision(
    teacher: User, questions_dir: Path
) -> None:
    first = save(bank_text(questions_dir), teacher, None)
    assert save(bank_text(questions_dir), teacher, first.number) is first


def test_an_invalid_bank_is_refused_and_nothing_changes(teacher: User, questions_dir: Path) -> None:
    before = bank_text(questions_dir)
    broken = edited(before, fact_ids(before, "quotes")[0], speaker="nobody-at-all")
    with pytest.raises(BankInvalid, match="nobody-at-all"):
        save(broken, teacher, None)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(BankRevision)) == 0
    assert bank_text(questions_dir) == before
    served = catalogue().bank(MINI_BANK)
    assert served is not None
    assert served.bank.title == TITLE


def test_changes_to_different_facts_are_merged(teacher: User, questions_dir: Path) -> None:
    base = save(bank_text(questions_dir), teacher, None)
    first, second = fact_ids(base.yaml_text, "places")[:2]
    theirs = edited(base.yaml_text, first, description="a harbour town")
    save(theirs, teacher, base.number)
    mine = edited(base.yaml_text, second, description="a fishing town up north")
    merged = save(mine, teacher, base.number)
    document = BankDocument.parse(merged.yaml_text)
    assert merged.number == 3
    assert document.fact(first) == ("places", {**BankDocument.parse(theirs).facts()[first][1]})
    assert (document.fact(second) or ("", {}))[1]["description"] == "a fishing town up north"


def test_the_same_fact_changed_on_both_sides_is_a_conflict(
    teacher: User, questions_dir: Path
) -> None:
    base = save(bank_text(questions_dir), teacher, None)
    place = fact_ids(base.yaml_text, "places")[0]
    save(edited(base.yaml_text, place, description="a harbour town"), teacher, base.number)
    mine = edited(base.yaml_text, place, description="a port city")
    with pytest.raises(RevisionConflict) as raised:
        save(mine, teacher, base.number)
    conflict = raised.value
    assert conflict.fact_ids == [place]
    assert conflict.conflicts[0].mine[1]["description"] == "a port city"
    assert conflict.conflicts[0].theirs[1]["description"] == "a harbour town"
    assert latest_revision(MINI_BANK).number == 2  # type: ignore[union-attr]


def test_a_restore_is_a_new_revision(teacher: User, questions_dir: Path) -> None:
    first = save(bank_text(questions_dir), teacher, None)
    save(first.yaml_text.replace(TITLE, "Another title"), teacher, first.number)
    restored = restore_revision(MINI_BANK, 1, teacher)
    assert restored.number == 3
    assert restored.yaml_text == first.yaml_text
    assert "Restored revision 1" in restored.message


@pytest.mark.parametrize(
    "slug",
    [
        "..",
        "../etc",
        "a/b",
        "a\\b",
        "C:bank",
        "c:",
        "Upper",
        "",
        "-x",
        "a" * 65,
        "a.b",
        "new",
        "import",
    ],
)
def test_unsafe_slugs_are_refused(slug: str) -> None:
    with pytest.raises(UnsafeSlug):
        safe_slug(slug)


def test_a_bank_naming_an_article_outside_the_folder_is_refused(
    teacher: User, questions_dir: Path, tmp_path: Path
) -> None:
    text = "title: Escape\narticle:\n  file: ../escape.txt\n"
    with pytest.raises(BankInvalid, match="without folders"):
        save_revision(
            slug="escape", yaml_text=text, article_text="Some text.", author=teacher,
            base_number=None,
        )  # fmt: skip
    with pytest.raises(UnsafeSlug):
        save_revision(
            slug="../escape", yaml_text=text, article_text="x", author=teacher, base_number=None
        )
    assert not (tmp_path / "escape.txt").exists()
    assert sorted(p.name for p in questions_dir.iterdir()) == [f"{MINI_BANK}.yaml"]


@pytest.mark.parametrize("name", [f"{MINI_BANK}.yaml", f"{MINI_BANK}.txt", "story.txt"])
def test_a_bank_may_write_only_its_own_article_file(
    teacher: User, questions_dir: Path, name: str
) -> None:
    """Saving writes the article file back: naming another bank's would overwrite it."""
    before = bank_text(questions_dir)
    text = f"title: Hijack\narticle:\n  file: {name}\n"
    with pytest.raises(BankInvalid) as refused:
        save_revision(
            slug="hijack", yaml_text=text, article_text="Hijack\n\nOther words.",
            author=teacher, base_number=None,
        )  # fmt: skip
    [error] = refused.value.errors
    assert (error.path, error.line, error.column) == ("hijack.yaml", 3, 9)
    assert "must be 'hijack.txt', named after the bank" in error.reason
    assert bank_text(questions_dir) == before
    assert sorted(p.name for p in questions_dir.iterdir()) == [f"{MINI_BANK}.yaml"]
    assert db.session.scalars(select(BankRevision)).all() == []


def test_a_bank_writes_its_own_article_file(teacher: User, questions_dir: Path) -> None:
    text = "title: Sailing\narticle:\n  file: sailing.txt\n"
    save_revision(
        slug="sailing", yaml_text=text, article_text="Sailing\n\nWe sail at dawn.\n",
        author=teacher, base_number=None,
    )  # fmt: skip
    db.session.commit()
    assert (questions_dir / "sailing.txt").read_text() == "Sailing\n\nWe sail at dawn.\n"


def test_a_folder_that_cannot_be_written_keeps_the_old_bank(
    teacher: User, questions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = bank_text(questions_dir)

    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        # The tests run as root, for whom chmod 555 does not stop a write: fail as the OS would.
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("quizapp.bank.files.tempfile.mkstemp", read_only)
    with pytest.raises(BankNotWritable, match="cannot be written"):
        save(before.replace(TITLE, "Dockers strike"), teacher, None)
    db.session.rollback()
    assert bank_text(questions_dir) == before
    served = catalogue().bank(MINI_BANK)
    assert served is not None
    assert served.bank.title == TITLE
