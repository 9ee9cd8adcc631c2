"""The library file: opening it, pragmas, the lock, reads, write transactions, migrations.

``Db`` is the handle every entity module of the store (``articles``, ``highlights``, ``notes``,
``search``, ``merge``) takes. It is the only place a connection is made.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.store.clock import Clock
from reader.store.errors import StoreError
from reader.store.migration_names import MIGRATION_NAMES, MIGRATION_SET
from reader.store.replica import Replica, ReplicaClock

if TYPE_CHECKING:
    from sqlite_utils import Database as Database
    from sqlite_utils.db import Table

Connection = sqlite3.Connection  # the connection type, for the layers above (typing only)

# sqlite-utils (and the write path) are imported on first write or migration, not on open:
# reading a library, as the reader's first screen does, needs only the sqlite3 module.

BUSY_TIMEOUT_MS = 10_000
# SQLite errors that mean the library itself cannot be written (not one file's fault).
_LIBRARY_FAULTS = (
    "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_READONLY",
    "SQLITE_CANTOPEN", "SQLITE_NOMEM", "SQLITE_PERM",
)
Row = dict[str, Any]


class Db:
    """An open library file (one SQLite connection, its lock and its clock).

    Safe to share between threads: every call holds an internal lock. Opening creates the file
    and its directory if needed and applies pending migrations.
    """

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
        self.lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            self.conn = conn
            self._sqlite: Database | None = None
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
                from reader.store.migrations import migrations

                # Under an IMMEDIATE transaction, so two processes opening a new library at
                # once take turns; the second then finds nothing left to apply.
                with self.write():
                    migrations.apply(self.sqlite)
            # Each library file is its own replica: a copy stamps its edits with a fresh site
            # id (see reader.store.replica).
            self.clock: Clock = clock or ReplicaClock(conn, self.path)
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open library: {exc}") from exc
        for table in ("articles", "highlights", "notes"):
            self.clock.observe(self.scalar(f"SELECT max(updated) FROM {table}"))

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
    def sqlite(self) -> Database:
        """The sqlite-utils ``Database`` over this library's connection (made on first use)."""
        if self._sqlite is None:
            from sqlite_utils import Database

            self._sqlite = Database(self.conn)
        return self._sqlite

    def applied_migrations(self) -> list[str]:
        """Return the names of the schema migrations applied to this library, in order."""
        with self.lock:
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
        with self.lock:
            self.conn.close()

    def rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[Row]:
        """Run a query; return its rows as dicts."""
        with self.lock:
            return [dict(r) for r in self.conn.execute(sql, params).fetchall()]

    def tuples(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run a query; return its rows as plain tuples (no per-row dict): for bulk reads."""
        with self.lock:
            cursor = self.conn.cursor()
            cursor.row_factory = None
            return cursor.execute(sql, params).fetchall()

    def execute(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """Run one statement (callers inside ``write`` hold the lock already)."""
        with self.lock:
            return self.conn.execute(sql, params)

    def table(self, name: str) -> Table:
        """The sqlite-utils table ``name`` (for inserts and updates inside ``write``)."""
        return self.sqlite.table(name)

    def scalar(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
        with self.lock:
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
        return int(self.scalar("PRAGMA data_version"))

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open on the connection."""
        return self.conn.in_transaction

    def is_library_fault(self, exc: StoreError) -> bool:
        """Whether a failed write is the library's fault (full disk, I/O error, read-only)
        rather than the data's: SQLite rolled the transaction back, or named such a cause."""
        if not self.conn.in_transaction:  # SQLite rolled the whole batch back
            return True
        cause = exc.__cause__
        name = getattr(cause, "sqlite_errorname", "") if isinstance(cause, sqlite3.Error) else ""
        return bool(name) and name.startswith(_LIBRARY_FAULTS)

    def sqlite_version(self) -> str:
        """The version of the SQLite library in use."""
        return sqlite3.sqlite_version

    @contextmanager
    def write(self) -> Iterator[Database]:
        """Hold the lock and an IMMEDIATE transaction: all of it commits, or none of it does."""
        with self.lock:
            conn = self.conn
            if conn.in_transaction:  # inside a batch: a savepoint, undone alone on error
                try:
                    with self.sqlite.atomic():
                        yield self.sqlite
                except sqlite3.Error as exc:
                    raise StoreError(f"{self.path}: cannot write library: {exc}") from exc
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.sqlite
                except BaseException:
                    conn.rollback()
                    raise
                conn.commit()
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: cannot write library: {exc}") from exc

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

        with self.lock:
            run("BEGIN IMMEDIATE")
            try:
                yield tick
            except BaseException:
                if conn.in_transaction:
                    conn.rollback()
                raise
            commit()
