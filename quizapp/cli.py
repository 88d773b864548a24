"""Command line: init, bank validate|schema, questions, user create.

The `quizapp` console script (quizapp.console) is a Flask group, so `quizapp run`, `shell`,
`quizapp db ...` (Flask-Migrate) work too; `flask --app quizapp ...` is the same thing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from .bank import BankInvalid, load_bank
from .bank.schema import Bank
from .catalogue import catalogue
from .extensions import db
from .models import STUDENT, TEACHER
from .services import ServiceError
from .services.accounts import create_user, find_user
from .services.classes import create_classroom, join_classroom

DEMO_TEACHER = ("teacher", "teacher-demo-1", "Ms Demo")
DEMO_STUDENT = ("student", "student-demo-1", "Sam Student")


def init_app(app: Flask) -> None:
    app.cli.add_command(init_command)
    app.cli.add_command(bank_group)
    app.cli.add_command(questions_command)
    app.cli.add_command(user_group)


@click.command("init")
@click.option("--demo/--no-demo", default=True, help="Create the demo teacher and student.")
@with_appcontext
def init_command(demo: bool) -> None:
    """Create the database tables, check the banks and create the demo users."""
    db.create_all()
    cat = catalogue()
    cat.refresh()
    click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")
    for loaded in cat.banks():
        count = len(cat.questions(loaded.slug))
        click.echo(f"Bank {loaded.slug}: {len(loaded.bank.facts())} facts, {count} questions")
    for slug, errors in cat.registry.errors.items():
        click.echo(f"Bank {slug} has errors and is not served:", err=True)
        for error in errors:
            click.echo(f"  {error}", err=True)
    if demo:
        _create_demo_users()
    db.session.commit()


def _create_demo_users() -> None:
    teacher = find_user(DEMO_TEACHER[0])
    if teacher is None:
        name, password, display = DEMO_TEACHER
        teacher = create_user(name, password, display_name=display, role=TEACHER)
        classroom = create_classroom(teacher, "Demo class")
        student_name, student_password, student_display = DEMO_STUDENT
        student = find_user(student_name) or create_user(
            student_name, student_password, display_name=student_display
        )
        join_classroom(student, classroom.join_code)
    click.echo("Demo accounts (change or remove them before real use):")
    click.echo(f"  teacher: username {DEMO_TEACHER[0]!r}, password {DEMO_TEACHER[1]!r}")
    click.echo(f"  student: username {DEMO_STUDENT[0]!r}, password {DEMO_STUDENT[1]!r}")


@click.group("bank")
def bank_group() -> None:
    """Question banks: validate them, print their JSON Schema."""


@bank_group.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@with_appcontext
def validate_command(paths: tuple[Path, ...]) -> None:
    """Check bank files (default: every bank in the questions folder); exit 1 on errors."""
    files = list(paths) or catalogue().registry.bank_files()
    if not files:
        raise click.ClickException("No bank files found.")
    failed = False
    for path in files:
        try:
            loaded = load_bank(path)
        except BankInvalid as exc:
            failed = True
            for error in exc.errors:
                click.echo(str(error))
            click.echo(f"{path}: {len(exc.errors)} problem(s); this bank is not valid.", err=True)
        else:
            click.echo(f"{path}: ok ({len(loaded.bank.facts())} facts)")
    sys.exit(1 if failed else 0)


@bank_group.command("schema")
def schema_command() -> None:
    """Print the bank format as JSON Schema (for editor autocompletion)."""
    schema = Bank.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "quizapp question bank"
    click.echo(json.dumps(schema, indent=2))


@click.command("questions")
@click.option("--bank", "slug", help="Only this bank (its file name without .yaml).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@with_appcontext
def questions_command(slug: str | None, as_json: bool) -> None:
    """Print the questions built from the banks."""
    cat = catalogue()
    slugs = [slug] if slug else [loaded.slug for loaded in cat.banks()]
    if slug and cat.bank(slug) is None:
        raise click.ClickException(f"No valid bank named {slug!r}.")
    questions = [q for s in slugs for q in cat.questions(s)]
    if as_json:
        click.echo(json.dumps([q.to_dict() for q in questions], indent=2, ensure_ascii=False))
        return
    for q in questions:
        click.echo(f"[{q.id}] {q.kind}, {q.topic}, {q.level}")
        click.echo(f"  {q.prompt}")
        for choice in q.choices:
            click.echo(f"    {'*' if choice == q.answer else '-'} {choice}")
        click.echo(f"  answer: {q.answer}")
        click.echo(f"  evidence (paragraph {q.paragraph + 1}): {q.evidence}\n")


@click.group("user")
def user_group() -> None:
    """User accounts."""


@user_group.command("create")
@click.argument("username")
@click.option("--teacher", is_flag=True, help="Make a teacher (default: student).")
@click.option("--name", "display_name", help="Name shown in the app.")
@click.password_option(help="Asked for when not given.")
@with_appcontext
def create_user_command(
    username: str, teacher: bool, display_name: str | None, password: str
) -> None:
    """Create a user, e.g. the first teacher: `quizapp user create ana --teacher`."""
    role = TEACHER if teacher else STUDENT
    try:
        user = create_user(username, password, display_name=display_name, role=role)
    except ServiceError as error:
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"Created {role} {user.username!r}.")
