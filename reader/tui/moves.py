"""Paging and scrolling rules for the reading cursor (kept out of the widget for size)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.tui.article_view import ArticleView


SCROLL_OFF = 3


def show_cursor(view: ArticleView, center: bool = False) -> None:
    """Scroll so the cursor line is on screen, ``SCROLL_OFF`` lines from the edges.

    Args:
        view: The reading view.
        center: Put the cursor a third of the way down instead (after a long jump).
    """
    line = view.cursor_line
    height = view.scrollable_content_region.height
    if height <= 0:  # hidden (narrow panel): scroll once shown again
        view.call_after_refresh(show_cursor, view, center)
        return
    top = int(view.scroll_y)
    if center:
        target = max(line - height // 3, 0)
    elif line < top + SCROLL_OFF:
        target = max(line - SCROLL_OFF, 0)
    elif line >= top + height - SCROLL_OFF:
        target = line - height + SCROLL_OFF + 1
    else:
        return
    view.scroll_to(y=target, animate=False)


def page(view: ArticleView, direction: int) -> None:
    """Scroll one screen down (1) or up (-1); the cursor keeps its row on screen.

    At either end, where the view cannot scroll, the cursor moves by a screen instead.

    Args:
        view: The reading view.
        direction: 1 for down, -1 for up.
    """
    height = view.scrollable_content_region.height
    amount = max(height - 2, 1) * direction
    before = int(view.scroll_y)
    row = view.cursor_line - before
    view.scroll_to(y=max(before + amount, 0), animate=False)
    after = int(view.scroll_y)
    target = after + row if after != before else view.cursor_line + amount
    target = max(0, min(target, len(view.lines) - 1))
    index = view.index
    if direction > 0:
        line = index.at_or_after(target)
        line = line if line is not None else index.at_or_before(len(view.lines))
    else:
        line = index.at_or_before(target)
        line = line if line is not None else index.at_or_after(0)
    view._go_line(line)


def keep_cursor_visible(view: ArticleView, top: int) -> None:
    """After a scroll to ``top``, move the cursor onto the nearest visible text line.

    Args:
        view: The reading view.
        top: The new first visible line.
    """
    height = view.scrollable_content_region.height
    if not view.lines or height <= 0:  # hidden or not laid out yet
        return
    line = view.cursor_line
    margin = min(SCROLL_OFF, max((height - 1) // 2, 0))
    first, last = top + margin, top + height - 1 - margin
    if top <= 0:  # at either end the view cannot scroll further: no margin there
        first = 0
    if top >= len(view.lines) - height:
        last = top + height - 1
    if first <= line <= last:
        return
    # Land inside the same margin that key moves keep, or the next key move would scroll
    # the view back and the cursor would seem stuck.
    target = view.index.at_or_after(first) if line < first else view.index.at_or_before(last)
    if target is not None and view.lines[target].offsets:
        view.position = view.lines[target].offsets[0]
        view._strips.clear()
        view._announce()
