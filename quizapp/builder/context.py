"""What every question template needs: the bank, a seeded random source and shared helpers."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from quizapp.bank import LoadedBank
from quizapp.bank.grounding import fold, whole_word_pattern
from quizapp.bank.schema import Actor, Bank, Fact

from .question import Kind, Level, Question

MAX_CHOICES = 4


@dataclass(frozen=True)
class Context:
    """One build of one bank with one seed."""

    loaded: LoadedBank
    seed: int

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
            explanation=_joined(explanation, fact.explanation),
            facts=(fact.id,),
            **extra,  # type: ignore[arg-type]
        )


def _joined(generated: str, written: str | None) -> str:
    """The generated explanation, then the bank's own words about the fact, if any."""
    if not written or written in generated:
        return generated
    return f"{generated} {written}".strip()


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


def choices_with(
    answer: str, preferred: Iterable[str], fallback: Iterable[str], rng: random.Random
) -> tuple[str, ...] | None:
    """The answer and up to three distractors, shuffled; None when fewer than two exist.

    Preferred distractors (e.g. other speakers of the article) come first, in a seeded random
    order; fallbacks (e.g. other actors) fill the rest in the order given.
    """
    first = distinct(preferred, exclude=[answer])
    rng.shuffle(first)
    rest = distinct(fallback, exclude=[answer, *first])
    picked = (first + rest)[: MAX_CHOICES - 1]
    if len(picked) < 2:
        return None
    options = [answer, *picked]
    rng.shuffle(options)
    return tuple(options)


def gives_away(prompt: str, *answers: str) -> bool:
    """Whether any of the answers is spelled out in the prompt."""
    haystack = fold(prompt).casefold()
    return any(fold(answer).casefold() in haystack for answer in answers if answer.strip())


def blank_out(text: str, word: str) -> str | None:
    """The text with every whole occurrence of word replaced by a blank, or None."""
    blanked, count = whole_word_pattern(word).subn("_____", fold(text))
    return blanked if count else None


def sentence(text: str) -> str:
    """Text with a capital first letter: 'other EU countries ...' -> 'Other EU countries ...'."""
    return text[:1].upper() + text[1:]


def with_article(noun: str) -> str:
    """'a tweet', 'an interview'."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
