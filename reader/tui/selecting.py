"""The reading view's selection: word moves, mouse drags and the highlight marks it draws.

Kept out of ``ArticleView`` for size; every function takes the view. A selection is the span
between ``view.select_from`` and the reading cursor (end exclusive), so every cursor move
extends it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events

from reader.store.annotation_models import Highlight
from reader.tui.layout import index_at_column
from reader.tui.selection import Words, marks_of, placed

if TYPE_CHECKING:
    from reader.tui.article_view import ArticleView


def words_of(view: ArticleView) -> Words:
    """Return the words of the view's article (found once per article)."""
    body = view.article.body if view.article else ""
    if view.words is None or view.words[0] is not body:
        view.words = (body, Words.of(body))
    return view.words[1]


def word_move(view: ArticleView, direction: int) -> None:
    """Move the cursor to the next (1) or previous (-1) word start."""
    target = words_of(view).step(view.position, direction)
    if target is None:  # past the last word: the end of the text still extends a selection
        if direction > 0 and view.select_from is not None and view.article is not None:
            target = len(view.article.body.rstrip())
        else:
            return
    view.move_to(target, caret=True)


def start_selection(view: ArticleView) -> None:
    """Start selecting at the cursor, or stop when already selecting."""
    view.select_from = None if view.select_from is not None else view.position
    view.move_to(view.position, caret=view.select_from is not None)


def clear_selection(view: ArticleView) -> None:
    """Drop the selection (the cursor stays)."""
    if view.select_from is not None:
        view.select_from = None
        view.move_to(view.position)


def set_highlights(view: ArticleView, highlights: Sequence[Highlight]) -> None:
    """Draw ``highlights`` and note markers (on the first line of each noted highlight)."""
    view.highlights = list(highlights)
    view.note_starts = sorted(h.start for h in placed(highlights)
                              if h.note and h.start is not None)
    view.set_marks(marks_of(highlights))


def has_note_marker(view: ArticleView, start: int, end: int) -> bool:
    """Whether a noted highlight starts in the source span ``[start, end)`` of one line."""
    k = bisect_left(view.note_starts, start)
    return k < len(view.note_starts) and view.note_starts[k] < end


def text_left(view: ArticleView, width: int) -> int:
    """Return the column where line text (before any prefix) starts."""
    return max((width - view.measure) // 2, 2)


def offset_at(view: ArticleView, x: int, y: int) -> int | None:
    """Return the source offset drawn at widget cell ``(x, y)`` (nearest text), or ``None``."""
    line_no = view.index.at_or_before(int(view.scroll_y) + y)
    if line_no is None:
        return None
    line = view.lines[line_no]
    if line_no != int(view.scroll_y) + y:  # below the text of a line: its end
        return line.offsets[-1] if line.offsets else None
    column = x - text_left(view, view.scrollable_content_region.width) - cell_len(line.prefix)
    if not line.offsets:
        return None
    return line.offsets[index_at_column(line, max(column, 0))]


def mouse_down(view: ArticleView, event: events.MouseDown) -> None:
    """Remember where a possible drag starts."""
    if event.button != 1:
        return
    view.drag_from = offset_at(view, event.x, event.y)
    view.dragged = False
    if view.drag_from is not None:
        view.capture_mouse()


def mouse_move(view: ArticleView, event: events.MouseMove) -> None:
    """Extend the dragged selection to the character under the pointer (inclusive).

    The mouse is captured from button down to button up, so every move between them drags
    (some terminals report no button on motion events).
    """
    if view.drag_from is not None:
        _drag_to(view, event.x, event.y)


def _drag_to(view: ArticleView, x: int, y: int) -> None:
    assert view.drag_from is not None
    here = offset_at(view, x, y)
    if here is None or (here == view.drag_from and not view.dragged):
        return
    view.dragged = True
    start = view.drag_from
    if here >= start:
        view.select_from = start
        view.move_to(here + 1)
    else:
        view.select_from = start + 1
        view.move_to(here)


def mouse_up(view: ArticleView, event: events.MouseUp) -> None:
    """End a drag (the selection stays for ``h`` or the footer's Highlight)."""
    if view.drag_from is None:
        return
    _drag_to(view, event.x, event.y)
    view.drag_from = None
    view.release_mouse()
    if view.dragged:
        view.post_message(view.CursorMoved(view.position, view.current_quote, view.progress))
