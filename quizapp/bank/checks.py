"""Checks on a bank's YAML tree that pydantic cannot do alone: ids, references, grounding.

They run on the tree, item by item, so that a teacher sees them together with the schema
errors rather than one round at a time, and items that fit the schema are checked even when
others in the file do not.
"""

from __future__ import annotations

import difflib
import re

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap

from .errors import BankError
from .grounding import (
    contains_folded,
    contains_word,
    figure_is_written,
    fold,
    qualifiers_stated,
    written_value,
)
from .idea_checks import IdeaGrounding, IdeaReferences
from .ideas import IDEA_MODELS
from .locate import Loc, position
from .report import Grounded, Report
from .schema import (
    Actor,
    Event,
    Fact,
    Figure,
    HandQuestion,
    Place,
    Quote,
    Stance,
    Statement,
)

FACT_MODELS: dict[str, type[Fact]] = {
    "quotes": Quote,
    "figures": Figure,
    "stances": Stance,
    "places": Place,
    "events": Event,
    "statements": Statement,
    **IDEA_MODELS,
    "questions": HandQuestion,
}
# The keys by which each section's items name actors.
_ACTOR_KEYS = {
    "actors": ("country", "part_of"),
    "quotes": ("speaker",),
    "figures": ("source",),
    "stances": ("actor",),
    "places": ("country",),
    "events": ("actors",),
}
# Text a student reads as the bank's own words: quotation marks in it must hold the article's.
# False variants and wrong choices are left out: they may misquote on purpose.
_PROSE = ("explanation", "summary", "text", "description", "what", "issue", "prompt",
          "measures", "answer", "role", "meaning", "conclusion", "cause", "effect", "idea",
          "purpose", "structure")  # fmt: skip
_QUOTED = re.compile(r'"([^"]+)"')


