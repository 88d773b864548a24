"""Choosing an attempt's questions (pure): unseen facts first, then the least known.

A quiz keeps the balance of a reading lesson: each fact is asked through the skill chosen
least so far, and a quiz of up to ten questions mixes at least four skills, one of them
beyond recall (kinds.BEYOND_RECALL), whenever the bank allows it: through the chosen facts'
other questions first, else by trading the least needed fact for another.
No two chosen questions touch the same fact (e.g. "who said this?" next to "what did
Landsbergis say?"). While other questions are available, no two rest on the same evidence
sentence, nothing a question shows (its prompt, choices, part B's sentences, matching pairs)
spells out another question's answer (a true/false about Kaliningrad next to "which place is
a Russian exclave?") and no two have the same right answer (the first
one's feedback would give the second away).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime

from quizapp.bank.grounding import fold
from quizapp.bank.kinds import BEYOND_RECALL
from quizapp.builder import Question
from quizapp.builder.context import gives_away

# A quiz of this many questions or more mixes at least this many skills, when it can.
MIXED_SKILLS = 4


@dataclass(frozen=True)
class FactRecord:
    """How a student has done on one fact so far."""

    seen: int
    correct: int
    last_seen: datetime | None = None

    @property
    def accuracy(self) -> float:
        return self.correct / self.seen if self.seen else 0.0


def select_questions(
    questions: list[Question],
    *,
    topics: Collection[str],
    length: int | None,
    knowledge: Mapping[str, FactRecord],
    times_asked: Mapping[str, int],
    rng: random.Random,
    include_background: bool = False,
    skills: Collection[str] | None = None,
) -> list[Question]:
    """Up to ``length`` questions (all facts when None) in the chosen topics and skills.

    Background facts (general knowledge, not comprehension) are left out unless included.
    """
    by_fact: dict[str, list[Question]] = {}
    for question in questions:
        wanted = skills is None or question.skill in skills
        if wanted and question.topic in topics and (include_background or not question.background):
            by_fact.setdefault(question.fact, []).append(question)
    facts = list(by_fact)
    rng.shuffle(facts)
    facts.sort(key=lambda fact: _need(knowledge.get(fact)))

    chosen: list[Question] = []
    used: set[str] = set()
    skill_count: Counter[str] = Counter()

    def balance(q: Question) -> tuple[int, int, int]:
        """Sort key: beyond recall while the quiz has none, then the skill asked least."""
        lacking = not any(c.skill in BEYOND_RECALL for c in chosen)
        return (int(lacking and q.skill not in BEYOND_RECALL), skill_count[q.skill],
                times_asked.get(q.id, 0))  # fmt: skip

    def full() -> bool:
        return length is not None and len(chosen) >= length

    def take(question: Question) -> None:
        chosen.append(question)
        used.update(question.facts)
        skill_count[question.skill] += 1

    # First pass: only questions that clash with none already chosen (same evidence sentence,
    # or a question showing another's answer); a fact with none waits for the second pass.
    waiting: list[str] = []
    for fact in facts:
        if full():
            break
        options = [q for q in by_fact[fact] if used.isdisjoint(q.facts)]
        rng.shuffle(options)
        fair = [q for q in options if not any(_clash(q, c) for c in chosen)]
        if fair:
            take(min(fair, key=balance))
        elif options:
            waiting.append(fact)
    # Second pass, only when nothing fair was left: the least clashing question of each fact.
    for fact in waiting:
        if full():
            break
        options = [q for q in by_fact[fact] if used.isdisjoint(q.facts)]
        if options:
            take(
                min(
                    options,
                    key=lambda q: (sum(_clash(q, c) for c in chosen), times_asked.get(q.id, 0)),
                )
            )
    if length is not None:
        _mix_skills(chosen, by_fact)
        _bring_in_skills(chosen, by_fact, facts)
    # The clash rules decide which facts are asked, never their order: most needed first.
    rank = {fact: index for index, fact in enumerate(facts)}
    return sorted(chosen, key=lambda q: rank[q.fact])


def _mix_skills(chosen: list[Question], by_fact: Mapping[str, list[Question]]) -> None:
    """Swap chosen questions for others of the same facts until the quiz mixes enough skills
    and goes beyond recall (a fact's other question keeps every fact and clash rule)."""
    for index in range(len(chosen) - 1, -1, -1):  # the least needed facts change first
        if not _lacking(chosen):
            return
        current = chosen[index]
        counts = Counter(q.skill for q in chosen)
        if counts[current.skill] < 2 and current.skill in BEYOND_RECALL:
            continue  # the only one of its skill: swapping it gains nothing
        beyond = any(q.skill in BEYOND_RECALL for q in chosen)
        others = [q for q in chosen if q is not current]
        options = [
            q for q in by_fact[current.fact]
            if q.facts == current.facts and q.skill not in counts
            and not any(_clash(q, c) for c in others)
            and (beyond or q.skill in BEYOND_RECALL or counts[current.skill] > 1)
        ]  # fmt: skip
        if options:
            options.sort(key=lambda q: (q.skill not in BEYOND_RECALL, q.id))
            chosen[index] = options[0]


def _lacking(chosen: list[Question]) -> bool:
    skills = {q.skill for q in chosen}
    return len(skills) < min(MIXED_SKILLS, len(chosen)) or not skills & BEYOND_RECALL


def _bring_in_skills(
    chosen: list[Question], by_fact: Mapping[str, list[Question]], facts: list[str]
) -> None:
    """When the chosen facts' own questions cannot mix the skills, trade the least needed
    fact whose skill is asked twice for the most needed other fact with a missing skill."""
    while _lacking(chosen):
        counts = Counter(q.skill for q in chosen)
        beyond = any(q.skill in BEYOND_RECALL for q in chosen)
        used = {f for q in chosen for f in q.facts}
        wanted = [
            q for fact in facts if fact not in used for q in by_fact[fact]
            if used.isdisjoint(q.facts) and q.skill not in counts
            and (beyond or q.skill in BEYOND_RECALL)
        ]  # fmt: skip
        for index in range(len(chosen) - 1, -1, -1):
            if counts[chosen[index].skill] < 2:
                continue  # the only one of its skill
            others = chosen[:index] + chosen[index + 1 :]
            found = next((q for q in wanted if not any(_clash(q, c) for c in others)), None)
            if found is not None:
                chosen[index] = found
                break
        else:
            return  # nothing to trade: the bank's facts do not allow the mix


def _answer_words(question: Question) -> list[str]:
    """What must not be printed in another question ("True"/"False" are no secret); a matching
    question's answers are both sides of its pairs ("Finland", "where Aleksander escaped to")."""
    if question.kind == "true_false":
        return []
    if question.kind == "matching":
        return [side for pair in question.pairs for side in pair]
    return [question.answer, *question.accepted]


def _seen(question: Question) -> str:
    """Everything the student reads of a question before answering it: the prompt, the text
    shown with it, the choices, part B's sentences and both sides of the matching pairs."""
    return "\n".join(
        [
            question.prompt,
            question.shown,
            *question.choices,
            *question.supports,
            *(side for pair in question.pairs for side in pair),
        ]
    )


def _reveals(one: Question, other: Question) -> bool:
    """Whether either question shows the other's answer anywhere the student reads it: in its
    prompt, its choices ("That Tbilisi had seen around 40,000 Russians arrive") or its pairs."""
    return (
        gives_away(_seen(other), *_answer_words(one)) is not None
        or gives_away(_seen(one), *_answer_words(other)) is not None
    )


def _same_answer(one: Question, other: Question) -> bool:
    """Whether two questions share a right answer: the first one's feedback ("Belarus")
    would give the second away."""
    ones = {fold(word).casefold().strip() for word in _answer_words(one)}
    return not ones.isdisjoint(fold(word).casefold().strip() for word in _answer_words(other))


def _clash(one: Question, other: Question) -> bool:
    """Whether two questions should not share a quiz: one evidence sentence, or a leak."""
    return one.evidence == other.evidence or _reveals(one, other) or _same_answer(one, other)


def clashes(question: Question, chosen: Collection[Question]) -> bool:
    """Whether the question shares evidence with, or gives away or is given away by, any chosen."""
    return any(_clash(question, other) for other in chosen)


def _need(record: FactRecord | None) -> tuple[int, float, float]:
    """Sort key: unseen facts first, then lowest accuracy, then longest since last seen."""
    if record is None or record.seen == 0:
        return (0, 0.0, 0.0)
    last = record.last_seen.timestamp() if record.last_seen else 0.0
    return (1, record.accuracy, last)
