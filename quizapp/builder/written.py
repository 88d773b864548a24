"""Multiple choice between a right answer and the wrong options a teacher wrote for it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from quizapp.bank.grounding import Article
from quizapp.bank.schema import Fact

from .context import Context, choices_with
from .question import Question, Skill
from .sentences import covering, joined


def written_choice(
    ctx: Context,
    fact: Fact,
    template: str,
    *,
    skill: Skill,
    prompt: str,
    answer: str,
    wrong: Iterable[str],
    first: Iterable[str] = (),
    explanation: str,
    shown: str = "",
) -> Iterator[Question]:
    """The question, its wrong options in a seeded order (`first` ones before the rest).

    A wrong option whose length would make the answer stand out is passed over; with fewer
    than two left, the question is skipped (and `bank validate --explain` says why).
    """
    firsts = list(first)
    rest = [option for option in wrong if option not in firsts]
    choices = choices_with(
        answer, firsts or rest, rest if firsts else (), ctx.rng(f"{fact.id}:{template}")
    )
    if choices is None:
        ctx.skip(fact, template, "fewer than two wrong options of a length like the answer's")
        return
    yield from ctx.ask(
        fact, template, kind="multiple_choice", topic=str(getattr(fact, "topic", "ideas")),
        level="recognition", skill=skill, prompt=prompt, answer=answer, choices=choices,
        explanation=explanation, shown=shown,
    )  # fmt: skip


def sentence_of(article: Article, evidence: str) -> str:
    """The whole sentence(s) of the article that hold the evidence."""
    found = covering(article, evidence)
    return joined(article, found) if found else evidence


def paragraph_label(ctx: Context, fact: Fact) -> str:
    """'paragraph 13', as the article page numbers it."""
    index = ctx.loaded.article.paragraph_of(fact.evidence)
    return f"paragraph {index + 1}" if index is not None else "the article"
