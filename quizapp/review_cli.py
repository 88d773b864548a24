"""`quizapp review ...`: due facts per student, rebuilding memory, class retention, exam dates."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from quizapp import scheduling
from quizapp.extensions import db
from quizapp.models import Classroom, User, utcnow
from quizapp.scheduling import Memory, Rating
from quizapp.services import ServiceError
from quizapp.services.accounts import find_user
from quizapp.services.classes import normalise_join_code
from quizapp.services.rebuild import rebuild
from quizapp.services.review import (
    as_memory,
    exam_dates,
    memories_as_of,
    memories_of,
    set_exam_date,
    set_retention,
)


@click.group("review")
def review_group() -> None:
    """Scheduled review: due facts, rebuilding memory from the answers, settings."""


def _student(username: str) -> User:
    user = find_user(username)
    if user is None:
        raise click.ClickException(f"No user named {username!r}.")
    return user


def _parse_time(value: str | None) -> datetime:
    if value is None:
        return utcnow()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 time, e.g. 2026-12-01T09:00Z.", param_hint="--at"
        ) from None
    # A time without an offset is read as UTC, as every time in the app is.
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _row(slug: str, fact: str, memory: Memory, at: datetime, exam: date | None) -> dict[str, Any]:
    due = scheduling.effective_due(memory, at, exam)
    last = memory.last_rating
    return {
        "fact": fact,
        "bank": slug,
        "due": due.isoformat(),
        "due_now": due <= at,
        "scheduled_due": memory.due.isoformat(),
        "stability": memory.stability,
        "difficulty": memory.difficulty,
        "retrievability": round(scheduling.retrievability(memory, at), 4),
        "reps": memory.reps,
        "lapses": memory.lapses,
        "last_rating": Rating(last).name if last is not None else None,
        "last_review": memory.last_review.isoformat() if memory.last_review else None,
    }


@review_group.command("due")
@click.argument("username")
@click.option("--bank", "slug", help="Only this bank's facts.")
@click.option("--at", "at_text", help="See memory as it stood at this ISO 8601 time (UTC).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@with_appcontext
def due_command(username: str, slug: str | None, at_text: str | None, as_json: bool) -> None:
    """List a student's facts with due time, stability, difficulty and last rating."""
    at = _parse_time(at_text)
    user = _student(username)
    if at_text is None:
        found = {(m.bank_slug, m.fact_id): as_memory(m) for m in memories_of(user, slug)}
    else:
        found = memories_as_of(user, at, slug)
    exams = exam_dates(user.id)
    rows = [_row(s, f, memory, at, exams.get(s)) for (s, f), memory in found.items()]
    rows.sort(key=lambda row: (row["due"], row["bank"], row["fact"]))
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo(f"{username} has no facts in memory{f' for {slug}' if slug else ''} yet.")
        return
    click.echo(f"{len(rows)} facts, {sum(r['due_now'] for r in rows)} due at {at.isoformat()}")
    for row in rows:
        mark = "due" if row["due_now"] else "   "
        click.echo(
            f"{mark} {row['due']}  {row['bank']}/{row['fact']}  stability {row['stability']:.2f} d"
            f"  difficulty {row['difficulty']:.2f}  reps {row['reps']}  lapses {row['lapses']}"
            f"  last {row['last_rating']}"
        )


@review_group.command("rebuild")
@click.option("--check", is_flag=True, help="Only compare; exit 1 if the stored memory differs.")
@with_appcontext
def rebuild_command(check: bool) -> None:
    """Replay every stored answer in time order and rebuild memory and the review log."""
    report = rebuild(write=not check)
    click.echo(
        f"Replayed {report.reviews} reviews of {report.facts} facts for {report.users} users."
    )
    if report.exact:
        click.echo("The stored memory matched the replay exactly.")
    else:
        click.echo(f"{len(report.differing)} stored memory states differed from the replay:")
        for user_id, slug, fact in report.differing[:20]:
            click.echo(f"  user {user_id}: {slug}/{fact}")
    if check:
        raise SystemExit(0 if report.exact else 1)
    db.session.commit()
    click.echo("Memory rebuilt.")


@review_group.command("retention")
@click.argument("join_code")
@click.argument("value", type=float)
@with_appcontext
def retention_command(join_code: str, value: float) -> None:
    """Set a class's desired retention (0.70-0.97), e.g. `quizapp review retention K4TQ9M 0.85`."""
    code = normalise_join_code(join_code)
    classroom = db.session.scalar(select(Classroom).where(Classroom.join_code == code))
    if classroom is None:
        raise click.ClickException(f"No class has the join code {join_code!r}.")
    try:
        set_retention(classroom, value)
    except ServiceError as error:
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"{classroom.name}: desired retention {value:.2f}. Run `quizapp review rebuild`"
               " to reschedule what was already reviewed.")  # fmt: skip


@review_group.command("exam")
@click.argument("username")
@click.argument("slug")
@click.argument("exam_on", metavar="DATE|none")
@with_appcontext
def exam_command(username: str, slug: str, exam_on: str) -> None:
    """Set a student's exam date for a bank (YYYY-MM-DD), or clear it with `none`."""
    user = _student(username)
    if exam_on.casefold() == "none":
        set_exam_date(user, slug, None)
        message = f"Exam date for {slug} cleared."
    else:
        try:
            day = date.fromisoformat(exam_on)
        except ValueError:
            raise click.BadParameter(f"{exam_on!r} is not a date such as 2026-12-18.") from None
        set_exam_date(user, slug, day)
        message = f"Exam on {slug} set for {day.isoformat()}."
    db.session.commit()
    click.echo(message)
