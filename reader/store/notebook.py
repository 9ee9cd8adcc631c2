"""The Notebook: highlights and article notes across the library, newest first."""

from __future__ import annotations

import sqlite3
from typing import Any

from reader.store.articles import tag_spellings
from reader.store.db import Db
from reader.store.errors import StoreError
from reader.store.highlights import COLUMNS
from reader.store.records import ArticleNote, Highlight, NotebookQuery, stamp_time
from reader.store.search import fts_query


def entries(
    db: Db, query: NotebookQuery | None = None, limit: int = 200, offset: int = 0
) -> list[Highlight | ArticleNote]:
    """Return highlights and article notes across the library, newest first.

    Args:
        query: Search text and filters (colour, tag, article, orphans only).
        limit: Most entries to return.
        offset: Entries to skip.

    Raises:
        StoreError: If the search cannot run.
    """
    q = query or NotebookQuery()
    parts = _parts(db, q)
    if parts is None:
        return []
    (hl_from, hl_where, params), *notes = parts
    sql = (f"SELECT 'highlight' AS kind, {COLUMNS}, h.created AS sort_key "
           f"FROM {hl_from} WHERE {hl_where}")
    for note_from, note_where, note_params in notes:
        sql += (
            " UNION ALL SELECT 'note', n.article_id, n.article_id, n.text, '', '', NULL, NULL, "
            "NULL, '', n.created, n.updated, 'anchored', NULL, a.title, n.created "
            f"FROM {note_from} WHERE {note_where}"
        )
        params = [*params, *note_params]
    sql += " ORDER BY sort_key DESC, id DESC LIMIT ? OFFSET ?"
    try:
        rows = db.rows(sql, [*params, limit, max(0, offset)])
    except sqlite3.OperationalError as exc:
        raise StoreError(f"notebook search failed for {q.text!r}: {exc}") from exc
    out: list[Highlight | ArticleNote] = []
    for r in rows:
        if r["kind"] == "note":
            out.append(ArticleNote(r["article_id"], r["exact"], r["created"],
                                   stamp_time(r["updated"]), r["article_title"]))
        else:
            out.append(Highlight.from_row(r))
    return out


def count(db: Db, query: NotebookQuery | None = None) -> int:
    """Return how many entries ``notebook(query)`` lists in all (for paging and the bar).

    Args:
        query: Search text and filters, as for ``notebook``.

    Raises:
        StoreError: If the search cannot run.
    """
    q = query or NotebookQuery()
    parts = _parts(db, q)
    if parts is None:
        return 0
    try:
        return sum(
            int(db.rows(f"SELECT count(*) AS n FROM {table} WHERE {where}", params)[0]["n"])
            for table, where, params in parts
        )
    except sqlite3.OperationalError as exc:
        raise StoreError(f"notebook search failed for {q.text!r}: {exc}") from exc

def _parts(db: Db, q: NotebookQuery) -> list[tuple[str, str, list[Any]]] | None:
    """``(tables, condition, params)`` for the highlights and notes ``q`` selects
    (the same filters as ``notebook``), or ``None`` when the search text has no terms."""
    hl_where = ["h.deleted IS NULL", "a.deleted IS NULL"]
    note_where = ["n.deleted IS NULL", "n.text != ''", "a.deleted IS NULL"]
    hl_params: list[Any] = []
    note_params: list[Any] = []
    match = fts_query(q.text, prefix_last=True) if q.text else None
    if q.text and match is None:
        return None
    if match:
        hl_where.append("h.rowid IN (SELECT rowid FROM highlights_fts WHERE "
                        "highlights_fts MATCH ?)")
        hl_params.append(match)
        note_where.append("n.rowid IN (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?)")
        note_params.append(match)
    if q.color:
        hl_where.append("h.color = ?")
        hl_params.append(q.color.strip().lower())
    if q.orphaned:
        hl_where.append("h.state = 'orphaned'")
    if q.article_id:
        hl_where.append("h.article_id = ?")
        hl_params.append(q.article_id)
        note_where.append("n.article_id = ?")
        note_params.append(q.article_id)
    if q.tag:
        tags = tag_spellings(db, q.tag)
        cond = ("a.id IN (SELECT article_id FROM article_facets WHERE kind = 'tag' AND "
                f"value IN ({', '.join('?' * len(tags))}))")
        hl_where.append(cond)
        hl_params.extend(tags)
        note_where.append(cond)
        note_params.extend(tags)
    parts = [("highlights h JOIN articles a ON a.id = h.article_id",
              " AND ".join(hl_where), hl_params)]
    if not q.color and not q.orphaned:
        parts.append(("notes n JOIN articles a ON a.id = n.article_id",
                      " AND ".join(note_where), note_params))
    return parts
