"""Page sources for the paged lists: the library (a sorted, filtered listing or a full-text
search) and the Notebook.

Each fetches one page at a time and is called from worker threads (the ``Library`` is
thread-safe). Nothing here imports Textual.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from reader.library import (
    ArticleNote,
    ArticleSummary,
    Highlight,
    Library,
    ListQuery,
    NotebookQuery,
    SearchCancelled,
)
from reader.tui.config import Config

PAGE_SIZE = 100
ItemT = TypeVar("ItemT")


class PageSource(Protocol[ItemT]):
    """Rows of a paged list, counted and fetched ``PAGE_SIZE`` at a time (in workers).

    Attributes:
        searching: Ranked search results: the count is unknown until a short page arrives.
    """

    searching: bool

    def count(self) -> int | None:
        """Return the number of rows (``None``: unknown up front)."""
        ...

    def fetch(self, page: int, after: ItemT | None) -> list[ItemT]:
        """Return page ``page``; ``after`` is the previous page's last row when known."""
        ...


@dataclass(frozen=True)
class Row:
    """One row of the library list.

    Attributes:
        article: The article.
        snippet: The search snippet (with ``SNIPPET_START``/``END`` markers), or ``None``.
    """

    article: ArticleSummary
    snippet: str | None = None


class ListingSource:
    """Articles in a sort order with optional filters, paged with keyset queries."""

    searching = False

    def __init__(self, library: Library, query: ListQuery) -> None:
        """Remember what to list.

        Args:
            library: The library.
            query: Sort order and filters.
        """
        self.library = library
        self.query = query

    def count(self) -> int | None:
        """Return the number of rows."""
        return self.library.count(self.query)

    def fetch(self, page: int, after: Row | None) -> list[Row]:
        """Fetch page ``page``.

        Args:
            page: Page index (``PAGE_SIZE`` rows per page).
            after: The last row of the previous page when it is known: then a keyset query
                continues from it; otherwise an OFFSET query jumps to the page.

        Returns:
            Up to ``PAGE_SIZE`` rows.
        """
        if after is not None:
            items = self.library.page_after(self.query, after.article, PAGE_SIZE)
        else:
            items = self.library.page(self.query, page * PAGE_SIZE, PAGE_SIZE)
        return [Row(a) for a in items]


class SearchSource:
    """Ranked full-text search results with snippets."""

    searching = True

    def __init__(self, library: Library, text: str) -> None:
        """Remember what to search for.

        Args:
            library: The library.
            text: What the user typed (any text is safe).
        """
        self.library = library
        self.text = text
        self._superseded = threading.Event()

    def cancel(self) -> None:
        """Give this search up (a newer one replaces it): a running query stops, and any
        later fetch returns no rows at once. Safe from any thread."""
        self._superseded.set()

    @property
    def cancelled(self) -> bool:
        """Whether ``cancel`` was called."""
        return self._superseded.is_set()

    def count(self) -> int | None:
        """Search results are counted as they load: unknown up front."""
        return None

    def fetch(self, page: int, after: Row | None) -> list[Row]:
        """Fetch page ``page`` of the ranked hits.

        Args:
            page: Page index.
            after: Unused (ranked results page by offset).

        Returns:
            Up to ``PAGE_SIZE`` rows with snippets; none once the search is cancelled (the
            list drops a cancelled search's pages).
        """
        try:
            hits = self.library.search(self.text, limit=PAGE_SIZE, offset=page * PAGE_SIZE,
                                       cancelled=self._superseded.is_set)
        except SearchCancelled:
            return []
        return [Row(h.article, h.snippet) for h in hits]


Source = ListingSource | SearchSource
Entry = Highlight | ArticleNote


class NotebookSource:
    """Entries of one Notebook query (highlights and article notes, newest first)."""

    searching = False

    def __init__(self, library: Library, query: NotebookQuery) -> None:
        """Remember what to list.

        Args:
            library: The library.
            query: Filters and search text.
        """
        self.library = library
        self.query = query

    def count(self) -> int:
        """Return the number of entries."""
        return self.library.notebook_count(self.query)

    def fetch(self, page: int, after: Entry | None = None) -> list[Entry]:
        """Return page ``page`` (``after`` is unused: the Notebook pages by offset)."""
        return self.library.notebook(self.query, limit=PAGE_SIZE, offset=page * PAGE_SIZE)


def first_page(source: Source) -> tuple[int | None, list[Row]]:
    """Return the row count and the first page of ``source`` (for prefetching at start)."""
    total = source.count()
    return total, (source.fetch(0, None) if total is None or total else [])


Prefetch = Future[tuple[int | None, list[Row]]]


def start_query(config: Config) -> ListQuery:
    """Return what the library screen lists first: the remembered sort order."""
    from reader.library import SORT_ORDERS

    return ListQuery(sort=config.sort if config.sort in SORT_ORDERS else "newest")


def start_prefetch(library: Library, query: ListQuery) -> Prefetch:
    """Start fetching the count and first page of ``query`` in a background thread.

    ``run_tui`` calls this before importing Textual, so the first rows are ready by the time
    the library screen mounts.

    Args:
        library: The library (thread-safe).
        query: What the library screen will list first.

    Returns:
        A future of ``(count, first page)``.
    """
    pool = ThreadPoolExecutor(1, thread_name_prefix="readmark-prefetch")
    future = pool.submit(first_page, ListingSource(library, query))
    pool.shutdown(wait=False)
    return future


def open_in_background(path: Path, query: ListQuery) -> tuple[Future[Library], Prefetch]:
    """Open the library and fetch its first page in a thread (while Textual is imported).

    Args:
        path: The library file.
        query: What the library screen will list first.

    Returns:
        A future of the open ``Library`` (its errors re-raise from ``result()``) and a future
        of ``(count, first page)``.
    """
    library_future: Future[Library] = Future()
    page_future: Prefetch = Future()

    def run() -> None:
        try:
            library = Library(path)
        except BaseException as exc:
            library_future.set_exception(exc)
            page_future.set_exception(exc)
            return
        library_future.set_result(library)
        try:
            page_future.set_result(first_page(ListingSource(library, query)))
        except BaseException as exc:
            page_future.set_exception(exc)

    threading.Thread(target=run, name="readmark-open", daemon=True).start()
    return library_future, page_future
