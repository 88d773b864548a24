"""Which actors may stand against each other as choices: the same type, never overlapping.

A wrong choice must be wrong and of the same type as the answer (a person for a person), or the
student picks the answer by its type. Overlapping actors (a minister and their country, the
Home Office and the government) are never offered against each other: both could be right.
"""

from __future__ import annotations

from collections.abc import Iterable

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


def _find(bank: Bank, actor_id: str) -> Actor | None:
    return next((a for a in bank.actors if a.id == actor_id), None)


def containers(bank: Bank, actor_id: str) -> set[str]:
    """Every actor this one belongs to, through `part_of` and `country`, transitively."""
    found: set[str] = set()
    stack = [actor_id]
    while stack:
        actor = _find(bank, stack.pop())
        if actor is None:
            continue
        for up in [*actor.part_of, *([actor.country] if actor.country else [])]:
            if up not in found:
                found.add(up)
                stack.append(up)
    return found


def overlap(bank: Bank, one: str, other: str) -> bool:
    """Whether two actors overlap: the same, or one part of the other (either way)."""
    return one == other or one in containers(bank, other) or other in containers(bank, one)


def rivals(bank: Bank, answer: str, candidates: Iterable[str]) -> list[str]:
    """Candidate actor ids fit to stand against the answer: same family, no overlaps at all."""
    target = _find(bank, answer)
    kept: list[str] = []
    for candidate in dict.fromkeys(candidates):
        actor = _find(bank, candidate)
        if actor is None or target is None or family(actor) != family(target):
            continue
        if not any(overlap(bank, candidate, other) for other in [answer, *kept]):
            kept.append(candidate)
    return kept


def speakers(bank: Bank) -> list[str]:
    """Actors the article gives words to: quoted speakers and actors quoted in a stance."""
    said = [q.speaker for q in bank.quotes] + [s.actor for s in bank.stances if s.words]
    return list(dict.fromkeys(said))


def place_type(bank: Bank, place: Place) -> str:
    """'country' for a place that is a country actor, 'inside' for a city or region in one."""
    if place.country is None:
        return "place"
    country = _find(bank, place.country)
    if country is not None and fold(country.name).casefold() == fold(place.name).casefold():
        return "country"
    return "inside"


def _key(name: str) -> str:
    """A name compared folded, in any case, without a leading 'the' ('the European Union')."""
    key = fold(name).casefold()
    return key[4:] if key.startswith("the ") else key


def names_of(bank: Bank, text: str) -> list[str]:
    """Every name of the actors and places called `text` (names and aliases), or []."""
    key = _key(text)
    named: list[Actor | Place] = [*bank.actors, *bank.places]
    found: list[str] = []
    for thing in named:
        forms = [thing.name, *thing.aliases]
        if key in {_key(form) for form in forms}:
            found += forms
    return list(dict.fromkeys(found))


def other_names(bank: Bank, answer: str) -> tuple[str, ...]:
    """Other names a blank filled with `answer` accepts: 'EU' for 'European Union'.

    A leading 'the' is dropped, since the blank usually follows the text's own 'the'.
    """
    forms = [f[4:] if f.casefold().startswith("the ") else f for f in names_of(bank, answer)]
    return tuple(dict.fromkeys(f for f in forms if _key(f) != _key(answer)))
