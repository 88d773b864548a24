"""`quizapp export` and `quizapp import` through the CLI runner."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner

from quizapp.catalogue import catalogue
from quizapp.transfer import FORMATS
from tests.conftest import MINI_BANK, PROJECT, SEED_BANK


@pytest.mark.parametrize("name", list(FORMATS))
def test_export_writes_each_format(runner: FlaskCliRunner, tmp_path: Path, name: str) -> None:
    output = tmp_path / f"out-{name}"
    result = runner.invoke(args=["export", name, MINI_BANK, "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.stat().st_size > 100
    assert f"Wrote {output}" in result.output


def test_a_printed_page_from_the_cli_carries_its_stylesheet(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    output = tmp_path / "quiz.html"
    runner.invoke(args=["export", "print", MINI_BANK, "-o", str(output)])
    assert "<style>" in output.read_text()


def test_export_never_overwrites_without_force(runner: FlaskCliRunner, tmp_path: Path) -> None:
    output = tmp_path / "deck.apkg"
    output.write_text("keep me")
    result = runner.invoke(args=["export", "anki", MINI_BANK, "-o", str(output)])
    assert result.exit_code == 1
    assert "exists already" in result.output
    assert output.read_text() == "keep me"
    forced = runner.invoke(args=["export", "anki", MINI_BANK, "-o", str(output), "--force"])
    assert forced.exit_code == 0
    assert zipfile.is_zipfile(output)


def test_export_of_an_unknown_bank_or_format_fails(runner: FlaskCliRunner, tmp_path: Path) -> None:
    assert runner.invoke(args=["export", "gift", "nope", "-o", str(tmp_path / "x")]).exit_code == 1
    assert (
        runner.invoke(args=["export", "docx", MINI_BANK, "-o", str(tmp_path / "x")]).exit_code == 2
    )


def test_import_a_bank_with_its_article_beside_it(
    runner: FlaskCliRunner, app: Flask, tmp_path: Path, questions_dir: Path
) -> None:
    for suffix in (".yaml", ".txt"):
        shutil.copy(PROJECT / "questions" / f"{SEED_BANK}{suffix}", tmp_path)
    result = runner.invoke(args=["import", str(tmp_path / f"{SEED_BANK}.yaml"), "--slug", "flee"])
    assert result.exit_code == 0, result.output
    assert "as bank flee" in result.output
    assert (questions_dir / "flee.txt").read_text() == (tmp_path / f"{SEED_BANK}.txt").read_text()
    with app.app_context():
        assert catalogue().bank("flee") is not None


def test_import_quizlet_cards_by_extension(
    runner: FlaskCliRunner, app: Flask, tmp_path: Path
) -> None:
    cards = tmp_path / "Ocean words.tsv"
    cards.write_text("tide\tthe rise and fall of the sea\nreef\ta ridge of rock or coral\n")
    result = runner.invoke(args=["import", str(cards), "--title", "Ocean words"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        loaded = catalogue().bank("ocean-words")
        assert loaded is not None
        assert len(loaded.bank.statements) == 2


def test_import_prints_every_located_problem_and_keeps_nothing(
    runner: FlaskCliRunner, tmp_path: Path, questions_dir: Path
) -> None:
    gift = tmp_path / "quiz.gift"
    gift.write_text("Fine?{=yes}\n\nBroken {=no\n\nMatch{=a -> 1 =b -> 2}\n")
    result = runner.invoke(args=["import", str(gift)])
    assert result.exit_code == 1
    assert "quiz.gift:3:1: no answers in braces" in result.output
    assert "quiz.gift:5:1: matching questions are not imported" in result.output
    assert "2 problem(s); nothing was imported" in result.output
    assert sorted(p.name for p in questions_dir.iterdir()) == [f"{MINI_BANK}.yaml"]


def test_import_refuses_a_name_in_use_unless_a_revision_is_asked_for(
    runner: FlaskCliRunner, app: Flask, tmp_path: Path
) -> None:
    cards = tmp_path / "cards.txt"
    cards.write_text("tide\tthe rise and fall of the sea\n")
    args = ["import", str(cards), "--format", "quizlet", "--slug", MINI_BANK]
    refused = runner.invoke(args=args)
    assert refused.exit_code == 1
    assert "exists already" in refused.output
    replaced = runner.invoke(args=[*args, "--replace", "--title", "Tides"])
    assert replaced.exit_code == 0, replaced.output
    with app.app_context():
        loaded = catalogue().bank(MINI_BANK)
        assert loaded is not None
        assert loaded.bank.title == "Tides"


def test_import_needs_a_format_it_can_tell(runner: FlaskCliRunner, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("a\tb\n")
    result = runner.invoke(args=["import", str(tmp_path / "notes.txt")])
    assert result.exit_code == 1
    assert "--format" in result.output
