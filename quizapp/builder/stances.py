"""Questions about stances: who took this position, true or false, and matching."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import replace

from quizapp.bank.grounding import fold
from quizapp.bank.schema import Stance

from .actors import overlap, rivals
from .context import GENERATED_FALSE_SHARE, Context, choices_with, sentence
from .question import FALSE, TRUE, Question
from .support import content, weight

TOPIC = "stances"
_MATCHING_SIZE = 4
# Two summaries sharing this share of either's weighted wording say much the same.
ALIKE = 0.1


def build(ctx: Context) -> Iterator[Question]:
    for stance in ctx.bank.stances:
        yield from _who(ctx, stance)
        yield from _true_false(ctx, stance)
    yield from _matching(ctx)


def _explanation(ctx: Context, stance: Stance) -> str:
    own_words = f' In their words: "{stance.words}"' if stance.words else ""
    return f"{sentence(ctx.name(stance.actor))} ({stance.position}): {stance.summary}{own_words}"


def _same_side(ctx: Context, stance: Stance) -> set[str]:
    """Actors holding this very position on this issue: never a wrong answer."""
    sides = ctx.memo(("sides",), lambda: _by(ctx, lambda s: (s.issue, s.position)))
    return set(sides[stance.issue, stance.position]) | {stance.actor}


def _by(ctx: Context, key: Callable[[Stance], Hashable]) -> dict[Hashable, list[str]]:
    """The actors of the bank's stances grouped by a key, in bank order (with repeats)."""
    groups: dict[Hashable, list[str]] = {}
    for stance in ctx.bank.stances:
        groups.setdefault(key(stance), []).append(stance.actor)
    return groups


def _fair(ctx: Context, stance: Stance, candidates: Iterable[str]) -> list[str]:
    """Candidate ids fit to be wrong: the answer's type, overlapping no one on its side."""
    same = _same_side(ctx, stance)
    # Repeats change nothing (rivals keeps the first of each): drop them before the scan.
    unique = dict.fromkeys(candidates)
    apart = [c for c in unique if not any(overlap(ctx.bank, c, s) for s in same)]
    return rivals(ctx.bank, stance.actor, apart)


def _opponents(ctx: Context, stance: Stance) -> list[str]:
    """Actors that took another position on the same issue: the best distractors."""
    issues = ctx.memo(("issues",), lambda: _by(ctx, lambda s: s.issue))
    return _fair(ctx, stance, issues[stance.issue])


def _bystanders(ctx: Context, stance: Stance) -> list[str]:
    """Fallback distractors: actors holding a position on something else; only when those
    are too few, other actors who could hold one (Russia is no believable side in a debate
    among EU members). Never one on this side."""
    holders = _fair(ctx, stance, _holders(ctx))
    if len(_opponents(ctx, stance)) + len(holders) >= 2:
        return holders
    others = [a.id for a in ctx.bank.actors if a.kind in ("country", "group", "organisation")]
    return _fair(ctx, stance, [*holders, *others])


def _ally(ctx: Context, stance: Stance) -> list[str]:
    """One actor of the answer's side whose positions on the issue say other things, so that
    a student who only knows which side the summary is on cannot pick the answer: Lithuania
    ("stay and fight") against Latvia's "cannot be considered conscientious objectors". Never
    one that says much the same as the answer's actor (German officials' "should be helped",
    French senators' "a duty to help") or overlaps such an actor or the answer."""
    side = [s for s in ctx.bank.stances if (s.issue, s.position) == (stance.issue, stance.position)]
    own = [s.summary for s in side if s.actor == stance.actor]
    alike = {s.actor for s in side if any(_alike(ctx, s.summary, mine) for mine in own)}
    barred = alike | {stance.actor}
    candidates = [
        s.actor for s in side if not any(overlap(ctx.bank, s.actor, other) for other in barred)
    ]
    return rivals(ctx.bank, stance.actor, candidates)[:1]


def _alike(ctx: Context, one: str, other: str) -> bool:
    """Whether two summaries share ALIKE of either's weighted wording ("help", "Russian")."""
    first, second = content(ctx, one), content(ctx, other)
    common = weight(ctx, first & second)
    return any(common >= ALIKE * weight(ctx, words) for words in (first, second) if words)


def _holders(ctx: Context) -> dict[str, None]:
    """Every actor that takes a position, in bank order."""
    return ctx.memo(("holders",), lambda: dict.fromkeys(s.actor for s in ctx.bank.stances))


