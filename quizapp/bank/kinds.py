"""The one list of question kinds, levels and reading skills (the bank, builder, grading and
forms all read them from here, so a new kind is added in one place)."""

from __future__ import annotations

from typing import Literal, get_args

# Every kind of question. `evidence` asks for the sentence that best supports a claim;
# `two_part` asks about a fact, then for the sentence that supports the answer (CommonLit).
QuestionKind = Literal[
    "multiple_choice", "true_false", "numeric", "short_answer", "matching", "cloze",
    "evidence", "two_part",
]  # fmt: skip
# The kinds a teacher may write by hand under `questions:` (the others are built from facts).
HandKind = Literal["multiple_choice", "true_false", "numeric", "short_answer", "matching", "cloze"]
Level = Literal["recognition", "recall"]

KINDS: tuple[QuestionKind, ...] = get_args(QuestionKind)
HAND_KINDS: tuple[HandKind, ...] = get_args(HandKind)
# Answered by picking one of `choices` (a radio list).
CHOICE_KINDS: frozenset[str] = frozenset({"multiple_choice", "true_false", "evidence"})
# Answered by typing: the recall kinds.
TYPED_KINDS: frozenset[str] = frozenset({"short_answer", "numeric", "cloze"})
# Whose sentence choices keep the article's order and come with the passage they are from.
SENTENCE_KINDS: frozenset[str] = frozenset({"evidence", "two_part"})

Skill = Literal[
    "key-detail", "attribution", "numbers", "perspective", "vocabulary", "inference",
    "cause-effect", "main-idea", "evidence", "structure", "purpose", "reliability",
]  # fmt: skip
SKILLS: tuple[Skill, ...] = get_args(Skill)
SKILL_TITLES: dict[str, str] = {
    "key-detail": "Key details",
    "attribution": "Who said it",
    "numbers": "Numbers",
    "perspective": "Perspectives",
    "vocabulary": "Words in context",
    "inference": "Inference",
    "cause-effect": "Cause and effect",
    "main-idea": "Main idea",
    "evidence": "Finding evidence",
    "structure": "Structure",
    "purpose": "Author's purpose",
    "reliability": "Reliability of sources",
}
# What a reading lesson means by going beyond recall (selection includes one when it can).
BEYOND_RECALL: frozenset[str] = frozenset(
    {"inference", "main-idea", "evidence", "vocabulary", "cause-effect"}
)
# The skill a question of each topic practises unless its template says otherwise.
TOPIC_SKILLS: dict[str, Skill] = {
    "quotes": "attribution",
    "figures": "numbers",
    "stances": "perspective",
    "places": "key-detail",
    "events": "key-detail",
    "ideas": "main-idea",
}


def skill_of_topic(topic: str) -> Skill:
    """The skill of a question that names none: its topic's (snapshots before skills, too)."""
    return TOPIC_SKILLS.get(topic, "key-detail")


def skill_title(skill: str) -> str:
    return SKILL_TITLES.get(skill, skill.replace("-", " ").capitalize())
