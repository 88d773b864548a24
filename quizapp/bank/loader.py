"""Loading a bank: file -> validated, grounded ``LoadedBank``, or every problem at once."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from .checks import FACT_MODELS, Grounding, Identities
from .errors import BankError, BankInvalid
from .grounding import Article
from .locate import located as located_errors
from .locate import position
from .reader import MAX_BYTES, parse_mapping, read_text
from .schema import ArticleSource, Bank

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# A bank is one article: more facts than this is a mistake, and would keep the app busy
# checking and building for many seconds (issue 14 measured 24 s for 3,400 facts).
MAX_FACTS = 2000
MAX_SLUG = 64  # the database's bank_slug columns


@dataclass(frozen=True)
class LoadedBank:
    """A bank that passed every check, with its article, ready for the builder."""

    slug: str
    path: Path
    bank: Bank
    article_text: str
    article: Article
    digest: str
    yaml_text: str = ""


def load_bank(path: Path, label: str | None = None) -> LoadedBank:
    """Load and check one bank file; raise BankInvalid listing every problem."""
    label = label or str(path)
    text = read_text(path, label)
    slug_errors: list[BankError] = []
    if not _SLUG.match(path.stem):
        reason = f"the file name '{path.name}' must be lower-case letters, digits and dashes"
        slug_errors.append(BankError(label, 1, 1, reason, "adding-an-article-in-five-steps"))

    def article_file(name: str, line: int, column: int) -> str:
        target = path.parent / name
        if not target.is_file():
            reason = f"article file '{name}' not found"
            raise BankInvalid([BankError(label, line, column, reason, "the-article-text-file")])
        return read_text(target, str(target))

    return _check(text, path.stem, path, label, article_file, slug_errors)


def load_text(
    yaml_text: str,
    article_text: str,
    slug: str,
    label: str | None = None,
    *,
    to_be_written: bool = False,
) -> LoadedBank:
    """Check a bank held in memory (a draft, a stored revision); raise BankInvalid if it fails.

    The same checks as `load_bank`. When the bank names an article file, `article_text` stands
    in for that file's contents; inline article text in the YAML is used as written.
    `to_be_written`: the bank is about to be written into the questions folder, so the only
    article file it may name is its own, `<slug>.txt` (any other may be another bank's).
    """
    label = label or f"{slug}.yaml"
    slug_errors: list[BankError] = []
    if not _SLUG.match(slug) or len(slug) > MAX_SLUG:
        reason = f"the bank's name '{slug}' must be lower-case letters, digits and dashes"
        slug_errors.append(BankError(label, 1, 1, reason, "adding-an-article-in-five-steps"))
    if len(yaml_text.encode()) > MAX_BYTES:
        reason = f"the bank is {len(yaml_text.encode()):,} bytes; the limit is {MAX_BYTES:,} bytes"
        raise BankInvalid([BankError(label, 0, 0, reason, "safety-limits")])

    def given_article(name: str, line: int, column: int) -> str:
        if to_be_written and name != f"{slug}.txt":
            reason = (
                f"this bank's article file must be '{slug}.txt', named after the bank:"
                f" '{name}' may be another bank's file"
            )
            raise BankInvalid([BankError(label, line, column, reason, "the-article-text-file")])
        if len(article_text.encode()) > MAX_BYTES:
            reason = f"the article is over {MAX_BYTES:,} bytes"
            raise BankInvalid([BankError(label, line, column, reason, "safety-limits")])
        return article_text

    return _check(yaml_text, slug, Path(f"{slug}.yaml"), label, given_article, slug_errors)


ArticleReader = Callable[[str, int, int], str]


def _check(
    text: str,
    slug: str,
    path: Path,
    label: str,
    article_file: ArticleReader,
    errors: list[BankError],
) -> LoadedBank:
    root = parse_mapping(text, label)
    too_many = _fact_count(root, label)
    if too_many:
        raise BankInvalid(errors + too_many)  # checking every fact of it would take too long
    # Ids, references and grounding are checked on the YAML tree, item by item, so that a
    # teacher sees them together with the schema errors rather than one round at a time.
    errors += Identities(root, label).errors()
    bank: Bank | None = None
    try:
        bank = Bank.model_validate(root)
    except ValidationError as exc:
        errors += located_errors(exc.errors(), root, label, Bank)
    article_text: str | None = None
    try:
        source = ArticleSource.model_validate(root.get("article"))
        article_text = _article_text(source, root, label, article_file)
    except ValidationError:
        pass  # already reported with the schema errors
    except BankInvalid as exc:
        errors += exc.errors
    article = Article.from_text(article_text) if article_text is not None else None
    if article is not None:
        errors += Grounding(root, label, article).errors()
    if errors or bank is None or article_text is None or article is None:
        raise BankInvalid(errors)
    digest = bank_digest(text, article_text)
    return LoadedBank(slug, path, bank, article_text, article, digest, text)


def bank_digest(yaml_text: str, article_text: str) -> str:
    """What identifies one version of a bank: its YAML and its article, together."""
    return hashlib.sha256(f"{yaml_text}\0{article_text}".encode()).hexdigest()


def article_file_name(source: ArticleSource) -> str | None:
    """The article file a bank names, if it is a plain file name next to the bank."""
    name = source.file
    if (
        name is None
        or Path(name).name != name
        or name.startswith(".")
        or "\\" in name
        or ":" in name
    ):
        return None
    return name


def _article_text(
    source: ArticleSource, root: CommentedMap, label: str, article_file: ArticleReader
) -> str:
    if source.text is not None:
        return source.text
    line, column = position(root, ("article", "file"))
    name = article_file_name(source)
    if name is None:
        reason = "article file must be a file name next to the bank, without folders"
        raise BankInvalid([BankError(label, line, column, reason, "the-article-text-file")])
    return article_file(name, line, column)


def _fact_count(root: CommentedMap, label: str) -> list[BankError]:
    """One error at the first fact over the limit, counting every section in file order."""
    count = 0
    first_over: tuple[int, int] | None = None
    for section in (key for key in root if key in FACT_MODELS):
        items = root[section]
        if not isinstance(items, list):
            continue
        if first_over is None and count + len(items) > MAX_FACTS:
            first_over = position(root, (section, MAX_FACTS - count))
        count += len(items)
    if first_over is None:
        return []
    reason = (
        f"the bank has {count:,} facts; the limit is {MAX_FACTS:,} (this is fact "
        f"{MAX_FACTS + 1:,}): split the article into several banks or leave facts out"
    )
    return [BankError(label, *first_over, reason, "how-many-facts")]
