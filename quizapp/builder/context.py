"""What every question template needs: the bank, a seeded random source and shared helpers."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

import inflect

from quizapp.bank import LoadedBank
from quizapp.bank.grounding import fold, whole_word_pattern
from quizapp.bank.schema import Actor, Bank, Fact

from .actors import names_of
from .question import Kind, Level, Question

MAX_CHOICES = 4
# No length cue: the longest option is at most twice the shortest, plus a few characters
# (so "Latvia" may stand next to "Lithuania").
LENGTH_RATIO = 2.0
LENGTH_ALLOWANCE = 12
# Each bank statement gives one true item and one false item per false variant, so written
# true/false items lean False; generated ones (quotes, figures, stances) are keyed False a
# third of the time so that a bank's keys come out balanced (40-60 % True on the seed bank).
GENERATED_FALSE_SHARE = 1 / 3
# Kinds whose prompt must not print the answer (a true/false claim states it on purpose).
_SECRET_ANSWER: frozenset[Kind] = frozenset({"multiple_choice", "short_answer", "cloze", "numeric"})


@dataclass(frozen=True)
class Skipped:
    """A question the builder did not ask, and why (shown by `bank validate --explain`)."""

    fact: str
    template: str
    reason: str


@dataclass(frozen=True)
class Context:
    """One build of one bank with one seed; templates note here what they skip."""

    loaded: LoadedBank
    seed: int
    skipped: list[Skipped] = field(default_factory=list, compare=False)

    @property
    def bank(self) -> Bank:
        return self.loaded.bank

    def rng(self, question_id: str) -> random.Random:
        """A random source private to one question, so other questions never shift it."""
        return random.Random(f"{self.seed}:{self.loaded.slug}:{question_id}")

    def actor(self, actor_id: str) -> Actor:
        return self.loaded.bank.actor(actor_id)

    def name(self, actor_id: str) -> str:
        return self.actor(actor_id).name

    def skip(self, fact: Fact | str, template: str, reason: str) -> None:
        self.skipped.append(Skipped(fact if isinstance(fact, str) else fact.id, template, reason))

    def anchor(self, fact: Fact) -> str:
        """How a prompt credits the article: reports it only relays are never stated as fact."""
        if fact.reported:
            return "According to unconfirmed reports the article mentions"
        return "According to the article"

    def quoted(self, text: str) -> str:
        """Text in quotation marks only when they are the article's own words."""
        key = fold(text).casefold()
        verbatim = any(key in paragraph.casefold() for paragraph in self.loaded.article.folded)
        return f'"{text}"' if verbatim else text

    def ask(
        self,
        fact: Fact,
        template: str,
        *,
        kind: Kind,
        topic: str,
        level: Level,
        prompt: str,
        answer: str,
        explanation: str,
        forms: Iterable[str] = (),
        **extra: object,
    ) -> Iterator[Question]:
        """The question about one fact, unless its prompt spells out the answer in any form.

        `forms` are further spellings that would give the answer away (a number as written);
        accepted answers and every alias of a named answer are checked too.
        """
        question = self.question(
            fact, template, kind=kind, topic=topic, level=level, prompt=prompt,
            answer=answer, explanation=explanation, **extra,
        )  # fmt: skip
        if kind in _SECRET_ANSWER:
            secret = [answer, *question.accepted, *forms, *names_of(self.bank, answer)]
            given = gives_away(prompt, *secret)
            if given is not None:
                self.skip(fact, template, f"the prompt gives the answer away ({given!r})")
                return
        yield question

    def question(
        self,
        fact: Fact,
        template: str,
        *,
        kind: Kind,
        topic: str,
        level: Level,
        prompt: str,
        answer: str,
        explanation: str,
        **extra: object,
    ) -> Question:
        """A question about one fact, with its evidence located in the article."""
        paragraph = self.loaded.article.paragraph_of(fact.evidence)
        return Question(
            id=f"{fact.id}:{template}",
            bank=self.loaded.slug,
            fact=fact.id,
            template=template,
            kind=kind,
            topic=topic,
            level=level,
            prompt=prompt,
            answer=answer,
            evidence=fact.evidence,
            paragraph=paragraph if paragraph is not None else 0,
            # The bank's own explanation replaces the generated one (docs/bank-format.md).
            explanation=fact.explanation or explanation,
            facts=(fact.id,),
            attribution=fact.attribution or "",
            background=fact.background,
            **extra,  # type: ignore[arg-type]
        )


def distinct(options: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Options in order without repeats (compared folded, ignoring case) or excluded values."""
    seen = {fold(value).casefold() for value in exclude}
    kept = []
    for option in options:
        key = fold(option).casefold()
        if key and key not in seen:
            seen.add(key)
            kept.append(option)
    return kept


def comparable(options: Iterable[str]) -> bool:
    """Whether no option stands out by its length (a 188-character quote among short ones)."""
    lengths = [len(option) for option in options]
    return max(lengths) <= LENGTH_RATIO * min(lengths) + LENGTH_ALLOWANCE


def choices_with(
    answer: str,
    preferred: Iterable[str],
    fallback: Iterable[str],
    rng: random.Random,
    minimum: int = 2,
) -> tuple[str, ...] | None:
    """The answer and up to three distractors, shuffled; None when fewer than `minimum` exist.

    Preferred distractors (e.g. other speakers of the article) come first, in a seeded random
    order; fallbacks (e.g. other actors) fill the rest in the order given. A distractor whose
    length would make the answer stand out is passed over.
    """
    first = distinct(preferred, exclude=[answer])
    rng.shuffle(first)
    rest = distinct(fallback, exclude=[answer, *first])
    picked: list[str] = []
    for option in first + rest:
        if len(picked) < MAX_CHOICES - 1 and comparable([answer, *picked, option]):
            picked.append(option)
    if len(picked) < minimum:
        return None
    options = [answer, *picked]
    rng.shuffle(options)
    return tuple(options)


def _pattern(form: str) -> re.Pattern[str]:
    """A form as it may appear in a prompt: a whole word, or a word's stem when long enough.

    "Russia" gives away "Russians", but "EU" is no give-away in "queue" and "10" none in "100".
    """
    core = re.escape(fold(form).casefold())
    tail = "" if len(form) >= 4 and form[-1:].isalpha() else r"(?!\w)"
    return re.compile(rf"(?<!\w){core}{tail}")


def gives_away(prompt: str, *answers: str) -> str | None:
    """The first of the answers spelled out in the prompt, or None."""
    haystack = fold(prompt).casefold()
    for answer in answers:
        if answer.strip() and _pattern(answer).search(haystack):
            return answer
    return None


def blank_out(text: str, word: str) -> str | None:
    """The text with every whole occurrence of word replaced by a blank, or None."""
    blanked, count = whole_word_pattern(word).subn("_____", fold(text))
    return blanked if count else None


def sentence(text: str) -> str:
    """Text with a capital first letter: 'other EU countries ...' -> 'Other EU countries ...'."""
    return text[:1].upper() + text[1:]


@cache
def _inflect() -> inflect.engine:
    return inflect.engine()


def with_article(noun: str) -> str:
    """'a tweet', 'an interview', 'an EU member', 'a union' (by sound, through inflect)."""
    first = noun.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        # An abbreviation is read letter by letter ("an E-U member"); inflect reads "EU" as
        # the start of "euro", so ask it about the first letter's name.
        article = _inflect().a(first[0]).split(" ", 1)[0]
        return f"{article} {noun}"
    return str(_inflect().a(noun))
