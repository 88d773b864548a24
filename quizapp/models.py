"""Database tables (SQLAlchemy 2 typed models). Behaviour here is about one row; no commits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, WriteOnlyMapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

STUDENT, TEACHER = "student", "teacher"
PRACTICE, TEST = "practice", "test"
# When an assignment shows its right answers: at once, after the student's last attempt, or
# after the due date.
AT_ONCE, AFTER_LAST_ATTEMPT, AFTER_DUE = "at_once", "after_last", "after_due"
# The layout of AttemptItem.question (Question.to_dict()). Raise it when a field is renamed or
# its meaning changes, with a migration that rewrites the stored snapshots of older versions.
# 2 added `skill`, `supports`, `support`, `passage` and `shown`; Question.from_dict reads a
# version 1 snapshot as it is, giving it its topic's skill, so no rewrite was needed.
SNAPSHOT_VERSION = 2
# Ids are INTEGER columns: 32-bit on PostgreSQL, which raises on a larger number (SQLite's go
# to 2^63). A larger number in an address or a form is no id at all: a 404, not an error.
MAX_ID = 2**31 - 1


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every database (SQLite drops the zone; we put it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given; use datetime.now(UTC)")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Model(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class User(UserMixin, Model):
    __tablename__ = "user"
    # `session_token` below is per request, not a column.
    __allow_unmapped__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16), default=STUDENT)
    # Set when a teacher resets the password: the next sign-in must choose a new one.
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    attempts: WriteOnlyMapped[Attempt] = relationship(back_populates="user")
    login_sessions: WriteOnlyMapped[LoginSession] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    # The token of the signed-in device this request came from (see services.accounts).
    session_token: str | None = None

    def get_id(self) -> str:
        """Flask-Login's id: the device's session token, so that ending the session ends it."""
        if self.session_token is None:
            raise RuntimeError("open a login session before signing the user in")
        return self.session_token

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_teacher(self) -> bool:
        return self.role == TEACHER


class LoginSession(Model):
    """One signed-in device or browser; deleting the row signs it out, remember cookie and all.

    Only a hash of the token is stored: a copy of this table signs nobody in.
    """

    __tablename__ = "login_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship(back_populates="login_sessions")


class Classroom(Model):
    """A teacher's class; students join it with its short code."""

    __tablename__ = "classroom"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The share of facts its students should still recall when they fall due (scheduling).
    desired_retention: Mapped[float] = mapped_column(Float, default=0.9, server_default="0.9")

    teacher: Mapped[User] = relationship()
    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="classroom", cascade="all, delete-orphan"
    )
    # Deleted assignments are kept (their attempts point at them) but no longer listed.
    assignments: Mapped[list[Assignment]] = relationship(
        primaryjoin="and_(Classroom.id == Assignment.classroom_id,"
        " Assignment.deleted_at.is_(None))",
        order_by="Assignment.created_at.desc()",
        viewonly=True,
    )


class Enrollment(Model):
    """A student's membership of a class."""

    __tablename__ = "enrollment"

    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True, index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    classroom: Mapped[Classroom] = relationship(back_populates="enrollments")
    user: Mapped[User] = relationship()


class Assignment(Model):
    """A fixed quiz a teacher set for a class: the same questions for every student."""

    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    bank_slug: Mapped[str] = mapped_column(String(64))
    question_ids: Mapped[list[Any]] = mapped_column(JSON)
    mode: Mapped[str] = mapped_column(String(16), default=TEST)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # None: as many attempts as the student likes.
    attempts_allowed: Mapped[int | None] = mapped_column(Integer)
    show_answers: Mapped[str] = mapped_column(String(16), default=AT_ONCE, server_default=AT_ONCE)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    classroom: Mapped[Classroom] = relationship()

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def due_on(self) -> date | None:
        """The day it is due by (due_at is the end of that day, UTC)."""
        return (self.due_at - timedelta(days=1)).date() if self.due_at is not None else None


