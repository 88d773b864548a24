"""Imports: uploaded files -> a bank's YAML text and article text, checked before anything is kept.

A YAML bank (with its article file, or both in a zip) is checked as it is. Quizlet pairs and
GIFT questions are turned into a bank first; their errors are reported at the line of the
uploaded file they come from. `check` validates the result as the app would load it.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from anyascii import anyascii
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from quizapp.bank import BankError, BankInvalid, LoadedBank, load_text
from quizapp.bank.reader import MAX_BYTES, parse_mapping

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_MAX_ZIP_MEMBERS = 20


@dataclass(frozen=True)
class ImportedBank:
    """A bank read from uploaded files, not yet checked.

    `article_text` is None when the YAML holds its article inline. `origins` says, for a bank
    made from another format, which line of the uploaded file each generated item comes from.
    """

    yaml_text: str
    article_text: str | None
    label: str
    title: str
    origins: tuple[tuple[str, int, int], ...] = field(default=())


@dataclass(frozen=True)
class CheckedImport:
    """An import that passed every check, ready to be saved under `slug`."""

    slug: str
    yaml_text: str
    article_text: str | None
    loaded: LoadedBank


def refuse(label: str, reason: str, line: int = 0, column: int = 0) -> BankInvalid:
    return BankInvalid([BankError(label, line, column, reason, "")])


def decode(data: bytes, label: str) -> str:
    """Uploaded bytes as text: at most 1 MB, UTF-8, not binary."""
    if len(data) > MAX_BYTES:
        raise refuse(label, f"the file is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes")
    if b"\x00" in data:
        raise refuse(label, "this is a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise refuse(label, "the file is not UTF-8 text; save it as UTF-8", line) from None


def checked_slug(slug: str) -> str:
    """The slug if it is lower-case letters, digits and dashes (no dots, slashes or drives)."""
    if not SLUG.match(slug):
        raise ValueError(
            "Use lower-case letters, digits and dashes, starting with a letter or digit "
            "(at most 64 characters)."
        )
    return slug


def suggest_slug(name: str) -> str:
    """A slug made from a file name: 'Bridge Reopens.yaml' -> 'bridge-reopens'."""
    stem = PurePosixPath(name.replace("\\", "/")).name.split(".")[0]
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(stem).lower()).strip("-")[:64].strip("-")
    return slug or "imported-bank"


def title_of(name: str) -> str:
    """A title made from a file name, for formats that carry none."""
    stem = PurePosixPath(name.replace("\\", "/")).name.split(".")[0]
    words = " ".join(re.sub(r"[-_]+", " ", stem).split())[:200]
    return words[:1].upper() + words[1:] if words else "Imported bank"


def from_yaml(
    yaml_data: bytes, yaml_name: str, article_data: bytes | None, article_name: str = ""
) -> ImportedBank:
    """A bank file and, unless its article is inline, its article text file."""
    yaml_text = decode(yaml_data, yaml_name)
    article_text = None if article_data is None else decode(article_data, article_name)
    return ImportedBank(yaml_text, article_text, yaml_name, title_of(yaml_name))


def from_zip(data: bytes, name: str) -> ImportedBank:
    """A zip holding one `.yaml` bank and the article file it names (as the YAML export)."""
    if len(data) > MAX_BYTES:
        raise refuse(name, f"the file is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError):
        raise refuse(name, "this is not a zip file") from None
    members = [m for m in members if not PurePosixPath(m.filename).name.startswith(".")]
    members = [m for m in members if not m.filename.startswith("__MACOSX/")]
    if len(members) > _MAX_ZIP_MEMBERS:
        raise refuse(name, f"the zip holds {len(members)} files; a bank is 1 or 2")
    banks = [m for m in members if m.filename.endswith((".yaml", ".yml"))]
    if len(banks) != 1:
        raise refuse(name, f"the zip must hold exactly one .yaml bank file; it holds {len(banks)}")
    by_name = {PurePosixPath(m.filename).name: m for m in members}

    def read(member: zipfile.ZipInfo) -> bytes:
        label = f"{name}/{member.filename}"
        if member.file_size > MAX_BYTES:  # read no more than the limit from a zip bomb
            raise refuse(label, f"the file is {member.file_size:,} bytes; the limit is 1 MB")
        with archive.open(member) as stream:
            return stream.read(MAX_BYTES + 1)

    bank = banks[0]
    yaml_label = f"{name}/{bank.filename}"
    yaml_text = decode(read(bank), yaml_label)
    article_name = named_article_file(yaml_text, yaml_label)
    article_text = None
    if article_name is not None:
        member = by_name.get(article_name)
        if member is None:
            raise refuse(yaml_label, f"the bank's article file '{article_name}' is not in the zip")
        article_text = decode(read(member), f"{name}/{member.filename}")
    return ImportedBank(yaml_text, article_text, yaml_label, title_of(bank.filename))


def named_article_file(yaml_text: str, label: str) -> str | None:
    """The article file the bank names (None for an inline article); syntax checked first."""
    article = parse_mapping(yaml_text, label).get("article")
    if isinstance(article, dict) and isinstance(article.get("file"), str):
        return str(article["file"])
    return None


def dump(data: dict[str, object]) -> str:
    """Generated bank data as YAML, one key a line, quoted where YAML needs it."""
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def article_of(title: str, paragraphs: list[str]) -> str:
    """An article text: the headline, then one paragraph per item, blank lines between."""
    return "\n\n".join([title, *paragraphs]) + "\n"


def check(imported: ImportedBank, slug: str) -> CheckedImport:
    """Validate the import as the bank `slug`; raise BankInvalid with every problem, located.

    The article file is renamed `<slug>.txt` (so an import never writes over another bank's
    article); the bank is then checked exactly as the app checks banks (`load_text`).
    """
    slug = checked_slug(slug)
    label = imported.label
    root = parse_mapping(imported.yaml_text, label)
    article = root.get("article")
    yaml_text = imported.yaml_text
    names_file = isinstance(article, CommentedMap) and "file" in article
    if isinstance(article, CommentedMap) and names_file:
        if imported.article_text is None:
            line, column = article.lc.value("file")
            reason = f"the bank's article file '{article['file']}' was not uploaded with it"
            raise refuse(label, reason, line + 1, column + 1)
        yaml_text = retarget(yaml_text, article, f"{slug}.txt")
    elif imported.article_text is not None and isinstance(article, CommentedMap):
        line, column = article.lc.key("text") if "text" in article else (0, 0)
        reason = "this bank has its article inline (article: text:); upload the bank alone"
        raise refuse(label, reason, line + 1, column + 1)
    article_text = imported.article_text if names_file else None
    try:
        loaded = load_text(yaml_text, article_text or "", slug, label)
    except BankInvalid as exc:
        raise BankInvalid(relocate(exc.errors, imported, yaml_text)) from None
    return CheckedImport(slug, yaml_text, article_text, loaded)


_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'")


def retarget(yaml_text: str, article: CommentedMap, file_name: str) -> str:
    """The YAML text with `article: file:` set to file_name, everything else byte for byte."""
    line, column = article.lc.value("file")
    lines = yaml_text.split("\n")
    text = lines[line]
    rest = text[column:]
    if quoted := _QUOTED.match(rest):
        end = column + quoted.end()
    else:
        stop = re.search(r"\s#|[,}\]]" if "{" in text[:column] else r"\s#", rest)
        end = column + (stop.start() if stop else len(rest.rstrip()))
    lines[line] = text[:column] + file_name + text[end:]
    return "\n".join(lines)


def relocate(errors: list[BankError], imported: ImportedBank, yaml_text: str) -> list[BankError]:
    """Errors in a generated bank, moved to the uploaded lines their items come from."""
    if not imported.origins:
        return errors
    root = parse_mapping(yaml_text, imported.label)
    starts = sorted(
        (root[section].lc.item(index)[0] + 1, source) for section, index, source in imported.origins
    )
    moved = []
    for error in errors:
        source = 0
        for start, origin in starts:
            if start <= error.line:
                source = origin
        moved.append(BankError(imported.label, source, 0, error.reason, error.see))
    return moved
