"""SQL around a merge: checking the other file, copying files, and the synced-state dump."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.store.errors import StoreError
from reader.store.merge.fields import ARTICLES, HIGHLIGHTS, NOTES, load_clocks
from reader.store.merge.validate import distrust
from reader.store.migration_names import MIGRATION_NAMES, MIGRATION_SET

if TYPE_CHECKING:
    from reader.store.db import Db

REVISION_COLUMNS = ("id", "kind", "target", "text", "stamp")


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open ``path`` read-only (never creating it), with ``trusted_schema = OFF``.

    Raises:
        StoreError: If it cannot be opened.
    """
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    quoted = str(path.resolve()).replace("?", "%3f").replace("#", "%23")
    try:
        conn = sqlite3.connect(f"file:{quoted}?mode=ro", uri=True)
        distrust(conn)
        return conn
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open: {exc}") from exc


def check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    """Run ``PRAGMA quick_check`` on an open file.

    ``quick_check`` verifies every page, b-tree and record (it skips only the check that
    each index matches its table, which ``integrity_check`` adds at five times the cost).

    Raises:
        StoreError: Naming the file and the first problem, if it is damaged or no database.
    """
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: not a readable SQLite database ({exc})") from exc
    problems = [str(r[0]) for r in rows if r[0] != "ok"]
    if problems:
        raise StoreError(f"{path}: damaged database ({problems[0]})")


def schema_status(conn: sqlite3.Connection, path: Path) -> str:
    """Return ``"same"``, ``"older"`` or ``"newer"``: how the file's schema compares to ours.

    Raises:
        StoreError: If the file is not a readmark library.
    """
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
        ).fetchone()
        names = [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        ).fetchall()] if has_table else []
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: not a readable SQLite database ({exc})") from exc
    if not names:
        raise StoreError(f"{path}: not a readmark library")
    unknown = [n for n in names if n not in MIGRATION_NAMES]
    if unknown:
        return "newer"
    return "same" if len(names) == len(MIGRATION_NAMES) else "older"


def copy_database(conn: sqlite3.Connection, dest: Path) -> None:
    """Write a consistent copy of an open database to ``dest`` (SQLite's backup API)."""
    target = sqlite3.connect(str(dest))
    try:
        conn.backup(target)
    except sqlite3.Error as exc:
        raise StoreError(f"{dest}: cannot copy database: {exc}") from exc
    finally:
        target.close()


def vacuum_into(db: Db, dest: Path) -> None:
    """Write a compact, consistent snapshot of ``db`` to ``dest`` (``VACUUM INTO``).

    Raises:
        StoreError: If the snapshot cannot be written.
    """
    with db.lock:
        try:
            db.conn.execute("VACUUM INTO ?", [str(dest)])
        except sqlite3.Error as exc:
            raise StoreError(f"{dest}: cannot write snapshot: {exc}") from exc


def synced_state(db: Db) -> dict[str, Any]:
    """Return everything that syncs, in a canonical comparable form.

    Articles, highlights and notes with their clocks (decoded), sorted by key, and note
    revisions without their machine-local bookkeeping (``replaced_by``, ``saved``).
    Machine-local columns (``origin_path``, ``source_fields``) and derived sort keys are left
    out; the live highlight count is kept, so a wrong count shows.
    """
    state: dict[str, Any] = {}
    for table, extra in ((ARTICLES, ("highlights",)), (HIGHLIGHTS, ()), (NOTES, ())):
        columns = (*table.columns, *extra)
        rows = db.rows(
            f"SELECT {', '.join(columns)} FROM {table.name} ORDER BY {table.key}"
        )
        for row in rows:
            row["clocks"] = load_clocks(row["clocks"])
        state[table.name] = rows
    state["note_revisions"] = db.rows(
        f"SELECT {', '.join(REVISION_COLUMNS)} FROM note_revisions ORDER BY id"
    )
    return state
