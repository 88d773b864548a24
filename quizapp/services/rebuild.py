"""Rebuilding memory from the answers: replay every response (and self-rating) in time order.

The memory table is a pure function of the stored answers, the class retention and the
rating rules; rebuilding after a change of any of them reschedules every fact, and
rebuilding with nothing changed must arrive at exactly the stored states.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select

from quizapp.extensions import db
from quizapp.models import AttemptItem, MemoryState, Response, ReviewLog
from quizapp.scheduling import MEDIAN_WINDOW, Memory, Rating

from .memory import Rated, answer_ratings, apply_rating
from .review import ANSWER, SELF, as_memory, question_of, retention_for


@dataclass
class RebuildReport:
    """What a rebuild replayed and how far the stored memory was from the replay."""

    users: int = 0
    reviews: int = 0
    facts: int = 0
    differing: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return not self.differing


def _self_ratings(user_id: int) -> list[Rated]:
    rows = db.session.scalars(
        select(ReviewLog).where(ReviewLog.user_id == user_id, ReviewLog.source == SELF)
    )
    return [
        Rated(
            r.user_id,
            r.bank_slug,
            r.fact_id,
            r.question_id,
            None,
            SELF,
            r.kind,
            Rating(r.rating),
            r.duration_ms,
            r.reviewed_at,
        )
        for r in rows
    ]


def replay(user_id: int) -> tuple[dict[tuple[str, str], MemoryState], list[ReviewLog]]:
    """The memory rows and log the user's answers and self-ratings give, from nothing."""
    retention = retention_for(user_id)
    answers = db.session.execute(
        select(Response, AttemptItem)
        .join(AttemptItem, AttemptItem.id == Response.item_id)
        .where(Response.user_id == user_id)
    ).all()
    events: list[tuple[datetime, int, int, Response | Rated, AttemptItem | None]] = [
        (response.answered_at, 0, response.id, response, item) for response, item in answers
    ]
    events += [(s.at, 1, n, s, None) for n, s in enumerate(_self_ratings(user_id))]
    events.sort(key=lambda event: (event[0], event[1], event[2]))
    rows: dict[tuple[str, str], MemoryState] = {}
    logs: list[ReviewLog] = []
    durations: dict[str, list[int]] = defaultdict(list)
    for _, _, _, event, item in events:
        if isinstance(event, Response) and isinstance(item, AttemptItem):
            recent = durations[question_of(item).kind][-MEDIAN_WINDOW:]
            ratings = answer_ratings(event, question_of(item), event.answer["value"], recent)
        else:
            assert isinstance(event, Rated)
            ratings = [event]
        for rated in ratings:
            key = (rated.bank_slug, rated.fact_id)
            rows[key], log = apply_rating(rated, rows.get(key), retention)
            logs.append(log)
            if rated.source == ANSWER and rated.duration_ms is not None:
                durations[rated.kind].append(rated.duration_ms)
    return rows, logs


def _users() -> set[int]:
    found: set[int] = set(db.session.scalars(select(Response.user_id).distinct()))
    found.update(db.session.scalars(select(ReviewLog.user_id).distinct()))
    found.update(db.session.scalars(select(MemoryState.user_id).distinct()))
    return found


def rebuild(*, write: bool) -> RebuildReport:
    """Replay every user's answers; compare with the stored memory, and replace it if `write`."""
    report = RebuildReport()
    for user_id in sorted(_users()):
        rows, logs = replay(user_id)
        stored = {
            (row.bank_slug, row.fact_id): as_memory(row)
            for row in db.session.scalars(select(MemoryState).where(MemoryState.user_id == user_id))
        }
        rebuilt: dict[tuple[str, str], Memory] = {key: as_memory(row) for key, row in rows.items()}
        for key in sorted(stored.keys() | rebuilt.keys()):
            if stored.get(key) != rebuilt.get(key):
                report.differing.append((user_id, *key))
        report.users += 1
        report.reviews += len(logs)
        report.facts += len(rows)
        if write:
            _replace_memory(user_id, rows, logs)
    return report


def rewrite_memory(user_id: int) -> None:
    """Replace one user's memory and review log by the replay of their stored answers."""
    _replace_memory(user_id, *replay(user_id))


def _replace_memory(
    user_id: int, rows: dict[tuple[str, str], MemoryState], logs: list[ReviewLog]
) -> None:
    db.session.execute(delete(ReviewLog).where(ReviewLog.user_id == user_id))
    db.session.execute(delete(MemoryState).where(MemoryState.user_id == user_id))
    db.session.add_all([*rows.values(), *logs])
    db.session.flush()