class Identities(Report):
    """Duplicate ids and unknown actors, checked on the YAML tree (it may not fit the schema)."""

    def __init__(self, root: CommentedMap, label: str) -> None:
        super().__init__(root, label)
        self.items = [
            (section, index, item)
            for section in ("actors", "sections", *FACT_MODELS)
            if isinstance(root.get(section), list)
            for index, item in enumerate(root[section])
            if isinstance(item, dict)
        ]
        self.actor_kinds = {
            item["id"]: item.get("kind")
            for section, _, item in self.items
            if section == "actors" and isinstance(item.get("id"), str)
        }

    def errors(self) -> list[BankError]:
        self._unique_ids()
        self._references()
        return self.found + IdeaReferences(self.root, self.label, self.items).errors()

    def _unique_ids(self) -> None:
        first: dict[str, int] = {}
        for section, index, item in self.items:
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            loc: Loc = (section, index, "id")
            if item_id in first:
                reason = f"duplicate id '{item_id}' (first used on line {first[item_id]})"
                self.add(loc, reason, "ids")
            else:
                first[item_id] = position(self.root, loc)[0]

    def _ref(self, loc: Loc, actor_id: object) -> None:
        if not isinstance(actor_id, str):
            return
        if actor_id not in self.actor_kinds:
            guess = difflib.get_close_matches(actor_id, sorted(self.actor_kinds), n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else "; add it under actors:"
            self.add(loc, f"unknown actor '{actor_id}'{hint}", "actors")
        elif loc[-1] == "country":
            kind = self.actor_kinds[actor_id]
            if kind in ("person", "organisation", "media", "group"):
                reason = f"country: '{actor_id}' is a {kind}, not a country actor"
                self.add(loc, reason, "actors")

    def _references(self) -> None:
        for section, index, item in self.items:
            for key in _ACTOR_KEYS.get(section, ()):
                value = item.get(key)
                if isinstance(value, list):
                    for j, actor_id in enumerate(value):
                        self._ref((section, index, key, j), actor_id)
                else:
                    self._ref((section, index, key), value)
            part_of = item.get("part_of")
            if section == "actors" and isinstance(part_of, list) and item.get("id") in part_of:
                j = part_of.index(item.get("id"))
                self.add(
                    (section, index, "part_of", j), "an actor cannot be part of itself", "actors"
                )


class Grounding(Grounded):
    """Is every claim of the bank in the article?"""

    def errors(self) -> list[BankError]:
        self._evidence()
        self._quotes()
        self._figures()
        for i, stance in self.valid("stances", Stance):
            self.in_article(("stances", i, "words"), "words: the stance", stance.words, "stances",
                            "words")  # fmt: skip
        for i, place in self.valid("places", Place):
            if contains_folded(place.description.lower(), place.name.lower()):
                self.add(("places", i, "description"), "the description gives the name away",
                         "places")  # fmt: skip
        self._statements()
        return self.found + IdeaGrounding(self.root, self.label, self.article).errors()

    def _evidence(self) -> None:
        for section, model in FACT_MODELS.items():
            for index, fact in self.valid(section, model):
                loc: Loc = (section, index)
                self.in_article((*loc, "evidence"), "the evidence", fact.evidence, "evidence")
                self.in_article((*loc, "attribution"), "the attribution", fact.attribution,
                                 "attribution")  # fmt: skip
                self._quotation_marks(loc, fact)
        for index, actor in self.valid("actors", Actor):
            self.in_article(("actors", index, "evidence"), "the evidence", actor.evidence,
                             "evidence")  # fmt: skip
            self._quotation_marks(("actors", index), actor)

    def _quotation_marks(self, loc: Loc, item: BaseModel) -> None:
        """Words in quotation marks must be the article's: a paraphrase is never quoted."""
        fields: list[tuple[Loc, str, str]] = [
            ((*loc, key), key, text)
            for key in _PROSE
            if isinstance(text := getattr(item, key, None), str)
        ]
        if isinstance(item, HandQuestion):
            fields += [
                ((*loc, "pairs", j), "pairs", side)
                for j, pair in enumerate(item.pairs)
                for side in (pair.left, pair.right)
            ]
        for where, key, text in fields:
            for quoted in _QUOTED.findall(fold(text)):
                if not self.article.contains(quoted.strip(" ,.")):
                    reason = (
                        f'{key}: "{quoted[:60]}" is in quotation marks but these are not the '
                        "article's words; quote the article exactly or drop the quotation marks"
                    )
                    self.add(where, reason, "quotation-marks")

    def _quotes(self) -> None:
        actors = {actor.id: actor for _, actor in self.valid("actors", Actor)}
        for i, quote in self.valid("quotes", Quote):
            self.in_article(("quotes", i, "words"), "words: the quote", quote.words, "quotes",
                            "words")  # fmt: skip
            self._words_in(("quotes", i, "cloze"), quote.cloze, quote.words, "quote")
            speaker = actors.get(quote.speaker)
            if quote.attribution is not None and speaker is not None:
                names = [speaker.name, *speaker.aliases]
                if not any(contains_folded(quote.attribution.lower(), n.lower()) for n in names):
                    reason = f"the attribution does not name the speaker ({speaker.name})"
                    self.add(("quotes", i, "attribution"), reason, "attribution")

    def _figures(self) -> None:
        for i, figure in self.valid("figures", Figure):
            loc: Loc = ("figures", i)
            if not figure_is_written(figure.evidence, figure.value, figure.written):
                shown = figure.written or f"{figure.value:g}"
                self.add((*loc, "value"), f"the number {shown} is not in its evidence", "figures")
            else:
                self._qualifier(loc, figure)
            if figure.written is not None:
                said = written_value(figure.written)
                if said is not None and abs(said - figure.value) > 1e-9:
                    reason = f"'{figure.written}' is {said:g}, but value is {figure.value:g}"
                    self.add((*loc, "written"), reason, "figures")
            if figure.value_max is not None and not figure_is_written(
                figure.evidence, figure.value_max, None
            ):
                reason = f"the number {figure.value_max:g} is not in its evidence"
                self.add((*loc, "value_max"), reason, "qualifiers-and-ranges")

    def _qualifier(self, loc: Loc, figure: Figure) -> None:
        """The evidence's own qualifier ("more than 3,000") must be the figure's."""
        if figure.value_max is not None:
            return
        stated = qualifiers_stated(figure.evidence, figure.value, figure.written)
        named = sorted(q for q in stated if q is not None)
        if figure.qualifier in stated or not named:
            return
        shown = figure.written or f"{figure.value:,g}"
        if figure.qualifier is None:
            reason = f"the evidence says '{named[0]} {shown}': add 'qualifier: {named[0]}'"
            self.add((*loc, "value"), reason, "qualifiers-and-ranges")
        else:
            reason = f"qualifier: the evidence says '{named[0]} {shown}', not '{figure.qualifier}'"
            self.add((*loc, "qualifier"), reason, "qualifiers-and-ranges")

    def _statements(self) -> None:
        for i, statement in self.valid("statements", Statement):
            self._words_in(("statements", i, "cloze"), statement.cloze, statement.text, "text")
            self._cloze_accepts(("statements", i, "cloze_accepts"), statement)
            for j, variant in enumerate(statement.false_variants):
                if variant.strip() == statement.text.strip():
                    self.add(("statements", i, "false_variants", j),
                             "a false variant equals the text", "statements")  # fmt: skip

    def _cloze_accepts(self, loc: Loc, statement: Statement) -> None:
        for word, others in statement.cloze_accepts.items():
            if word not in statement.cloze:
                reason = f"'{word}' is not one of the statement's cloze words"
                self.add((*loc, word), reason, "fill-in-the-blank-words")
            elif len(word.split()) > 1:
                # A phrase's blank takes one of its words, or a name (whose other forms are
                # the actor's aliases): the alternatives would not say which.
                reason = f"other words can be given for a one-word blank only, not '{word}'"
                self.add((*loc, word), reason, "fill-in-the-blank-words")
            for k, other in enumerate(others):
                if contains_word(statement.text, other):
                    reason = f"'{other}' is printed in the text, so the blank would give it away"
                    self.add((*loc, word, k), reason, "fill-in-the-blank-words")

    def _words_in(self, loc: Loc, words: list[str], text: str, what: str) -> None:
        for j, word in enumerate(words):
            if not contains_word(text, word):
                reason = f"the cloze word '{word}' is not a whole word of the {what}"
                self.add((*loc, j), reason, "fill-in-the-blank-words")
