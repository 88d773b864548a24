"""Grounding: does the bank say only what the article says?

Text is compared after folding whitespace, typographic quotes and dashes, so a bank written
with straight quotes matches an article typeset with curly ones. Case is kept: a quote must
be the speaker's words, not a paraphrase.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from text_to_num import alpha2digit

from .qualifiers import QUALIFIERS

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


def numbers_written_in(text: str) -> list[float]:
    """Every number in the text, in digits or in words ("fifty", "twenty-seven", "eighth")."""
    # threshold=0: small numbers ("two years") are numbers too, not only "twenty".
    return numbers_in(fold(text)) + numbers_in(alpha2digit(fold(text), "en", threshold=0))


def figure_is_written(evidence: str, value: float, written: str | None) -> bool:
    """Whether the evidence states the figure, in digits, in number words or as `written`."""
    if written is not None:
        return contains_folded(evidence, written)
    return any(abs(number - value) < 1e-9 for number in numbers_written_in(evidence))


def written_value(written: str) -> float | None:
    """The number a wording stands for ("forty" -> 40, "27-nation" -> 27), if it says one."""
    numbers = numbers_written_in(written)
    return numbers[0] if numbers else None


# Longest first, so that "well over 10" is read as "well over", not "over".
_QUALIFIER_WORDS = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))


def qualifiers_stated(evidence: str, value: float, written: str | None = None) -> set[str | None]:
    """The qualifier the evidence puts before each mention of the figure (None: no qualifier)."""
    if written is not None:
        number, texts = re.escape(fold(written)), [fold(evidence)]
    else:
        shown = f"{value:,g}" if value != int(value) else f"{int(value):,}"
        number = re.escape(shown).replace(",", ",?")
        texts = [fold(evidence), alpha2digit(fold(evidence), "en", threshold=0)]
    pattern = re.compile(
        rf"(?:\b({_QUALIFIER_WORDS})\s+)?[£$€]?(?<![\d.,]){number}(?![\d]|[.,]\d)", re.IGNORECASE
    )
    return {
        match.group(1).lower() if match.group(1) else None
        for text in texts
        for match in pattern.finditer(text)
    }


@dataclass(frozen=True)
class NearMiss:
    """Where a snippet that is not in the article comes closest, and its first wrong word."""

    paragraph: int  # 0-based
    passage: str  # the article's text where the snippet would be
    difference: str  # the first difference, in words


_TOKEN = re.compile(r"\w+(?:'\w+)*|[^\w\s]")


def _tokens(text: str) -> list[re.Match[str]]:
    """Words and punctuation marks, each on its own: '"We' is '"' and 'We'."""
    return list(_TOKEN.finditer(text))


def near_miss(article: Article, snippet: str, subject: str = "the evidence") -> NearMiss | None:
    """The paragraph passage most like the snippet, and where they first differ.

    `subject` names the snippet in the difference ("the evidence has 'x' where ..."): the
    field being checked, so that a quote's `words` are not called its evidence.
    """
    folded = fold(snippet)
    mine = _tokens(folded)
    lowered = [token.group().lower() for token in mine]
    best: tuple[int, int, difflib.SequenceMatcher[str]] | None = None
    for index, paragraph in enumerate(article.folded):
        theirs = [token.group().lower() for token in _tokens(paragraph)]
        matcher = difflib.SequenceMatcher(None, lowered, theirs, autojunk=False)
        matched = sum(block.size for block in matcher.get_matching_blocks())
        if matched and (best is None or matched > best[0]):
            best = (matched, index, matcher)
    if best is None:
        return None
    _, index, matcher = best
    paragraph = article.folded[index]
    tokens = _tokens(paragraph)
    equal = [op for op in matcher.get_opcodes() if op[0] == "equal"]
    first = max(equal[0][3] - equal[0][1], 0)
    passage = paragraph[tokens[first].start() : tokens[equal[-1][4] - 1].end()]
    if len(passage) > 160:
        passage = passage[:157] + "..."
    return NearMiss(index, passage, _first_difference(folded, mine, tokens, matcher, subject))


def _first_difference(
    folded: str,
    mine: list[re.Match[str]],
    theirs: list[re.Match[str]],
    matcher: difflib.SequenceMatcher[str],
    subject: str,
) -> str:
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if i1 >= len(mine):
            break  # the rest of the paragraph, after the snippet
        if op == "insert" and i1 == 0:
            continue  # the paragraph before the snippet
        before = folded[mine[max(i1 - 3, 0)].start() : mine[i1].start()].strip()
        after = f"after '{before}', " if before else ""
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                if mine[i].group() != theirs[j].group():
                    before = folded[mine[max(i - 3, 0)].start() : mine[i].start()].strip()
                    after = f"after '{before}', " if before else ""
                    return (
                        f"{after}{subject} has '{mine[i].group()}' where the article has "
                        f"'{theirs[j].group()}' (capital letters count)"
                    )
            continue
        word = mine[i1].group()
        if j1 == 0 and op == "delete":
            return f"'{word}' comes before the paragraph starts"
        if j1 >= len(theirs):
            return f"{after}the paragraph ends before '{word}'"
        return f"{after}{subject} has '{word}' where the article has '{theirs[j1].group()}'"
    return "the words match but not the spaces between them"


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