class Attempt(Model):
    """One sitting of a quiz by one student."""

    __tablename__ = "attempt"
    # At most one unfinished attempt per student and class assignment, however many times Start
    # is clicked at once. Practice attempts have no assignment (NULLs never clash).
    __table_args__ = (
        Index(
            "uq_attempt_open_assignment",
            "user_id",
            "assignment_id",
            unique=True,
            sqlite_where=text("finished_at IS NULL"),
            postgresql_where=text("finished_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    bank_slug: Mapped[str] = mapped_column(String(64))
    bank_digest: Mapped[str] = mapped_column(String(64))
    mode: Mapped[str] = mapped_column(String(16))
    topics: Mapped[list[Any]] = mapped_column(JSON)
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="attempts")
    assignment: Mapped[Assignment | None] = relationship()
    # An attempt is nearly always shown with its items and their responses: load them
    # together (one query each) rather than one query per item.
    items: Mapped[list[AttemptItem]] = relationship(
        back_populates="attempt",
        order_by="AttemptItem.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


class AttemptItem(Model):
    """One question of an attempt, frozen as it was asked (choices already shuffled).

    The snapshot keeps grading and review working after the bank is edited.
    """

    __tablename__ = "attempt_item"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str] = mapped_column(String(160))
    fact_id: Mapped[str] = mapped_column(String(64))
    question: Mapped[dict[str, Any]] = mapped_column(JSON)
    snapshot_version: Mapped[int] = mapped_column(Integer, default=SNAPSHOT_VERSION)

    attempt: Mapped[Attempt] = relationship(back_populates="items")
    response: Mapped[Response | None] = relationship(back_populates="item", lazy="selectin")


class Response(Model):
    """A student's answer to one item: stored once, with question and fact ids for review."""

    __tablename__ = "response"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("attempt_item.id"), unique=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    bank_slug: Mapped[str] = mapped_column(String(64))
    question_id: Mapped[str] = mapped_column(String(160), index=True)
    fact_id: Mapped[str] = mapped_column(String(64), index=True)
    answer: Mapped[dict[str, Any]] = mapped_column(JSON)
    answer_text: Mapped[str] = mapped_column(Text)
    correct: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[float] = mapped_column(Float)
    # Accepted despite a slip of spelling: scheduled review rates it Hard, not Good.
    typo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    feedback: Mapped[str] = mapped_column(Text)
    time_taken_ms: Mapped[int | None] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    item: Mapped[AttemptItem] = relationship(back_populates="response")


# Scheduled review (issue 10): memory per fact, its log, and exam dates.

REVIEW = "review"
# Modes that show feedback after each answer (a test shows it at the end).
FEEDBACK_MODES = (PRACTICE, REVIEW)


class MemoryState(Model):
    """A student's memory of one fact (FSRS), as left by its latest review."""

    __tablename__ = "memory_state"
    __table_args__ = (
        UniqueConstraint("user_id", "bank_slug", "fact_id"),
        Index("ix_memory_state_user_due", "user_id", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    bank_slug: Mapped[str] = mapped_column(String(64))
    fact_id: Mapped[str] = mapped_column(String(64))
    state: Mapped[int] = mapped_column(Integer)
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(UTCDateTime())
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    last_rating: Mapped[int | None] = mapped_column(Integer)


class ReviewLog(Model):
    """One rating of one fact: from a graded answer (with its response) or a self-rating."""

    __tablename__ = "review_log"
    __table_args__ = (
        Index("ix_review_log_user_fact", "user_id", "bank_slug", "fact_id"),
        Index("ix_review_log_user_kind", "user_id", "kind", "reviewed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    bank_slug: Mapped[str] = mapped_column(String(64))
    fact_id: Mapped[str] = mapped_column(String(64))
    question_id: Mapped[str | None] = mapped_column(String(160))
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id"), index=True)
    # "answer" (a graded answer) or "self" (a flashcard self-rating).
    source: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    rating: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # SQL NULL (not JSON null) before a fact's first review, so queries can tell.
    state_before: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    state_after: Mapped[dict[str, Any]] = mapped_column(JSON)


class ExamDate(Model):
    """A student's exam on one bank: until then no fact falls due after the day before it."""

    __tablename__ = "exam_date"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    bank_slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    exam_on: Mapped[date] = mapped_column(Date)
    # Kept with the date so the due query compares datetimes on every database.
    cap_at: Mapped[datetime] = mapped_column(UTCDateTime())
    exam_at: Mapped[datetime] = mapped_column(UTCDateTime())


# The bank editor (issue 11): every saved version of a bank, and each regrade it led to.


class BankRevision(Model):
    """One saved version of a bank: its YAML and article text, who saved it and why.

    Revisions are kept in the database so that every app server serves the same bank; the
    files in the questions folder are written back from them. No author means "file": the
    version was picked up from a file edited on disk.
    """

    __tablename__ = "bank_revision"
    __table_args__ = (UniqueConstraint("bank_slug", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_slug: Mapped[str] = mapped_column(String(64), index=True)
    number: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    message: Mapped[str] = mapped_column(String(300), default="")
    yaml_text: Mapped[str] = mapped_column(Text)
    article_text: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))

    author: Mapped[User | None] = relationship()

    @property
    def author_name(self) -> str:
        return self.author.display_name if self.author is not None else "file"


class Regrade(Model):
    """A teacher's regrade of the responses a bank change made wrong (or right)."""

    __tablename__ = "regrade"

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_slug: Mapped[str] = mapped_column(String(64), index=True)
    revision_number: Mapped[int] = mapped_column(Integer)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    responses_checked: Mapped[int] = mapped_column(Integer)
    responses_changed: Mapped[int] = mapped_column(Integer)

    teacher: Mapped[User] = relationship()
