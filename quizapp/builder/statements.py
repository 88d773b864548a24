"""Questions from free-form statements and hand-written questions."""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.bank.schema import HandQuestion, Statement

from .actors import other_names
from .cloze import AS_WRITTEN, fair_blank
from .context import Context
from .question import FALSE, TRUE, Amount, Question


def build(ctx: Context) -> Iterator[Question]:
    for statement in ctx.bank.statements:
        yield from _true_false(ctx, statement)
        yield from _cloze(ctx, statement)
    for hand in ctx.bank.questions:
        yield from _hand_written(ctx, hand)


def _true_false(ctx: Context, statement: Statement) -> Iterator[Question]:
    anchor = ctx.anchor(statement)
    ask = f"True or false, {anchor[:1].lower()}{anchor[1:]}:"
    if statement.text.startswith("According to") and not statement.reported:
        ask = "True or false:"  # already anchored ("According to Aleksander, ...")
    yield from ctx.ask(
        statement, "true", kind="true_false", topic=statement.topic, level="recognition",
        prompt=f"{ask} {statement.text}", answer=TRUE, choices=(TRUE, FALSE),
        explanation=f"True: {statement.text}",
    )  # fmt: skip
    for number, variant in enumerate(statement.false_variants, start=1):
        yield from ctx.ask(
            statement, f"false-{number}", kind="true_false", topic=statement.topic,
            level="recognition", prompt=f"{ask} {variant}", answer=FALSE,
            choices=(TRUE, FALSE), explanation=f"False. The article says: {statement.text}",
        )  # fmt: skip


def _cloze(ctx: Context, statement: Statement) -> Iterator[Question]:
    for number, word in enumerate(statement.cloze, start=1):
        template = f"cloze-{number}"
        blanked = fair_blank(statement.text, word, "text")
        if isinstance(blanked, str):
            ctx.skip(statement, template, blanked)
            continue
        accepted = (*other_names(ctx.bank, blanked.answer), *statement.cloze_accepts.get(word, []))
        yield from ctx.ask(
            statement, template, kind="cloze", topic=statement.topic, level="recall",
            prompt=f"{blanked.instruction(accepted, as_written=AS_WRITTEN)}: {blanked.text}",
            answer=blanked.answer,
            accepted=accepted, explanation=statement.text,
        )  # fmt: skip


def _hand_written(ctx: Context, hand: HandQuestion) -> Iterator[Question]:
    recall = hand.kind in ("numeric", "short_answer", "cloze", "matching")
    amounts = (Amount(float(hand.answer or 0), hand.unit or ""),) if hand.kind == "numeric" else ()
    pairs = tuple((pair.left, pair.right) for pair in hand.pairs)
    choices = tuple(hand.choices)
    if hand.kind == "true_false":
        choices = (TRUE, FALSE)
    elif hand.kind == "matching":
        choices = tuple(sorted({right for _, right in pairs}))  # two lefts may share a right
    answer = hand.answer or "; ".join(f"{left} → {right}" for left, right in pairs)
    yield from ctx.ask(
        hand, "written", kind=hand.kind, topic=hand.topic,
        level="recall" if recall else hand.level, prompt=hand.prompt, answer=answer,
        choices=choices, accepted=tuple(hand.accepted), pairs=pairs, amounts=amounts,
        tolerance=hand.tolerance, explanation="", skill=hand.skill,
    )  # fmt: skip
