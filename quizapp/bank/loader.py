"""Loading a bank: file -> validated, grounded ``LoadedBank``, or every problem at once."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from .checks import FACT_MODELS, Grounding, Identities
from .errors import BankError, BankInvalid
from .grounding import Article
from .locate import located as located_errors
from .locate import position
from .reader import parse_mapping, read_text
from .schema import ArticleSource, Bank

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# A bank is one article: more facts than this is a mistake, and would keep the app busy
# checking and building for many seconds (issue 14 measured 24 s for 3,400 facts).
MAX_FACTS = 2000


@dataclass(frozen=True)
class LoadedBank:
    """A bank that passed every check, with its article, ready for the builder."""

    slug: str
    path: Path
    bank: Bank
    article_text: str
    article: Article
    digest: str


def load_bank(path: Path, label: str | None = None) -> LoadedBank:
    """Load and check one bank file; raise BankInvalid listing every problem."""
    label = label or str(path)
    text = read_text(path, label)
    root = parse_mapping(text, label)
    errors: list[BankError] = []
    slug = path.stem
    if not _SLUG.match(slug):
        reason = f"the file name '{path.name}' must be lower-case letters, digits and dashes"
        errors.append(BankError(label, 1, 1, reason, "adding-an-article-in-five-steps"))
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
        article_text = _article_text(source, path, root, label)
    except ValidationError:
        pass  # already reported with the schema errors
    except BankInvalid as exc:
        errors += exc.errors
    article = Article.from_text(article_text) if article_text is not None else None
    if article is not None:
        errors += Grounding(root, label, article).errors()
    if errors or bank is None or article_text is None or article is None:
        raise BankInvalid(errors)
    digest = hashlib.sha256(f"{text}\0{article_text}".encode()).hexdigest()
    return LoadedBank(slug, path, bank, article_text, article, digest)


def _article_text(source: ArticleSource, path: Path, root: CommentedMap, label: str) -> str:
    if source.text is not None:
        return source.text
    name = source.file or ""
    line, column = position(root, ("article", "file"))
    if Path(name).name != name or name.startswith("."):
        reason = "article file must be a file name next to the bank, without folders"
        raise BankInvalid([BankError(label, line, column, reason, "the-article-text-file")])
    target = path.parent / name
    if not target.is_file():
        reason = f"article file '{name}' not found"
        raise BankInvalid([BankError(label, line, column, reason, "the-article-text-file")])
    return read_text(target, str(target))


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
