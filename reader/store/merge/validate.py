"""A library file from elsewhere is never trusted: what is checked before any of it is stored.

``sync OTHER.db``, a sync folder and ``merge-driver`` all read another person's or machine's
file. Three guards stand between it and the library:

* **Only real tables are read.** The file is first opened alone, read-only, with
  ``PRAGMA trusted_schema = OFF``, and its ``sqlite_master`` must be exactly what readmark's
  migrations make at the file's migration level (type, name, table and SQL of every table,
  index, trigger and virtual table; ``sqlite_stat*`` tables of ``ANALYZE`` aside). A view, a
  trigger or virtual table readmark does not create, or one whose SQL differs, refuses the
  whole file with one line naming the file and the object (``check_schema``). The library's
  own connection needs trusted SQL for its FTS5 triggers, so it attaches the file only after
  that check and checks it again inside the merge transaction (``check_same_schema``).
* **Every row is checked before it is merged** (``find_bad_rows``): column types (strings are
  TEXT, numbers INTEGER or REAL), sizes (text up to the import limit ``MAX_BYTES``, keys up to
  ``MAX_KEY_BYTES``), clock stamps (grammar and width, and no further ahead of this machine's
  clock than ``MAX_DRIFT_US``, see ``reader.store.clock``), JSON columns, known colours,
  states and formats, rows whose article is missing, and at most ``MAX_REVISIONS_PER_NOTE``
  kept texts per note. A bad row is skipped and counted by reason, never stored.
* **Nothing runs without bound** (``deadline``): SQLite's progress handler stops any statement
  once ``MERGE_DEADLINE_S`` seconds (``$READMARK_MERGE_DEADLINE``) have passed; the merge's
  transaction is rolled back (so the write lock is released) and one line is raised.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from reader.ingest.reader import FORMATS, MAX_BYTES
from reader.safe_text import is_safe
from reader.store.clock import MAX_DRIFT_US, SITE_MAX
from reader.store.errors import StoreError
from reader.store.merge.fields import ARTICLES, BASE_KEYS, HIGHLIGHTS, NOTES, Table
from reader.store.migration_names import MIGRATION_NAMES, MIGRATION_SET
from reader.store.records import COLORS, STATES

MERGE_DEADLINE_S = 300.0  # longest one merge (checks included) may run
DEADLINE_ENV = "READMARK_MERGE_DEADLINE"
PROGRESS_STEPS = 10_000  # SQLite VM steps between two looks at the deadline
MAX_KEY_BYTES = 4096  # ids, hashes, dates, languages: short by nature
MAX_REVISIONS_PER_NOTE = 100  # kept note texts taken from one file per note
SKIP_TABLE = "temp.merge_skip"
SKIP_REASONS = ("type", "size", "stamp", "future", "value", "unsafe", "orphan", "revisions")

# Column rules: (SQLite types allowed, NULL allowed, what the value is).
# Kinds: key, text (import limit), stamp, clocks, list (JSON list of strings), object (JSON
# object), iso (ISO 8601 time), count (integer 0 .. MAX_BYTES), fraction (0 .. 1), or an
# enumeration (a tuple of the allowed values).
_Kind = str | tuple[str, ...]
_TEXT = ("text",)
_INT = ("integer",)
_NUM = ("integer", "real")
_RULES: dict[str, dict[str, tuple[tuple[str, ...], bool, _Kind]]] = {
    "articles": {
        "id": (_TEXT, False, "key"), "title": (_TEXT, False, "text"),
        "authors": (_TEXT, True, "list"), "url": (_TEXT, True, "key"),
        "site": (_TEXT, True, "key"), "published": (_TEXT, True, "key"),
        "tags": (_TEXT, True, "list"), "lang": (_TEXT, True, "key"),
        "body": (_TEXT, False, "text"),
        "body_format": (_TEXT, False, tuple(sorted(set(FORMATS.values())))),
        "words": (_INT, True, "count"), "content_hash": (_TEXT, False, "key"),
        "position": (_INT, True, "count"), "progress": (_NUM, True, "fraction"),
        "deleted": (_TEXT, True, "stamp"), "imported": (_TEXT, False, "iso"),
        "clocks": (_TEXT, False, "clocks"), "updated": (_TEXT, True, "stamp"),
        "source_fields": (_TEXT, True, "object"), "title_sort": (_TEXT, True, "text"),
        "author_sort": (_TEXT, True, "key"), "sort_date": (_TEXT, True, "key"),
    },
    "highlights": {
        "id": (_TEXT, False, "key"), "article_id": (_TEXT, False, "key"),
        "made_hash": (_TEXT, True, "key"), "exact": (_TEXT, False, "text"),
        "prefix": (_TEXT, False, "key"), "suffix": (_TEXT, False, "key"),
        "start_pos": (_INT, True, "count"), "end_pos": (_INT, True, "count"),
        "anchor_hash": (_TEXT, True, "key"), "state": (_TEXT, False, STATES),
        "color": (_TEXT, False, COLORS), "note": (_TEXT, False, "text"),
        "deleted": (_TEXT, True, "stamp"), "created": (_TEXT, False, "iso"),
        "clocks": (_TEXT, False, "clocks"), "updated": (_TEXT, True, "stamp"),
    },
    "notes": {
        "article_id": (_TEXT, False, "key"), "text": (_TEXT, False, "text"),
        "deleted": (_TEXT, True, "stamp"), "created": (_TEXT, False, "iso"),
        "clocks": (_TEXT, False, "clocks"), "updated": (_TEXT, True, "stamp"),
    },
    "note_revisions": {
        "id": (_TEXT, False, "key"), "kind": (_TEXT, False, ("article", "highlight")),
        "target": (_TEXT, False, "key"), "text": (_TEXT, False, "text"),
        "stamp": (_TEXT, False, "stamp"), "replaced_by": (_TEXT, True, "stamp"),
        "saved": (_TEXT, False, "iso"),
    },
}
_TABLES: dict[str, Table] = {t.name: t for t in (ARTICLES, HIGHLIGHTS, NOTES)}
_STAMP_GLOB = "[0-9]" * 17 + "-" + "[0-9]" * 4 + "-?*"
_ISO_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*"


def merge_deadline() -> float:
    """Return the time limit of one merge in seconds: ``$READMARK_MERGE_DEADLINE`` or the
    default ``MERGE_DEADLINE_S`` (a value that is not a number, or is negative, is ignored)."""
    try:
        value = float(os.environ.get(DEADLINE_ENV, ""))
    except ValueError:
        return MERGE_DEADLINE_S
    return value if value >= 0 else MERGE_DEADLINE_S


def distrust(conn: sqlite3.Connection) -> None:
    """Stop SQL stored in a file (views, triggers, defaults) from calling risky functions."""
    conn.execute("PRAGMA trusted_schema = OFF")


@contextmanager
def deadline(conn: sqlite3.Connection, seconds: float, path: Path) -> Iterator[None]:
    """Stop any statement run on ``conn`` inside the block once ``seconds`` have passed.

    The handler is removed before the block's error leaves it, so a rollback after it runs.

    Raises:
        StoreError: One line naming ``path`` when the limit was reached.
    """
    end = time.monotonic() + seconds
    expired = False

    def check() -> int:
        nonlocal expired
        expired = expired or time.monotonic() > end
        return 1 if expired else 0

    conn.set_progress_handler(check, PROGRESS_STEPS)
    try:
        yield
    except (sqlite3.OperationalError, StoreError) as exc:  # StoreError: a wrapped interrupt
        if expired:
            conn.set_progress_handler(None, 0)
            raise StoreError(
                f"{path}: merge stopped after {seconds:g} s (the limit; set "
                f"{DEADLINE_ENV} to change it); nothing was stored"
            ) from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)


# -- the schema ---------------------------------------------------------------------------------
_UNQUOTE = str.maketrans("", "", '"[]`')


def _normal_sql(sql: str | None) -> str:
    """SQL with identifier quoting and runs of whitespace made uniform."""
    text = (sql or "").translate(_UNQUOTE)
    return " ".join(text.split())


Schema = dict[tuple[str, str], tuple[str, str]]  # (type, name) -> (table, normalised sql)


def _objects(conn: sqlite3.Connection, schema: str = "main") -> Schema:
    rows = conn.execute(f"SELECT type, name, tbl_name, sql FROM {schema}.sqlite_master")
    return {(str(t), str(n)): (str(tb), _normal_sql(s)) for t, n, tb, s in rows.fetchall()
            if not str(n).startswith("sqlite_stat")}


@lru_cache(maxsize=1)
def expected_schemas() -> tuple[Schema, ...]:
    """Return the schema readmark's migrations make after each migration (index: how many)."""
    from sqlite_utils import Database

    from reader.store.migrations import migrations

    conn = sqlite3.connect(":memory:")
    try:
        db = Database(conn)
        stages: list[Schema] = [{}]
        for later in MIGRATION_NAMES[1:]:
            migrations.apply(db, stop_before=later)
            stages.append(_objects(conn))
        migrations.apply(db)
        stages.append(_objects(conn))
        return tuple(stages)
    finally:
        conn.close()


