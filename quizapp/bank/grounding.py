"""Grounding: does the bank say only what the article says?

Text is compared after folding whitespace, typographic quotes and dashes, so a bank written
with straight quotes matches an article typeset with curly ones. Case is kept: a quote must
be the speaker's words, not a paraphrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FOLDS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def fold(text: str) -> str:
    """Text with typographic quotes and dashes made plain and whitespace collapsed."""
    return _SPACE.sub(" ", text.translate(_FOLDS)).strip()


def split_paragraphs(article: str) -> list[str]:
    """The article's paragraphs: blocks separated by blank lines, whitespace folded."""
    blocks = re.split(r"\n\s*\n", article.replace("\r\n", "\n"))
    return [" ".join(block.split()) for block in blocks if block.strip()]


def numbers_in(text: str) -> list[float]:
    """Every number written in digits in the text (3,000 -> 3000.0)."""
    return [float(match.replace(",", "")) for match in _NUMBER.findall(text)]


@dataclass(frozen=True)
class Article:
    """An article's text split into paragraphs, ready for evidence lookups."""

    paragraphs: tuple[str, ...]
    folded: tuple[str, ...]

    @classmethod
    def from_text(cls, text: str) -> Article:
        paragraphs = tuple(split_paragraphs(text))
        return cls(paragraphs, tuple(fold(paragraph) for paragraph in paragraphs))

    def paragraph_of(self, snippet: str) -> int | None:
        """Index of the first paragraph that contains the snippet, or None."""
        needle = fold(snippet)
        if not needle:
            return None
        for index, paragraph in enumerate(self.folded):
            if needle in paragraph:
                return index
        return None

    def contains(self, snippet: str) -> bool:
        return self.paragraph_of(snippet) is not None


def contains_folded(haystack: str, needle: str) -> bool:
    """Whether needle appears in haystack once both are folded."""
    return fold(needle) in fold(haystack)


def whole_word_pattern(word: str) -> re.Pattern[str]:
    """Matches the folded word (or phrase) only where it stands alone, in any case."""
    return re.compile(rf"(?<!\w){re.escape(fold(word))}(?!\w)", flags=re.IGNORECASE)


def contains_word(text: str, word: str) -> bool:
    """Whether the word appears in the text as a whole word ('ship' is not in 'ships')."""
    return whole_word_pattern(word).search(fold(text)) is not None


def figure_is_written(evidence: str, value: float, written: str | None) -> bool:
    """Whether the evidence states the figure, in digits or as the given wording."""
    if written is not None:
        return contains_folded(evidence, written)
    return any(abs(number - value) < 1e-9 for number in numbers_in(fold(evidence)))


@dataclass(frozen=True)
class Passage:
    """An evidence sentence inside its paragraph: the text before it, it, and after it."""

    paragraph: int
    before: str
    evidence: str
    after: str


def passage_of(article: Article, evidence: str, hint: int | None = None) -> Passage | None:
    """Locate evidence in the article for highlighting, trying the hinted paragraph first."""
    needle = fold(evidence)
    order = list(range(len(article.paragraphs)))
    if hint is not None and 0 <= hint < len(order):
        order.remove(hint)
        order.insert(0, hint)
    for index in order:
        paragraph = article.paragraphs[index]
        # Paragraphs hold single spaces only, so folding keeps every character's position.
        start = article.folded[index].find(needle)
        if needle and start >= 0:
            end = start + len(needle)
            return Passage(index, paragraph[:start], paragraph[start:end], paragraph[end:])
    return None
