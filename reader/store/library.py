"""The ``Library``: the small facade the rest of readmark uses to reach the SQLite library."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from reader.store.annotations import Annotations
from reader.store.clock import Clock
from reader.store.errors import Ambiguous, NotFound, StoreError
from reader.store.export_queries import ExportQueries
from reader.store.models import ImportOutcome
from reader.store.reading import LibraryReads
from reader.store.replica import Replica, ReplicaClock
from reader.store.schema_names import MIGRATION_NAMES, MIGRATION_SET
from reader.store.search import SNIPPET_END, SNIPPET_START

if TYPE_CHECKING:
    from sqlite_utils import Database

    from reader.ingest.article import Article

# sqlite-utils (and the write path) are imported on first write or migration, not on open:
# reading a library, as the reader's first screen does, needs only the sqlite3 module.

BUSY_TIMEOUT_MS = 10_000


def _writes() -> ModuleType:
    """The write module, imported on first write (it pulls in ingest and sqlite-utils)."""
    from reader.store import writes

    return writes


class Library(LibraryReads, Annotations, ExportQueries):
    """An open readmark library (one SQLite file).

    Safe to share between threads: every call holds an internal lock. Opening creates the file
    and its directory if needed and applies pending migrations.
    """

    def __init__(self, path: str | Path, *, clock: Clock | None = None) -> None:
        """Open (creating and upgrading as needed) the library at ``path``.

        Args:
            path: The library file.
            clock: Clock for sync stamps (default: one stamping with this library file's own
                site id, see ``reader.store.replica``).

        Raises:
            StoreError: If the file cannot be opened as a readmark library.
        """
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            self.conn = conn
            self._db: Database | None = None
            # A rollback journal (not WAL): the library is one self-contained file whenever no
            # write is in progress, so copying or syncing it never loses committed data.
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            applied = self.applied_migrations()
            newer = [name for name in applied if name not in MIGRATION_NAMES]
            if newer:
                conn.close()
                raise StoreError(
                    f"{self.path}: made by a newer readmark (schema change {newer[-1]!r} is "
                    "unknown here); upgrade readmark to use it"
                )
            if len(applied) < len(MIGRATION_NAMES):
                from reader.store.schema import migrations

                # Under an IMMEDIATE transaction, so two processes opening a new library at
                # once take turns; the second then finds nothing left to apply.
                with self.write() as db:
                    migrations.apply(db)
            # Each library file is its own replica: a copy stamps its edits with a fresh site
            # id (see reader.store.replica).
            self.clock: Clock = clock or ReplicaClock(conn, self.path)
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open library: {exc}") from exc
        for table in ("articles", "highlights", "notes"):
            self.clock.observe(self._scalar(f"SELECT max(updated) FROM {table}"))

    # -- plumbing ---------------------------------------------------------------------------
    @property
    def replica(self) -> Replica | None:
        """This file's site id and owner (``None`` when opened with an explicit clock)."""
        return self.clock.replica if isinstance(self.clock, ReplicaClock) else None

    def claim_site(self) -> str:
        """Store this file's site id now (the first write does otherwise); return it.

        Raises:
            StoreError: If the library cannot be written.
        """
        if isinstance(self.clock, ReplicaClock) and not self.clock.replica.stored:
            with self.write():
                self.clock.claim()
        return self.clock.device

    @property
    def db(self) -> Database:
        """The sqlite-utils ``Database`` over this library's connection (made on first use)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    def applied_migrations(self) -> list[str]:
        """Return the names of the schema migrations applied to this library, in order."""
        with self._lock:
            table = self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
            ).fetchone()
            if table is None:
                return []
            rows = self.conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [MIGRATION_SET],
            ).fetchall()
        return [row[0] for row in rows]

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self.conn.execute(sql, params).fetchall()]

    def _scalar(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
        with self._lock:
            row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def data_version(self) -> int:
        """Return SQLite's ``PRAGMA data_version`` for this library's connection.

        The number changes when another connection (another process, or another ``Library``
        on the same file) commits a change, and not for this library's own writes; comparing
        it between calls is a cheap way to notice outside changes.

        Returns:
            The current data version.
        """
        return int(self._scalar("PRAGMA data_version"))

    @contextmanager
    def write(self) -> Iterator[Database]:
        """Hold the lock and an IMMEDIATE transaction: all of it commits, or none of it does."""
        with self._lock:
            conn = self.conn
            if conn.in_transaction:  # inside a batch: a savepoint, undone alone on error
                try:
                    with self.db.atomic():
                        yield self.db
                except sqlite3.Error as exc:
                    raise StoreError(f"{self.path}: cannot write library: {exc}") from exc
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.db
                except BaseException:
                    conn.rollback()
                    raise
                conn.commit()
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: cannot write library: {exc}") from exc

    # -- writing ----------------------------------------------------------------------------
    def import_article(self, article: Article, *, revive: bool = True) -> ImportOutcome:
        """Add ``article``, or update the article it is a re-import of (never a duplicate).

        Args:
            article: The article read from a file.
            revive: Whether a removed article comes back (see ``writes.upsert_article``).
        """
        with self.write() as db:
            return _writes().upsert_article(db, self.clock, article, revive=revive)

    @contextmanager
    def batch(
        self, seconds: float = 0.5, *, on_commit: Callable[[], None] | None = None
    ) -> Iterator[Callable[[], None]]:
        """Group many small writes into few commits (one fsync per ``seconds``, not per write).

        Each write inside stays its own savepoint, so a failing one is undone alone. Yields a
        function to call between writes; it commits once ``seconds`` have passed, so other
        processes are never kept waiting long.

        Args:
            seconds: Longest time between commits.
            on_commit: Called after each commit has succeeded (the writes since the previous
                one are then on disk), including the last one; never after a failed commit.

        Raises:
            StoreError: When a commit (or starting the next transaction) fails; everything
                written since the last commit is rolled back.
        """
        conn = self.conn
        state = {"since": time.monotonic()}

        def run(sql: str) -> None:
            try:
                conn.execute(sql)
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.rollback()
                raise StoreError(f"{self.path}: cannot write library: {exc}") from exc

        def commit() -> None:
            if not conn.in_transaction:  # SQLite itself rolled back (a full disk, an I/O error)
                raise StoreError(f"{self.path}: cannot write library: the writes since the "
                                 "last commit were rolled back")
            run("COMMIT")
            if on_commit is not None:
                on_commit()

        def tick() -> None:
            if time.monotonic() - state["since"] >= seconds:
                commit()
                run("BEGIN IMMEDIATE")
                state["since"] = time.monotonic()

        with self._lock:
            run("BEGIN IMMEDIATE")
            try:
                yield tick
            except BaseException:
                if conn.in_transaction:
                    conn.rollback()
                raise
            commit()

    def import_many(self, articles: Iterable[Article]) -> list[ImportOutcome]:
        """Import many articles in one transaction (all or nothing): fast bulk loading."""
        with self.write() as db:
            return [_writes().upsert_article(db, self.clock, article) for article in articles]

    def update_tags(self, article_id: str, add: list[str], remove: list[str]) -> list[str]:
        """Add and remove tags on an article; returns its tags afterwards.

        Raises:
            NotFound: If the article does not exist.
        """
        with self.write() as db:
            return _writes().update_tags(db, self.clock, article_id, add, remove)

    def delete(self, article_id: str) -> bool:
        """Delete an article, leaving a tombstone for sync. Returns whether it was live."""
        with self.write() as db:
            return _writes().tombstone(db, self.clock, article_id)

    def save_position(self, article_id: str, position: int, progress: float) -> None:
        """Save the reading cursor (char offset) and progress (0..1) of an article."""
        with self.write() as db:
            _writes().save_position(db, self.clock, article_id, position, progress)

    def clocks(self, article_id: str) -> dict[str, str]:
        """Return the per-field clock stamps of an article (for sync and tests)."""
        value = self._scalar("SELECT clocks FROM articles WHERE id = ?", [article_id])
        return dict(json.loads(value)) if value else {}


__all__ = ["SNIPPET_END", "SNIPPET_START", "Ambiguous", "Library", "NotFound", "StoreError"]