def check_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file whose schema is not exactly one readmark's migrations make.

    The schema must be the one made by the migrations the file records (or by more of them:
    a file whose record of its last migration was lost is upgraded again harmlessly).

    A file made by a newer readmark (migrations unknown here) passes, to be refused by
    ``schema_status`` with its own message.

    Raises:
        StoreError: One line naming ``path`` and the first object at fault.
    """
    try:
        found = _objects(conn)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: not a readable SQLite database ({exc})") from exc
    for (kind, name), _ in sorted(found.items()):
        if kind == "view":
            raise StoreError(f"{path}: refused: it holds a view {name!r} (a library has none)")
    final = expected_schemas()[-1]
    log = ("table", "_sqlite_migrations")
    if log not in found:
        raise StoreError(f"{path}: not a readmark library")
    if found[log] != final[log]:
        raise StoreError(f"{path}: refused: table '_sqlite_migrations' is not readmark's")
    try:
        names = [str(r[0]) for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET]).fetchall()]
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: not a readable SQLite database ({exc})") from exc
    if any(n not in MIGRATION_NAMES for n in names):
        return  # newer: refused by schema_status
    if names != list(MIGRATION_NAMES[:len(names)]):
        raise StoreError(f"{path}: refused: its schema changes are not readmark's, in order")
    stages = expected_schemas()
    if any(found == stage for stage in stages[len(names):]):
        return  # its own level, or a later one with the record of a migration lost
    want = stages[len(names)]
    for key in sorted(found):
        kind, name = key
        if key not in want:
            raise StoreError(f"{path}: refused: {kind} {name!r} is not part of a library")
        if found[key] != want[key]:
            raise StoreError(f"{path}: refused: {kind} {name!r} differs from a library's")
    missing = sorted(set(want) - set(found))
    if missing:
        kind, name = missing[0]
        raise StoreError(f"{path}: refused: {kind} {name!r} is missing")


def check_same_schema(conn: sqlite3.Connection, schema: str, path: Path) -> None:
    """Refuse the attached file ``schema`` unless its schema is exactly the current one.

    Raises:
        StoreError: One line naming ``path`` and the first object at fault.
    """
    found = _objects(conn, schema)
    want = expected_schemas()[-1]
    for key in sorted(set(found) | set(want)):
        if found.get(key) != want.get(key):
            raise StoreError(f"{path}: refused: {key[0]} {key[1]!r} is not a library's "
                             "(the file changed while it was merged?)")


# -- the rows -----------------------------------------------------------------------------------
def stamp_bad_sql(value: str) -> str:
    """SQL: the TEXT ``value`` is not a stamp's shape (``clock.STAMP_RE`` in GLOB terms)."""
    return (f"(NOT {value} GLOB '{_STAMP_GLOB}' OR length({value}) > {23 + SITE_MAX} "
            f"OR substr({value}, 24) GLOB '*[^!-~]*')")


