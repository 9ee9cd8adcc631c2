"""The reading model: cursor, selection and moves over one article's laid-out lines (no Textual).

``ArticleView`` holds one ``ReadingModel``, turns keys and mouse events into calls on it,
scrolls where it says and draws it. Every place is a source offset into the article body, so
the cursor survives a new layout (resize, theme). A selection is the span between
``select_from`` and the cursor (end exclusive), so every cursor move extends it.

Moves return a ``Move`` (where the cursor went and how to show it), or ``None`` when the
cursor cannot go that way; the model is already updated when they return.

A long article is laid out in batches while its first screen is already shown, so a move
can ask for a place that is not laid out yet: the last line (``G``) or an offset further on
(a saved position, a jump). The model keeps that request as its ``goal`` and re-applies it
as each batch arrives (``add_lines``), until it is reached or the layout is done; any later
move replaces it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from reader.library import Highlight
from reader.quotes import Analysis, Quote
from reader.tui.highlight_marks import highlight_at, marks_of, next_highlight, placed
from reader.tui.layout import Line, index_at_column
from reader.tui.text_index import LineIndex, TextIndex, next_start
from reader.tui.words import Words

SCROLL_OFF = 3  # lines kept between the cursor and the top or bottom edge
FAR = 4  # jumps further than this many lines put the cursor a third of the way down
END = -1  # ``ReadingModel.goal``: the last line, wherever it turns out to be


@dataclass(frozen=True)
class Move:
    """A cursor move that happened.

    Attributes:
        offset: The cursor's new source offset.
        center: Show the cursor a third of the way down (after a long jump).
    """

    offset: int
    center: bool = False


class ReadingModel:
    """Where the reader is in one article: cursor, selection, highlights; and how keys move.

    Attributes:
        body: The article body (source text all offsets point into).
        lines: Display lines laid out so far.
        index: Finds the line of an offset.
        analysis: Quotes, speakers and sentences, once known.
        text: Sorted offsets of the analysis (quotes, sentences, blocks).
        position: The reading cursor (source offset).
        laid_out: Whether every line is laid out.
        measure: Text width in cells.
        goal: Where the cursor was asked to be, while that is not laid out yet: ``END``
            (the last line) or a source offset; ``None`` when the cursor is where asked.
        select_from: The other end of the selection, while selecting.
        caret: Draw the cursor character (while selecting, after word moves).
        drag_from: Source offset a mouse drag started on.
        dragged: Whether the pointer moved off ``drag_from`` while the button was down.
        highlights: The article's highlights.
        marks: Non-overlapping ``(start, end, kind)`` spans drawn over the text.
        mark_starts: Start offsets of ``marks``.
        note_starts: First offsets of highlights with a note (for the margin marker).
    """

    def __init__(self) -> None:
        """Start with no article."""
        self.body = ""
        self.opened = False
        self.lines: list[Line] = []
        self.index = LineIndex()
        self.analysis: Analysis | None = None
        self.text = TextIndex()
        self.position = 0
        self.laid_out = False
        self.measure = 0
        self.goal: int | None = None
        self.select_from: int | None = None
        self.caret = False
        self.drag_from: int | None = None
        self.dragged = False
        self.highlights: list[Highlight] = []
        self.marks: list[tuple[int, int, str]] = []
        self.mark_starts: list[int] = []
        self.note_starts: list[int] = []
        self._words: tuple[str, Words] | None = None

    # -- content ----------------------------------------------------------------------------
    def open(self, body: str, position: int) -> None:
        """Start on ``body`` with the cursor at ``position`` (clamped to the body)."""
        self.body = body
        self.opened = True
        self.select_from = None
        self.position = max(0, min(position, len(body)))
        self.goal = self.position

    def relayout(self) -> None:
        """A new layout is coming (resize, new article): show the cursor again once its
        line is laid out (or the last line, while that is still asked for)."""
        self.laid_out = False
        if self.goal != END:
            self.goal = self.position

    def clear_lines(self) -> None:
        """Forget the layout (a new one is coming)."""
        self.lines = []
        self.index = LineIndex()

    def add_lines(self, lines: Sequence[Line], done: bool) -> Move | None:
        """Append laid-out ``lines``; ``done`` when they are the last.

        Returns:
            The move that brings the cursor where it was asked to be (``goal``), when these
            lines reach that place (or bring the last line nearer); ``None`` otherwise.
        """
        self.index.extend(lines, len(self.lines))
        self.lines.extend(lines)
        self.laid_out = done
        goal = self.goal
        if goal is None or not self.lines:
            return None
        if goal == END:
            line = self.index.at_or_before(len(self.lines))
            if line is None:
                return None
            self.position = self.lines[line].offsets[0]
            self.goal = None if done else END
            return Move(self.position)
        if done or self._reached(goal):
            self.goal = None
            return Move(self.position, center=True)
        return None

    def _reached(self, offset: int) -> bool:
        """Whether the line holding ``offset`` is laid out (with the line after it)."""
        return bool(self.lines) and self.lines[-1].end > offset

    def set_analysis(self, analysis: Analysis) -> None:
        """Quotes and sentences are known."""
        self.analysis = analysis
        self.text = TextIndex(analysis)

    def set_marks(self, marks: Sequence[tuple[int, int, str]]) -> None:
        """Draw ``(start, end, kind)`` marks (non-overlapping source spans)."""
        self.marks = sorted(marks)
        self.mark_starts = [m[0] for m in self.marks]

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Use ``highlights``: their marks, and note markers where one has a note."""
        self.highlights = list(highlights)
        self.note_starts = sorted(h.start for h in placed(highlights)
                                  if h.note and h.start is not None)
        self.set_marks(marks_of(highlights))

    @property
    def words(self) -> Words:
        """The words of the body (found once per body)."""
        if self._words is None or self._words[0] is not self.body:
            self._words = (self.body, Words.of(self.body))
        return self._words[1]

    # -- where the cursor is ------------------------------------------------------------------
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
        """How far the cursor is through the text (0..1), in source characters, so the same
        at every width; the last line counts as the end."""
        if not self.lines or not self.opened:
            return 0.0
        if self.laid_out and self.cursor_line >= len(self.lines) - 1:
            return 1.0
        return min(1.0, self.position / max(len(self.body), 1))

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected source span ``(start, end)`` (may be empty), or ``None``."""
        if self.select_from is None:
            return None
        return min(self.select_from, self.position), max(self.select_from, self.position)

    def selected_words(self) -> tuple[int, int] | None:
        """The selection widened to whole words, or ``None`` when nothing is selected."""
        span = self.selection
        if span is None or not self.opened:
            return None
        start, end = span
        if not self.body[start:end].strip():
            return None
        return self.words.snap(self.body, start, end)

    def highlight_under_cursor(self) -> Highlight | None:
        """The shortest highlight holding the cursor, or ``None``."""
        return highlight_at(self.highlights, self.position)

    def has_note_marker(self, start: int, end: int) -> bool:
        """Whether a noted highlight starts in the source span ``[start, end)`` of one line."""
        k = bisect_left(self.note_starts, start)
        return k < len(self.note_starts) and self.note_starts[k] < end

    # -- moves --------------------------------------------------------------------------------
    def move_to(self, offset: int, center: bool = False, caret: bool = False) -> Move:
        """Put the cursor at ``offset``.

        Args:
            offset: Source offset.
            center: Show it a third of the way down (after a long jump).
            caret: Draw the cursor character (after word moves; always while selecting).
        """
        self.caret = caret or self.select_from is not None
        self.position = max(0, offset)
        self.goal = None if self.laid_out or self._reached(self.position) else self.position
        return Move(self.position, center)

    def go_line(self, line: int | None, center: bool = False) -> Move | None:
        """Put the cursor at the start of display line ``line`` (if it holds text)."""
        if line is not None and line < len(self.lines) and self.lines[line].offsets:
            return self.move_to(self.lines[line].offsets[0], center)
        return None

    def line_step(self, delta: int) -> Move | None:
        """Next (1) or previous (-1) text line."""
        return self.go_line(self.index.step(self.cursor_line, delta))

    def top(self) -> Move | None:
        """The first text line."""
        return self.go_line(self.index.at_or_after(0))

    def bottom(self) -> Move | None:
        """The last text line (while the layout is unfinished: the last line so far, and
        the last line again as more arrive)."""
        move = self.go_line(self.index.at_or_before(len(self.lines)))
        if not self.laid_out:
            self.goal = END
        return move

    def jump(self, starts: Sequence[int], direction: int) -> Move | None:
        """The next (1) or previous (-1) of the sorted offsets ``starts``."""
        target = next_start(starts, self.position, direction)
        if target is None:
            return None
        return self.move_to(target, center=abs(self.index.line_of(target) - self.cursor_line) > FAR)

    def sentence(self, direction: int) -> Move | None:
        """Next (1) or previous (-1) sentence."""
        return self.jump(self.text.sentence_starts, direction)

    def paragraph(self, direction: int) -> Move | None:
        """Next (1) or previous (-1) paragraph or other block (before analysis: after a gap)."""
        starts = self.text.block_starts if self.analysis else self.index.paragraph_starts
        return self.jump(starts, direction)

    def quote(self, direction: int) -> Move | None:
        """Next (1) or previous (-1) quote."""
        return self.jump(self.text.quote_starts, direction)

    def highlight(self, direction: int) -> Move | None:
        """Next (1) or previous (-1) placed highlight."""
        found = next_highlight(self.highlights, self.position, direction)
        if found is None or found.start is None:
            return None
        far = abs(self.index.line_of(found.start) - self.cursor_line) > FAR
        return self.move_to(found.start, center=far)

    def word(self, direction: int) -> Move | None:
        """Next (1) or previous (-1) word start; past the last word a selection still
        extends to the end of the text."""
        target = self.words.step(self.position, direction)
        if target is None:
            if direction > 0 and self.select_from is not None and self.opened:
                target = len(self.body.rstrip())
            else:
                return None
        return self.move_to(target, caret=True)

    # -- paging and scrolling -------------------------------------------------------------------
    @staticmethod
    def page_amount(height: int, direction: int) -> int:
        """Lines one page moves: a screen less two lines of context."""
        return max(height - 2, 1) * direction

    def page(self, direction: int, height: int, before: int, after: int, row: int) -> Move | None:
        """Move the cursor after a page scroll from ``before`` to ``after`` (first lines).

        The cursor keeps its ``row`` on screen; at either end, where the view could not
        scroll, it moves by a screen instead.

        Args:
            direction: 1 for down, -1 for up.
            height: Lines on screen.
            before: First visible line before the scroll.
            after: First visible line after it.
            row: The cursor's row on screen before the scroll.
        """
        amount = self.page_amount(height, direction)
        target = after + row if after != before else self.cursor_line + amount
        target = max(0, min(target, len(self.lines) - 1))
        if direction > 0:
            line = self.index.at_or_after(target)
            line = line if line is not None else self.index.at_or_before(len(self.lines))
        else:
            line = self.index.at_or_before(target)
            line = line if line is not None else self.index.at_or_after(0)
        return self.go_line(line)

    def scroll_for_cursor(self, top: int, height: int, center: bool = False) -> int | None:
        """The first line to show so the cursor is ``SCROLL_OFF`` lines from the edges (or a
        third of the way down with ``center``); ``None`` when it already is."""
        line = self.cursor_line
        if center:
            return max(line - height // 3, 0)
        if line < top + SCROLL_OFF:
            return max(line - SCROLL_OFF, 0)
        if line >= top + height - SCROLL_OFF:
            return line - height + SCROLL_OFF + 1
        return None

    def follow_scroll(self, top: int, height: int) -> bool:
        """After a scroll to ``top`` (wheel, scrollbar), move the cursor onto the nearest
        visible text line; return whether it moved."""
        if not self.lines or height <= 0:  # hidden or not laid out yet
            return False
        line = self.cursor_line
        margin = min(SCROLL_OFF, max((height - 1) // 2, 0))
        first, last = top + margin, top + height - 1 - margin
        if top <= 0:  # at either end the view cannot scroll further: no margin there
            first = 0
        if top >= len(self.lines) - height:
            last = top + height - 1
        if first <= line <= last:
            return False
        # Land inside the same margin that key moves keep, or the next key move would scroll
        # the view back and the cursor would seem stuck.
        target = self.index.at_or_after(first) if line < first else self.index.at_or_before(last)
        if target is not None and self.lines[target].offsets:
            self.position = self.lines[target].offsets[0]
            self.goal = None  # the reader scrolled away from where the cursor was asked to be
            return True
        return False

    # -- selection and the mouse ----------------------------------------------------------------
    def toggle_selection(self) -> Move:
        """Start selecting at the cursor, or stop when already selecting."""
        self.select_from = None if self.select_from is not None else self.position
        return self.move_to(self.position, caret=self.select_from is not None)

    def clear_selection(self) -> Move | None:
        """Drop the selection (the cursor stays); ``None`` when there was none."""
        if self.select_from is None:
            return None
        self.select_from = None
        return self.move_to(self.position)

    def text_left(self, width: int) -> int:
        """The column where line text (before any prefix) starts in ``width`` cells."""
        return max((width - self.measure) // 2, 2)

    def offset_at(self, x: int, line_no: int, width: int) -> int | None:
        """The source offset drawn at column ``x`` of display line ``line_no`` (the nearest
        text), or ``None``.

        Args:
            x: Column in the view.
            line_no: Display line (the first visible line plus the screen row).
            width: Width of the view's content region.
        """
        found = self.index.at_or_before(line_no)
        if found is None:
            return None
        line = self.lines[found]
        if found != line_no:  # below the text of a line: its end
            return line.offsets[-1] if line.offsets else None
        column = x - self.text_left(width) - cell_len(line.prefix)
        if not line.offsets:
            return None
        return line.offsets[index_at_column(line, max(column, 0))]

    def click(self, line_no: int) -> Move | None:
        """A click on display line ``line_no``: drop the selection, go to that line."""
        self.select_from = None
        return self.go_line(self.index.at_or_before(line_no))

    def press(self, offset: int | None) -> bool:
        """The mouse button went down on ``offset``; return whether a drag may start."""
        self.drag_from = offset
        self.dragged = False
        return offset is not None

    def drag_to(self, here: int | None) -> Move | None:
        """Extend the dragged selection to ``here`` (inclusive)."""
        start = self.drag_from
        if start is None or here is None or (here == start and not self.dragged):
            return None
        self.dragged = True
        if here >= start:
            self.select_from = start
            return self.move_to(here + 1)
        self.select_from = start + 1
        return self.move_to(here)

    def release(self, here: int | None) -> tuple[Move | None, bool]:
        """The button went up on ``here``: the last drag step, and whether text was dragged
        over (the selection stays for ``h``)."""
        move = self.drag_to(here)
        self.drag_from = None
        return move, self.dragged


__all__ = ["END", "FAR", "SCROLL_OFF", "Move", "ReadingModel"]
