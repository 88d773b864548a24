"""A report of problems in one bank's YAML tree, each located at the node it is about."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap

from .errors import BankError
from .grounding import Article, near_miss
from .locate import Loc, position

T = TypeVar("T", bound=BaseModel)


class Report:
    """Problems found in one bank's YAML tree, each located at the node it is about."""

    def __init__(self, root: CommentedMap, label: str) -> None:
        self.root, self.label = root, label
        self.found: list[BankError] = []

    def add(self, loc: Loc, reason: str, see: str) -> None:
        line, column = position(self.root, loc)
        self.found.append(BankError(self.label, line, column, reason, see))

    def valid(self, section: str, model: type[T]) -> Iterator[tuple[int, T]]:
        """The section's items that fit their model, with their index in the file."""
        items = self.root.get(section)
        for index, raw in enumerate(items if isinstance(items, list) else []):
            try:
                yield index, model.model_validate(raw)
            except ValidationError:
                continue  # reported with the schema errors


class Grounded(Report):
    """A report that checks the bank's text against its article."""

    def __init__(self, root: CommentedMap, label: str, article: Article) -> None:
        super().__init__(root, label)
        self.article = article

    def in_article(
        self, loc: Loc, what: str, snippet: str | None, see: str, subject: str | None = None
    ) -> None:
        """Report a snippet that is not in one paragraph, with the closest passage.

        `subject` names the snippet where it differs from the article (`what` if not given).
        """
        if snippet is None or self.article.contains(snippet):
            return
        reason = f"{what} is not in the article (within one paragraph)"
        miss = near_miss(self.article, snippet, subject or what)
        if miss is not None:
            reason += (
                f": {miss.difference}; the closest passage is in paragraph "
                f'{miss.paragraph + 1}: "{miss.passage}"'
            )
        self.add(loc, reason, see)
