"""What every question template needs: the bank, a seeded random source and shared helpers."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TypeVar, cast

import inflect

from quizapp.bank import LoadedBank
from quizapp.bank.grounding import fold, whole_word_pattern
from quizapp.bank.kinds import skill_of_topic
from quizapp.bank.schema import Actor, Bank, Fact

from .actors import names_of
from .question import Kind, Level, Question, Skill

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
# A build folds the same names and quotes for every question: remember that many.
_FOLDS_KEPT = 65536
T = TypeVar("T")


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
    # What templates work out once per build rather than once per question (see `memo`).
    memos: dict[Hashable, object] = field(default_factory=dict, compare=False)

    @property
    def bank(self) -> Bank:
        return self.loaded.bank

    def rng(self, question_id: str) -> random.Random:
        """A random source private to one question, so other questions never shift it."""
        return random.Random(f"{self.seed}:{self.loaded.slug}:{question_id}")

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value computed once per build under `key` (a key names what it computes)."""
        if key not in self.memos:
            self.memos[key] = compute()
        return cast(T, self.memos[key])

    def actor(self, actor_id: str) -> Actor:
        return self.memo(("actors",), lambda: _first_by_id(self.bank.actors))[actor_id]

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
        key = folded_key(text)
        paragraphs = self.memo(
            ("casefolded",), lambda: [p.casefold() for p in self.loaded.article.folded]
        )
        verbatim = any(key in paragraph for paragraph in paragraphs)
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
        skill: Skill | None = None,
        **extra: object,
    ) -> Iterator[Question]:
        """The question about one fact, unless its prompt spells out the answer in any form.

        `forms` are further spellings that would give the answer away (a number as written);
        accepted answers and every alias of a named answer are checked too.
        """
        question = self.question(
            fact, template, kind=kind, topic=topic, level=level, prompt=prompt,
            answer=answer, explanation=explanation, skill=skill, **extra,
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
        skill: Skill | None = None,
        **extra: object,
    ) -> Question:
        """A question about one fact, with its evidence located in the article.

        Its skill is the topic's (kinds.TOPIC_SKILLS) unless given; a blank to fill in
        checks a key detail whatever its topic.
        """
        if skill is None:
            skill = "key-detail" if kind == "cloze" else skill_of_topic(topic)
        paragraph = self.memo(
            ("paragraph", fact.evidence), lambda: self.loaded.article.paragraph_of(fact.evidence)
        )
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
            skill=skill,
            **extra,  # type: ignore[arg-type]
        )


def _first_by_id(actors: Iterable[Actor]) -> dict[str, Actor]:
    found: dict[str, Actor] = {}
    for actor in actors:
        found.setdefault(actor.id, actor)  # the first of an id, as `Bank.actor` finds it
    return found


@lru_cache(maxsize=_FOLDS_KEPT)
def folded_key(text: str) -> str:
    """Text as options and prompts are compared: folded, ignoring case."""
    return fold(text).casefold()


def distinct(options: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Options in order without repeats (compared folded, ignoring case) or excluded values."""
    seen = {folded_key(value) for value in exclude}
    kept = []
    for option in options:
        key = folded_key(option)
        if key and key not in seen:
            seen.add(key)
            kept.append(option)
    return kept


@dataclass(frozen=True)
class Distinct:
    """Options already without repeats, with their keys: one list offered to many questions
    (every quote of a speaker's rivals), so it is not folded and compared again each time."""

    options: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, options: Iterable[str]) -> Distinct:
        return cls(tuple((option, folded_key(option)) for option in distinct(options)))

    def without(self, exclude: Iterable[str]) -> list[str]:
        """The same as `distinct(options, exclude)`: dropping keys after the first is the same."""
        keys = {folded_key(value) for value in exclude}
        return [option for option, key in self.options if key not in keys]


def comparable(options: Iterable[str]) -> bool:
    """Whether no option stands out by its length (a 188-character quote among short ones)."""
    lengths = [len(option) for option in options]
    return max(lengths) <= LENGTH_RATIO * min(lengths) + LENGTH_ALLOWANCE


def choices_with(
    answer: str,
    preferred: Iterable[str] | Distinct,
    fallback: Iterable[str],
    rng: random.Random,
    minimum: int = 2,
) -> tuple[str, ...] | None:
    """The answer and up to three distractors, shuffled; None when fewer than `minimum` exist.

    Preferred distractors (e.g. other speakers of the article) come first, in a seeded random
    order; fallbacks (e.g. other actors) fill the rest in the order given. A distractor whose
    length would make the answer stand out is passed over.
    """
    if isinstance(preferred, Distinct):
        first = preferred.without([answer])
    else:
        first = distinct(preferred, exclude=[answer])
    rng.shuffle(first)
    rest = distinct(fallback, exclude=[answer, *first])
    picked: list[str] = []
    for option in first + rest:
        if len(picked) == MAX_CHOICES - 1:
            break
        if comparable([answer, *picked, option]):
            picked.append(option)
    if len(picked) < minimum:
        return None
    options = [answer, *picked]
    rng.shuffle(options)
    return tuple(options)


@lru_cache(maxsize=_FOLDS_KEPT)
def _pattern(form: str) -> re.Pattern[str]:
    """A form as it may appear in a prompt: a whole word, or a word's stem when long enough.

    "Russia" gives away "Russians", but "EU" is no give-away in "queue" and "10" none in "100".
    """
    core = re.escape(fold(form).casefold())
    tail = "" if len(form) >= 4 and form[-1:].isalpha() else r"(?!\w)"
    return re.compile(rf"(?<!\w){core}{tail}")


def gives_away(prompt: str, *answers: str) -> str | None:
    """The first of the answers spelled out in the prompt, or None."""
    haystack = folded_key(prompt)
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
