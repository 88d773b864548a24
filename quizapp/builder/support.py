"""Which sentences of the article support a claim, and how much of its wording a sentence shares.

A wrong choice of an evidence question must be about the same things as the claim (or the
student picks the answer by matching words) and must not support it (or two answers are
right). Wording is compared by content words weighted by rarity: "Tbilisi", in one sentence
of the article, says more about what a sentence is about than "Russians", in ten.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from quizapp.bank.grounding import fold, numbers_in, numbers_written_in
from quizapp.bank.schema import Actor, Fact, Place, Stance

from .cloze import function_word
from .context import Context
from .sentences import Sentence, content_stems, covering, sentences_of

# A sentence that shares this much of a claim's weighted wording says what the claim says.
RESTATES = 0.75
# A word found in at most this many sentences of the article marks what a text is about.
RARE = 3
_QUOTED = re.compile(r'"([^"]+)"')


def content(ctx: Context, text: str) -> frozenset[str]:
    """A text's content words, as stems, with every name of an actor it names ("Moscow" is
    "Russia", "Mr Putin" is "Vladimir Putin")."""
    known = ctx.memo(("content words",), dict[str, frozenset[str]])
    if text not in known:
        words = set(_plain_content(text))
        folded = fold(text).casefold()
        for pattern, names in _aliases(ctx):
            if pattern.search(folded):
                words |= names
        known[text] = frozenset(words)
    return known[text]


def _plain_content(text: str) -> set[str]:
    return content_stems(text, lambda word: not function_word(word))


def _aliases(ctx: Context) -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    """Each other name of an actor or place, and the words of its main name."""

    def find() -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
        found = []
        named: list[Actor | Place] = [*ctx.bank.actors, *ctx.bank.places]
        for thing in named:
            names = frozenset(_plain_content(thing.name))
            for alias in thing.aliases:
                key = re.escape(fold(alias).casefold())
                found.append((re.compile(rf"(?<!\w){key}(?!\w)"), names))
        return tuple(found)

    return ctx.memo(("alias patterns",), find)


def sentence_content(ctx: Context, sentence: Sentence) -> frozenset[str]:
    return content(ctx, sentence.text)


def frequency(ctx: Context) -> Counter[str]:
    """In how many sentences of the article each content word occurs."""

    def count() -> Counter[str]:
        found: Counter[str] = Counter()
        for s in sentences_of(ctx.loaded.article):
            found.update(sentence_content(ctx, s))
        return found

    return ctx.memo(("sentence words",), count)


def weight(ctx: Context, words: Iterable[str]) -> float:
    """How much words say about what a text is about: a word of n sentences weighs 1/n, a
    word the article never uses ("resist" in a conclusion) as much as the rarest."""
    counts = frequency(ctx)
    return sum(1 / max(counts[word], 1) for word in words)


def rare(ctx: Context, words: Iterable[str]) -> set[str]:
    counts = frequency(ctx)
    return {word for word in words if 0 < counts[word] <= RARE}


def supporting(
    ctx: Context, fact: Fact, claim: str, answer: str, wordings: Iterable[tuple[Fact, str]]
) -> frozenset[Sentence]:
    """Every sentence that may support the claim, so that none is offered as a wrong choice.

    They are the fact's evidence and further evidence (`also`); the evidence of every other
    fact that says the same (`wordings`: each fact and its own wording); sentences that repeat
    the claim's figure or quoted words; sentences that share most of its weighted wording;
    and, for a stance, sentences that name its actor with a rare word of its summary.
    """
    article = ctx.loaded.article
    snippets = [fact.evidence, *getattr(fact, "also", ())]
    claim_words = content(ctx, claim)
    for other, wording in wordings:
        if other.id != fact.id and _same(ctx, fact, claim_words, other, wording):
            snippets += [other.evidence, *getattr(other, "also", ())]
    found = {s for snippet in snippets for s in covering(article, snippet)}
    figures = set(numbers_in(fold(claim)))
    phrases = _quoted(claim, answer)
    total = weight(ctx, claim_words)
    named = _actor_words(ctx, fact)
    summary = rare(ctx, content(ctx, fact.summary)) if isinstance(fact, Stance) else set()
    for s in sentences_of(article):
        words = sentence_content(ctx, s)
        text = fold(s.text).casefold()
        if (
            figures & _numbers(ctx, s)
            or any(phrase in text for phrase in phrases)
            or (total and weight(ctx, claim_words & words) >= RESTATES * total)
            or (named and named <= words and summary & words)
        ):
            found.add(s)
    return frozenset(found)


def _same(ctx: Context, fact: Fact, claim_words: frozenset[str], other: Fact, wording: str) -> bool:
    """Whether another fact says what the claim says: one position of one actor on one issue,
    or most of the claim's weighted wording."""
    if (
        isinstance(fact, Stance)
        and isinstance(other, Stance)
        and _position(fact) == _position(other)
    ):
        return True
    total = weight(ctx, claim_words)
    return bool(total) and weight(ctx, claim_words & content(ctx, wording)) >= RESTATES * total


def _position(stance: Stance) -> tuple[str, str, str]:
    return stance.actor, stance.issue, stance.position


def _quoted(claim: str, answer: str) -> list[str]:
    """The claim's quoted words, and the answer's quoted words that the claim repeats."""
    claim_text = fold(claim).casefold()
    quoted = _QUOTED.findall(claim_text)
    quoted += [q for q in _QUOTED.findall(fold(answer).casefold()) if q in claim_text]
    return [q.strip(" .,") for q in quoted if q.strip(" .,")]


def _numbers(ctx: Context, sentence: Sentence) -> set[float]:
    """The numbers of a sentence, in digits or in words ("three thousand")."""
    table = ctx.memo(("sentence numbers",), dict[Sentence, frozenset[float]])
    if sentence not in table:
        table[sentence] = frozenset(numbers_written_in(sentence.text))
    return set(table[sentence])


def _actor_words(ctx: Context, fact: Fact) -> frozenset[str]:
    """The words of a stance's actor that the article uses ("senators" of "French senators")."""
    if not isinstance(fact, Stance):
        return frozenset()
    counts = frequency(ctx)
    return frozenset(w for w in content(ctx, ctx.name(fact.actor)) if counts[w])
