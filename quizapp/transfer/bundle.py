"""A bank as it is written: its YAML file and its article text, in one zip."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Sequence

from quizapp.bank import LoadedBank
from quizapp.builder import Question

from .formats import Export, filename


class BankChanged(Exception):
    """The bank's file changed since it was loaded: its text is not the version in service."""


def bank_yaml(loaded: LoadedBank) -> str:
    """The YAML text of the version in service (from its file, refused if edited since)."""
    if loaded.yaml_text:
        return loaded.yaml_text
    try:
        text = loaded.path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BankChanged(f"{loaded.slug}: the bank file cannot be read now") from exc
    digest = hashlib.sha256(f"{text}\0{loaded.article_text}".encode()).hexdigest()
    if digest != loaded.digest:
        raise BankChanged(f"{loaded.slug}: the bank file changed since it was loaded; try again")
    return text


def to_bundle(loaded: LoadedBank, questions: Sequence[Question] = ()) -> Export:
    """`<slug>.yaml` and its article file (when the article is not inline), zipped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{loaded.slug}.yaml", bank_yaml(loaded))
        if loaded.bank.article.file is not None:
            archive.writestr(loaded.bank.article.file, loaded.article_text)
    return Export(buffer.getvalue(), filename(loaded, "-bank.zip"), "application/zip")