def stamp_ahead_sql(value: str) -> str:
    """SQL: the stamp ``value`` is further ahead than ``:latest`` (17 digits of µs) allows."""
    return f"substr({value}, 1, 17) > :latest"


def _checks(table: str) -> list[tuple[str, str]]:
    """(SQL condition, reason) pairs for one table's rows, ``o`` being the row; the first
    condition that holds names the reason (a reason in quotes, or SQL giving it)."""
    types: list[tuple[str, str]] = []
    sizes: list[tuple[str, str]] = []
    values: list[tuple[str, str]] = []
    for column, (kinds, nullable, kind) in _RULES[table].items():
        col = f"o.{column}"
        allowed = ", ".join(f"'{k}'" for k in (*kinds, *(("null",) if nullable else ())))
        types.append((f"typeof({col}) NOT IN ({allowed})", "'type'"))
        limit = MAX_BYTES if kind == "text" else MAX_KEY_BYTES
        if "text" in kinds:
            sizes.append((f"length(CAST({col} AS BLOB)) > {limit}", "'size'"))
        if kind == "stamp":
            values.append((f"{col} IS NOT NULL AND {stamp_bad_sql(col)}", "'stamp'"))
            values.append((f"{col} IS NOT NULL AND {stamp_ahead_sql(col)}", "'future'"))
        elif kind == "clocks":
            keys = ", ".join(f"'{k}'" for k in (*_TABLES[table].groups, *sorted(BASE_KEYS)))
            values.append((f"NOT json_valid({col}) OR json_type({col}) != 'object'", "'value'"))
            # One pass over the stamps: the first bad one names the reason.
            bad_key, bad_stamp = f"j.key NOT IN ({keys})", (
                f"j.type != 'text' OR {stamp_bad_sql('j.value')}")
            first_bad = (
                f"(SELECT CASE WHEN {bad_key} THEN 'value' WHEN {bad_stamp} THEN 'stamp' "
                f"ELSE 'future' END FROM json_each({col}) AS j WHERE {bad_key} OR {bad_stamp} "
                f"OR {stamp_ahead_sql('j.value')} LIMIT 1)")
            values.append((f"{first_bad} IS NOT NULL", first_bad))
        elif kind == "list":
            values.append((f"{col} IS NOT NULL AND (NOT json_valid({col}) OR "
                           f"json_type({col}) != 'array' OR EXISTS (SELECT 1 FROM "
                           f"json_each({col}) WHERE type != 'text'))", "'value'"))
        elif kind == "object":
            values.append((f"{col} IS NOT NULL AND (NOT json_valid({col}) OR "
                           f"json_type({col}) != 'object')", "'value'"))
        elif kind == "iso":
            values.append((f"NOT {col} GLOB '{_ISO_GLOB}'", "'value'"))
        elif kind == "count":
            values.append((f"{col} < 0 OR {col} > {MAX_BYTES}", "'value'"))
        elif kind == "fraction":
            values.append((f"{col} < 0 OR {col} > 1", "'value'"))
        elif isinstance(kind, tuple):
            allowed_values = ", ".join(f"'{v}'" for v in kind)
            values.append((f"{col} NOT IN ({allowed_values})", "'value'"))
        if kind in ("text", "key", "list"):
            # Text that import would have cleaned (escape sequences, controls, bidi overrides):
            # a readmark library never holds it, so it came from elsewhere.
            values.append((f"{UNSAFE_FUNCTION}({col})", "'unsafe'"))
    if table == "highlights":
        values.append(("o.start_pos > o.end_pos", "'value'"))
    return [*types, *sizes, *values]


