"""Word knowledge for grading (pure): real words, slips, word forms, initials and number words.

A typed answer may differ from the key by a slip of the fingers, never by being another word.
"Real word" means one that `wordfreq` has seen at least once per million English words: below
that sit names, rare words and the common misspellings of the web ("recieve", "seperate"),
which are exactly what a student's slip looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

import inflect
from anyascii import anyascii
from rapidfuzz.distance import OSA
from text_to_num import alpha2digit
from wordfreq import zipf_frequency

# Zipf 3 is one occurrence per million words ("unconfirmed", "mobilization"); misspellings such as
# "definately" (2.9) and rare words such as "witless" (2.3) sit below it and count as slips.
REAL_WORD_ZIPF = 3.0
# Prefixes that turn a word into its opposite: "unconfirmed" is never a slip for "confirmed".
NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")
# Small words that initials skip: "USA" for "United States of America".
LINKING = frozenset({"of", "and", "the", "for", "de"})
# British and American spellings of one word: ise/ize, yse/yze, our/or, tre/ter, travelled/traveled.
_SPELLINGS = (
    (re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"our(s|ed|ing|ite|ites)?$"), r"or\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
)
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")
_INFLECT = inflect.engine()

Likeness = Literal["same", "slip", "different"]
_RANK: dict[Likeness, int] = {"different": 0, "slip": 1, "same": 2}
_DIGIT_GROUPS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")


def fold_letters(text: str) -> str:
    """Plain ASCII letters for any text: 'Łódź' -> 'Lodz' (anyascii keeps letters NFKD drops)."""
    return anyascii(text)


@lru_cache(maxsize=65536)
def is_real_word(word: str) -> bool:
    """Whether an English word is common enough that typing it is choosing it, not a slip."""
    return zipf_frequency(word, "en") >= REAL_WORD_ZIPF


@lru_cache(maxsize=16384)
def numbers_as_digits(text: str) -> str:
    """Number words as digits: 'twenty seven' -> '27', 'eighth' -> '8th', 'two days' -> '2 days'."""
    try:
        return str(alpha2digit(text, "en", threshold=0))
    except (ValueError, IndexError):  # text2num gives up on odd word runs; keep the words then
        return text


def negates(given: str, key: str) -> bool:
    """Whether one word is the other with a negating prefix ('legal' and 'illegal')."""
    longer, shorter = (given, key) if len(given) > len(key) else (key, given)
    return any(longer == prefix + shorter for prefix in NEGATING_PREFIXES)


@lru_cache(maxsize=16384)
def singular(word: str) -> str:
    """A noun made singular: 'countries' -> 'country', 'people' -> 'person'."""
    single = _INFLECT.singular_noun(word)
    return single if isinstance(single, str) else word


def _spelling(word: str) -> str:
    """The American spelling of a word, or the word: 'mobilisation' -> 'mobilization'."""
    for pattern, replacement in _SPELLINGS:
        word = pattern.sub(replacement, word)
    return word


def same_word(given: str, key: str) -> bool:
    """Whether two spellings are one word: a plural or singular, or British and American."""
    if given == key:
        return True
    if given[:1] != key[:1]:  # every plural and spelling pair shares it: "people" and "person"
        return False
    if singular(given) == singular(key) and len(given) > 2 and len(key) > 2:
        return True
    return _spelling(singular(given)) == _spelling(singular(key))


def allowed_slips(key: str) -> int:
    """Edits forgiven in a word this long: none in 'Ufa', one in 'Vell' or 'witness', two after."""
    if len(key) < 4:
        return 0
    return 1 if len(key) < 9 else 2


def compare_word(given: str, key: str, *, spelled: bool = False) -> Likeness:
    """How a typed word stands to the key's word (both lower case, folded).

    A different number, another real word or the key negated is 'different' whatever the edit
    distance; a transposition counts as one edit (optimal string alignment). ``spelled`` says
    the digits stand for number words, so '8' (from 'eight') is not the ordinal '8th'.
    """
    if given == key:
        return "same"
    given_number, key_number = _number_token(given), _number_token(key)
    if given_number is not None and key_number is not None:
        lenient = not spelled and (given.isdigit() or key.isdigit())
        return "same" if _same_number(given_number, key_number, lenient) else "different"
    if not (given.isalpha() and key.isalpha()):
        return "different"  # digits against a word that is no number, or a different number
    if negates(given, key) or abs(len(given) - len(key)) > 3:  # "children" is the longest step
        return "different"
    if not is_real_word(given) and OSA.distance(given, key) <= allowed_slips(key):
        return "slip"
    # Last, as inflect is the slow part: "tyrant" and "mobilization" are real words, not others.
    return "slip" if same_word(given, key) else "different"


@lru_cache(maxsize=16384)
def _number_token(word: str) -> str | None:
    """The digits a word stands for ('eighth' -> '8th', 'ten' -> '10'), or None for other words."""
    digits = numbers_as_digits(word)
    return digits if digits.isdigit() or _ORDINAL.match(digits) else None


def _same_number(given: str, key: str, lenient: bool) -> bool:
    """'8th' for 'eighth', and '1st' for a date's '1' when lenient; never 9 for 8."""
    if given.rstrip("stndrh") != key.rstrip("stndrh"):
        return False
    return given == key or lenient


