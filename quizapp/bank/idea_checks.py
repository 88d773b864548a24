"""Checks on the facts about words, reasons and ideas (see `ideas`): references, grounding
and wrong options, each error located at the node it is about."""

from __future__ import annotations

import difflib
from typing import Any

from .base import Fact
from .errors import BankError
from .grounding import contains_word, fold
from .ideas import (
    Cause,
    Inference,
    MainIdea,
    Purpose,
    Reliability,
    Section,
    Structure,
    Vocabulary,
)
from .locate import Loc, position
from .report import Grounded, Report

# Each model's right answer and its lists of wrong options, by key.
_OPTIONS: dict[type, tuple[str, tuple[str, ...]]] = {
    Vocabulary: ("meaning", ("wrong_senses",)),
    Inference: ("conclusion", ("over_inferences",)),
    Cause: ("cause", ("wrong_causes",)),
    MainIdea: ("idea", ("too_narrow", "not_central", "inaccurate")),
    Purpose: ("purpose", ("wrong_purposes",)),
    Structure: ("structure", ("wrong_structures",)),
    Reliability: ("answer", ("wrong",)),
}
_SECTIONS: dict[str, type[Fact]] = {
    "main_ideas": MainIdea, "purposes": Purpose, "structures": Structure,
    "vocabulary": Vocabulary, "inferences": Inference, "causes": Cause,
    "reliability": Reliability,
}  # fmt: skip


def _key(text: str) -> str:
    return fold(text).casefold().rstrip(" .")


class IdeaReferences(Report):
    """Sections and facts named by id exist (with "did you mean"); one main idea per scope."""

    def __init__(self, root: Any, label: str, items: list[tuple[str, int, dict[str, Any]]]) -> None:
        super().__init__(root, label)
        self.items = items
        self.sections = {
            i["id"] for s, _, i in items if s == "sections" and isinstance(i.get("id"), str)
        }
        self.facts = {
            i["id"]
            for s, _, i in items
            if s not in ("actors", "sections") and isinstance(i.get("id"), str)
        }

    def errors(self) -> list[BankError]:
        scopes: dict[object, int] = {}
        for section, index, item in self.items:
            if section in ("main_ideas", "structures"):
                self._ref((section, index, "section"), item.get("section"), self.sections,
                          "section", "sections")  # fmt: skip
            if section == "main_ideas":
                scope = item.get("section")
                loc: Loc = (section, index, "section") if scope else (section, index)
                if scope in scopes:
                    what = f"section '{scope}'" if scope else "the whole article"
                    reason = f"a second main idea for {what} (the first is on line {scopes[scope]})"
                    self.add(loc, reason, "main-ideas")
                else:
                    scopes[scope] = position(self.root, (section, index))[0]
            if section == "reliability" and isinstance(item.get("about"), list):
                for j, fact_id in enumerate(item["about"]):
                    self._ref((section, index, "about", j), fact_id, self.facts, "fact",
                              "reliability")  # fmt: skip
        return self.found

    def _ref(self, loc: Loc, value: object, known: set[str], what: str, see: str) -> None:
        if not isinstance(value, str) or value in known:
            return
        guess = difflib.get_close_matches(value, sorted(known), n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else f"; add it under {what}s:"
        if what == "fact" and not guess:
            hint = "; give the id of a fact of this bank"
        self.add(loc, f"unknown {what} '{value}'{hint}", see)


class IdeaGrounding(Grounded):
    """The words, signals and sections these facts name are the article's."""

    def errors(self) -> list[BankError]:
        sections = self._sections()
        for key, model in _SECTIONS.items():
            for index, fact in self.valid(key, model):
                self._options((key, index), fact)
        for index, word in self.valid("vocabulary", Vocabulary):
            if not contains_word(word.evidence, word.word):
                reason = f"the word '{word.word}' is not a whole word of its evidence"
                self.add(("vocabulary", index, "word"), reason, "vocabulary")
        for index, inference in self.valid("inferences", Inference):
            for j, sentence in enumerate(inference.also):
                self.in_article(("inferences", index, "also", j), "this sentence", sentence,
                                "inferences")  # fmt: skip
        for index, cause in self.valid("causes", Cause):
            self._signal(("causes", index, "signal"), cause.signal, cause.evidence, "causes")
            if _key(cause.cause) == _key(cause.effect):
                self.add(("causes", index, "effect"), "the effect repeats the cause", "causes")
            self._options(("causes", index), cause, "effect", ("wrong_effects",))
        for index, idea in self.valid("main_ideas", MainIdea):
            if idea.section is not None:
                self._within(("main_ideas", index), idea.evidence, sections.get(idea.section))
        for index, structure in self.valid("structures", Structure):
            self._within(("structures", index), structure.evidence,
                         sections.get(structure.section))  # fmt: skip
            if structure.signal is not None:
                self._signal(("structures", index, "signal"), structure.signal,
                             structure.evidence, "structures")  # fmt: skip
        return self.found

    def _sections(self) -> dict[str, Section]:
        """The bank's sections that fit the article, by id; overlaps and overruns reported."""
        fitting: dict[str, Section] = {}
        taken: dict[int, str] = {}
        count = len(self.article.paragraphs)
        for index, section in self.valid("sections", Section):
            if section.last > count:
                reason = f"last: the article has {count} paragraphs, not {section.last}"
                self.add(("sections", index, "last"), reason, "sections")
                continue
            shared = sorted({taken[p] for p in section.indexes if p in taken})
            if shared:
                reason = f"the section overlaps section '{shared[0]}'"
                self.add(("sections", index, "first"), reason, "sections")
            taken.update(dict.fromkeys(section.indexes, section.id))
            fitting.setdefault(section.id, section)
        return fitting

    def _within(self, loc: Loc, evidence: str, section: Section | None) -> None:
        paragraph = self.article.paragraph_of(evidence)
        if section is None or paragraph is None or paragraph in section.indexes:
            return
        reason = (
            f"the evidence is in paragraph {paragraph + 1}, outside section '{section.id}' "
            f"({section.label})"
        )
        self.add((*loc, "evidence"), reason, "sections")

    def _signal(self, loc: Loc, signal: str, evidence: str, see: str) -> None:
        if not contains_word(evidence, signal):
            self.add(loc, f"the signal word '{signal}' is not a whole word of the evidence", see)

    def _options(
        self, loc: Loc, fact: Fact, right_key: str = "", wrong_keys: tuple[str, ...] = ()
    ) -> None:
        """Wrong options that repeat the right answer or one another, each where it is."""
        default_right, default_wrong = _OPTIONS[type(fact)]
        right_key, wrong_keys = right_key or default_right, wrong_keys or default_wrong
        seen = {_key(str(getattr(fact, right_key))): right_key}
        for key in wrong_keys:
            for j, option in enumerate(getattr(fact, key)):
                first = seen.get(_key(option))
                if first is not None:
                    what = "the right answer" if first == right_key else "another wrong option"
                    self.add((*loc, key, j), f"this wrong option repeats {what}", "wrong-options")
                else:
                    seen[_key(option)] = key