def _reason_sql(table: str) -> str:
    whens = " ".join(f"WHEN {condition} THEN {reason}" for condition, reason in _checks(table))
    return f"CASE {whens} END"


UNSAFE_FUNCTION = "readmark_unsafe"


def _unsafe(value: object) -> int:
    """1 when ``value`` is text holding what ``reader.safe_text`` removes, else 0."""
    return 1 if isinstance(value, str) and not is_safe(value) else 0


def find_bad_rows(conn: sqlite3.Connection, alias: str,
                  now_us: int | None = None) -> dict[str, int]:
    """Record in ``temp.merge_skip`` every row of the attached file ``alias`` not to merge.

    Args:
        conn: The library's connection, with the other file attached as ``alias``.
        alias: The other file's schema name.
        now_us: This machine's wall clock in µs (default: the system clock); stamps further
            ahead than the allowed drift are refused.

    Returns:
        How many rows were skipped, by reason (only reasons that occurred).
    """
    now = time.time_ns() // 1000 if now_us is None else now_us
    conn.create_function(UNSAFE_FUNCTION, 1, _unsafe, deterministic=True)
    latest = f"{min(now + MAX_DRIFT_US, 10**17 - 1):017d}"
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {SKIP_TABLE.split('.')[1]} "
                 "(tbl TEXT NOT NULL, rid INTEGER NOT NULL, reason TEXT NOT NULL, "
                 "PRIMARY KEY (tbl, rid)) WITHOUT ROWID")
    kept_articles, kept_highlights = kept("articles", "a"), kept("highlights", "h")
    conn.execute(f"DELETE FROM {SKIP_TABLE}")
    for table in _RULES:
        conn.execute(
            f"INSERT INTO {SKIP_TABLE} (tbl, rid, reason) SELECT '{table}', rid, reason FROM "
            f"(SELECT o.rowid AS rid, {_reason_sql(table)} AS reason "
            f"FROM {alias}.{table} AS o) WHERE reason IS NOT NULL",
            {"latest": latest},
        )
    article_ok = (f"EXISTS (SELECT 1 FROM main.articles AS m WHERE m.id = o.article_id) OR "
                  f"EXISTS (SELECT 1 FROM {alias}.articles AS a WHERE a.id = o.article_id "
                  f"AND {kept_articles})")
    for table in ("highlights", "notes"):
        conn.execute(
            f"INSERT INTO {SKIP_TABLE} (tbl, rid, reason) SELECT '{table}', o.rowid, 'orphan' "
            f"FROM {alias}.{table} AS o WHERE {kept(table, 'o')} AND NOT ({article_ok})"
        )
    target_ok = (
        "EXISTS (SELECT 1 FROM main.articles AS m WHERE m.id = o.target) OR "
        "EXISTS (SELECT 1 FROM main.highlights AS m WHERE m.id = o.target) OR "
        f"EXISTS (SELECT 1 FROM {alias}.articles AS a WHERE a.id = o.target "
        f"AND {kept_articles}) OR "
        f"EXISTS (SELECT 1 FROM {alias}.highlights AS h WHERE h.id = o.target "
        f"AND {kept_highlights})"
    )
    conn.execute(
        f"INSERT INTO {SKIP_TABLE} (tbl, rid, reason) SELECT 'note_revisions', o.rowid, "
        f"'orphan' FROM {alias}.note_revisions AS o "
        f"WHERE {kept('note_revisions', 'o')} AND NOT ({target_ok})"
    )
    conn.execute(
        f"INSERT INTO {SKIP_TABLE} (tbl, rid, reason) SELECT 'note_revisions', rid, "
        "'revisions' FROM (SELECT o.rowid AS rid, row_number() OVER "
        "(PARTITION BY o.target ORDER BY o.stamp DESC, o.id DESC) AS n "
        f"FROM {alias}.note_revisions AS o WHERE {kept('note_revisions', 'o')}) "
        f"WHERE n > {MAX_REVISIONS_PER_NOTE}"
    )
    rows = conn.execute(f"SELECT reason, count(*) FROM {SKIP_TABLE} GROUP BY reason")
    return {str(reason): int(n) for reason, n in rows.fetchall()}


def kept(table: str, row: str = "o") -> str:
    """Return the SQL condition that row ``row`` of ``table`` in the other file passed
    ``find_bad_rows`` (for the merge's queries)."""
    return f"{row}.rowid NOT IN (SELECT rid FROM {SKIP_TABLE} WHERE tbl = '{table}')"
