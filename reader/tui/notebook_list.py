"""The Notebook list: highlights and article notes drawn with the Line API, paged from SQLite.

Like the library list, only the pages on screen are loaded (``PAGE_SIZE`` entries each, in
thread workers), so 100,000 highlights draw as fast as ten.
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

from reader.library import COLORS
from reader.tui.cell_fit import fit
from reader.tui.keys import LIST_BINDINGS
from reader.tui.notebook_rows import (
    ENTRY_HEIGHT,
    TEXT_LINES,
    EntryStyles,
    entry_segments,
)
from reader.tui.page_sources import PAGE_SIZE, Entry, NotebookSource
from reader.tui.paged_list import PagedList
from reader.tui.styles import component_style


class NotebookList(PagedList[Entry], inherit_bindings=False):
    """Scrollable list of Notebook entries, ``ENTRY_HEIGHT`` lines each."""

    BINDINGS: ClassVar[list[BindingType]] = LIST_BINDINGS
    MAX_PAGES: ClassVar[int] = 30
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "notebook-list--cursor",
        "notebook-list--cursor-blurred",
        "notebook-list--dim",
        "notebook-list--note",
        *(f"notebook-list--{color}" for color in COLORS),
    }

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
        self.empty_hint = "No highlights or notes yet: highlight passages while reading."
        self._counted = 0

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
        self._store_page(message.page, message.entries)
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
        return self.item(index)

    def _start_fetch(self, gen: int, page: int) -> None:
        if gen == self._gen and self.source is not None:
            self._fetch(gen, self.source, page)

    # -- cursor -------------------------------------------------------------------------
    @property
    def row_height(self) -> int:
        """Lines per entry (its text lines and a gap)."""
        return ENTRY_HEIGHT

    @property
    def cursor_lines(self) -> int:
        """The entry's text lines (the gap below may stay off screen)."""
        return TEXT_LINES

    def _update_size(self) -> None:
        self.virtual_size = Size(self.size.width, self.total * ENTRY_HEIGHT)

    def _choose(self, item: Entry) -> None:
        self.post_message(self.Chosen(item))

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
