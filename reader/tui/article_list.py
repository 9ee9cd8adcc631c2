"""The library list: a ``PagedList`` of articles (or search hits) paged from SQLite.

Only the visible rows (and their page of ``PAGE_SIZE``) are ever loaded; pages are fetched
in thread workers and posted back as messages, so a 100,000-article library draws as fast
as an empty one. Sequential pages use keyset queries; jumps (``G``, dragging the scrollbar)
use OFFSET.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.worker import Worker, WorkerState

from reader.tui.cell_fit import fit
from reader.tui.keys import LIST_BINDINGS
from reader.tui.library_rows import Column, columns, row_segments, snippet_segments
from reader.tui.page_sources import PAGE_SIZE, Prefetch, Row, Source
from reader.tui.paged_list import PagedList
from reader.tui.styles import component_style


class ArticleList(PagedList[Row], inherit_bindings=False):
    """Scrollable list of articles (or search hits) drawn line by line."""

    BINDINGS: ClassVar[list[BindingType]] = LIST_BINDINGS
    MAX_PAGES: ClassVar[int] = 40
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--cursor-blurred",
        "article-list--dim",
        "article-list--unread",
        "article-list--match",
        "article-list--snippet",
        "article-list--tag",
    }

    class Opened(Message):
        """The user chose an article."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class Counted(Message):
        """The number of rows is known (``None`` while a search is still paging)."""

        def __init__(self, total: int | None, searching: bool, more: bool = False) -> None:
            super().__init__()
            self.total = total
            self.searching = searching
            self.more = more

    class PageLoaded(Message, bubble=False):
        """Internal: a page of rows arrived from a worker."""

        def __init__(self, gen: int, page: int, rows: list[Row]) -> None:
            super().__init__()
            self.gen, self.page, self.rows = gen, page, rows

    class CountLoaded(Message, bubble=False):
        """Internal: the row count arrived from a worker."""

        def __init__(self, gen: int, total: int | None) -> None:
            super().__init__()
            self.gen, self.total = gen, total

    def __init__(self, *, id: str | None = None) -> None:
        """Create an empty list; call ``set_source`` to fill it."""
        super().__init__(id=id)
        self.source: Source | None = None
        self._exhausted = False
        self._reloading = False
        self._cols: tuple[int, list[Column]] = (-1, [])

    # -- data ---------------------------------------------------------------------------
    @property
    def row_height(self) -> int:
        """Lines per row: two for search hits (row and snippet), else one."""
        return 2 if self.source is not None and self.source.searching else 1

    def set_source(
        self, source: Source, keep_cursor: bool = False, prefetched: Prefetch | None = None
    ) -> None:
        """Show rows from ``source``, dropping everything loaded before.

        Args:
            source: A listing or a search.
            keep_cursor: Keep the cursor and scroll position (a refresh of the same list).
            prefetched: The count and first page of ``source``, already being fetched.
        """
        self._gen += 1
        self.source = source
        self._pages.clear()
        self._pending.clear()
        self._exhausted = False
        self._reloading = False
        self.ready = False
        if not keep_cursor:
            self.cursor = 0
            self.scroll_to(y=0, animate=False)
        if prefetched is not None and prefetched.done() and prefetched.exception() is None:
            total, rows = prefetched.result()  # already here: no waiting, no IO
            self.on_article_list_count_loaded(self.CountLoaded(self._gen, total))
            self.on_article_list_page_loaded(self.PageLoaded(self._gen, 0, rows))
        else:
            self._count(self._gen, source, prefetched)
        self.refresh()

    def reload(self) -> None:
        """Reload the rows on screen (progress changed), keeping the cursor and old rows
        on screen until the fresh ones arrive (no flicker)."""
        if self.source is None:
            return
        self._gen += 1
        self._pending.clear()
        self._reloading = True
        self._count(self._gen, self.source, None)
        first = int(self.scroll_y) // self.row_height // PAGE_SIZE
        last = (int(self.scroll_y) + self.size.height) // self.row_height // PAGE_SIZE
        for page in [p for p in self._pages if not first <= p <= last]:
            del self._pages[page]  # stale and off screen: fetched again when needed
        for page in range(max(first, 1), last + 1):
            self._pending.add(page)
            self._start_fetch(self._gen, page)

    @work(thread=True, group="count", exclusive=True, exit_on_error=False)
    def _count(self, gen: int, source: Source, prefetched: Prefetch | None) -> None:
        if prefetched is not None:
            try:
                total, rows = prefetched.result()
            except Exception:  # the early fetch failed: try again the ordinary way
                pass
            else:
                self.post_message(self.CountLoaded(gen, total))
                self.post_message(self.PageLoaded(gen, 0, rows))
                return
        total = source.count()
        self.post_message(self.CountLoaded(gen, total))
        if total is None or total:
            rows = source.fetch(0, None)
            self.post_message(self.PageLoaded(gen, 0, rows))

    @work(thread=True, group="pages", exit_on_error=False)
    def _fetch(self, gen: int, source: Source, page: int, after: Row | None) -> None:
        self.post_message(self.PageLoaded(gen, page, source.fetch(page, after)))

    def _stale(self, gen: int) -> bool:
        """Whether a worker's result is for a source no longer shown, or for a search
        given up for a newer one (its empty result must not blank the list meanwhile)."""
        return gen != self._gen or self.source is None or getattr(self.source, "cancelled", False)

    def on_article_list_count_loaded(self, message: CountLoaded) -> None:
        if self._stale(message.gen):
            return
        if message.total is not None or not self._reloading:
            self.total = message.total or 0
        self._reloading = False
        self._pending.add(0)
        if message.total == 0:
            self.ready = True  # nothing to fetch
        self._update_size()
        if message.total is not None:
            self.post_message(self.Counted(message.total, False))

    def on_article_list_page_loaded(self, message: PageLoaded) -> None:
        if self._stale(message.gen) or self.source is None:
            return
        self._store_page(message.page, message.rows)
        if self.source.searching:
            loaded = message.page * PAGE_SIZE + len(message.rows)
            if len(message.rows) < PAGE_SIZE:
                self._exhausted = True
            self.total = max(self.total, loaded)
            self._update_size()
            self.post_message(self.Counted(self.total, True, not self._exhausted))
        self.cursor = min(self.cursor, max(self.total - 1, 0))
        self.ready = True
        self.refresh()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A library read failed: say so, and let the rows be asked for again."""
        if event.state == WorkerState.ERROR:
            self._pending.clear()
            self.notify(f"Could not read the library: {event.worker.error}",
                        severity="error", markup=False)

    def _update_size(self) -> None:
        extra = 0 if self._exhausted or not (self.source and self.source.searching) else 1
        self.virtual_size = Size(self.size.width, (self.total + extra) * self.row_height)
        self.refresh()

    def row(self, index: int) -> Row | None:
        """Return row ``index`` if its page is loaded (asking for it otherwise)."""
        return self.item(index)

    def _start_fetch(self, gen: int, page: int) -> None:
        if gen != self._gen or self.source is None:
            return
        previous = self._pages.get(page - 1)
        after = previous[-1] if previous and len(previous) == PAGE_SIZE else None
        self._fetch(self._gen, self.source, page, after)

    # -- cursor -------------------------------------------------------------------------
    def _moved(self) -> None:
        if self.source is not None and self.source.searching and not self._exhausted:
            self._want((self.cursor + PAGE_SIZE // 2) // PAGE_SIZE)

    def _choose(self, item: Row) -> None:
        self.post_message(self.Opened(item.article.id))

    # -- drawing ------------------------------------------------------------------------
    def _part(self, name: str) -> Style:
        return component_style(self, name)

    @property
    def cols(self) -> list[Column]:
        """Current columns (for the header)."""
        width = self.scrollable_content_region.width
        if self._cols[0] != width:
            self._cols = (width, columns(width))
        return self._cols[1]

    def render_line(self, y: int) -> Strip:
        """Draw screen line ``y``: part of a row, a placeholder, or blank."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        line = int(self.scroll_y) + y
        index, sub = divmod(line, self.row_height)
        if index >= self.total:
            if self.source is not None and self.source.searching and not self._exhausted:
                self._want(index // PAGE_SIZE)
            if line == 1 and self.ready and self.total == 0:
                hint = ("  No matches. Try other words; escape clears the search."
                        if self.row_height == 2 else
                        "  Nothing matches this filter; escape clears it.")
                return Strip([Segment(fit(hint, width), base + self._part("article-list--dim"))])
            return Strip.blank(width, base)
        row = self.row(index)
        style = base
        if index == self.cursor:
            name = "article-list--cursor" if self.has_focus else "article-list--cursor-blurred"
            style = base + self._part(name)
        if row is None:
            dim = style + self._part("article-list--dim")
            return Strip([Segment(fit("  …", width), dim)], width)
        dim = style + self._part("article-list--dim")
        if sub == 0:
            unread = style + self._part("article-list--unread")
            tag = style + self._part("article-list--tag")
            segments = row_segments(row, self.cols, style, dim, unread, tag)
        else:
            snip = style + self._part("article-list--snippet")
            segments = snippet_segments(row, style, snip, snip + self._part("article-list--match"))
        return Strip(segments).adjust_cell_length(width, style)
