"""Merging another library file into this one: the SQL side (see ``reader.sync.merge``).

The other file is ATTACHed read-only as ``other`` and merged in ONE ``BEGIN IMMEDIATE``
transaction (a crash leaves the library as it was; a dry run rolls it back):

1. ``articles``, ``highlights``, ``notes`` rows missing here are copied whole by one
   ``INSERT … SELECT`` each (articles first: highlights and notes refer to them).
2. Rows present on both sides whose ``clocks`` differ are merged in Python, field group by
   field group (``merge_rows``); rows with equal clocks cost one index probe and nothing else.
3. ``note_revisions`` merge as a set (``INSERT … ON CONFLICT``); losing note texts of
   concurrent edits are added to it.
4. Where each highlight is now (text, context, offsets, state, ``anchor_hash``) is derived
   again, for the highlights the merge may have moved, from the anchor it was made with (the
   synced ``made_*`` columns) and its article's merged body; on a removed article it rests at
   its made anchor. No stamp is involved, so the result is a function of the merged state.
5. The local clock observes every stamp taken from the other file.

Before step 1 the other file's schema is checked again (it must be exactly this library's) and
its rows are checked (``merge_validate.find_bad_rows``); rows that fail are skipped by every
step and counted by reason. The whole transaction runs under a deadline
(``merge_validate.deadline``).

Machine-local columns are not merged: ``origin_path`` (a path on the machine that imported the
file) and ``source_fields`` (the file's fields as last imported there; copied once when a row is
new here). ``highlights`` (a count) is kept by triggers; sort keys are recomputed.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.store.errors import StoreError
from reader.store.merge_rows import (
    ARTICLES,
    DERIVED_FROM_MADE,
    HIGHLIGHTS,
    NOTES,
    Revision,
    Table,
    merge_row,
)
from reader.store.merge_validate import (
    check_same_schema,
    deadline,
    find_bad_rows,
    kept,
    merge_deadline,
)
from reader.store.sortkeys import derived_columns

if TYPE_CHECKING:
    from reader.store.library import Library

ALIAS = "other"
_SORT_INPUTS = ("title", "authors", "published", "imported")


@dataclass
class MergeCounts:
    """What one merge changed (or would change, in a dry run)."""

    articles_added: int = 0
    articles_updated: int = 0
    highlights_added: int = 0
    highlights_updated: int = 0
    notes_added: int = 0
    notes_updated: int = 0
    revisions_kept: int = 0
    reanchored: int = 0
    touched_articles: set[str] = field(default_factory=set)
    skipped: dict[str, int] = field(default_factory=dict)  # rows of the other file not taken
    made_anchors: set[str] = field(default_factory=set)  # highlights whose made anchor changed


def _uri(path: Path) -> str:
    quoted = str(path.resolve()).replace("?", "%3f").replace("#", "%23")
    return f"file:{quoted}?mode=ro"


def merge_library(lib: Library, other: Path, *, dry_run: bool = False,
                  seconds: float | None = None) -> MergeCounts:
    """Merge the library file ``other`` into ``lib`` in one transaction.

    ``other`` must already have this library's schema, checked (``reader.sync.merge`` checks
    it and upgrades older files on a copy first); it is opened read-only and never written.
    Its rows that fail ``find_bad_rows`` are skipped and counted in ``skipped``.

    Args:
        lib: The library to merge into.
        other: The other library file.
        dry_run: Roll everything back at the end.
        seconds: Time limit of the whole merge (default: ``merge_deadline()``).

    Raises:
        StoreError: If either file cannot be read or written, or the time limit is reached
            (everything is then rolled back and the write lock released).
    """
    counts = MergeCounts()
    limit = merge_deadline() if seconds is None else seconds
    with lib._lock:
        conn = lib.conn
        try:
            conn.execute(f"ATTACH DATABASE ? AS {ALIAS}", [_uri(other)])
        except sqlite3.Error as exc:
            raise StoreError(f"{other}: cannot open: {exc}") from exc
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                with deadline(conn, limit, other):
                    # Checked again inside the transaction, which holds the file still: it
                    # may have changed since it was checked alone, and this connection trusts
                    # schema SQL (its own FTS5 triggers need that), so nothing of the file is
                    # read before this check.
                    check_same_schema(conn, ALIAS, other)
                    counts.skipped = find_bad_rows(conn, ALIAS)
                    _merge_all(lib, counts)
            except BaseException:
                conn.rollback()
                raise
            if dry_run:
                conn.rollback()
            else:
                conn.commit()
        except sqlite3.Error as exc:
            raise StoreError(f"{lib.path}: merge of {other} failed: {exc}") from exc
        finally:
            conn.execute(f"DETACH DATABASE {ALIAS}")
    return counts


def _merge_all(lib: Library, counts: MergeCounts) -> None:
    conn = lib.conn
    first_new_highlight = conn.execute("SELECT coalesce(max(rowid), 0) FROM main.highlights")
    after_rowid = first_new_highlight.fetchone()[0]
    counts.articles_added = _insert_missing(conn, ARTICLES, {
        "origin_path": "NULL", "source_fields": "o.source_fields", "highlights": "0",
        "title_sort": "o.title_sort", "author_sort": "o.author_sort",
        "sort_date": "o.sort_date"})
    revisions: list[Revision] = []
    # Updates before inserts: FTS5 deletes are slower once a big insert is pending.
    counts.articles_updated = _update_differing(conn, ARTICLES, revisions, counts)
    counts.highlights_updated = _update_differing(conn, HIGHLIGHTS, revisions, counts)
    counts.notes_updated = _update_differing(conn, NOTES, revisions, counts)
    counts.highlights_added = _insert_missing(conn, HIGHLIGHTS, {})
    counts.notes_added = _insert_missing(conn, NOTES, {})
    counts.revisions_kept = _merge_revisions(conn, revisions)
    for table in ("articles", "highlights", "notes"):  # the rows that passed the checks
        lib.clock.observe(conn.execute(
            f"SELECT max(o.updated) FROM {ALIAS}.{table} AS o WHERE {kept(table)}"
        ).fetchone()[0])
    counts.reanchored = _reanchor(lib, counts.touched_articles, counts.made_anchors,
                                  after_rowid)


def _insert_missing(conn: sqlite3.Connection, table: Table, extra: dict[str, str]) -> int:
    """Copy the rows of ``other`` missing here, whole; returns how many."""
    columns = [*table.columns, *extra]
    values = [f"o.{c}" for c in table.columns] + list(extra.values())
    cursor = conn.execute(
        f"INSERT INTO main.{table.name} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM {ALIAS}.{table.name} AS o "
        f"WHERE NOT EXISTS (SELECT 1 FROM main.{table.name} AS m "
        f"WHERE m.{table.key} = o.{table.key}) AND {kept(table.name)}"
    )
    return max(cursor.rowcount, 0)


def _update_differing(conn: sqlite3.Connection, table: Table, revisions: list[Revision],
                      counts: MergeCounts) -> int:
    """Merge the rows present on both sides whose clocks differ; returns rows changed."""
    columns = table.columns
    width = len(columns)
    select = ", ".join([*(f"m.{c}" for c in columns), *(f"o.{c}" for c in columns)])
    rows = conn.execute(
        f"SELECT {select} FROM {ALIAS}.{table.name} AS o "
        f"JOIN main.{table.name} AS m ON m.{table.key} = o.{table.key} "
        f"WHERE {kept(table.name)} AND (m.clocks IS NOT o.clocks"
        # Equal clocks, different first-seen time: the same row made twice (the later copy's
        # stamps won every group), so only the minimum of ``created``/``imported`` is owed.
        + "".join(f" OR m.{c} IS NOT o.{c}" for c in table.earliest) + ")"
    ).fetchall()
    changed = 0
    for row in rows:
        mine = dict(zip(columns, row[:width], strict=True))
        theirs = dict(zip(columns, row[width:2 * width], strict=True))
        merged = merge_row(table, mine, theirs)
        if merged.revision:
            revisions.append(merged.revision)
        if not merged.changes:
            continue
        updates = dict(merged.changes)
        if table is ARTICLES and any(c in updates for c in _SORT_INPUTS):
            updates.update(derived_columns({**mine, **updates}))
        sets = ", ".join(f"{c} = ?" for c in updates)
        conn.execute(f"UPDATE main.{table.name} SET {sets} WHERE {table.key} = ?",
                     [*updates.values(), mine[table.key]])
        if merged.groups:
            changed += 1
        if table is ARTICLES and {"body", "deleted"} & set(merged.groups):
            counts.touched_articles.add(mine["id"])
        if table is HIGHLIGHTS and "anchor" in merged.groups:
            counts.made_anchors.add(mine["id"])
    return changed


def _merge_revisions(conn: sqlite3.Connection, found: list[Revision]) -> int:
    """Union the note revisions of both sides and add the texts lost here; returns new rows."""
    before = conn.execute("SELECT count(*) FROM main.note_revisions").fetchone()[0]
    conn.execute(
        "INSERT INTO main.note_revisions (id, kind, target, text, stamp, replaced_by, saved) "
        "SELECT id, kind, target, text, stamp, replaced_by, saved "
        f"FROM {ALIAS}.note_revisions AS o WHERE {kept('note_revisions')} "
        "ON CONFLICT(id) DO UPDATE SET "
        "replaced_by = max(coalesce(replaced_by, ''), coalesce(excluded.replaced_by, '')), "
        "saved = min(saved, excluded.saved) "
        "WHERE replaced_by IS NOT excluded.replaced_by OR saved IS NOT excluded.saved"
    )
    saved = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for rev in found:
        conn.execute(
            "INSERT INTO main.note_revisions (id, kind, target, text, stamp, replaced_by, saved) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "replaced_by = max(coalesce(replaced_by, ''), excluded.replaced_by) "
            "WHERE replaced_by IS NOT max(coalesce(replaced_by, ''), excluded.replaced_by)",
            [rev.id, rev.kind, rev.target, rev.text, rev.stamp, rev.replaced_by, saved],
        )
    after = conn.execute("SELECT count(*) FROM main.note_revisions").fetchone()[0]
    return int(after - before)


def _reanchor(lib: Library, touched: set[str], forced: set[str], after_rowid: int) -> int:
    """Derive again where the highlights a merge may have moved are; returns how many moved.

    Candidates: highlights new here, those of articles whose body or removal changed, and
    those whose made anchor changed (``forced``). Only those not already derived from their
    article's current state are recomputed (``derive_anchors``), which no clock stamps.
    """
    made = " OR ".join(f"h.{col} IS NOT h.{src}" for col, src in DERIVED_FROM_MADE.items())
    rows = lib.conn.execute(
        "SELECT DISTINCT h.article_id, a.deleted IS NULL FROM main.highlights AS h "
        "JOIN main.articles AS a ON a.id = h.article_id "
        "WHERE (h.rowid > ? OR h.article_id IN (SELECT value FROM json_each(?)) "
        "OR h.id IN (SELECT value FROM json_each(?))) "
        "AND (h.id IN (SELECT value FROM json_each(?)) OR CASE WHEN a.deleted IS NULL "
        "THEN h.anchor_hash IS NOT a.content_hash "
        f"ELSE h.anchor_hash IS NOT NULL OR h.state != 'anchored' OR {made} END)",
        [after_rowid, json.dumps(sorted(touched)), json.dumps(sorted(forced)),
         json.dumps(sorted(forced))],
    ).fetchall()
    if not rows:
        return 0
    # Imported here: it imports the text engine, which most merges never need.
    from reader.store.annotation_writes import derive_anchors

    moved = 0
    for article_id, live in rows:
        changed = derive_anchors(lib.db, article_id, forced).changed
        if live:
            moved += len(changed)
    return moved
