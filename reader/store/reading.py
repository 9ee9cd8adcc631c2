"""The reading half of the ``Library`` facade: listing, lookup, search and facts."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.ingest.decoding import clean_field
from reader.store import listing
from reader.store.clock import Clock
from reader.store.errors import Ambiguous, NotFound, StoreError
from reader.store.models import ArticleSummary, ListQuery, SearchHit, StoredArticle
from reader.store.rows import FULL_COLUMNS, SUMMARY_COLUMNS, stored_from_row, summary_from_row
from reader.store.schema_names import MIGRATION_NAMES
from reader.store.search import SearchCancelled, interruptible, plan_search, ranked_rowids
from reader.store.snippets import make_snippet, term_pattern
from reader.store.sortkeys import fold


class LibraryReads:
    """Read-only queries over the library; ``Library`` adds the connection and writes."""

    path: Path
    clock: Clock
    conn: sqlite3.Connection
    _lock: threading.RLock

    def _rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _scalar(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
        raise NotImplementedError

    def applied_migrations(self) -> list[str]:
        raise NotImplementedError

    def is_empty(self) -> bool:
        """Return whether the library has no live articles."""
        return self._scalar("SELECT 1 FROM articles WHERE deleted IS NULL LIMIT 1") is None

    def _facet_values(self, kind: str, value: str) -> list[str]:
        """Return the stored spellings of a tag/author/site equal to ``value`` ignoring case,
        accents' composition and spacing (so "ÜNÏCÖDÉ" finds "ünïcödé")."""
        wanted = fold(clean_field(value))
        rows = self._rows("SELECT DISTINCT value FROM article_facets WHERE kind = ?", [kind])
        return [r["value"] for r in rows if fold(r["value"]) == wanted] or [value]

    def _where(self, query: ListQuery) -> tuple[str, list[Any]]:
        facets = {
            kind: self._facet_values(kind, value)
            for kind, value in (("tag", query.tag), ("author", query.author), ("site", query.site))
            if value
        }
        return listing.where_clause(facets)

    def count(self, query: ListQuery | None = None) -> int:
        """Return how many live articles match ``query``'s filters."""
        where, params = self._where(query or ListQuery())
        return int(self._scalar(f"SELECT count(*) FROM articles WHERE {where}", params))

    def page(self, query: ListQuery, offset: int = 0, limit: int = 100) -> list[ArticleSummary]:
        """Return up to ``limit`` articles from position ``offset`` in ``query``'s order."""
        where, params = self._where(query)
        order = listing.order_clause(query.sort)
        # Skip rows on the (covering) sort index, then read only the rows on the page.
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE rowid IN ("
            f"SELECT rowid FROM articles WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?) "
            f"ORDER BY {order}"
        )
        return [summary_from_row(r) for r in self._rows(sql, [*params, limit, max(offset, 0)])]

    def page_after(
        self, query: ListQuery, after: ArticleSummary | None, limit: int = 100
    ) -> list[ArticleSummary]:
        """Return up to ``limit`` articles that follow ``after`` in ``query``'s order (keyset).

        Args:
            query: Sort and filters.
            after: The last article already shown, or ``None`` for the first page.
            limit: Page size.
        """
        if after is None:
            return self.page(query, 0, limit)
        where, params = self._where(query)
        key_rows = self._rows(
            "SELECT id, title_sort, highlights, progress, sort_date, author_sort FROM articles "
            "WHERE id = ?",
            [after.id],
        )
        if not key_rows:
            return []
        cond, key_params = listing.keyset_clause(
            query.sort, listing.sort_key(query.sort, key_rows[0])
        )
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE {where} AND {cond} "
            f"ORDER BY {listing.order_clause(query.sort)} LIMIT ?"
        )
        return [summary_from_row(r) for r in self._rows(sql, [*params, *key_params, limit])]

    def facets(self, kind: str) -> list[tuple[str, int]]:
        """Return the values of ``kind`` (``tag``, ``author`` or ``site``) with article counts.

        Raises:
            ValueError: For an unknown kind.
        """
        if kind not in ("tag", "author", "site"):
            raise ValueError(f"unknown facet {kind!r}; choose tag, author or site")
        sql = (
            "SELECT min(value) AS v, count(*) AS n FROM article_facets WHERE kind = ? "
            "GROUP BY value ORDER BY n DESC, v COLLATE NOCASE"
        )
        return [(r["v"], r["n"]) for r in self._rows(sql, [kind])]

    def get(self, article_id: str) -> StoredArticle | None:
        """Return the live article with exactly this id, or ``None``."""
        rows = self._rows(
            f"SELECT {FULL_COLUMNS} FROM articles WHERE id = ? AND deleted IS NULL", [article_id]
        )
        return stored_from_row(rows[0]) if rows else None

    def resolve(self, ref: str) -> StoredArticle:
        """Find one article by id, unique id prefix, or title words.

        Raises:
            NotFound: When nothing matches.
            Ambiguous: When several articles match; the message lists them.
        """
        ref = ref.strip()
        if not ref:
            raise NotFound("no article reference given")
        exact = self.get(ref)
        if exact:
            return exact
        titled = self._rows(
            "SELECT id FROM articles WHERE deleted IS NULL AND title = ? COLLATE NOCASE LIMIT 2",
            [ref],
        )
        if len(titled) == 1:
            found = self.get(titled[0]["id"])
            if found:
                return found
        ids = [r["id"] for r in self._rows(
            "SELECT id FROM articles WHERE deleted IS NULL AND id LIKE ? ESCAPE '\\' LIMIT 11",
            [ref.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"],
        )]
        if not ids:
            ids = [r["id"] for r in self._rows(
                "SELECT id FROM articles WHERE deleted IS NULL AND title LIKE ? LIMIT 11",
                [f"%{ref}%"],
            )]
        if not ids:
            hits = self.search(ref, limit=11, prefix_last=False)
            ids = [h.article.id for h in hits]
        if not ids:
            raise NotFound(f"no article matches {ref!r}")
        if len(ids) > 1:
            titles = "; ".join(
                f"{a.id[:8]} {a.title}" for a in (self.get(i) for i in ids[:5]) if a
            )
            raise Ambiguous(f"{ref!r} matches {len(ids)} articles: {titles}")
        found = self.get(ids[0])
        if found is None:  # deleted between the two reads
            raise NotFound(f"no article matches {ref!r}")
        return found

    def search(
        self, text: str, limit: int = 50, offset: int = 0, *, prefix_last: bool = True,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[SearchHit]:
        """Full-text search over title, authors and body, best match first.

        Any text is safe: it is turned into quoted FTS5 terms, never passed as syntax.

        Args:
            text: What the user typed.
            limit: Most hits to return.
            offset: Hits to skip (for paging).
            prefix_last: Whether the last word also matches as a prefix (search as you type).
            cancelled: Checked while the query runs; once it returns true the search stops
                (a newer one superseded it) by raising ``SearchCancelled``.

        Returns:
            Hits with snippets; matched terms sit between ``SNIPPET_START`` and ``SNIPPET_END``.

        Raises:
            SearchCancelled: ``cancelled`` returned true.
            StoreError: The query failed.
        """
        plan = plan_search(text, prefix_last=prefix_last)
        if plan is None:
            return []
        wanted = limit + max(offset, 0)
        try:
            with self._lock, interruptible(self.conn, cancelled):
                ranked = ranked_rowids(
                    lambda sql, params: [r["rowid"] for r in self._rows(sql, params)],
                    plan, wanted)
        except SearchCancelled:
            raise
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed for {text!r}: {exc}") from exc
        # Tombstones are not in the indexes. Snippets are made for the page only: FTS5's
        # snippet() would run on every match before the LIMIT.
        page = ranked[max(offset, 0):wanted]
        if not page:
            return []
        rows = {r["rowid"]: r for r in self._rows(
            f"SELECT rowid, {SUMMARY_COLUMNS}, body FROM articles WHERE deleted IS NULL "
            f"AND rowid IN ({', '.join('?' * len(page))})", page)}
        pattern = term_pattern(text)
        return [SearchHit(summary_from_row(rows[i]), make_snippet(rows[i]["body"], pattern),
                          float(n)) for n, i in enumerate(page) if i in rows]

    def info(self) -> dict[str, Any]:
        """Return library facts: path, counts, schema version, SQLite version, size."""
        return {
            "path": str(self.path),
            "articles": self.count(),
            "deleted": int(self._scalar("SELECT count(*) FROM articles WHERE deleted IS NOT NULL")),
            "words": int(self._scalar(
                "SELECT coalesce(sum(words), 0) FROM articles WHERE deleted IS NULL")),
            "highlights": int(self._scalar(
                "SELECT coalesce(sum(highlights), 0) FROM articles WHERE deleted IS NULL")),
            "schema_version": len(self.applied_migrations()),
            "schema_latest": len(MIGRATION_NAMES),
            "sqlite_version": sqlite3.sqlite_version,
            "journal_mode": self._scalar("PRAGMA journal_mode"),
            "size_bytes": self.path.stat().st_size if self.path.exists() else 0,
            "device": self.clock.device,
        }

