"""The command line: bank validate and schema, questions, init, user create."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from quizapp import create_app
from quizapp.catalogue import catalogue
from quizapp.cli import DEMO_STUDENT, DEMO_TEACHER
from quizapp.extensions import db
from quizapp.models import Classroom, Enrollment, User
from tests.conftest import DATA, MINI_BANK, PASSWORD, Actions

LOCATED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<reason>.+)$")


def count(app: Flask, model: type[User | Classroom | Enrollment]) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model)) or 0


def value_at(text: str, key_and_value: str) -> str:
    """'line:column' (1-based) of the value in the first 'key: value' like this in the text."""
    key, _ = key_and_value.split(": ", 1)
    before = text[: text.index(key_and_value) + len(key) + 2]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


def test_validate_passes_a_good_bank(runner: FlaskCliRunner, questions_dir: Path) -> None:
    result = runner.invoke(args=["bank", "validate"])
    assert result.exit_code == 0, result.output
    assert f"{questions_dir / f'{MINI_BANK}.yaml'}: ok" in result.stdout


@pytest.mark.parametrize(
    ("wrong", "right", "reason"),
    [
        ("speaker: quist", "speaker: nobody", "unknown actor 'nobody'"),
        ("value: 200", "value: lots", "expected a number"),
        ("words: a disaster", "words: a triumph", "the quote is not in the article"),
    ],
)
def test_validate_locates_every_problem_and_fails(
    runner: FlaskCliRunner, tmp_path: Path, wrong: str, right: str, reason: str
) -> None:
    good = (DATA / f"{MINI_BANK}.yaml").read_text()
    broken = tmp_path / "broken-bank.yaml"
    broken.write_text(good.replace(wrong, right))
    result = runner.invoke(args=["bank", "validate", str(broken), str(DATA / f"{MINI_BANK}.yaml")])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    problems = [m for line in lines[:-1] if (m := LOCATED.match(line))]
    assert len(problems) == len(lines) - 1 > 0, result.stdout
    assert {m["path"] for m in problems} == {str(broken)}
    found = next(m for m in problems if reason in m["reason"])
    assert f"{found['line']}:{found['column']}" == value_at(good, wrong)
    assert result.stdout.splitlines()[-1].endswith(": ok (11 facts)")
    assert "this bank is not valid" in result.stderr


def test_validate_without_paths_checks_the_questions_folder(
    runner: FlaskCliRunner, questions_dir: Path
) -> None:
    (questions_dir / "broken.yaml").write_text("title: [unclosed\n")
    result = runner.invoke(args=["bank", "validate"])
    assert result.exit_code == 1
    assert LOCATED.match(result.stdout.splitlines()[0])
    assert str(questions_dir / "broken.yaml") in result.stdout
    assert f"{MINI_BANK}.yaml: ok" in result.stdout


def test_schema_prints_a_json_schema(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["bank", "schema"])
    schema = json.loads(result.stdout)
    assert result.exit_code == 0
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"title", "article", "quotes", "figures", "questions"} <= schema["properties"].keys()


def test_questions_as_json(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["questions", "--json"])
    printed = json.loads(result.stdout)
    assert result.exit_code == 0
    with app.app_context():
        assert [q["id"] for q in printed] == [q.id for q in catalogue().questions(MINI_BANK)]
    wanted = {"id", "kind", "topic", "skill", "prompt", "choices", "answer", "evidence", "fact"}
    assert all(wanted <= question.keys() for question in printed)
    kinds = {q["kind"] for q in printed}
    assert kinds == {
        "multiple_choice",
        "true_false",
        "numeric",
        "short_answer",
        "cloze",
        "matching",
        "evidence",
    }
    assert {q["skill"] for q in printed} >= {"attribution", "numbers", "perspective", "evidence"}
    who_said = next(q for q in printed if q["id"] == "quist-crate:who-said")
    assert who_said["answer"] in who_said["choices"]
    assert who_said["evidence"].startswith("The union leader, Mara Quist")
    # Numbered as prompts number it (the headline is 1); `paragraph` is the stored index.
    assert all(q["paragraph_number"] == q["paragraph"] + 1 for q in printed)
    with app.app_context():
        loaded = catalogue().bank(MINI_BANK)
        assert loaded is not None
        shown = loaded.article.paragraphs[who_said["paragraph"]]
    assert who_said["evidence"] in shown


def test_questions_of_one_bank(app: Flask, runner: FlaskCliRunner, questions_dir: Path) -> None:
    shutil.copy(questions_dir / f"{MINI_BANK}.yaml", questions_dir / "second-bank.yaml")
    with app.app_context():
        catalogue().refresh(force=True)
    everything = json.loads(runner.invoke(args=["questions", "--json"]).stdout)
    result = runner.invoke(args=["questions", "--json", "--bank", "second-bank"])
    printed = json.loads(result.stdout)
    assert {q["bank"] for q in everything} == {MINI_BANK, "second-bank"}
    assert {q["bank"] for q in printed} == {"second-bank"}
    assert 0 < len(printed) < len(everything)

    text = runner.invoke(args=["questions", "--bank", MINI_BANK]).stdout
    assert "[quist-crate:who-said] multiple_choice, quotes, recognition" in text
    assert "    * Mara Quist" in text


def test_questions_of_an_unknown_bank_is_an_error(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["questions", "--bank", "no-such-bank"])
    assert result.exit_code == 1
    assert "No valid bank named 'no-such-bank'" in result.output


DEMO_ACCOUNT = re.compile(r"username '(?P<name>[^']+)', password '(?P<password>[^']+)'")


def test_init_with_demo_makes_accounts_with_fresh_passwords_printed_once(
    app: Flask, runner: FlaskCliRunner, actions: Actions
) -> None:
    result = runner.invoke(args=["init", "--demo"])
    assert result.exit_code == 0, result.output
    assert f"Bank {MINI_BANK}: 11 facts" in result.stdout
    accounts = {m["name"]: m["password"] for m in DEMO_ACCOUNT.finditer(result.stdout)}
    assert set(accounts) == {DEMO_TEACHER[0], DEMO_STUDENT[0]}
    assert all(len(password) >= 16 for password in accounts.values())
    assert accounts[DEMO_TEACHER[0]] != accounts[DEMO_STUDENT[0]]
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert not any(password in readme for password in accounts.values())

    again = runner.invoke(args=["init", "--demo"])
    assert again.exit_code == 0, again.output
    assert "password '" not in again.stdout
    assert "Demo accounts" not in again.stdout, "the demo line belongs to the start that made them"
    assert (count(app, User), count(app, Classroom), count(app, Enrollment)) == (2, 1, 1)

    for name in (DEMO_TEACHER[0], DEMO_STUDENT[0]):
        assert actions.login(name, accounts[name]).status_code == 302
        assert "Demo class" in actions.client.get("/classes/").get_data(as_text=True)
        actions.logout()


def test_demo_passwords_differ_between_installations(tmp_path: Path, questions_dir: Path) -> None:
    printed = []
    for name in ("one", "two"):
        app = create_app(
            {
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / name}.db",
                "QUESTIONS_DIR": str(questions_dir),
            }
        )
        result = app.test_cli_runner().invoke(args=["init", "--demo"])
        assert result.exit_code == 0, result.output
        printed.append({m["password"] for m in DEMO_ACCOUNT.finditer(result.stdout)})
        with app.app_context():
            db.engine.dispose()
    assert len(printed[0]) == len(printed[1]) == 2
    assert not printed[0] & printed[1]


@pytest.mark.parametrize("args", [["init"], ["init", "--no-demo"]])
def test_init_without_demo_creates_no_accounts(
    app: Flask, runner: FlaskCliRunner, args: list[str]
) -> None:
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "password" not in result.stdout
    assert count(app, User) == 0


def test_the_first_teacher_is_created_on_the_command_line(
    runner: FlaskCliRunner, actions: Actions
) -> None:
    typed = "a-secret-pass\na-secret-pass\n"
    result = runner.invoke(args=["user", "create", "Boss", "--teacher"], input=typed)
    assert result.exit_code == 0, result.output
    assert "Created teacher 'boss'." in result.stdout
    assert actions.login("boss", "a-secret-pass").status_code == 302
    assert "Create a class" in actions.client.get("/classes/").get_data(as_text=True)


def test_user_create_takes_the_password_as_an_option(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["user", "create", "ana", "--password", PASSWORD])
    assert result.exit_code == 0
    assert "Created student 'ana'." in result.stdout
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user is not None
        assert user.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [("ANA", PASSWORD, "That username is taken"), ("bob", "short", "at least 10 characters")],
)
def test_user_create_refuses_a_taken_name_or_a_bad_password(
    app: Flask, runner: FlaskCliRunner, username: str, password: str, message: str
) -> None:
    runner.invoke(args=["user", "create", "ana", "--password", PASSWORD])
    result = runner.invoke(args=["user", "create", username, "--password", password])
    assert result.exit_code == 1
    assert message in result.output
    assert count(app, User) == 1
