"""Queries for export and annotation import: which articles to export, bulk reads, created times.

A mixin of ``Library`` (see ``reader.store.library``); like the rest of the store it is the only
place these queries' SQL lives.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from reader.ingest.identity import canonical_url
from reader.store.annotation_models import ArticleNote, Highlight, stamp_time
from reader.store.errors import NotFound, StoreError
from reader.store.models import ArticleSummary
from reader.store.rows import SUMMARY_COLUMNS, summary_from_row
from reader.store.sortkeys import fold

if TYPE_CHECKING:
    from sqlite_utils import Database

_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit

# ``Highlight``'s fields in order (``updated`` still a raw stamp), ``None`` text as "".
_HL_ROW_COLUMNS = (
    "h.id, h.article_id, h.exact, coalesce(h.prefix, ''), coalesce(h.suffix, ''), "
    "CASE WHEN h.state = 'orphaned' THEN NULL ELSE h.start_pos END, "
    "CASE WHEN h.state = 'orphaned' THEN NULL ELSE h.end_pos END, h.color, "
    "coalesce(h.note, ''), h.created, h.updated, h.state"
)


def since_stamp(since: dt.datetime) -> str:
    """Return the smallest clock stamp at or after ``since`` (naive times are UTC)."""
    if since.tzinfo is None:
        since = since.replace(tzinfo=dt.UTC)
    micros = int(since.timestamp() * 1_000_000)
    return f"{max(micros, 0):017d}"


def _stamp_iso(stamp: str | None) -> str | None:
    """``stamp_time`` without ``datetime``: the ISO 8601 UTC time (ms) of a clock stamp."""
    if not stamp:
        return None
    try:
        micros = int(stamp.split("-", 1)[0])
    except ValueError:
        return None
    seconds, rest = divmod(micros, 1_000_000)
    if not 0 <= seconds < 253402300800:  # years 1970..9999, as stamp_time handles
        return stamp_time(stamp)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{rest // 1000:03d}Z"


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def _check_iso(created: str) -> str:
    try:
        dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError as exc:
        raise StoreError(f"not an ISO 8601 time: {created!r}") from exc
    return created


class ExportQueries:
    """Bulk reads for export, article lookup by URL, and keeping ``created`` on import."""

    def _rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    conn: sqlite3.Connection
    _lock: threading.RLock

    def write(self) -> AbstractContextManager[Database]:
        raise NotImplementedError

    def _tuples(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        """Rows as plain tuples (no per-row dict): for bulk reads."""
        with self._lock:
            cursor = self.conn.cursor()
            cursor.row_factory = None
            return cursor.execute(sql, params).fetchall()

    def _facet_tags(self) -> list[str]:
        raise NotImplementedError

    def annotated_article_ids(
        self, *, tag: str | None = None, since: dt.datetime | None = None
    ) -> list[str]:
        """Return live articles with live highlights or a note, by title, then id.

        Args:
            tag: Only articles with this tag (any case).
            since: Only articles whose highlights or note changed at or after this time; a
                removed highlight counts as a change (so an export can drop it).
        """
        where = ["a.deleted IS NULL"]
        params: list[Any] = []
        if since is None:
            where.append(
                "(EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id "
                "AND h.deleted IS NULL) OR EXISTS (SELECT 1 FROM notes n WHERE "
                "n.article_id = a.id AND n.deleted IS NULL AND n.text != ''))"
            )
        else:
            stamp = since_stamp(since)
            where.append(
                "(EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id "
                "AND h.updated >= ?) OR EXISTS (SELECT 1 FROM notes n WHERE "
                "n.article_id = a.id AND n.updated >= ?))"
            )
            params += [stamp, stamp]
        if tag:
            tags = [v for v in self._facet_tags() if fold(v) == fold(tag)] or [tag]
            where.append(
                "a.id IN (SELECT article_id FROM article_facets WHERE kind = 'tag' AND "
                f"value IN ({', '.join('?' * len(tags))}))"
            )
            params += tags
        rows = self._rows(
            f"SELECT a.id FROM articles a WHERE {' AND '.join(where)} "
            "ORDER BY a.title COLLATE NOCASE, a.id",
            params,
        )
        return [r["id"] for r in rows]

    def summaries_of(self, article_ids: Sequence[str]) -> dict[str, ArticleSummary]:
        """Return the live articles with these ids (no bodies), keyed by id."""
        out: dict[str, ArticleSummary] = {}
        for chunk in _chunks(list(article_ids)):
            rows = self._rows(
                f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE deleted IS NULL AND id IN "
                f"({', '.join('?' * len(chunk))})",
                list(chunk),
            )
            out.update((r["id"], summary_from_row(r)) for r in rows)
        return out

    def highlight_rows_of_many(self, article_ids: Sequence[str]
                               ) -> dict[str, list[tuple[Any, ...]]]:
        """Return the live highlights of many articles as plain rows, for bulk export.

        Each row holds ``Highlight``'s fields in order (``prefix``, ``suffix`` and ``note``
        never ``None``; ``start`` and ``end`` ``None`` when orphaned), except that ``updated``
        is the raw clock stamp. Lists are ordered as ``highlights_of_many`` orders them;
        articles without highlights are absent.
        """
        out: dict[str, list[tuple[Any, ...]]] = {}
        for chunk in _chunks(list(article_ids)):
            rows = self._tuples(
                f"SELECT {_HL_ROW_COLUMNS} FROM highlights h WHERE h.deleted IS NULL AND "
                f"h.article_id IN ({', '.join('?' * len(chunk))}) "
                "ORDER BY h.article_id, h.state = 'orphaned', "
                "CASE WHEN h.state = 'orphaned' THEN h.created END, h.start_pos, h.end_pos, "
                "h.created",
                list(chunk),
            )
            for row in rows:
                found = out.get(row[1])
                if found is None:
                    out[row[1]] = [row]
                else:
                    found.append(row)
        return out

    def highlights_of_many(self, article_ids: Sequence[str]) -> dict[str, list[Highlight]]:
        """Return the live highlights of many articles at once, each list as ``highlights_of``
        orders it (text order, orphans last, oldest first). Articles without any are absent."""
        return {
            aid: [Highlight(hid, aid, exact, prefix, suffix, start, end, color, note, created,
                            _stamp_iso(updated), state)
                  for (hid, _, exact, prefix, suffix, start, end, color, note, created, updated,
                       state) in rows]
            for aid, rows in self.highlight_rows_of_many(article_ids).items()
        }

    def notes_of_many(self, article_ids: Sequence[str]) -> dict[str, ArticleNote]:
        """Return the (non-empty, live) notes on many articles at once, keyed by article id."""
        out: dict[str, ArticleNote] = {}
        for chunk in _chunks(list(article_ids)):
            rows = self._rows(
                "SELECT article_id, text, created, updated FROM notes WHERE deleted IS NULL "
                f"AND text != '' AND article_id IN ({', '.join('?' * len(chunk))})",
                list(chunk),
            )
            for r in rows:
                out[r["article_id"]] = ArticleNote(
                    r["article_id"], r["text"], r["created"], stamp_time(r["updated"])
                )
        return out

    def article_id_by_url(self, url: str) -> str | None:
        """Return the id of the live article with this URL (compared in canonical form)."""
        canonical = canonical_url(url)
        if canonical is None:
            return None
        rows = self._rows(
            "SELECT id FROM articles WHERE url = ? AND deleted IS NULL ORDER BY id LIMIT 1",
            [canonical],
        )
        return rows[0]["id"] if rows else None

    def set_highlight_created(self, hid: str, created: str) -> None:
        """Set when a highlight was made (an import keeps the original time).

        Raises:
            NotFound: If there is no such highlight.
            StoreError: If ``created`` is not an ISO 8601 time.
        """
        created = _check_iso(created)
        with self.write() as db:
            cursor = db.execute("UPDATE highlights SET created = ? WHERE id = ?", [created, hid])
            if cursor.rowcount == 0:
                raise NotFound(f"no highlight with id {hid!r}")

    def set_note_created(self, article_id: str, created: str) -> None:
        """Set when the note on an article was first written (an import keeps the time).

        Raises:
            NotFound: If the article has no note.
            StoreError: If ``created`` is not an ISO 8601 time.
        """
        created = _check_iso(created)
        with self.write() as db:
            cursor = db.execute(
                "UPDATE notes SET created = ? WHERE article_id = ?", [created, article_id]
            )
            if cursor.rowcount == 0:
                raise NotFound(f"no note on article {article_id!r}")
