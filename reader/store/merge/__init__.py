"""Merging another library file into this one: all the SQL (``reader.library.merging`` runs it).

The other file is ATTACHed read-only as ``other`` and merged in ONE ``BEGIN IMMEDIATE``
transaction (a crash leaves the library as it was; a dry run rolls it back):

1. ``articles``, ``highlights``, ``notes`` rows missing here are copied whole by one
   ``INSERT … SELECT`` each (articles first: highlights and notes refer to them).
2. Rows present on both sides whose ``clocks`` differ are merged in Python, field group by
   field group (``merge.fields``); rows with equal clocks cost one index probe and nothing else.
3. ``note_revisions`` merge as a set (``INSERT … ON CONFLICT``); losing note texts of
   concurrent edits are added to it.
4. The local clock observes every stamp taken from the other file.
5. ``to_place`` names the articles whose highlights the merge may have moved; the library
   service derives where they are now (from the anchor each was made with, the synced
   ``made_*`` columns, and its article's merged body) inside the same transaction.

Before step 1 the other file's schema is checked again (it must be exactly this library's) and
its rows are checked (``merge.validate.find_bad_rows``); rows that fail are skipped by every
step and counted by reason. The whole transaction runs under a deadline
(``merge.validate.deadline``).

Machine-local columns are not merged: ``origin_path`` (a path on the machine that imported the
file) and ``source_fields`` (the file's fields as last imported there; copied once when a row is
new here). ``highlights`` (a count) is kept by triggers; sort keys are recomputed.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reader.store.db import Db
from reader.store.errors import StoreError
from reader.store.highlights import DERIVED_FROM_MADE
from reader.store.merge.fields import ARTICLES, HIGHLIGHTS, NOTES, Revision, Table, merge_row
from reader.store.merge.validate import check_same_schema, deadline, find_bad_rows, kept
from reader.store.records import MergeReport
from reader.store.sortkeys import derived_columns

ALIAS = "other"
_SORT_INPUTS = ("title", "authors", "published", "imported")


@dataclass
class MergeWork:
    """What a merge leaves for the highlights to be placed again.

    Attributes:
        after_rowid: Highlights with a larger rowid are new here.
        touched_articles: Articles whose body or removal changed.
        made_anchors: Highlights whose made anchor changed.
    """

    after_rowid: int = 0
    touched_articles: set[str] = field(default_factory=set)
    made_anchors: set[str] = field(default_factory=set)


def _uri(path: Path) -> str:
    quoted = str(path.resolve()).replace("?", "%3f").replace("#", "%23")
    return f"file:{quoted}?mode=ro"


@contextmanager
def transaction(db: Db, other: Path, seconds: float, *, dry_run: bool = False
                ) -> Iterator[None]:
    """Attach ``other`` read-only as ``other`` and hold one ``BEGIN IMMEDIATE`` transaction
    under a time limit; commit at the end (roll back for a dry run or on any error).

    Raises:
        StoreError: If either file cannot be read or written, or the time limit is reached
            (everything is then rolled back and the write lock released).
    """
    with db.lock:
        conn = db.conn
        try:
            conn.execute(f"ATTACH DATABASE ? AS {ALIAS}", [_uri(other)])
        except sqlite3.Error as exc:
            raise StoreError(f"{other}: cannot open: {exc}") from exc
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                with deadline(conn, seconds, other):
                    yield
            except BaseException:
                conn.rollback()
                raise
            if dry_run:
                conn.rollback()
            else:
                conn.commit()
        except sqlite3.Error as exc:
            raise StoreError(f"{db.path}: merge of {other} failed: {exc}") from exc
        finally:
            conn.execute(f"DETACH DATABASE {ALIAS}")


def check_other(db: Db, other: Path) -> dict[str, int]:
    """Check the attached file again (inside the transaction) and mark its bad rows.

    Checked again inside the transaction, which holds the file still: it may have changed
    since it was checked alone, and this connection trusts schema SQL (its own FTS5 triggers
    need that), so nothing of the file is read before this check.

    Returns:
        How many rows of the other file are skipped, by reason.

    Raises:
        StoreError: If its schema is not exactly this library's.
    """
    check_same_schema(db.conn, ALIAS, other)
    return find_bad_rows(db.conn, ALIAS)


def merge_rows(db: Db, report: MergeReport) -> MergeWork:
    """Merge the attached file's rows that passed the checks into this library (steps 1–4).

    Args:
        db: The library, inside ``transaction``.
        report: Filled with what was added, updated and kept.

    Returns:
        What the highlights need (see ``to_place``).
    """
    conn = db.conn
    work = MergeWork()
    first_new_highlight = conn.execute("SELECT coalesce(max(rowid), 0) FROM main.highlights")
    work.after_rowid = first_new_highlight.fetchone()[0]
    report.articles_added = _insert_missing(conn, ARTICLES, {
        "origin_path": "NULL", "source_fields": "o.source_fields", "highlights": "0",
        "title_sort": "o.title_sort", "author_sort": "o.author_sort",
        "sort_date": "o.sort_date"})
    revisions: list[Revision] = []
    # Updates before inserts: FTS5 deletes are slower once a big insert is pending.
    report.articles_updated = _update_differing(conn, ARTICLES, revisions, work)
    report.highlights_updated = _update_differing(conn, HIGHLIGHTS, revisions, work)
    report.notes_updated = _update_differing(conn, NOTES, revisions, work)
    report.highlights_added = _insert_missing(conn, HIGHLIGHTS, {})
    report.notes_added = _insert_missing(conn, NOTES, {})
    report.revisions_kept = _merge_revisions(conn, revisions)
    for table in ("articles", "highlights", "notes"):  # the rows that passed the checks
        db.clock.observe(conn.execute(
            f"SELECT max(o.updated) FROM {ALIAS}.{table} AS o WHERE {kept(table)}"
        ).fetchone()[0])
    return work


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
                      work: MergeWork) -> int:
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
            work.touched_articles.add(mine["id"])
        if table is HIGHLIGHTS and "anchor" in merged.groups:
            work.made_anchors.add(mine["id"])
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


def to_place(db: Db, work: MergeWork) -> list[tuple[str, bool]]:
    """Return the articles whose highlights the merge may have moved, and whether each is live.

    Candidates: highlights new here, those of articles whose body or removal changed, and
    those whose made anchor changed (``work.made_anchors``). Only articles with a highlight
    not already derived from the article's current state are returned.
    """
    made = " OR ".join(f"h.{col} IS NOT h.{src}" for col, src in DERIVED_FROM_MADE.items())
    forced = json.dumps(sorted(work.made_anchors))
    rows = db.execute(
        "SELECT DISTINCT h.article_id, a.deleted IS NULL FROM main.highlights AS h "
        "JOIN main.articles AS a ON a.id = h.article_id "
        "WHERE (h.rowid > ? OR h.article_id IN (SELECT value FROM json_each(?)) "
        "OR h.id IN (SELECT value FROM json_each(?))) "
        "AND (h.id IN (SELECT value FROM json_each(?)) OR CASE WHEN a.deleted IS NULL "
        "THEN h.anchor_hash IS NOT a.content_hash "
        f"ELSE h.anchor_hash IS NOT NULL OR h.state != 'anchored' OR {made} END)",
        [work.after_rowid, json.dumps(sorted(work.touched_articles)), forced, forced],
    ).fetchall()
    return [(str(article_id), bool(live)) for article_id, live in rows]
