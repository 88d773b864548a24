"""Which actors may stand against each other as choices: the same type, never overlapping.

A wrong choice must be wrong and of the same type as the answer (a person for a person), or the
student picks the answer by its type. Overlapping actors (a minister and their country, the
Home Office and the government) are never offered against each other: both could be right.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache

from quizapp.bank.grounding import fold
from quizapp.bank.schema import Actor, Bank, Place

# Kinds that can stand in for each other: a country's officials take the country's position,
# a news medium and an agency both give figures.
_FAMILY = {
    "person": "person",
    "country": "collective",
    "group": "collective",
    "organisation": "body",
    "media": "body",
}


def family(actor: Actor) -> str:
    return _FAMILY[actor.kind]


class _Index:
    """What the rules below look up about one bank, worked out once: a build asks about the same
    actors for every fact, and scanning every actor each time made large banks quadratic."""

    def __init__(self, bank: Bank) -> None:
        self.actors: dict[str, Actor] = {}
        for actor in bank.actors:
            self.actors.setdefault(actor.id, actor)  # the first of an id, as a scan finds it
        self.containers: dict[str, frozenset[str]] = {}
        self.rivals: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
        self._names: dict[str, tuple[str, ...]] | None = None
        self.speakers: tuple[str, ...] | None = None

    def names(self, bank: Bank) -> dict[str, tuple[str, ...]]:
        """Each name key -> every name of the actors and places it names, in bank order."""
        if self._names is None:
            found: dict[str, list[str]] = {}
            named: list[Actor | Place] = [*bank.actors, *bank.places]
            for thing in named:
                forms = [thing.name, *thing.aliases]
                for key in dict.fromkeys(_key(form) for form in forms):
                    found.setdefault(key, []).extend(forms)
            self._names = {key: tuple(dict.fromkeys(forms)) for key, forms in found.items()}
        return self._names


# Banks are frozen models but not hashable (they hold lists), so indexes are kept by identity;
# each entry holds its bank, so an id is not reused while its entry lives. A few banks at a time.
_INDEXES: dict[int, tuple[Bank, _Index]] = {}
_KEPT = 8
_INDEXES_LOCK = threading.Lock()  # banks load in a background thread while pages build


def _index(bank: Bank) -> _Index:
    entry = _INDEXES.get(id(bank))
    if entry is None or entry[0] is not bank:
        with _INDEXES_LOCK:
            if len(_INDEXES) >= _KEPT:
                _INDEXES.pop(next(iter(_INDEXES)))
            entry = (bank, _Index(bank))
            _INDEXES[id(bank)] = entry
    return entry[1]


def _find(bank: Bank, actor_id: str) -> Actor | None:
    return _index(bank).actors.get(actor_id)


def containers(bank: Bank, actor_id: str) -> set[str]:
    """Every actor this one belongs to, through `part_of` and `country`, transitively."""
    return set(_containers(bank, actor_id))


def _containers(bank: Bank, actor_id: str) -> frozenset[str]:
    index = _index(bank)
    known = index.containers.get(actor_id)
    if known is not None:
        return known
    found: set[str] = set()
    stack = [actor_id]
    while stack:
        actor = index.actors.get(stack.pop())
        if actor is None:
            continue
        for up in [*actor.part_of, *([actor.country] if actor.country else [])]:
            if up not in found:
                found.add(up)
                stack.append(up)
    index.containers[actor_id] = frozenset(found)
    return index.containers[actor_id]


def overlap(bank: Bank, one: str, other: str) -> bool:
    """Whether two actors overlap: the same, or one part of the other (either way)."""
    return one == other or one in _containers(bank, other) or other in _containers(bank, one)


def rivals(bank: Bank, answer: str, candidates: Iterable[str]) -> list[str]:
    """Candidate actor ids fit to stand against the answer: same family, no overlaps at all."""
    asked = (answer, tuple(dict.fromkeys(candidates)))
    index = _index(bank)
    known = index.rivals.get(asked)
    if known is None:
        known = index.rivals[asked] = tuple(_rivals(bank, answer, asked[1]))
    return list(known)


def _rivals(bank: Bank, answer: str, candidates: tuple[str, ...]) -> list[str]:
    target = _find(bank, answer)
    kept: list[str] = []
    for candidate in candidates:
        actor = _find(bank, candidate)
        if actor is None or target is None or family(actor) != family(target):
            continue
        if not any(overlap(bank, candidate, other) for other in [answer, *kept]):
            kept.append(candidate)
    return kept


def speakers(bank: Bank) -> list[str]:
    """Actors the article gives words to: quoted speakers and actors quoted in a stance."""
    index = _index(bank)
    if index.speakers is None:
        said = [q.speaker for q in bank.quotes] + [s.actor for s in bank.stances if s.words]
        index.speakers = tuple(dict.fromkeys(said))
    return list(index.speakers)


def place_type(bank: Bank, place: Place) -> str:
    """'country' for a place that is a country actor, 'inside' for a city or region in one."""
    if place.country is None:
        return "place"
    country = _find(bank, place.country)
    if country is not None and fold(country.name).casefold() == fold(place.name).casefold():
        return "country"
    return "inside"


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    """A name compared folded, in any case, without a leading 'the' ('the European Union')."""
    key = fold(name).casefold()
    return key[4:] if key.startswith("the ") else key


def names_of(bank: Bank, text: str) -> list[str]:
    """Every name of the actors and places called `text` (names and aliases), or []."""
    return list(_index(bank).names(bank).get(_key(text), ()))


def other_names(bank: Bank, answer: str) -> tuple[str, ...]:
    """Other names a blank filled with `answer` accepts: 'EU' for 'European Union'.

    A leading 'the' is dropped, since the blank usually follows the text's own 'the'.
    """
    forms = [f[4:] if f.casefold().startswith("the ") else f for f in names_of(bank, answer)]
    return tuple(dict.fromkeys(f for f in forms if _key(f) != _key(answer)))
