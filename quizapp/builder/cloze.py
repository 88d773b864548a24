"""Cloze blanks a student can fill in one way only.

A blank takes one content word, or a fixed name ("Baltic Sea"). A blank over a phrase such as
"real name" fails the student who types "name", which fits as well; so a phrase that is not
a name is blanked at its first content word and the rest stays ("not the _____ name"). A blank
is not asked when another form of its word stays in the text ("they are _____ ... to disperse
all citizens" gives "dispersed" away).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from wordfreq import zipf_frequency

from quizapp.bank.grounding import fold, whole_word_pattern

from .sentences import content_stems

BLANK = "_____"
# A statement's blank is filled with the article's words, not any true one ("NATO" for "EU").
AS_WRITTEN = "as the article says it"
# Words at least this frequent ('the', 'of', 'and', 'being') carry grammar, not content:
# blanking one tests nothing a reader learns from the article.
_FUNCTION_ZIPF = 5.9
_WORD = re.compile(r"[\w'-]+")


@dataclass(frozen=True)
class Blank:
    """A cloze prompt's text with its blank(s) and the word(s) that fill them."""

    text: str
    answer: str

    @property
    def words(self) -> int:
        return len(self.answer.split())

    def instruction(self, accepted: Iterable[str] = (), *, as_written: str = "") -> str:
        """ "Fill in the missing word", "... words (2 words)", or "... word(s)" when the answers
        accepted differ in length ("EU" or "European Union"); `as_written` tells where the
        blank's words come from ("as the article says it"), so that a word true but not
        written there ("NATO") is not expected."""
        counts = {self.words, *(len(other.split()) for other in accepted if other.strip())}
        if counts == {1}:
            words = "word"
        elif len(counts) == 1:
            words = f"words ({self.words} words)"
        else:
            words = "word(s)"
        return " ".join(filter(None, ["Fill in the missing", words, as_written]))


def function_word(word: str) -> bool:
    return zipf_frequency(word, "en") >= _FUNCTION_ZIPF


def is_name(phrase: str) -> bool:
    """A fixed name: every content word capitalised ('European Union', 'Bay of Biscay')."""
    words = _WORD.findall(phrase)
    content = [w for w in words if not (w.islower() and function_word(w))]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def blank(text: str, phrase: str) -> Blank | None:
    """The text with the phrase blanked (every whole occurrence), or None if it is not there.

    A phrase that is not a name is blanked at one content word, the first that the rest of
    the text does not print elsewhere ("a police _____" when "police officials" follows).
    """
    words = phrase.split()
    if len(words) == 1 or is_name(phrase):
        targets = [phrase]
    else:
        targets = [w for w in words if not function_word(w)]
    found = [b for b in (_blanked(text, phrase, t) for t in targets) if b is not None]
    fair = [b for b in found if not whole_word_pattern(b.answer).search(b.text)]
    best = fair or found
    return best[0] if best else None


def _blanked(text: str, phrase: str, target: str) -> Blank | None:
    pattern = whole_word_pattern(phrase)
    inner = whole_word_pattern(target)
    count = 0

    def blanked(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return inner.sub(BLANK, match.group(0), count=1)

    result = pattern.sub(blanked, fold(text))
    return Blank(result, target) if count else None


def fair_blank(text: str, phrase: str, where: str) -> Blank | str:
    """The text with the phrase blanked, or why it cannot be (`where`: 'text', 'quote')."""
    blanked = blank(text, phrase)
    if blanked is None:
        return f"{phrase!r} is not a whole word of the {where}"
    if (echo := echo_of(blanked)) is not None:
        return f"{phrase!r} gives itself away: {echo!r} stays in the {where}"
    return blanked


def echo_of(blanked: Blank) -> str | None:
    """A word left in the text that is another form of a blanked word ('disperse' for
    'dispersed', 'protesters' for 'protests'), if any."""
    answer = content_stems(blanked.answer, _is_content)
    words: list[str] = _WORD.findall(blanked.text)
    for word in words:
        if "_" not in word and content_stems(word, _is_content) & answer:
            return word
    return None


def _is_content(word: str) -> bool:
    return len(word) > 3 and not function_word(word)
