"""The article body as prose, drawn line by line (Line API) with quotes and a reading cursor.

Loading happens in thread workers, posted back as messages, in two steps: lay out the first
blocks from a quick parse of the body's start (the first screen appears at once); then, once
that screen is painted, analyse quotes and sentences and lay out the rest in chunks
(``reader.tui.loading``). The cursor is a source offset, so it survives resizes and themes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, ClassVar

from textual import events, work
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.document import Block
from reader.library import COLORS, Highlight, StoredArticle
from reader.quotes import Analysis, Quote, analyze
from reader.tui.keys import ARTICLE_BINDINGS, HIGHLIGHT_KEY_BINDINGS
from reader.tui.layout import CODE, EM, LINK, STRONG, Line, layout_blocks, layout_header
from reader.tui.loading import (
    cached_layout,
    first_blocks,
    header_meta,
    keep_layout,
    rest_chunks,
    same_start,
)
from reader.tui.reading_model import Move, ReadingModel
from reader.tui.render import KIND_CLASS, ArticleStyles, render_article_line
from reader.tui.text_index import LineIndex, TextIndex

MEASURE = 76


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Scrollable, wrapped, styled article text with a reading cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [*ARTICLE_BINDINGS, *HIGHLIGHT_KEY_BINDINGS]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article--heading", "article--blockquote", "article--code", "article--title",
        "article--meta", "article--rule", "article--link", "article--marker",
        "article--quote", "article--quote-other", "article--quote-current",
        "article--sentence", "article--gutter",
        "article--highlight", "article--note", "article--selection", "article--caret",
        "article--note-marker", *(f"article--hl-{color}" for color in COLORS),
    }
    ALLOW_SELECT = False  # drags select source offsets (see ``ReadingModel``), not screen text

    class CursorMoved(Message):
        """The reading cursor moved (or the quotes under it became known)."""

        def __init__(self, position: int, quote: Quote | None, progress: float) -> None:
            super().__init__()
            self.position, self.quote, self.progress = position, quote, progress

    class Analyzed(Message):
        """Quotes and speakers of the article are known."""

        def __init__(self, analysis: Analysis) -> None:
            super().__init__()
            self.analysis = analysis

    class _Laid(Message, bubble=False):
        def __init__(
            self, gen: int, lines: list[Line], done: bool, reset: bool,
            resume: tuple[Any, ...] | None = None,
        ) -> None:
            super().__init__()
            self.gen, self.lines, self.done, self.reset = gen, lines, done, reset
            self.resume = resume

    class _Analysis(Message, bubble=False):
        def __init__(self, gen: int, analysis: Analysis) -> None:
            super().__init__()
            self.gen, self.analysis = gen, analysis

    def __init__(self, *, id: str | None = None) -> None:
        """Create an empty view; call ``show`` with an article."""
        super().__init__(id=id)
        self.article: StoredArticle | None = None
        self.model = ReadingModel()
        self._gen = 0
        self._line_styles = ArticleStyles(self)
        self._strips: OrderedDict[int, Strip] = OrderedDict()
        self._resume: tuple[Any, ...] | None = None

    # -- the model's state, read by the screen --------------------------------------------
    @property
    def line_styles(self) -> ArticleStyles:
        """The styles article text is drawn with."""
        return self._line_styles

    @property
    def position(self) -> int:
        """The reading cursor (source offset)."""
        return self.model.position

    @property
    def lines(self) -> list[Line]:
        """Display lines laid out so far."""
        return self.model.lines

    @property
    def index(self) -> LineIndex:
        """Finds the line of a source offset."""
        return self.model.index

    @property
    def analysis(self) -> Analysis | None:
        """Quotes, speakers and sentences, once known."""
        return self.model.analysis

    @property
    def text(self) -> TextIndex:
        """Sorted offsets of the analysis."""
        return self.model.text

    @property
    def laid_out(self) -> bool:
        """Whether every line is laid out."""
        return self.model.laid_out

    @property
    def measure(self) -> int:
        """Text width in cells."""
        return self.model.measure

    @property
    def select_from(self) -> int | None:
        """The other end of the selection, while selecting."""
        return self.model.select_from

    @property
    def highlights(self) -> list[Highlight]:
        """The article's highlights."""
        return self.model.highlights

    @property
    def marks(self) -> list[tuple[int, int, str]]:
        """The marks drawn over the text."""
        return self.model.marks

    # -- loading --------------------------------------------------------------------------
    def show(self, article: StoredArticle, at: int | None = None) -> None:
        """Show ``article`` with the cursor at ``at``, else at its saved position."""
        self.article = article
        self.model.open(article.body, article.position if at is None else at)
        self._relayout()

    def set_marks(self, marks: Sequence[tuple[int, int, str]]) -> None:
        """Show marks (for the highlights issue): ``(start, end, kind)`` source spans, kind
        ``highlight`` or ``note``, drawn with the ``article--<kind>`` component class.

        Args:
            marks: Non-overlapping spans.
        """
        self.model.set_marks(marks)
        self._strips.clear()
        self.refresh()

    def _measure_for(self, width: int) -> int:
        return max(20, min(MEASURE, width - 4))

    def _relayout(self) -> None:
        if self.article is None or not self.size.width:
            return
        self._gen += 1
        self.model.measure = self._measure_for(
            self.scrollable_content_region.width or self.size.width)
        self.model.relayout()
        self._prepare(self._gen, self.article, self.measure, self.analysis)

    @work(thread=True, group="layout", exclusive=True, exit_on_error=False)
    def _prepare(
        self, gen: int, article: StoredArticle, measure: int, analysis: Analysis | None
    ) -> None:
        """Step 1: header and first blocks (or the cached layout), posted for the first paint."""
        header = layout_header(article.title, header_meta(article), measure)
        cached = cached_layout(article, measure)
        if cached is not None:
            self.post_message(self._Laid(gen, header + cached, True, True))
            if analysis is None:
                self.post_message(self._Analysis(gen, analyze(article.body, article.body_format)))
            return
        first = first_blocks(article.body, article.body_format, analysis)
        lines, previous = layout_blocks(first, measure)
        # Step 2 starts once the first screen is painted, so it never delays that paint.
        resume = (gen, article, measure, analysis, header, first, lines, previous)
        self.post_message(self._Laid(gen, header + lines, False, True, resume))

    @work(thread=True, group="layout", exclusive=True, exit_on_error=False)
    def _finish(
        self, gen: int, article: StoredArticle, measure: int, analysis: Analysis | None,
        header: list[Line], first: list[Block], lines: list[Line], previous: Block | None,
    ) -> None:
        """Step 2: quotes and sentences, then the rest of the layout in chunks."""
        worker = get_current_worker()
        if analysis is None:
            analysis = analyze(article.body, article.body_format)
            self.post_message(self._Analysis(gen, analysis))
        blocks = analysis.document.blocks
        body = list(lines)
        if not same_start(blocks, first):  # never expected; redo from the full parse
            body, previous = layout_blocks(blocks[:len(first)], measure)
            self.post_message(self._Laid(gen, header + body, False, True))
        for chunk in rest_chunks(blocks, len(first), measure, previous):
            if worker.is_cancelled or gen != self._gen:
                return
            body.extend(chunk)
            self.post_message(self._Laid(gen, chunk, False, False))
        self.post_message(self._Laid(gen, [], True, False))
        keep_layout(article, measure, body)

    def on_article_view__laid(self, message: _Laid) -> None:
        """Add laid-out lines; show the cursor once the place it was asked to be exists (a
        saved position, or ``G`` pressed before the last line was laid out)."""
        if message.gen != self._gen:
            return
        if message.reset:
            self.model.clear_lines()
        move = self.model.add_lines(message.lines, message.done)
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.lines))
        if move is not None:  # scroll once the new size is known
            self.call_after_refresh(self._show_cursor, move.center)
        self.refresh()
        self.announce()
        self._resume = message.resume

    def on_article_view__analysis(self, message: _Analysis) -> None:
        """Quotes and sentences arrived: index them and redraw."""
        if message.gen != self._gen:
            return
        self.model.set_analysis(message.analysis)
        self._strips.clear()
        self.refresh()
        self.post_message(self.Analyzed(message.analysis))
        self.announce()

    def _on_resize(self, event: events.Resize) -> None:
        if self.article is not None and self._measure_for(
            self.scrollable_content_region.width
        ) != self.measure:
            self._relayout()
        self._strips.clear()

    def notify_style_update(self) -> None:
        """Theme changed: rebuild styles on the next paint."""
        super().notify_style_update()
        self._line_styles.clear()
        self._strips.clear()

    # -- cursor ---------------------------------------------------------------------------
    @property
    def cursor_line(self) -> int:
        """Display line of the reading cursor."""
        return self.model.cursor_line

    @property
    def current_quote(self) -> Quote | None:
        """The quote under the cursor, else the first quote in the cursor's sentence."""
        return self.model.current_quote

    @property
    def progress(self) -> float:
        """How far the reading cursor is through the article's text (0..1)."""
        return self.model.progress

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected source span ``(start, end)`` (may be empty), or ``None``."""
        return self.model.selection

    def move_to(self, offset: int, center: bool = False, caret: bool = False) -> None:
        """Put the cursor at source offset ``offset`` and scroll it into view.

        Args:
            offset: Source offset.
            center: Put the cursor a third of the way down (after a long jump).
            caret: Draw the cursor character (after word moves; always while selecting).
        """
        self.show_move(self.model.move_to(offset, center, caret))

    def show_move(self, move: Move | None) -> None:
        """Redraw, scroll and announce after the model moved the cursor (``None``: it did not)."""
        if move is None:
            return
        self._strips.clear()
        self.refresh()
        self._show_cursor(move.center)
        self.announce()

    def _show_cursor(self, center: bool = False) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:  # hidden (narrow panel): scroll once shown again
            self.call_after_refresh(self._show_cursor, center)
            return
        target = self.model.scroll_for_cursor(int(self.scroll_y), height, center)
        if target is not None:
            self.scroll_to(y=target, animate=False)

    def announce(self) -> None:
        """Tell the screen where the cursor is (and the quote under it)."""
        self.post_message(self.CursorMoved(self.position, self.current_quote, self.progress))

    def action_cursor_down(self) -> None:
        """Next line."""
        self.show_move(self.model.line_step(1))

    def action_cursor_up(self) -> None:
        """Previous line."""
        self.show_move(self.model.line_step(-1))

    def _page(self, direction: int) -> None:
        height = self.scrollable_content_region.height
        before = int(self.scroll_y)
        row = self.model.cursor_line - before
        target = max(before + self.model.page_amount(height, direction), 0)
        self.scroll_to(y=target, animate=False)
        self.show_move(self.model.page(direction, height, before, int(self.scroll_y), row))

    def action_page_down(self) -> None:
        """Down one screen."""
        self._page(1)

    def action_page_up(self) -> None:
        """Up one screen."""
        self._page(-1)

    def action_top(self) -> None:
        """First line."""
        self.scroll_to(y=0, animate=False)
        self.show_move(self.model.top())

    def action_bottom(self) -> None:
        """Last line."""
        self.show_move(self.model.bottom())

    def action_sentence(self, direction: int) -> None:
        """Next (1) or previous (-1) sentence."""
        self.show_move(self.model.sentence(direction))

    def action_paragraph(self, direction: int) -> None:
        """Next (1) or previous (-1) paragraph or other block."""
        self.show_move(self.model.paragraph(direction))

    def action_quote(self, direction: int) -> None:
        """Next (1) or previous (-1) quote."""
        if self.analysis is None:
            self.notify("Still finding the quotes…", timeout=2)
        elif not self.text.quote_starts:
            self.notify("No quotes in this article.", timeout=2)
        else:
            move = self.model.quote(direction)
            if move is None:
                self.notify("That was the last quote." if direction > 0
                            else "No quote before this.", timeout=2)
            self.show_move(move)

    def action_word(self, direction: int) -> None:
        """Next (1) or previous (-1) word (extends the selection while selecting)."""
        self.show_move(self.model.word(direction))

    def toggle_selection(self) -> None:
        """Start selecting at the cursor, or stop when already selecting."""
        self.show_move(self.model.toggle_selection())

    def clear_selection(self) -> None:
        """Drop the selection (the cursor stays)."""
        self.show_move(self.model.clear_selection())

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Draw ``highlights`` in their colours, with a margin marker where one has a note."""
        self.model.set_highlights(highlights)
        self._strips.clear()
        self.refresh()

    # -- mouse ------------------------------------------------------------------------------
    def _offset_at(self, x: int, y: int) -> int | None:
        width = self.scrollable_content_region.width
        return self.model.offset_at(x, int(self.scroll_y) + y, width)

    async def _on_click(self, event: events.Click) -> None:
        if self.model.dragged:  # the end of a drag, which selected text
            self.model.dragged = False
            return
        self.show_move(self.model.click(int(self.scroll_y) + event.y))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Remember where a possible drag starts."""
        if event.button == 1 and self.model.press(self._offset_at(event.x, event.y)):
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Extend the dragged selection to the character under the pointer (inclusive).

        The mouse is captured from button down to button up, so every move between them drags
        (some terminals report no button on motion events).
        """
        if self.model.drag_from is not None:
            self.show_move(self.model.drag_to(self._offset_at(event.x, event.y)))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        """End a drag (the selection stays for ``h`` or the footer's Highlight)."""
        if self.model.drag_from is None:
            return
        move, dragged = self.model.release(self._offset_at(event.x, event.y))
        self.show_move(move)
        self.release_mouse()
        if dragged:
            self.announce()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolling (wheel, scrollbar) drags the cursor along so it stays on screen."""
        super().watch_scroll_y(old_value, new_value)
        if self.model.follow_scroll(int(new_value), self.scrollable_content_region.height):
            self._strips.clear()
            self.announce()

    # -- drawing --------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """Draw screen line ``y``."""
        if self._resume is not None:  # the first screen is being painted: start step 2
            resume, self._resume = self._resume, None
            self.call_later(self._finish, *resume)
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(index)
        if strip is None or strip.cell_length != width:
            strip = render_article_line(self.model, self._line_styles, index, width)
            self._strips[index] = strip
            while len(self._strips) > 400:
                self._strips.popitem(last=False)
        return strip


__all__ = ["CODE", "EM", "KIND_CLASS", "LINK", "STRONG", "ArticleView"]