def initials(words: list[str]) -> str:
    """The initials of a name, with and without its linking words: 'United States of America'."""
    return "".join(word[0] for word in words if word not in LINKING)


@dataclass(frozen=True)
class _Word:
    """One word of an answer, lower case, and how it was written (capitals, digits)."""

    text: str
    name: bool = False
    acronym: bool = False
    spelled: bool = False  # digits that stand for number words the student or key wrote


def _words(text: str) -> tuple[_Word, ...]:
    plain = _DIGIT_GROUPS.sub("", fold_letters(text))
    plain = _POSSESSIVE.sub("", plain)  # "Lithuania's" names Lithuania
    plain = _DOTTED.sub(lambda dotted: dotted.group(0).replace(".", ""), plain)  # "E.U." is "EU"
    words = [
        _Word(w.casefold(), w[:1].isupper(), len(w) > 1 and w.isupper())
        for w in re.findall(r"[^\W_]+", plain)
    ]
    if len(words) > 1 and words[0].text in ("the", "a", "an"):
        words = words[1:]
    return tuple(words)


def _as_digits(words: tuple[_Word, ...]) -> tuple[_Word, ...]:
    """The same words with number words as digits: 'twenty seven nations' -> '27 nations'."""
    written = {w.text for w in words}
    text = numbers_as_digits(" ".join(w.text for w in words))
    return tuple(_Word(w, spelled=w not in written) for w in text.split())


def likeness(given: str, key: str) -> Likeness:
    """How a typed answer stands to one accepted answer, compared word by word."""
    typed, wanted = _words(given), _words(key)
    # No reading of an answer spells a key in many more words: initials at most double them,
    # and a number in words takes a dozen ("nine hundred and ninety-nine thousand, ...").
    if not typed or not wanted or len(typed) > 2 * len(wanted) + 12:
        return "different"
    best = _align(typed, wanted)
    if best != "same":
        other = _align(_as_digits(typed), _as_digits(wanted))
        best = other if _RANK[other] > _RANK[best] else best
    return best


def _align(typed: tuple[_Word, ...], wanted: tuple[_Word, ...]) -> Likeness:
    """The best reading of the typed words as the wanted ones: word for word, or by initials."""

    def spelled(i: int, j: int) -> bool:
        return typed[i].spelled or wanted[j].spelled

    @cache
    def walk(i: int, j: int) -> Likeness:
        if i == len(typed) or j == len(wanted):
            return "same" if (i, j) == (len(typed), len(wanted)) else "different"
        steps: list[tuple[Likeness, int, int]] = [
            (compare_word(typed[i].text, wanted[j].text, spelled=spelled(i, j)), 1, 1)
        ]
        for n in range(2, len(wanted) - j + 1):  # "EU" for "European Union"
            run = wanted[j : j + n]
            if _is_name(run) and _initials(run, typed[i]):
                steps.append(("same", 1, n))
        if wanted[j].acronym:  # "European Union member" for "EU member"
            # An acronym's words are at most its letters and as many linking words.
            for n in range(2, min(len(typed) - i, 2 * len(wanted[j].text)) + 1):
                if _initials(typed[i : i + n], wanted[j]):
                    steps.append(("same", n, 1))
        if j + 1 < len(wanted) and typed[i].text == wanted[j].text + wanted[j + 1].text:
            steps.append(("slip", 1, 2))  # "policestate"
        if i + 1 < len(typed) and typed[i].text + typed[i + 1].text == wanted[j].text:
            steps.append(("slip", 2, 1))  # "Bell port"
        best: Likeness = "different"
        for step, di, dj in steps:
            if step == "different":
                continue
            rest = walk(i + di, j + dj)
            outcome: Likeness = (
                "different" if rest == "different" else min(step, rest, key=_RANK.__getitem__)
            )
            if _RANK[outcome] > _RANK[best]:
                best = outcome
        return best

    return walk(0, 0)


def _is_name(words: tuple[_Word, ...]) -> bool:
    """Whether words are a name of several words, 'Bank of England': only names go by initials."""
    named = [w for w in words if w.text not in LINKING]
    return len(named) > 1 and all(w.name for w in named)


def _initials(words: tuple[_Word, ...], acronym: _Word) -> bool:
    texts = [w.text for w in words]
    short = acronym.text
    return len(short) > 1 and short in (initials(texts), "".join(t[0] for t in texts))
