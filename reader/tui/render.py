"""Turn one laid-out article line of a ``ReadingModel`` into a Strip: centred, styled by
block, inline styles, quotes (from the text engine's source offsets), the reading cursor,
highlight marks, the selection and a margin marker for highlights with a note."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from reader.tui.layout import CODE, EM, LINK, STRONG
from reader.tui.reading_model import ReadingModel
from reader.tui.styles import component_style

# flags, quote kind, current quote, in cursor sentence, mark kind, selected, caret
Key = tuple[int, str | None, bool, bool, str | None, bool, bool]
NOTE_MARKER = "✎"
KIND_CLASS = {
    "heading": "article--heading",
    "block_quote": "article--blockquote",
    "code": "article--code",
    "title": "article--title",
    "meta": "article--meta",
    "rule": "article--rule",
    "marker": "article--marker",
}
_ITALIC = Style(italic=True)
_BOLD = Style(bold=True)


class ArticleStyles:
    """The Rich styles of article text, built from a widget's component classes and cached
    (cleared when the theme changes)."""

    def __init__(self, widget: Widget) -> None:
        """Take component styles from ``widget`` (which declares the ``article--*`` classes)."""
        self.widget = widget
        self._cache: dict[tuple[object, ...], Style] = {}

    def clear(self) -> None:
        """Forget every style (the theme changed)."""
        self._cache.clear()

    @property
    def base(self) -> Style:
        """The widget's own style (background and text colour)."""
        return self.widget.rich_style

    def style(
        self,
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
        key = (kind, flags, quote, current, sentence, mark, selected, caret)
        style = self._cache.get(key)
        if style is not None:
            return style

        def part(name: str) -> Style:
            return component_style(self.widget, name)

        style = self.base
        if kind in KIND_CLASS:
            style += part(KIND_CLASS[kind])
        if flags & EM:
            style += _ITALIC
        if flags & STRONG:
            style += _BOLD
        if flags & CODE:
            style += part("article--code")
        if flags & LINK:
            style += part("article--link")
        if sentence:
            style += part("article--sentence")
        if quote:
            style += part("article--quote" if quote == "speech" else "article--quote-other")
        if current:
            style += part("article--quote-current")
        if mark:
            style += part(f"article--{mark}")
        if selected:
            style += part("article--selection")
        if caret:
            style += part("article--caret")
        self._cache[key] = style
        return style


class Styled(Protocol):
    """Something that draws article text (the article view)."""

    @property
    def line_styles(self) -> ArticleStyles:
        """Its styles."""
        ...


def style_for(view: Styled, kind: str, flags: int = 0, quote: str | None = None,
              current: bool = False, sentence: bool = False, mark: str | None = None,
              selected: bool = False, caret: bool = False) -> Style:
    """Return the style ``view`` draws a character with (see ``ArticleStyles.style``)."""
    return view.line_styles.style(kind, flags, quote, current, sentence, mark, selected, caret)


def render_article_line(
    model: ReadingModel, styles: ArticleStyles, index: int, width: int
) -> Strip:
    """Render display line ``index`` of ``model`` to a Strip exactly ``width`` cells wide.

    Args:
        model: The reading model (lines, cursor, quotes, marks, selection).
        styles: The view's styles.
        index: Line index in ``model.lines``.
        width: Width of the view's content region.

    Returns:
        The strip.
    """
    line = model.lines[index]
    base = styles.base
    left = model.text_left(width)
    offsets = line.offsets
    is_cursor = bool(offsets) and index == model.cursor_line
    segments = [Segment(" " * (left - 2), base)]
    if is_cursor:
        segments.append(Segment("▌", styles.style("gutter", mark="gutter")))
    else:
        segments.append(Segment(" ", base))
    if offsets and model.has_note_marker(offsets[0], offsets[-1] + 1):
        segments.append(Segment(NOTE_MARKER, styles.style("note-marker", mark="note-marker")))
    else:
        segments.append(Segment(" ", base))
    if line.prefix:
        prefix_kind = "marker" if line.kind == "list_item" else line.kind
        segments.append(Segment(line.prefix, styles.style(prefix_kind)))
    if offsets:
        segments.extend(_text_segments(model, styles, line.text, offsets, line.flags, line.kind))
    return Strip(segments).adjust_cell_length(width, base)


def _text_segments(
    model: ReadingModel, styles: ArticleStyles, text: str, offsets: Sequence[int], flags: bytes,
    kind: str,
) -> list[Segment]:
    spans, starts, quotes = model.text.spans, model.text.span_starts, model.text.quotes
    current = model.current_quote
    sentence_start, sentence_end = model.text.sentence_at(model.position)
    k = max(bisect_right(starts, offsets[0]) - 1, 0)
    marks = model.marks
    m = max(bisect_right(model.mark_starts, offsets[0]) - 1, 0)
    chosen = model.selection or (0, 0)
    caret = model.position if model.caret else -1
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
                out.append(Segment(text[run_start:i], styles.style(kind, *run_key)))
            run_start, run_key = i, key
    if run_key is not None:
        out.append(Segment(text[run_start:], styles.style(kind, *run_key)))
    return out
