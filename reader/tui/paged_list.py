"""One paged Line-API list: rows come from SQLite a page at a time, as they scroll into view.

``PagedList`` holds what the library list and the Notebook list share: the cursor and its keys,
the cache of loaded pages, asking for a missing page (after the paint that noticed it, in a
thread worker), clicks and focus. A subclass says how tall a row is, how to fetch a page from
its source, how to draw a row, and what choosing a row means.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar, Generic, TypeVar

from textual import events
from textual.binding import BindingType
from textual.reactive import reactive
from textual.scroll_view import ScrollView

from reader.tui.keys import LIST_BINDINGS
from reader.tui.page_sources import PAGE_SIZE

ItemT = TypeVar("ItemT")


class PagedList(ScrollView, Generic[ItemT], can_focus=True, inherit_bindings=False):
    """A scrollable list of ``total`` rows of ``row_height`` lines, loaded by page."""

    BINDINGS: ClassVar[list[BindingType]] = LIST_BINDINGS
    MAX_PAGES: ClassVar[int] = 40  # pages kept in memory (least recently drawn go first)

    cursor: reactive[int] = reactive(0, always_update=False, repaint=False)

    def __init__(self, *, id: str | None = None) -> None:
        """Create an empty list."""
        super().__init__(id=id)
        self.total = 0
        self.ready = False
        self._gen = 0
        self._pages: OrderedDict[int, list[ItemT]] = OrderedDict()
        self._pending: set[int] = set()

    # -- what a subclass provides ---------------------------------------------------------
    @property
    def row_height(self) -> int:
        """Lines per row."""
        return 1

    @property
    def cursor_lines(self) -> int:
        """Lines of the cursor row that must be on screen (the row, less any gap below)."""
        return self.row_height

    def _start_fetch(self, gen: int, page: int) -> None:
        """Fetch ``page`` in a worker (if ``gen`` is still the current list)."""
        raise NotImplementedError

    def _update_size(self) -> None:
        """Set the virtual size from ``total``."""
        raise NotImplementedError

    def _choose(self, item: ItemT) -> None:
        """The user chose ``item`` (enter or a click)."""
        raise NotImplementedError

    def _moved(self) -> None:
        """The cursor moved by a key (a hook: a search pages on ahead)."""

    # -- pages ------------------------------------------------------------------------------
    def _store_page(self, page: int, items: list[ItemT]) -> None:
        self._pending.discard(page)
        self._pages[page] = items
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)

    def item(self, index: int) -> ItemT | None:
        """Return row ``index`` if its page is loaded (asking for it otherwise)."""
        if index < 0 or index >= self.total:
            return None
        page = index // PAGE_SIZE
        items = self._pages.get(page)
        if items is None:
            self._want(page)
            return None
        self._pages.move_to_end(page)
        offset = index % PAGE_SIZE
        return items[offset] if offset < len(items) else None

    def _want(self, page: int) -> None:
        """Ask for a page; the fetch starts after this paint (never from inside one)."""
        if page in self._pending:
            return
        self._pending.add(page)
        self.call_later(self._start_fetch, self._gen, page)

    @property
    def current(self) -> ItemT | None:
        """The row under the cursor, if loaded."""
        return self.item(self.cursor)

    # -- cursor -------------------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        """Redraw the old and new cursor rows and keep the cursor in view."""
        h = self.row_height
        self.refresh_lines(old * h, h)
        self.refresh_lines(new * h, h)
        top, height = new * h, self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif top + self.cursor_lines > self.scroll_y + height:
            self.scroll_to(y=top + h - height, animate=False)

    def _move(self, delta: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + delta))
        self._moved()

    def action_cursor_down(self) -> None:
        """Move to the next row."""
        self._move(1)

    def action_cursor_up(self) -> None:
        """Move to the previous row."""
        self._move(-1)

    def action_page_down(self) -> None:
        """Move down one screen."""
        self._move(max(self.scrollable_content_region.height // self.row_height - 1, 1))

    def action_page_up(self) -> None:
        """Move up one screen."""
        self._move(-max(self.scrollable_content_region.height // self.row_height - 1, 1))

    def action_top(self) -> None:
        """Move to the first row."""
        self.cursor = 0

    def action_bottom(self) -> None:
        """Move to the last row."""
        self.cursor = max(self.total - 1, 0)

    def action_open(self) -> None:
        """Choose the row under the cursor."""
        item = self.current
        if item is not None:
            self._choose(item)

    async def _on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_y)) // self.row_height
        if 0 <= index < self.total:
            self.cursor = index
            self.action_open()

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    def _on_resize(self, event: events.Resize) -> None:
        self._update_size()

    def notify_style_update(self) -> None:
        """Theme changed: styles are looked up afresh on the next paint."""
        super().notify_style_update()
        self.refresh()


__all__ = ["ItemT", "PagedList"]
