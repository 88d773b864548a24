"""The article's sentences (sentencex), and which of them a piece of evidence covers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from sentencex import segment

from quizapp.bank.grounding import Article, fold, passage_of

# Suffixes stripped so that "killed" meets "kill" and "fleeing" meets "flee".
_POSSESSIVE = re.compile(r"['’]s\b")
_FINAL_E = re.compile(r"(?<=\w{4})e$")
_SUFFIX = re.compile(r"(?:ing|ed|es|s|ly)$")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_ARTICLES_KEPT = 32
_OPENING = ('"', "\u201c")
_QUOTE_MARKS = ('"', "\u201c", "\u201d")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article: its paragraph (0-based) and where it is in it."""

    paragraph: int
    start: int
    end: int
    text: str


@lru_cache(maxsize=_ARTICLES_KEPT)
def sentences_of(article: Article) -> tuple[Sentence, ...]:
    """Every sentence of every paragraph, in order (a quoted "...fight. Against Putin." is one)."""
    found: list[Sentence] = []
    for index, paragraph in enumerate(article.paragraphs):
        at = 0
        for piece in segment("en", paragraph):
            text = piece.strip()
            if not text:
                continue
            start = paragraph.find(text, at)
            if start < 0:  # the segmenter changed the text: keep the paragraph whole
                found = [s for s in found if s.paragraph != index]
                found.append(Sentence(index, 0, len(paragraph), paragraph))
                break
            end = start + len(text)
            at = end
            found.append(_without_open_quote(Sentence(index, start, end, text)))
    return tuple(found)


def _without_open_quote(sentence: Sentence) -> Sentence:
    """A sentence cut out of a quote of several sentences or paragraphs ("All those protests
    ... dispersed." of '"All those protests ... dispersed. Russia is ...') without the
    quotation mark it opens with and never closes: shown alone, it would look unfinished."""
    text = sentence.text
    if text[:1] not in _OPENING or sum(text.count(mark) for mark in _QUOTE_MARKS) % 2 == 0:
        return sentence
    rest = text[1:].lstrip()
    if not rest:
        return sentence
    return Sentence(sentence.paragraph, sentence.end - len(rest), sentence.end, rest)


def covering(article: Article, snippet: str) -> tuple[Sentence, ...]:
    """The sentences a snippet of one paragraph touches, in order (none if it is not there)."""
    passage = passage_of(article, snippet)
    if passage is None:
        return ()
    start = len(passage.before)
    end = start + len(passage.evidence)
    return tuple(
        s
        for s in sentences_of(article)
        if s.paragraph == passage.paragraph and s.start < end and start < s.end
    )


def joined(article: Article, sentences: tuple[Sentence, ...]) -> str:
    """Consecutive sentences of one paragraph as the article prints them."""
    first, last = sentences[0], sentences[-1]
    return article.paragraphs[first.paragraph][first.start : last.end]


def content_stems(text: str, is_content: Callable[[str], bool]) -> set[str]:
    """Stems of a text's content words that meet across forms of a word: "Putin's" is "Putin",
    "queue" meets "queues", "disperse" meets "dispersed", "escape" "escaped"."""
    words = stems(_POSSESSIVE.sub("", fold(text)))
    return {_FINAL_E.sub("", word) for word in words if is_content(word)}


def stems(text: str) -> set[str]:
    """The words of a text, lower case and without common endings, for comparing content."""
    found = set()
    for word in _WORD.findall(text.casefold()):
        stem = _SUFFIX.sub("", word) if len(word) > 4 else word
        found.add(stem[:7])
    return found
