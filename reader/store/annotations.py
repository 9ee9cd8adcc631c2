"""The annotations half of the ``Library`` facade: highlights, article notes, the Notebook."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from reader.store.annotation_models import (
    ArticleNote,
    Highlight,
    NotebookQuery,
    NoteRevision,
    stamp_time,
)
from reader.store.errors import Ambiguous, NotFound, StoreError
from reader.store.search import fts_query
from reader.store.sortkeys import fold

if TYPE_CHECKING:
    from sqlite_utils import Database

    from reader.store.clock import Clock

_HL_COLUMNS = (
    "h.id AS id, h.article_id, h.exact, h.prefix, h.suffix, h.start_pos, h.end_pos, h.color, "
    "h.note, h.created, h.updated, h.state, h.deleted, a.title AS article_title"
)


def _writes() -> Any:
    from reader.store import annotation_writes

    return annotation_writes


class Annotations:
    """Highlights and notes: queries and the write methods ``Library`` offers."""

    clock: Clock

    def _rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def write(self) -> AbstractContextManager[Database]:
        raise NotImplementedError

    # -- reading ----------------------------------------------------------------------------
    def highlights_of(self, article_id: str, *, include_deleted: bool = False) -> list[Highlight]:
        """Return an article's highlights in text order; orphans follow, oldest first."""
        gone = "" if include_deleted else "AND h.deleted IS NULL "
        rows = self._rows(
            f"SELECT {_HL_COLUMNS} FROM highlights h JOIN articles a ON a.id = h.article_id "
            f"WHERE h.article_id = ? {gone}"
            "ORDER BY h.state = 'orphaned', CASE WHEN h.state = 'orphaned' THEN h.created END, "
            "h.start_pos, h.end_pos, h.created",
            [article_id],
        )
        return [Highlight.from_row(r) for r in rows]

    def get_highlight(self, hid: str) -> Highlight | None:
        """Return the highlight with exactly this id (removed ones too), or ``None``."""
        rows = self._rows(
            f"SELECT {_HL_COLUMNS} FROM highlights h JOIN articles a ON a.id = h.article_id "
            "WHERE h.id = ?",
            [hid],
        )
        return Highlight.from_row(rows[0]) if rows else None

    def resolve_highlight(self, ref: str) -> Highlight:
        """Find one highlight by id or unique id prefix.

        Raises:
            NotFound: When nothing matches.
            Ambiguous: When the prefix matches several.
        """
        ref = ref.strip().lower()
        found = self.get_highlight(ref) if ref else None
        if found:
            return found
        if not ref or any(c not in "0123456789abcdef" for c in ref):
            raise NotFound(f"no highlight with id {ref!r}")
        rows = self._rows("SELECT id FROM highlights WHERE id LIKE ? LIMIT 3", [ref + "%"])
        if not rows:
            raise NotFound(f"no highlight with id {ref!r}")
        if len(rows) > 1:
            raise Ambiguous(f"{ref!r} matches several highlights; give more of the id")
        hit = self.get_highlight(rows[0]["id"])
        if hit is None:
            raise NotFound(f"no highlight with id {ref!r}")
        return hit

    def article_note(self, article_id: str) -> ArticleNote | None:
        """Return the note on a whole article, or ``None``."""
        rows = self._rows(
            "SELECT n.*, a.title AS article_title FROM notes n JOIN articles a "
            "ON a.id = n.article_id WHERE n.article_id = ? AND n.text != '' "
            "AND n.deleted IS NULL",
            [article_id],
        )
        if not rows:
            return None
        r = rows[0]
        return ArticleNote(r["article_id"], r["text"], r["created"], stamp_time(r["updated"]),
                           r["article_title"])

    def note_revisions(self, target: str) -> list[NoteRevision]:
        """Return the note texts of a highlight or article that lost to concurrent edits."""
        rows = self._rows(
            "SELECT * FROM note_revisions WHERE target = ? ORDER BY stamp", [target]
        )
        return [NoteRevision(r["id"], r["kind"], r["target"], r["text"], stamp_time(r["stamp"]),
                             stamp_time(r["replaced_by"])) for r in rows]

    def notebook(
        self, query: NotebookQuery | None = None, limit: int = 200, offset: int = 0
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
        parts = self._notebook_parts(q)
        if parts is None:
            return []
        (hl_from, hl_where, params), *notes = parts
        sql = (f"SELECT 'highlight' AS kind, {_HL_COLUMNS}, h.created AS sort_key "
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
            rows = self._rows(sql, [*params, limit, max(0, offset)])
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

    def _facet_tags(self) -> list[str]:
        return [r["value"] for r in self._rows(
            "SELECT DISTINCT value FROM article_facets WHERE kind = 'tag'")]

    # -- writing ----------------------------------------------------------------------------
    def add_highlight(
        self, article_id: str, start: int, end: int, *,
        color: str | None = None, note: str | None = None,
    ) -> Highlight:
        """Highlight ``body[start:end]`` (whitespace at the ends dropped), committed at once.

        The same passage highlighted again updates that highlight (colour/note when given; a
        removed one comes back) instead of making a second one.

        Raises:
            NotFound: If the article does not exist.
            StoreError: If the range is empty or outside the body, or the colour is unknown.
        """
        with self.write() as db:
            hid = _writes().add_highlight(db, self.clock, article_id, start, end, color, note)
        return self._must(hid)

    def update_highlight(
        self, hid: str, *, color: str | None = None, note: str | None = None
    ) -> Highlight:
        """Change a highlight's colour and/or note; ``None`` leaves a field unchanged."""
        with self.write() as db:
            _writes().update_highlight(db, self.clock, hid, color=color, note=note)
        return self._must(hid)

    def delete_highlight(self, hid: str) -> bool:
        """Remove a highlight (kept as a tombstone, so ``restore_highlight`` can undo it)."""
        with self.write() as db:
            return bool(_writes().set_highlight_deleted(db, self.clock, hid, True))

    def restore_highlight(self, hid: str) -> Highlight:
        """Bring back a removed highlight (undo)."""
        with self.write() as db:
            _writes().set_highlight_deleted(db, self.clock, hid, False)
        return self._must(hid)

    def set_article_note(self, article_id: str, text: str) -> ArticleNote | None:
        """Write the note on a whole article (empty text removes it); returns the note."""
        with self.write() as db:
            _writes().set_article_note(db, self.clock, article_id, text)
        return self.article_note(article_id)

    def _must(self, hid: str) -> Highlight:
        found = self.get_highlight(hid)
        if found is None:
            raise NotFound(f"no highlight with id {hid!r}")
        return found


    # -- Notebook counts (for the TUI's paged list) -------------------------------------------
    def notebook_count(self, query: NotebookQuery | None = None) -> int:
        """Return how many entries ``notebook(query)`` lists in all (for paging and the bar).

        Args:
            query: Search text and filters, as for ``notebook``.

        Raises:
            StoreError: If the search cannot run.
        """
        q = query or NotebookQuery()
        parts = self._notebook_parts(q)
        if parts is None:
            return 0
        try:
            return sum(
                int(self._rows(f"SELECT count(*) AS n FROM {table} WHERE {where}", params)[0]["n"])
                for table, where, params in parts
            )
        except sqlite3.OperationalError as exc:
            raise StoreError(f"notebook search failed for {q.text!r}: {exc}") from exc

    def _notebook_parts(self, q: NotebookQuery) -> list[tuple[str, str, list[Any]]] | None:
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
            tags = [v for v in self._facet_tags() if fold(v) == fold(q.tag)] or [q.tag]
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
