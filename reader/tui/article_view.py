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

from rich.style import Style
from textual import events, work
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.document import Block
from reader.quotes import Analysis, Quote, analyze
from reader.store.annotation_models import COLORS, Highlight
from reader.store.models import StoredArticle
from reader.tui import moves, selecting
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
from reader.tui.navigation import LineIndex, TextIndex, next_start
from reader.tui.selection import Words

MEASURE = 76
KIND_CLASS = {
    "heading": "article--heading",
    "block_quote": "article--blockquote",
    "code": "article--code",
    "title": "article--title",
    "meta": "article--meta",
    "rule": "article--rule",
    "marker": "article--marker",
}


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
    ALLOW_SELECT = False  # drags select source offsets (see ``selecting``), not screen text

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
        self.analysis: Analysis | None = None
        self.lines: list[Line] = []
        self.index = LineIndex()
        self.position = 0
        self.laid_out = False
        self.measure = 0
        self._gen = 0
        self._reveal = True
        self._styles: dict[tuple[object, ...], Style] = {}
        self._strips: OrderedDict[int, Strip] = OrderedDict()
        self.text = TextIndex()
        self._resume: tuple[Any, ...] | None = None
        self.marks: list[tuple[int, int, str]] = []
        self.mark_starts: list[int] = []
        self.highlights: list[Highlight] = []
        self.note_starts: list[int] = []  # first offsets of highlights with a note
        self.select_from: int | None = None  # the other end of the selection, while selecting
        self.caret = False  # draw the cursor character (while selecting, after word moves)
        self.drag_from: int | None = None  # source offset the mouse went down on
        self.dragged = False
        self.words: tuple[str, Words] | None = None  # the body and its words, for word moves

    # -- loading --------------------------------------------------------------------------
    def show(self, article: StoredArticle, at: int | None = None) -> None:
        """Show ``article`` with the cursor at ``at``, else at its saved position."""
        self.article = article
        self.select_from = None
        where = article.position if at is None else at
        self.position = max(0, min(where, len(article.body)))
        self._relayout()

    def set_marks(self, marks: Sequence[tuple[int, int, str]]) -> None:
        """Show marks (for the highlights issue): ``(start, end, kind)`` source spans, kind
        ``highlight`` or ``note``, drawn with the ``article--<kind>`` component class.

        Args:
            marks: Non-overlapping spans.
        """
        self.marks = sorted(marks)
        self.mark_starts = [m[0] for m in self.marks]
        self._strips.clear()
        self.refresh()

    def _measure_for(self, width: int) -> int:
        return max(20, min(MEASURE, width - 4))

    def _relayout(self) -> None:
        if self.article is None or not self.size.width:
            return
        self._gen += 1
        self.measure = self._measure_for(self.scrollable_content_region.width or self.size.width)
        self.laid_out = False
        self._reveal = True
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
        """Add laid-out lines; reveal the cursor once its line exists."""
        if message.gen != self._gen:
            return
        if message.reset:
            self.lines = []
            self.index = LineIndex()
        self.index.extend(message.lines, len(self.lines))
        self.lines.extend(message.lines)
        self.laid_out = message.done
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.lines))
        reached = bool(self.lines) and self.lines[-1].end > self.position
        if self._reveal and (reached or message.done):
            self._reveal = False
            self.call_after_refresh(self._show_cursor, True)
        self.refresh()
        self._announce()
        self._resume = message.resume

    def on_article_view__analysis(self, message: _Analysis) -> None:
        """Quotes and sentences arrived: index them and redraw."""
        if message.gen != self._gen:
            return
        a = self.analysis = message.analysis
        self.text = TextIndex(a)
        self._strips.clear()
        self.refresh()
        self.post_message(self.Analyzed(a))
        self._announce()

    def _on_resize(self, event: events.Resize) -> None:
        if self.article is not None and self._measure_for(
            self.scrollable_content_region.width
        ) != self.measure:
            self._relayout()
        self._strips.clear()

    def notify_style_update(self) -> None:
        """Theme changed: rebuild styles on the next paint."""
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    # -- cursor ---------------------------------------------------------------------------
    @property
    def cursor_line(self) -> int:
        """Display line of the reading cursor."""
        return self.index.line_of(self.position)

    @property
    def current_quote(self) -> Quote | None:
        """The quote under the cursor, else the first quote in the cursor's sentence."""
        return self.text.quote_near(self.position)

    @property
    def progress(self) -> float:
        """How far the reading cursor is through the article's text (0..1).

        Measured in source characters, so it is the same at every width and panel state;
        the last line counts as the end.
        """
        if not self.lines or self.article is None:
            return 0.0
        if self.laid_out and self.cursor_line >= len(self.lines) - 1:
            return 1.0
        return min(1.0, self.position / max(len(self.article.body), 1))

    def move_to(self, offset: int, center: bool = False, caret: bool = False) -> None:
        """Put the cursor at source offset ``offset`` and scroll it into view.

        Args:
            offset: Source offset.
            center: Put the cursor a third of the way down (after a long jump).
            caret: Draw the cursor character (after word moves; always while selecting).
        """
        self.caret = caret or self.select_from is not None
        self.position = max(0, offset)
        self._strips.clear()
        self.refresh()
        self._show_cursor(center)
        self._announce()

    def _show_cursor(self, center: bool = False) -> None:
        moves.show_cursor(self, center)

    def _announce(self) -> None:
        self.post_message(self.CursorMoved(self.position, self.current_quote, self.progress))

    def _go_line(self, line: int | None, center: bool = False) -> None:
        if line is not None and line < len(self.lines) and self.lines[line].offsets:
            self.move_to(self.lines[line].offsets[0], center)

    def action_cursor_down(self) -> None:
        """Next line."""
        self._go_line(self.index.step(self.cursor_line, 1))

    def action_cursor_up(self) -> None:
        """Previous line."""
        self._go_line(self.index.step(self.cursor_line, -1))

    def action_page_down(self) -> None:
        """Down one screen."""
        moves.page(self, 1)

    def action_page_up(self) -> None:
        """Up one screen."""
        moves.page(self, -1)

    def action_top(self) -> None:
        """First line."""
        self.scroll_to(y=0, animate=False)
        self._go_line(self.index.at_or_after(0))

    def action_bottom(self) -> None:
        """Last line."""
        self._go_line(self.index.at_or_before(len(self.lines)))

    def _jump(self, starts: Sequence[int], direction: int) -> bool:
        target = next_start(starts, self.position, direction)
        if target is not None:
            self.move_to(target, center=abs(self.index.line_of(target) - self.cursor_line) > 4)
        return target is not None

    def action_sentence(self, direction: int) -> None:
        """Next (1) or previous (-1) sentence."""
        self._jump(self.text.sentence_starts, direction)

    def action_paragraph(self, direction: int) -> None:
        """Next (1) or previous (-1) paragraph or other block."""
        starts = self.text.block_starts if self.analysis else self.index.paragraph_starts
        self._jump(starts, direction)

    def action_quote(self, direction: int) -> None:
        """Next (1) or previous (-1) quote."""
        if self.analysis is None:
            self.notify("Still finding the quotes…", timeout=2)
        elif not self.text.quote_starts:
            self.notify("No quotes in this article.", timeout=2)
        elif not self._jump(self.text.quote_starts, direction):
            self.notify("That was the last quote." if direction > 0 else "No quote before this.",
                        timeout=2)

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected source span ``(start, end)`` (may be empty), or ``None``."""
        if self.select_from is None:
            return None
        return min(self.select_from, self.position), max(self.select_from, self.position)

    def action_word(self, direction: int) -> None:
        """Next (1) or previous (-1) word (extends the selection while selecting)."""
        selecting.word_move(self, direction)

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Draw ``highlights`` in their colours, with a margin marker where one has a note."""
        selecting.set_highlights(self, highlights)

    async def _on_click(self, event: events.Click) -> None:
        if self.dragged:  # the end of a drag, which selected text
            self.dragged = False
            return
        self.select_from = None
        line = int(self.scroll_y) + event.y
        self._go_line(self.index.at_or_before(line))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        selecting.mouse_down(self, event)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        selecting.mouse_move(self, event)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        selecting.mouse_up(self, event)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolling (wheel, scrollbar) drags the cursor along so it stays on screen."""
        super().watch_scroll_y(old_value, new_value)
        moves.keep_cursor_visible(self, int(new_value))

    # -- drawing --------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """Draw screen line ``y``."""
        from reader.tui.render import render_article_line

        if self._resume is not None:  # the first screen is being painted: start step 2
            resume, self._resume = self._resume, None
            self.call_later(self._finish, *resume)
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(index)
        if strip is None or strip.cell_length != width:
            strip = render_article_line(self, index, width)
            self._strips[index] = strip
            while len(self._strips) > 400:
                self._strips.popitem(last=False)
        return strip


__all__ = ["CODE", "EM", "LINK", "STRONG", "ArticleView"]
