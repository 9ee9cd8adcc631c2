"""Turn one laid-out article line into a Strip: centred, styled by block, inline styles,
quotes (from the text engine's source offsets), the reading cursor, highlight marks, the
selection and a margin marker for highlights with a note."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.tui.layout import CODE, EM, LINK, STRONG
from reader.tui.selecting import has_note_marker, text_left
from reader.tui.styles import component_style

if TYPE_CHECKING:
    from reader.tui.article_view import ArticleView

# flags, quote kind, current quote, in cursor sentence, mark kind, selected, caret
Key = tuple[int, str | None, bool, bool, str | None, bool, bool]
NOTE_MARKER = "✎"
_ITALIC = Style(italic=True)
_BOLD = Style(bold=True)


def style_for(
    view: ArticleView,
    kind: str,
    flags: int = 0,
    quote: str | None = None,
    current: bool = False,
    sentence: bool = False,
    mark: str | None = None,
    selected: bool = False,
    caret: bool = False,
) -> Style:
    """Return the (cached) Rich style of a character with these properties.

    Args:
        view: The article view (source of component styles).
        kind: Block or line kind.
        flags: Inline style bits.
        quote: Quote kind holding the character, if any.
        current: Whether that quote is the one under the cursor.
        sentence: Whether the character is in the cursor's sentence.
        mark: Mark kind (``hl-<colour>`` for highlights), drawn over the quote styling.
        selected: Whether the character is selected.
        caret: Whether the reading cursor is on the character (drawn while selecting).

    Returns:
        The combined style.
    """
    from reader.tui.article_view import KIND_CLASS

    key = (kind, flags, quote, current, sentence, mark, selected, caret)
    style = view._styles.get(key)
    if style is not None:
        return style
    def part(name: str, partial: bool = True) -> Style:
        return component_style(view, name)

    style = view.rich_style
    if kind in KIND_CLASS:
        style += part(KIND_CLASS[kind], partial=True)
    if flags & EM:
        style += _ITALIC
    if flags & STRONG:
        style += _BOLD
    if flags & CODE:
        style += part("article--code", partial=True)
    if flags & LINK:
        style += part("article--link", partial=True)
    if sentence:
        style += part("article--sentence", partial=True)
    if quote:
        style += part("article--quote" if quote == "speech" else "article--quote-other",
                      partial=True)
    if current:
        style += part("article--quote-current", partial=True)
    if mark:
        style += part(f"article--{mark}", partial=True)
    if selected:
        style += part("article--selection", partial=True)
    if caret:
        style += part("article--caret", partial=True)
    view._styles[key] = style
    return style


def render_article_line(view: ArticleView, index: int, width: int) -> Strip:
    """Render display line ``index`` of ``view`` to a Strip exactly ``width`` cells wide.

    Args:
        view: The article view.
        index: Line index in ``view.lines``.
        width: Width of the view's content region.

    Returns:
        The strip.
    """
    line = view.lines[index]
    base = view.rich_style
    left = text_left(view, width)
    offsets = line.offsets
    is_cursor = bool(offsets) and index == view.cursor_line
    segments = [Segment(" " * (left - 2), base)]
    if is_cursor:
        segments.append(Segment("▌", style_for(view, "gutter", mark="gutter")))
    else:
        segments.append(Segment(" ", base))
    if offsets and has_note_marker(view, offsets[0], offsets[-1] + 1):
        segments.append(Segment(NOTE_MARKER, style_for(view, "note-marker", mark="note-marker")))
    else:
        segments.append(Segment(" ", base))
    if line.prefix:
        prefix_kind = "marker" if line.kind == "list_item" else line.kind
        segments.append(Segment(line.prefix, style_for(view, prefix_kind)))
    if offsets:
        segments.extend(_text_segments(view, line.text, offsets, line.flags, line.kind))
    return Strip(segments).adjust_cell_length(width, base)


def _text_segments(
    view: ArticleView, text: str, offsets: Sequence[int], flags: bytes, kind: str
) -> list[Segment]:
    spans, starts, quotes = view.text.spans, view.text.span_starts, view.text.quotes
    current = view.current_quote
    sentence_start, sentence_end = view.text.sentence_at(view.position)
    k = max(bisect_right(starts, offsets[0]) - 1, 0)
    marks = view.marks
    m = max(bisect_right(view.mark_starts, offsets[0]) - 1, 0)
    chosen = view.selection or (0, 0)
    caret = view.position if view.caret else -1
    out: list[Segment] = []
    run_start = 0
    run_key: Key | None = None
    for i, offset in enumerate(offsets):
        while k < len(spans) and spans[k][1] <= offset:
            k += 1
        quote = None
        if k < len(spans) and spans[k][0] <= offset:
            quote = quotes[spans[k][2]]
        while m < len(marks) and marks[m][1] <= offset:
            m += 1
        mark = marks[m][2] if m < len(marks) and marks[m][0] <= offset else None
        key = (
            flags[i],
            quote.kind if quote else None,
            quote is not None and quote is current,
            sentence_start <= offset < sentence_end,
            mark,
            chosen[0] <= offset < chosen[1],
            offset == caret,
        )
        if key != run_key:
            if run_key is not None:
                out.append(Segment(text[run_start:i], _key_style(view, kind, run_key)))
            run_start, run_key = i, key
    if run_key is not None:
        out.append(Segment(text[run_start:], _key_style(view, kind, run_key)))
    return out


def _key_style(view: ArticleView, kind: str, key: Key) -> Style:
    flags, quote, current, sentence, mark, selected, caret = key
    return style_for(view, kind, flags, quote, current, sentence, mark, selected, caret)
