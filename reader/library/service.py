"""The ``Library``: the one facade the commands, the reader, export and sync call.

It opens the library file (``reader.store.db``) and runs each action in its transaction,
applying the library's rules on the way (highlights: ``reader.library.highlights``). Every
query and write is the store's (``reader.store``); nothing above this layer speaks SQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.library.highlights import add_highlight, derive_anchors
from reader.store import articles, highlights, notebook, notes, pages
from reader.store.clock import Clock
from reader.store.db import Db
from reader.store.errors import StoreError
from reader.store.records import (
    ArticleNote,
    ArticleSummary,
    Highlight,
    ImportOutcome,
    ListQuery,
    NotebookQuery,
    NoteRevision,
    SearchHit,
    StoredArticle,
)
from reader.store.replica import Replica
from reader.store.search import search_articles

if TYPE_CHECKING:
    from reader.ingest.article import Article
    from reader.store.db import Connection, Database


class Library:
    """An open readmark library (one SQLite file).

    Safe to share between threads: every call holds the store's lock. Opening creates the file
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
        self.store = Db(path, clock=clock)
        self.path = self.store.path

    # -- plumbing ---------------------------------------------------------------------------
    @property
    def clock(self) -> Clock:
        """The clock stamping this library's edits."""
        return self.store.clock

    @property
    def replica(self) -> Replica | None:
        """This file's site id and owner (``None`` when opened with an explicit clock)."""
        return self.store.replica

    @property
    def conn(self) -> Connection:
        """The library's SQLite connection (for tests and tools; use the methods)."""
        return self.store.conn

    @property
    def db(self) -> Database:
        """The sqlite-utils ``Database`` over the connection (for tests and tools)."""
        return self.store.sqlite

    def claim_site(self) -> str:
        """Store this file's site id now (the first write does otherwise); return it.

        Raises:
            StoreError: If the library cannot be written.
        """
        return self.store.claim_site()

    def applied_migrations(self) -> list[str]:
        """Return the names of the schema migrations applied to this library, in order."""
        return self.store.applied_migrations()

    def data_version(self) -> int:
        """Return SQLite's ``PRAGMA data_version``: it changes when another connection commits.

        Returns:
            The current data version.
        """
        return self.store.data_version()

    def close(self) -> None:
        """Close the connection."""
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        return self.store.rows(sql, params)

    def _scalar(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
        return self.store.scalar(sql, params)

    def write(self) -> AbstractContextManager[Database]:
        """Hold the lock and an IMMEDIATE transaction: all of it commits, or none of it does."""
        return self.store.write()

    def batch(
        self, seconds: float = 0.5, *, on_commit: Callable[[], None] | None = None
    ) -> AbstractContextManager[Callable[[], None]]:
        """Group many small writes into few commits (see ``reader.store.db.Db.batch``).

        Args:
            seconds: Longest time between commits.
            on_commit: Called after each commit has succeeded, including the last one.
        """
        return self.store.batch(seconds, on_commit=on_commit)

    def is_library_fault(self, exc: StoreError) -> bool:
        """Whether a failed write is the library's fault (full disk, I/O error, read-only)."""
        return self.store.is_library_fault(exc)

    # -- articles: reading ------------------------------------------------------------------
    def is_empty(self) -> bool:
        """Return whether the library has no live articles."""
        return articles.is_empty(self.store)

    def count(self, query: ListQuery | None = None) -> int:
        """Return how many live articles match ``query``'s filters."""
        return articles.count(self.store, query)

    def page(self, query: ListQuery, offset: int = 0, limit: int = 100) -> list[ArticleSummary]:
        """Return up to ``limit`` articles from position ``offset`` in ``query``'s order."""
        return articles.page(self.store, query, offset, limit)

    def page_after(
        self, query: ListQuery, after: ArticleSummary | None, limit: int = 100
    ) -> list[ArticleSummary]:
        """Return up to ``limit`` articles that follow ``after`` in ``query``'s order (keyset).

        Args:
            query: Sort and filters.
            after: The last article already shown, or ``None`` for the first page.
            limit: Page size.
        """
        return articles.page_after(self.store, query, after, limit)

    def facets(self, kind: str) -> list[tuple[str, int]]:
        """Return the values of ``kind`` (``tag``, ``author`` or ``site``) with article counts.

        Raises:
            ValueError: For an unknown kind.
        """
        return articles.facets(self.store, kind)

    def get(self, article_id: str) -> StoredArticle | None:
        """Return the live article with exactly this id, or ``None``."""
        return articles.get(self.store, article_id)

    def resolve(self, ref: str) -> StoredArticle:
        """Find one article by id, unique id prefix, title words, or its URL (any address
        its page was fetched at).

        Raises:
            NotFound: When nothing matches.
            Ambiguous: When several articles match; the message lists them.
        """
        if ref.strip().lower().startswith(("http://", "https://")):
            found = self.article_id_by_url(ref.strip())
            article = self.get(found) if found else None
            if article is not None:
                return article
        return articles.resolve(self.store, ref)

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
        return search_articles(self.store, text, limit, offset, prefix_last=prefix_last,
                               cancelled=cancelled)

    def info(self) -> dict[str, Any]:
        """Return library facts: path, counts, schema version, SQLite version, size, and the
        web pages kept (``pages``, ``page_bytes``, ``page_stored_bytes``)."""
        return {**articles.info(self.store), **pages.facts(self.store)}

    # -- web pages ------------------------------------------------------------------------------
    def keep_page(self, article_id: str, html: bytes, *, url: str | None,
                  aliases: list[str]) -> None:
        """Keep the page ``article_id`` was extracted from (compressed), and its addresses.

        Args:
            article_id: The article.
            html: The page as fetched or read.
            url: The article's URL, if any.
            aliases: Other addresses the page was found at (redirects).
        """
        with self.store.write():
            pages.keep(self.store, article_id, html, url=url, aliases=aliases)

    def page_of(self, article_id: str) -> tuple[bytes, str | None] | None:
        """Return ``(html, url)`` of the page kept for ``article_id``, or ``None``."""
        return pages.page_of(self.store, article_id)

    def page_facts(self, article_id: str) -> dict[str, Any]:
        """Return ``{"pages", "page_bytes", "page_stored_bytes"}`` for one article."""
        return pages.facts(self.store, article_id)

    def clocks(self, article_id: str) -> dict[str, str]:
        """Return the per-field clock stamps of an article (for sync and tests)."""
        return articles.clocks(self.store, article_id)

    def annotated_article_ids(
        self, *, tag: str | None = None, since: dt.datetime | None = None
    ) -> list[str]:
        """Return live articles with live highlights or a note, by title, then id.

        Args:
            tag: Only articles with this tag (any case).
            since: Only articles whose highlights or note changed at or after this time; a
                removed highlight counts as a change (so an export can drop it).
        """
        return articles.annotated_ids(self.store, tag=tag, since=since)

    def summaries_of(self, article_ids: Sequence[str]) -> dict[str, ArticleSummary]:
        """Return the live articles with these ids (no bodies), keyed by id."""
        return articles.summaries_of(self.store, article_ids)

    def article_id_by_url(self, url: str) -> str | None:
        """Return the id of the live article with this URL (compared in canonical form), or
        whose page was fetched at it (a URL that redirected to the article)."""
        return articles.id_by_url(self.store, url) or pages.id_by_address(self.store, url)

    # -- articles: writing ------------------------------------------------------------------
    def _import(self, article: Article, revive: bool) -> ImportOutcome:
        outcome, place = articles.upsert_article(self.store, article, revive=revive)
        if not place:
            return outcome
        placed = derive_anchors(self.store, outcome.id)
        return dataclasses.replace(outcome, moved=placed.moved, orphaned=placed.orphaned)

    def import_article(self, article: Article, *, revive: bool = True) -> ImportOutcome:
        """Add ``article``, or update the article it is a re-import of (never a duplicate).

        Its highlights are placed again when its body changed.

        Args:
            article: The article read from a file.
            revive: Whether a removed article comes back.
        """
        with self.store.write():
            return self._import(article, revive)

    def import_many(self, items: Iterable[Article]) -> list[ImportOutcome]:
        """Import many articles in one transaction (all or nothing): fast bulk loading."""
        with self.store.write():
            return [self._import(article, True) for article in items]

    def update_tags(self, article_id: str, add: list[str], remove: list[str]) -> list[str]:
        """Add and remove tags on an article; returns its tags afterwards.

        Raises:
            NotFound: If the article does not exist.
        """
        with self.store.write():
            return articles.update_tags(self.store, article_id, add, remove)

    def delete(self, article_id: str) -> bool:
        """Delete an article, leaving a tombstone for sync. Returns whether it was live."""
        with self.store.write():
            if not articles.tombstone(self.store, article_id):
                return False
            derive_anchors(self.store, article_id)  # its highlights rest at their made anchors
            return True

    def save_position(self, article_id: str, position: int, progress: float) -> None:
        """Save the reading cursor (char offset) and progress (0..1) of an article."""
        with self.store.write():
            articles.save_position(self.store, article_id, position, progress)

    # -- highlights and notes ---------------------------------------------------------------
    def highlights_of(self, article_id: str, *, include_deleted: bool = False) -> list[Highlight]:
        """Return an article's highlights in text order; orphans follow, oldest first."""
        return highlights.of_article(self.store, article_id, include_deleted=include_deleted)

    def get_highlight(self, hid: str) -> Highlight | None:
        """Return the highlight with exactly this id (removed ones too), or ``None``."""
        return highlights.get(self.store, hid)

    def resolve_highlight(self, ref: str) -> Highlight:
        """Find one highlight by id or unique id prefix.

        Raises:
            NotFound: When nothing matches.
            Ambiguous: When the prefix matches several.
        """
        return highlights.resolve(self.store, ref)

    def highlight_rows_of_many(self, article_ids: Sequence[str]
                               ) -> dict[str, list[tuple[Any, ...]]]:
        """Return the live highlights of many articles as plain rows, for bulk export.

        Each row holds ``Highlight``'s fields in order (``prefix``, ``suffix`` and ``note``
        never ``None``; ``start`` and ``end`` ``None`` when orphaned), except that ``updated``
        is the raw clock stamp. Articles without highlights are absent.
        """
        return highlights.rows_of_many(self.store, article_ids)

    def highlights_of_many(self, article_ids: Sequence[str]) -> dict[str, list[Highlight]]:
        """Return the live highlights of many articles at once, each list as ``highlights_of``
        orders it (text order, orphans last, oldest first). Articles without any are absent."""
        return highlights.of_many(self.store, article_ids)

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
        with self.store.write():
            hid = add_highlight(self.store, article_id, start, end, color, note)
        return highlights.must(self.store, hid)

    def update_highlight(
        self, hid: str, *, color: str | None = None, note: str | None = None
    ) -> Highlight:
        """Change a highlight's colour and/or note; ``None`` leaves a field unchanged."""
        with self.store.write():
            highlights.update(self.store, hid, color=color, note=note)
        return highlights.must(self.store, hid)

    def delete_highlight(self, hid: str) -> bool:
        """Remove a highlight (kept as a tombstone, so ``restore_highlight`` can undo it)."""
        with self.store.write():
            return highlights.set_deleted(self.store, hid, True)

    def restore_highlight(self, hid: str) -> Highlight:
        """Bring back a removed highlight (undo)."""
        with self.store.write():
            highlights.set_deleted(self.store, hid, False)
        return highlights.must(self.store, hid)

    def set_highlight_created(self, hid: str, created: str) -> None:
        """Set when a highlight was made (an import keeps the original time).

        Raises:
            NotFound: If there is no such highlight.
            StoreError: If ``created`` is not an ISO 8601 time.
        """
        with self.store.write():
            highlights.set_created(self.store, hid, created)

    def article_note(self, article_id: str) -> ArticleNote | None:
        """Return the note on a whole article, or ``None``."""
        return notes.of_article(self.store, article_id)

    def notes_of_many(self, article_ids: Sequence[str]) -> dict[str, ArticleNote]:
        """Return the (non-empty, live) notes on many articles at once, keyed by article id."""
        return notes.of_many(self.store, article_ids)

    def note_revisions(self, target: str) -> list[NoteRevision]:
        """Return the note texts of a highlight or article that lost to concurrent edits."""
        return notes.revisions(self.store, target)

    def set_article_note(self, article_id: str, text: str) -> ArticleNote | None:
        """Write the note on a whole article (empty text removes it); returns the note."""
        with self.store.write():
            notes.set_text(self.store, article_id, text)
        return notes.of_article(self.store, article_id)

    def set_note_created(self, article_id: str, created: str) -> None:
        """Set when the note on an article was first written (an import keeps the time).

        Raises:
            NotFound: If the article has no note.
            StoreError: If ``created`` is not an ISO 8601 time.
        """
        with self.store.write():
            notes.set_created(self.store, article_id, created)

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
        return notebook.entries(self.store, query, limit, offset)

    def notebook_count(self, query: NotebookQuery | None = None) -> int:
        """Return how many entries ``notebook(query)`` lists in all (for paging and the bar).

        Raises:
            StoreError: If the search cannot run.
        """
        return notebook.count(self.store, query)

