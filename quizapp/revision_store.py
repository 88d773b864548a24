"""The catalogue's link to bank revisions in the database, so that every server serves the same.

Each refresh asks one cheap question (the newest revision number of each bank) and loads only
what is newer than what this process serves. A bank file edited on disk becomes a revision
authored "file"; a file that is only out of date (it holds an older revision, e.g. on another
server's disk) is written over with the newest. An invalid revision never replaces a valid one.

It uses its own engine without a pool, apart from the requests' sessions: it runs in the
background thread, and a connection per refresh is cheap next to holding one per process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Engine, and_, create_engine, func, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from .bank import BankError, BankInvalid, BankRegistry, LoadedBank, load_text
from .models import BankRevision, utcnow

log = logging.getLogger(__name__)
_TABLE = BankRevision.__table__  # Core, on its own engine
# How far back to look for a valid revision when the newest ones fail today's checks.
MAX_FALLBACK = 10
# Writes a bank's files into a folder (the app gives the atomic writer).
WriteBack = Callable[[Path, LoadedBank], None]


@dataclass
class Served:
    number: int
    loaded: LoadedBank

    @property
    def digest(self) -> str:
        return self.loaded.digest


@dataclass
class RevisionStore:
    """Newest valid revision of each bank, as this process last read it."""

    engine: Engine
    served: dict[str, Served] = field(default_factory=dict)
    errors: dict[str, list[BankError]] = field(default_factory=dict)
    _file_digests: dict[str, str] = field(default_factory=dict)
    _rejected: set[tuple[str, int, str]] = field(default_factory=set)

    @classmethod
    def for_url(cls, url: str) -> RevisionStore | None:
        if url.startswith("sqlite") and (url in ("sqlite://", "sqlite:///:memory:")):
            return None  # a memory database is private to its engine: nothing to share
        return cls(create_engine(url, poolclass=NullPool))

    def sync(self, registry: BankRegistry, write_back: WriteBack) -> dict[str, LoadedBank]:
        """The banks to serve: the newest valid revision of each, files recorded as revisions.

        Raises SQLAlchemyError when the database cannot be read (not migrated yet, down).
        """
        newest_numbers = (
            select(_TABLE.c.bank_slug, func.max(_TABLE.c.number).label("number"))
            .group_by(_TABLE.c.bank_slug)
            .subquery()
        )
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(_TABLE.c.bank_slug, _TABLE.c.number, _TABLE.c.digest).join(
                    newest_numbers,
                    and_(
                        _TABLE.c.bank_slug == newest_numbers.c.bank_slug,
                        _TABLE.c.number == newest_numbers.c.number,
                    ),
                )
            ).all()
        newest = {str(slug): int(number) for slug, number, _ in rows}
        digests = {str(slug): str(digest) for slug, _, digest in rows}
        for slug, loaded in registry.banks.items():
            if self._file_digests.get(slug) != loaded.digest:
                if self._record_file(slug, loaded, newest.get(slug)):
                    newest[slug] = newest.get(slug, 0) + 1
                    digests[slug] = loaded.digest
                self._file_digests[slug] = loaded.digest
        for slug in set(self.served) - set(newest):  # the database was emptied
            del self.served[slug]
        for slug, number in newest.items():
            served = self.served.get(slug)
            if served is None or (served.number, served.digest) != (number, digests.get(slug)):
                self._load(slug, registry.directory)
        banks = dict(registry.banks)
        for slug, served in self.served.items():
            banks[slug] = served.loaded
            on_disk = registry.banks.get(slug)
            if (
                on_disk is not None
                and on_disk.digest != served.loaded.digest
                and slug not in registry.errors  # a file being edited is not overwritten
                and self._older(slug, on_disk.digest, served.number)
            ):
                write_back(registry.directory, served.loaded)
        return banks

    def _record_file(self, slug: str, loaded: LoadedBank, newest: int | None) -> bool:
        """Store a file's version as a revision by "file", unless it is one already."""
        if self._known(slug, loaded.digest):
            return False
        number = (newest or 0) + 1
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    insert(BankRevision).values(
                        bank_slug=slug,
                        number=number,
                        author_id=None,
                        created_at=utcnow(),
                        message="edited on disk" if newest else "from the questions folder",
                        yaml_text=loaded.yaml_text,
                        article_text=loaded.article_text,
                        digest=loaded.digest,
                    )
                )
        except IntegrityError:
            return False  # another server (or a save) took this number: read it next time
        log.info("bank %s: the file on disk is now revision %d", slug, number)
        return True

    def _known(self, slug: str, digest: str) -> bool:
        with self.engine.connect() as connection:
            found = connection.execute(
                select(_TABLE.c.id)
                .where(and_(_TABLE.c.bank_slug == slug, _TABLE.c.digest == digest))
                .limit(1)
            ).first()
        return found is not None

    def _older(self, slug: str, digest: str, number: int) -> bool:
        """Whether a file holds a revision older than `number`: only then is it out of date.

        Not merely a known one: a revision saved after this refresh read the newest numbers
        is known too, and writing the served (older) one over it would undo the save on disk.
        """
        with self.engine.connect() as connection:
            newest_with_it = connection.execute(
                select(func.max(_TABLE.c.number)).where(
                    and_(_TABLE.c.bank_slug == slug, _TABLE.c.digest == digest)
                )
            ).scalar()
        return newest_with_it is not None and int(newest_with_it) < number

    def _load(self, slug: str, directory: Path) -> None:
        """Serve the newest revision that passes the checks; keep what is served otherwise."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(_TABLE.c.number, _TABLE.c.digest, _TABLE.c.yaml_text, _TABLE.c.article_text)
                .where(_TABLE.c.bank_slug == slug)
                .order_by(_TABLE.c.number.desc())
                .limit(MAX_FALLBACK)
            ).all()
        served = self.served.get(slug)
        label = f"{slug}.yaml"
        for number, digest, yaml_text, article_text in rows:
            if served is not None and (served.number, served.digest) == (number, digest):
                return  # the newer ones are all invalid: keep this one
            if (slug, number, digest) in self._rejected:
                continue
            try:
                loaded = load_text(yaml_text, article_text, slug, label=label)
            except BankInvalid as exc:
                self._rejected.add((slug, number, digest))
                self.errors[slug] = exc.errors
                log.warning("bank %s revision %d is invalid; not served:\n%s", slug, number, exc)
                continue
            if not self._rejected_after(slug, number):
                self.errors.pop(slug, None)
            self.served[slug] = Served(number, replace(loaded, path=directory / label))
            return

    def _rejected_after(self, slug: str, number: int) -> bool:
        return any(s == slug and n > number for s, n, _ in self._rejected)

    def revision_of(self, slug: str) -> int | None:
        served = self.served.get(slug)
        return served.number if served else None


def safe_sync(
    store: RevisionStore | None, registry: BankRegistry, write_back: WriteBack
) -> dict[str, LoadedBank]:
    """`store.sync`, or the files alone when there is no database to read (yet)."""
    if store is None:
        return dict(registry.banks)
    try:
        return store.sync(registry, write_back)
    except SQLAlchemyError as exc:
        log.debug("bank revisions unavailable (%s); serving the files", exc.__class__.__name__)
        banks = dict(registry.banks)
        banks.update({slug: served.loaded for slug, served in store.served.items()})
        return banks
