"""Loading a bank: file -> validated, grounded ``LoadedBank``, or every problem at once."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap

from .errors import BankError, BankInvalid
from .grounding import Article, contains_folded, contains_word, figure_is_written
from .locate import Loc, position
from .locate import located as located_errors
from .reader import parse_mapping, read_text
from .schema import (
    Actor,
    ArticleSource,
    Bank,
    Event,
    Fact,
    Figure,
    HandQuestion,
    Place,
    Quote,
    Stance,
    Statement,
)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FACT_MODELS: dict[str, type[Fact]] = {
    "quotes": Quote,
    "figures": Figure,
    "stances": Stance,
    "places": Place,
    "events": Event,
    "statements": Statement,
    "questions": HandQuestion,
}
_SECTIONS = tuple(_FACT_MODELS)
T = TypeVar("T", bound=BaseModel)
# The keys by which each section's items name actors.
_ACTOR_KEYS = {
    "actors": "country",
    "quotes": "speaker",
    "figures": "source",
    "stances": "actor",
    "places": "country",
    "events": "actors",
}


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
        errors.append(BankError(label, 1, 1, reason))
    # Ids, references and grounding are checked on the YAML tree, item by item, so that a
    # teacher sees them together with the schema errors rather than one round at a time.
    errors += _Identities(root, label).errors()
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
        errors += _Checker(root, label, article).errors()
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
        raise BankInvalid([BankError(label, line, column, reason)])
    target = path.parent / name
    if not target.is_file():
        raise BankInvalid([BankError(label, line, column, f"article file '{name}' not found")])
    return read_text(target, str(target))


class _Report:
    """Problems found in one bank's YAML tree, each located at the node it is about."""

    def __init__(self, root: CommentedMap, label: str) -> None:
        self.root, self.label = root, label
        self.found: list[BankError] = []

    def _add(self, loc: Loc, reason: str) -> None:
        line, column = position(self.root, loc)
        self.found.append(BankError(self.label, line, column, reason))


class _Identities(_Report):
    """Duplicate ids and unknown actors, checked on the YAML tree (it may not fit the schema)."""

    def __init__(self, root: CommentedMap, label: str) -> None:
        super().__init__(root, label)
        self.items = [
            (section, index, item)
            for section in ("actors", *_SECTIONS)
            if isinstance(root.get(section), list)
            for index, item in enumerate(root[section])
            if isinstance(item, dict)
        ]
        self.actor_ids = {
            item["id"]
            for section, _, item in self.items
            if section == "actors" and isinstance(item.get("id"), str)
        }

    def errors(self) -> list[BankError]:
        self._unique_ids()
        self._references()
        return self.found

    def _unique_ids(self) -> None:
        first: dict[str, int] = {}
        for section, index, item in self.items:
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            loc: Loc = (section, index, "id")
            if item_id in first:
                self._add(loc, f"duplicate id '{item_id}' (first used on line {first[item_id]})")
            else:
                first[item_id] = position(self.root, loc)[0]

    def _ref(self, loc: Loc, actor_id: object) -> None:
        if not isinstance(actor_id, str) or actor_id in self.actor_ids:
            return
        guess = difflib.get_close_matches(actor_id, sorted(self.actor_ids), n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else "; add it under actors:"
        self._add(loc, f"unknown actor '{actor_id}'{hint}")

    def _references(self) -> None:
        for section, index, item in self.items:
            key = _ACTOR_KEYS.get(section)
            if key is None:
                continue
            value = item.get(key)
            if isinstance(value, list):
                for j, actor_id in enumerate(value):
                    self._ref((section, index, key, j), actor_id)
            else:
                self._ref((section, index, key), value)


class _Checker(_Report):
    """Grounding checks pydantic cannot do alone: is every claim in the article?

    Each item is validated on its own, so items that fit the schema are checked even when
    others in the file do not.
    """

    def __init__(self, root: CommentedMap, label: str, article: Article) -> None:
        super().__init__(root, label)
        self.article = article

    def errors(self) -> list[BankError]:
        self._grounding()
        return self.found

    def _valid(self, section: str, model: type[T]) -> Iterator[tuple[int, T]]:
        """The section's items that fit their model, with their index in the file."""
        items = self.root.get(section)
        for index, raw in enumerate(items if isinstance(items, list) else []):
            try:
                yield index, model.model_validate(raw)
            except ValidationError:
                continue  # reported with the schema errors

    def _in_article(self, loc: Loc, what: str, snippet: str | None) -> None:
        if snippet is not None and not self.article.contains(snippet):
            short = snippet if len(snippet) <= 60 else snippet[:57] + "..."
            self._add(loc, f"{what} is not in the article (within one paragraph): '{short}'")

    def _grounding(self) -> None:
        for section, model in _FACT_MODELS.items():
            for index, fact in self._valid(section, model):
                self._in_article((section, index, "evidence"), "the evidence", fact.evidence)
        for index, actor in self._valid("actors", Actor):
            self._in_article(("actors", index, "evidence"), "the evidence", actor.evidence)
        for i, quote in self._valid("quotes", Quote):
            self._in_article(("quotes", i, "words"), "the quote", quote.words)
            self._words_in(("quotes", i, "cloze"), quote.cloze, quote.words, "quote")
        for i, figure in self._valid("figures", Figure):
            if not figure_is_written(figure.evidence, figure.value, figure.written):
                shown = figure.written or f"{figure.value:g}"
                self._add(("figures", i, "value"), f"the number {shown} is not in its evidence")
        for i, stance in self._valid("stances", Stance):
            self._in_article(("stances", i, "words"), "the stance's words", stance.words)
        for i, place in self._valid("places", Place):
            if contains_folded(place.description.lower(), place.name.lower()):
                self._add(("places", i, "description"), "the description gives the name away")
        for i, statement in self._valid("statements", Statement):
            self._words_in(("statements", i, "cloze"), statement.cloze, statement.text, "text")
            for j, variant in enumerate(statement.false_variants):
                if variant.strip() == statement.text.strip():
                    self._add(
                        ("statements", i, "false_variants", j), "a false variant equals the text"
                    )

    def _words_in(self, loc: Loc, words: list[str], text: str, what: str) -> None:
        for j, word in enumerate(words):
            if not contains_word(text, word):
                reason = f"the cloze word '{word}' is not a whole word of the {what}"
                self._add((*loc, j), reason)
