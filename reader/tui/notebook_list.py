"""The Notebook list: highlights and article notes drawn with the Line API, paged from SQLite.

Like the library list, only the pages on screen are loaded (``PAGE_SIZE`` entries each, in
thread workers), so 100,000 highlights draw as fast as ten.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import Worker, WorkerState

from reader.store import Library
from reader.store.annotation_models import COLORS, NotebookQuery
from reader.tui.keys import LIST_BINDINGS
from reader.tui.notebook_rows import (
    ENTRY_HEIGHT,
    TEXT_LINES,
    Entry,
    EntryStyles,
    entry_segments,
)
from reader.tui.sanitize import fit
from reader.tui.styles import component_style

PAGE_SIZE = 100
MAX_PAGES = 30


class NotebookSource:
    """Entries of one Notebook query, counted and fetched a page at a time (in workers)."""

    def __init__(self, library: Library, query: NotebookQuery) -> None:
        """Remember what to list."""
        self.library = library
        self.query = query

    def count(self) -> int:
        """Return the number of entries."""
        return self.library.notebook_count(self.query)

    def fetch(self, page: int) -> list[Entry]:
        """Return page ``page`` (``PAGE_SIZE`` entries, newest first)."""
        return self.library.notebook(self.query, limit=PAGE_SIZE, offset=page * PAGE_SIZE)


class NotebookList(ScrollView, can_focus=True, inherit_bindings=False):
    """Scrollable list of Notebook entries, ``ENTRY_HEIGHT`` lines each."""

    BINDINGS: ClassVar[list[BindingType]] = LIST_BINDINGS
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "notebook-list--cursor",
        "notebook-list--cursor-blurred",
        "notebook-list--dim",
        "notebook-list--note",
        *(f"notebook-list--{color}" for color in COLORS),
    }

    cursor: reactive[int] = reactive(0, always_update=False, repaint=False)

    class Chosen(Message):
        """The user chose an entry."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

    class Counted(Message):
        """The number of entries is known."""

        def __init__(self, total: int) -> None:
            super().__init__()
            self.total = total

    class _Page(Message, bubble=False):
        def __init__(self, gen: int, page: int, entries: list[Entry]) -> None:
            super().__init__()
            self.gen, self.page, self.entries = gen, page, entries

    class _Count(Message, bubble=False):
        def __init__(self, gen: int, total: int, first: int, final: bool) -> None:
            super().__init__()
            self.gen, self.total, self.first, self.final = gen, total, first, final

    def __init__(self, *, id: str | None = None) -> None:
        """Create an empty list; ``set_source`` fills it."""
        super().__init__(id=id)
        self.source: NotebookSource | None = None
        self.total = 0
        self.ready = False
        self.empty_hint = "No highlights or notes yet: highlight passages while reading."
        self._gen = 0
        self._counted = 0
        self._pages: OrderedDict[int, list[Entry]] = OrderedDict()
        self._pending: set[int] = set()

    # -- data ---------------------------------------------------------------------------
    def set_source(self, source: NotebookSource, keep_cursor: bool = False) -> None:
        """Show ``source``'s entries (``keep_cursor`` for a refresh of the same list)."""
        self._gen += 1
        self.source = source
        self._pending.clear()
        self.ready = False
        if not keep_cursor:  # old entries stay on screen until the new count arrives
            self.cursor = 0
            self.scroll_to(y=0, animate=False)
        self._count(self._gen, source)

    def reload(self) -> None:
        """Fetch everything again, keeping the cursor (entries were added or changed)."""
        if self.source is not None:
            self.set_source(self.source, keep_cursor=True)

    @work(thread=True, group="notebook-count", exclusive=True, exit_on_error=False)
    def _count(self, gen: int, source: NotebookSource) -> None:
        # The page under the cursor first (fast), then the count (slower on big notebooks).
        first = self.cursor // PAGE_SIZE
        entries = source.fetch(first)
        if not entries and first:
            first, entries = 0, source.fetch(0)
        known = first * PAGE_SIZE + len(entries)
        if len(entries) < PAGE_SIZE and (entries or not first):
            self.post_message(self._Count(gen, known, first, final=True))
            self.post_message(self._Page(gen, first, entries))
            return
        self.post_message(self._Count(gen, known, first, final=False))
        self.post_message(self._Page(gen, first, entries))
        self.post_message(self._Count(gen, source.count(), first, final=True))

    @work(thread=True, group="notebook-pages", exit_on_error=False)
    def _fetch(self, gen: int, source: NotebookSource, page: int) -> None:
        self.post_message(self._Page(gen, page, source.fetch(page)))

    def on_notebook_list__count(self, message: _Count) -> None:
        if message.gen != self._gen:
            return
        if self._counted != message.gen:  # the first news of this list: old pages go now
            self._counted = message.gen  # (not earlier, so a reload does not flicker)
            self._pages.clear()
            self._pending = {message.first}
        self.total = message.total
        self.cursor = min(self.cursor, max(self.total - 1, 0))
        self.virtual_size = Size(self.size.width, self.total * ENTRY_HEIGHT)
        if message.final:
            self.post_message(self.Counted(message.total))
        self.refresh()

    def on_notebook_list__page(self, message: _Page) -> None:
        if message.gen != self._gen:
            return
        self._pending.discard(message.page)
        self._pages[message.page] = message.entries
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        self.ready = True
        self.refresh()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A read failed (a bad search, say): tell the user; later pages may be asked again."""
        if event.state == WorkerState.ERROR:
            self._pending.clear()
            self.ready = True
            self.notify(f"Could not read the Notebook: {event.worker.error}",
                        severity="error", markup=False)

    def entry(self, index: int) -> Entry | None:
        """Return entry ``index`` if its page is loaded (asking for it otherwise)."""
        if not 0 <= index < self.total:
            return None
        page = index // PAGE_SIZE
        entries = self._pages.get(page)
        if entries is None:
            if page not in self._pending and self.source is not None:
                self._pending.add(page)
                self.call_later(self._start_fetch, self._gen, page)
            return None
        self._pages.move_to_end(page)
        offset = index % PAGE_SIZE
        return entries[offset] if offset < len(entries) else None

    def _start_fetch(self, gen: int, page: int) -> None:
        if gen == self._gen and self.source is not None:
            self._fetch(gen, self.source, page)

    @property
    def current(self) -> Entry | None:
        """The entry under the cursor, if loaded."""
        return self.entry(self.cursor)

    # -- cursor -------------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        """Redraw the old and new cursor entries and keep the cursor in view."""
        self.refresh_lines(old * ENTRY_HEIGHT, ENTRY_HEIGHT)
        self.refresh_lines(new * ENTRY_HEIGHT, ENTRY_HEIGHT)
        top, height = new * ENTRY_HEIGHT, self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif top + TEXT_LINES > self.scroll_y + height:
            self.scroll_to(y=top + ENTRY_HEIGHT - height, animate=False)

    def _move(self, delta: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + delta))

    def action_cursor_down(self) -> None:
        """Next entry."""
        self._move(1)

    def action_cursor_up(self) -> None:
        """Previous entry."""
        self._move(-1)

    def action_page_down(self) -> None:
        """Down one screen."""
        self._move(max(self.scrollable_content_region.height // ENTRY_HEIGHT - 1, 1))

    def action_page_up(self) -> None:
        """Up one screen."""
        self._move(-max(self.scrollable_content_region.height // ENTRY_HEIGHT - 1, 1))

    def action_top(self) -> None:
        """First entry."""
        self.cursor = 0

    def action_bottom(self) -> None:
        """Last entry."""
        self.cursor = max(self.total - 1, 0)

    def action_open(self) -> None:
        """Open the entry under the cursor."""
        entry = self.current
        if entry is not None:
            self.post_message(self.Chosen(entry))

    async def _on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_y)) // ENTRY_HEIGHT
        if 0 <= index < self.total:
            self.cursor = index
            self.action_open()

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    def _on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, self.total * ENTRY_HEIGHT)

    def notify_style_update(self) -> None:
        """Theme changed: styles are looked up afresh on the next paint."""
        super().notify_style_update()
        self.refresh()

    # -- drawing ------------------------------------------------------------------------
    def _part(self, name: str) -> Style:
        return component_style(self, f"notebook-list--{name}")

    def render_line(self, y: int) -> Strip:
        """Draw screen line ``y``: a line of an entry, a placeholder, or blank."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        index, sub = divmod(int(self.scroll_y) + y, ENTRY_HEIGHT)
        if index >= self.total:
            if index == 0 and sub == 1 and self.ready:
                hint = fit("  " + self.empty_hint, width)
                return Strip([Segment(hint, base + self._part("dim"))])
            return Strip.blank(width, base)
        if sub >= TEXT_LINES:  # the gap between entries
            return Strip.blank(width, base)
        style = base
        if index == self.cursor:
            style = base + self._part("cursor" if self.has_focus else "cursor-blurred")
        entry = self.entry(index)
        if entry is None:
            text = "  …" if sub == 0 else ""
            return Strip([Segment(fit(text, width), style + self._part("dim"))], width)
        styles = EntryStyles(
            base=style,
            dim=style + self._part("dim"),
            note=style + self._part("note"),
            swatch={color: style + self._part(color) for color in COLORS},
        )
        return Strip(entry_segments(entry, sub, width, styles)).adjust_cell_length(width, style)