def _prompt(ctx: Context, stance: Stance, question: str) -> str:
    # The summary is the bank's wording of a position, never in quotation marks: even where
    # the article has the same words, they are its report, not the actor's.
    return f"{ctx.anchor(stance)}, {question} on {stance.issue}? {stance.summary}"


def _who(ctx: Context, stance: Stance) -> Iterator[Question]:
    qid = f"{stance.id}:who"
    answer = ctx.name(stance.actor)
    opponents = [ctx.name(a) for a in _opponents(ctx, stance)]
    bystanders = [ctx.name(a) for a in _bystanders(ctx, stance)]
    holders = _holders(ctx)
    if not any(a in holders for a in [*_opponents(ctx, stance), *_bystanders(ctx, stance)]):
        # Wrong choices that take no position anywhere in the article leave only the answer
        # believable (only the Kremlin closes Russia's borders).
        ctx.skip(stance, "who", "no other actor of its type takes a position in the article")
        return
    ally = [ctx.name(a) for a in _ally(ctx, stance)]
    if ally:
        # The ally first, then the other side in a seeded order: one of each side is offered.
        rng = ctx.rng(qid)
        rng.shuffle(opponents)
        choices = choices_with(answer, ally, [*opponents, *bystanders], rng)
    else:
        choices = choices_with(answer, opponents, bystanders, ctx.rng(qid))
    if choices is None:
        ctx.skip(stance, "who", "fewer than two actors of the same type on another side")
        return
    yield from ctx.ask(
        stance, "who", kind="multiple_choice", topic=TOPIC, level="recognition",
        prompt=_prompt(ctx, stance, "who took this position"), answer=answer,
        choices=choices, explanation=_explanation(ctx, stance),
    )  # fmt: skip


def _true_false(ctx: Context, stance: Stance) -> Iterator[Question]:
    rng = ctx.rng(f"{stance.id}:true-false")
    # Only an actor the article shows on another side makes the claim false. Of one that took
    # no position on this issue the article says nothing: "not said" is not "false".
    opponents = _opponents(ctx, stance)
    name = ctx.name(stance.actor)
    if opponents and rng.random() < GENERATED_FALSE_SHARE:
        claimed, answer = ctx.name(rng.choice(sorted(opponents))), FALSE
    else:
        claimed, answer = name, TRUE
    anchor = ctx.anchor(stance)
    prompt = (
        f"True or false: {anchor[:1].lower()}{anchor[1:]}, {claimed} took this position on "
        f"{stance.issue}: {stance.summary}"
    )
    yield from ctx.ask(
        stance, "true-false", kind="true_false", topic=TOPIC, level="recognition",
        prompt=prompt, answer=answer, choices=(TRUE, FALSE),
        explanation=_explanation(ctx, stance),
    )  # fmt: skip


def _matching(ctx: Context) -> Iterator[Question]:
    """Match actors to their stances, a few at a time; each actor and summary appears once."""
    chosen: list[Stance] = []
    actors: set[str] = set()
    summaries: set[str] = set()
    for stance in ctx.bank.stances:
        summary = fold(stance.summary).casefold()
        # Overlapping actors (Lithuania among "other EU countries") could take each other's
        # positions: only one of them is matched.
        crowded = any(overlap(ctx.bank, stance.actor, other) for other in actors)
        if not crowded and summary not in summaries:
            actors.add(stance.actor)
            summaries.add(summary)
            chosen.append(stance)
    # Two actors on the same side of one issue could swap positions and both be right
    # ("should be helped", "a duty to help"): a group holds one actor per side.
    groups: list[list[Stance]] = []
    for stance in chosen:
        room = (
            g for g in groups
            if len(g) < _MATCHING_SIZE
            and not any((s.issue, s.position) == (stance.issue, stance.position) for s in g)
        )  # fmt: skip
        group = next(room, None)
        if group is None:
            groups.append([stance])
        else:
            group.append(stance)
    for group in groups:
        if len(group) < 2:
            ctx.skip(group[0], "matching", "no stance on another side left to match it with")
            continue
        first = group[0]
        rng = ctx.rng(f"{first.id}:matching")
        pairs = tuple((ctx.name(s.actor), s.summary) for s in group)
        rights = [summary for _, summary in pairs]
        rng.shuffle(rights)
        question = ctx.question(
            first, "matching", kind="matching", topic=TOPIC, level="recall",
            prompt="Match each actor to the position the article reports.",
            answer="; ".join(f"{left} → {right}" for left, right in pairs),
            pairs=pairs, choices=tuple(rights),
            explanation="; ".join(_explanation(ctx, s) for s in group),
        )  # fmt: skip
        yield replace(question, facts=tuple(s.id for s in group))
