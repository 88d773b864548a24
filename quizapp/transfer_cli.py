"""`quizapp export FORMAT SLUG -o FILE` and `quizapp import FILE [--slug SLUG]`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from quizapp.bank import BankInvalid
from quizapp.catalogue import catalogue
from quizapp.extensions import db
from quizapp.services import ServiceError
from quizapp.services.bank_imports import Source, Upload, import_bank
from quizapp.transfer import FORMATS, BankChanged
from quizapp.transfer.importers import decode, named_article_file, suggest_slug

_BY_EXTENSION: dict[str, Source] = {
    ".yaml": "bank", ".yml": "bank", ".zip": "bank", ".tsv": "quizlet", ".gift": "gift",
}  # fmt: skip
_SOURCES: dict[str, Source] = {"bank": "bank", "quizlet": "quizlet", "gift": "gift"}


@click.command("export")
@click.argument("format_name", metavar="FORMAT", type=click.Choice(list(FORMATS)))
@click.argument("slug")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--force", is_flag=True, help="Write over FILE if it exists.")
@with_appcontext
def export_command(format_name: str, slug: str, output: Path, force: bool) -> None:
    """Write bank SLUG in FORMAT to FILE (printable pages carry their stylesheet)."""
    cat = catalogue()
    loaded = cat.bank(slug)
    if loaded is None:
        raise click.ClickException(f"No valid bank named {slug!r}.")
    if output.exists() and not force:
        raise click.ClickException(f"{output} exists already; give a new file name or --force.")
    try:
        export = FORMATS[format_name].run(loaded, cat.questions(slug))
    except BankChanged as exc:
        raise click.ClickException(str(exc)) from None
    output.write_bytes(export.content)
    click.echo(f"Wrote {output} ({len(export.content):,} bytes, {format_name}).")


def _source_of(path: Path, given: str | None) -> Source:
    found = _SOURCES.get(given) if given else _BY_EXTENSION.get(path.suffix.lower())
    if found is None:
        raise click.ClickException(
            f"Cannot tell what {path.name} holds from its name: "
            "give --format bank, quizlet or gift."
        )
    return found


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise click.ClickException(f"Cannot read {path}: {exc.strerror}") from None


def _article_beside(path: Path, data: bytes) -> Path | None:
    """The article file a .yaml bank names, next to it (None for an inline article)."""
    try:
        name = named_article_file(decode(data, path.name), path.name)
    except BankInvalid:
        return None  # the import reports the problems
    return path.parent / name if name and Path(name).name == name else None


@click.command("import")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--slug", help="The new bank's name (default: from the file name).")
@click.option("--format", "source", type=click.Choice(["bank", "quizlet", "gift"]),
              help="What FILE holds (default: from its extension).")  # fmt: skip
@click.option("--article", type=click.Path(dir_okay=False, path_type=Path),
              help="The article text (default for a .yaml bank: the file it names).")  # fmt: skip
@click.option("--title", help="Title for Quizlet and GIFT imports (default: from the file name).")
@click.option("--replace", is_flag=True, help="Save as a new revision of an existing bank.")
@with_appcontext
def import_command(
    path: Path, slug: str | None, source: str | None, article: Path | None, title: str | None,
    replace: bool,
) -> None:  # fmt: skip
    """Check FILE whole and, if it is valid, put it in service as a new bank."""
    kind = _source_of(path, source)
    data = _read(path)
    if article is None and kind == "bank" and path.suffix.lower() in (".yaml", ".yml"):
        article = _article_beside(path, data)
    upload = Upload(
        source=kind,
        data=data,
        name=path.name,
        article_data=_read(article) if article is not None else None,
        article_name=article.name if article is not None else "",
        title=title,
    )
    try:
        checked = import_bank(upload, slug or suggest_slug(path.name), author=None, replace=replace)
    except BankInvalid as exc:
        for error in exc.errors:
            click.echo(str(error))
        raise click.ClickException(f"{len(exc.errors)} problem(s); nothing was imported.") from None
    except (ValueError, ServiceError) as exc:
        db.session.rollback()
        raise click.ClickException(getattr(exc, "message", str(exc))) from None
    db.session.commit()
    facts = len(checked.loaded.bank.facts())
    click.echo(f"Imported {checked.loaded.bank.title!r} as bank {checked.slug} ({facts} facts).")
