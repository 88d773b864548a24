"""Command line: init, serve, backup, bank validate|schema, questions, user create, export, import.

The `quizapp` console script (quizapp.console) is a Flask group, so `quizapp run`, `shell`,
`quizapp db ...` (Flask-Migrate) work too; `flask --app quizapp ...` is the same thing.
"""

from __future__ import annotations

import contextvars
import json
import secrets
import sys
from pathlib import Path

import click
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask.cli import ScriptInfo, with_appcontext
from flask_migrate import stamp, upgrade
from sqlalchemy import inspect

from .backup import backup_sqlite
from .bank import BankInvalid, load_bank
from .bank.schema import Bank
from .builder.explain import explain_lines
from .catalogue import catalogue
from .extensions import db
from .models import STUDENT, TEACHER
from .review_cli import review_group
from .server import default_workers, serve
from .services import ServiceError
from .services.accounts import create_user, find_user
from .services.classes import create_classroom, join_classroom
from .transfer_cli import export_command, import_command

DEMO_TEACHER = ("teacher", "Ms Demo")
DEMO_STUDENT = ("student", "Sam Student")
# The revision whose schema equals what create_all made before there were migrations.
FIRST_REVISION = "0001"


def init_app(app: Flask) -> None:
    app.cli.add_command(init_command)
    app.cli.add_command(serve_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(bank_group)
    app.cli.add_command(questions_command)
    app.cli.add_command(user_group)
    app.cli.add_command(review_group)
    app.cli.add_command(export_command)
    app.cli.add_command(import_command)


@click.command("init")
@click.option("--demo/--no-demo", default=False, help="Also create a demo teacher and student.")
@with_appcontext
def init_command(demo: bool) -> None:
    """Create or upgrade the database tables, check the banks, and make demo users if asked."""
    _upgrade_database()
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


def _upgrade_database() -> None:
    tables = set(inspect(db.engine).get_table_names())
    if "user" in tables and "alembic_version" not in tables:
        # Made by create_all, without migrations: today's schema is the latest revision, any
        # other is from before there were migrations, which is the first revision.
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        stamp(revision=FIRST_REVISION if differences else "head")
    upgrade()


def _create_demo_users() -> None:
    """A teacher with a class and a student in it; passwords made now and printed once."""
    if any(find_user(name) for name, _ in (DEMO_TEACHER, DEMO_STUDENT)):
        return  # made by an earlier start: their passwords were printed then, and only then
    passwords = {name: secrets.token_urlsafe(12) for name, _ in (DEMO_TEACHER, DEMO_STUDENT)}
    teacher = create_user(
        DEMO_TEACHER[0], passwords[DEMO_TEACHER[0]], display_name=DEMO_TEACHER[1], role=TEACHER
    )
    classroom = create_classroom(teacher, "Demo class")
    student = create_user(DEMO_STUDENT[0], passwords[DEMO_STUDENT[0]], display_name=DEMO_STUDENT[1])
    join_classroom(student, classroom.join_code)
    click.echo("Demo accounts (shown only now; change or remove them before real use):")
    for name, _ in (DEMO_TEACHER, DEMO_STUDENT):
        click.echo(f"  username {name!r}, password {passwords[name]!r}")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--bind", help="Listen here instead (HOST:PORT or unix:PATH); overrides both.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=default_workers,
    show_default="2 per CPU + 1",
    help="Worker processes.",
)
@click.option("--timeout", default=30, show_default=True, help="Seconds before a stuck worker.")
@click.pass_obj
def serve_command(
    info: ScriptInfo, host: str, port: int, bind: str | None, workers: int, timeout: int
) -> None:
    """Serve the app with gunicorn (production); the access log goes to stdout."""
    # Flask's CLI runs every command inside an app context. Forked workers would inherit it,
    # and every request would then reuse that one context and its `g` (the signed-in user,
    # the CSRF token) instead of getting its own. Serve from a context without one.
    contextvars.Context().run(serve, info.load_app, bind or f"{host}:{port}", workers, timeout)


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent copy of the live SQLite database to PATH (PostgreSQL: pg_dump)."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        raise click.ClickException(
            "This database is not SQLite; back it up with PostgreSQL's own tool, e.g. "
            "pg_dump --format=custom --file=quizapp.dump DATABASE (see the README)."
        )
    if not url.database or url.database == ":memory:":
        raise click.ClickException("This SQLite database lives in memory; there is no file.")
    if path.exists():
        raise click.ClickException(f"{path} exists already; give a new file name.")
    backup_sqlite(Path(url.database), path)
    click.echo(f"Backed up {url.database} to {path}.")


@click.group("bank")
def bank_group() -> None:
    """Question banks: validate them, print their JSON Schema."""


@bank_group.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--explain", is_flag=True, help="Per fact: questions built, and skipped with why.")
@with_appcontext
def validate_command(paths: tuple[Path, ...], explain: bool) -> None:
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
            if explain:
                click.echo("\n".join(explain_lines(loaded)))
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
        # As stored in an attempt, where `paragraph` counts from 0; prompts and validation
        # messages count from 1 (the headline), as `paragraph_number` does.
        listed = [{**q.to_dict(), "paragraph_number": q.paragraph + 1} for q in questions]
        click.echo(json.dumps(listed, indent=2, ensure_ascii=False))
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
