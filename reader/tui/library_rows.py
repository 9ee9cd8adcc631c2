"""Column layout, cell text and row segments for the library list (Rich only; no Textual)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from reader.library import SNIPPET_END, SNIPPET_START, ArticleSummary
from reader.safe_text import line
from reader.tui.cell_fit import fit, shorten
from reader.tui.page_sources import Row

GAP = 2

SORT_COLUMN = {
    "newest": "date",
    "oldest": "date",
    "title": "title",
    "author": "authors",
    "highlights": "highlights",
    "unread": "progress",
}
SORT_LABEL = {
    "newest": "newest first",
    "oldest": "oldest first",
    "title": "title",
    "author": "author",
    "highlights": "most highlighted",
    "unread": "unread first",
}


@dataclass(frozen=True)
class Column:
    """One column of the list.

    Attributes:
        key: Field shown (``title``, ``authors``, ``site``, ``date``, ``words``...).
        label: Header label.
        width: Width in cells.
        right: Right-align the cell.
    """

    key: str
    label: str
    width: int
    right: bool = False


def columns(width: int) -> list[Column]:
    """Choose the columns that fit in ``width`` cells; the title takes what is left.

    Args:
        width: Width of the list in cells.

    Returns:
        Columns in display order; their widths plus gaps add up to ``width``.
    """
    optional = [
        (70, Column("date", "Date", 10)),
        (56, Column("authors", "Authors", 16 if width < 110 else 22)),
        (100, Column("site", "Site", 14 if width < 130 else 18)),
        (88, Column("words", "Words", 5, right=True)),
        (88, Column("highlights", "✎", 3, right=True)),
        (40, Column("progress", "Read", 4, right=True)),
    ]
    chosen = [col for need, col in optional if width >= need]
    order = ["authors", "site", "date", "words", "highlights", "progress"]
    chosen.sort(key=lambda c: order.index(c.key))
    used = 2 + sum(c.width + GAP for c in chosen)
    title = Column("title", "Title", max(width - used, 8))
    return [Column("mark", "", 2), title, *chosen]


def words_label(words: int) -> str:
    """Format a word count compactly: ``812``, ``4.2k``, ``51k``."""
    if words < 1000:
        return str(words)
    if words < 10_000:
        return f"{words / 1000:.1f}k"
    return f"{words // 1000}k"


def progress_label(progress: float) -> str:
    """Format reading progress: ``—`` unread, ``37%``, ``✓`` finished."""
    if progress <= 0:
        return "—"
    if progress >= 0.98:
        return "✓"
    return f"{max(int(progress * 100), 1)}%"


def progress_mark(progress: float) -> str:
    """A one-cell glyph for the row's first column: unread dot, partial, done."""
    if progress <= 0:
        return "•"
    if progress >= 0.98:
        return " "
    return "◐"


def cell_text(article: ArticleSummary, key: str) -> str:
    """Return the plain, sanitised text of one cell.

    Args:
        article: The row's article.
        key: Column key.

    Returns:
        Cell text (not yet fitted to width).
    """
    if key == "title":
        return line(article.title) or "(untitled)"
    if key == "authors":
        return line(", ".join(article.authors))
    if key == "site":
        return line(article.site or "")
    if key == "date":
        return line((article.published or "")[:10])
    if key == "words":
        return words_label(article.words)
    if key == "highlights":
        return str(article.highlights) if article.highlights else ""
    if key == "progress":
        return progress_label(article.progress)
    if key == "mark":
        return progress_mark(article.progress)
    return ""


def fit_cell(text: str, column: Column) -> str:
    """Fit ``text`` to the column's width, aligned."""
    if column.right:
        short = shorten(text, column.width)
        return " " * (column.width - cell_len(short)) + short
    return fit(text, column.width)


def header_cells(cols: list[Column], sort: str) -> list[str]:
    """Return the header label of each column, the sorted one marked with an arrow."""
    sorted_key = SORT_COLUMN.get(sort, "")
    arrow = "▲" if sort in ("title", "author", "oldest") else "▼"
    out = []
    for col in cols:
        label = col.label + (f" {arrow}" if col.key == sorted_key and col.label else "")
        if col.key == "highlights" and col.key == sorted_key:
            label = f"{arrow}{col.label}"
        out.append(fit_cell(label, col))
    return out


def snippet_spans(snippet: str) -> list[tuple[str, bool]]:
    """Split a search snippet into ``(text, is_match)`` runs, sanitised.

    Args:
        snippet: Snippet from ``Library.search`` with match markers.

    Returns:
        Plain-text runs; ``is_match`` is True for matched terms.
    """
    out: list[tuple[str, bool]] = []
    inside = False
    buf: list[str] = []
    for char in snippet:
        if char in (SNIPPET_START, SNIPPET_END):
            if buf:
                out.append((line("".join(buf)), inside))
                buf = []
            inside = char == SNIPPET_START
        else:
            buf.append(char)
    if buf:
        out.append((line("".join(buf)), inside))
    return [(t, m) for t, m in out if t]


def tags_label(tags: list[str]) -> str:
    """Format tags for a list row: ``#local #long read``."""
    shown = [line(tag) for tag in tags]
    return " ".join("#" + tag for tag in shown if tag)


def title_cells(article: ArticleSummary, width: int) -> tuple[str, str]:
    """Split the title column between the title and the article's tags.

    The title keeps at least three quarters of the column; tags follow it, cut with an
    ellipsis.

    Args:
        article: The row's article.
        width: The title column's width.

    Returns:
        ``(title, tags)`` whose cell lengths add up to ``width`` (tags may be ``""``).
    """
    title, tags = cell_text(article, "title"), tags_label(article.tags)
    if not tags or width < 30:
        return fit(title, width), ""
    tags_width = min(cell_len(tags), max(width // 4, 10))
    shown = shorten(title, width - tags_width - GAP)
    return shown + " " * GAP, fit(tags, width - cell_len(shown) - GAP)


def row_segments(row: Row, cols: list[Column], style: Style, dim: Style,
                 unread: Style, tag: Style | None = None) -> list[Segment]:
    """Draw one list row as segments: unread titles stand out, tags follow the title, other
    columns are dim."""
    out: list[Segment] = []
    for col in cols:
        text = fit_cell(cell_text(row.article, col.key), col)
        if col.key == "title":
            seg_style = unread if row.article.progress <= 0 else style
            text, tags = title_cells(row.article, col.width)
            if tags:
                out.append(Segment(text, seg_style))
                text, seg_style = tags, tag or dim
        elif col.key == "mark":
            seg_style = unread
        else:
            seg_style = dim
        out.append(Segment(text, seg_style))
        if col.key != "mark":
            out.append(Segment(" " * GAP, style))
    return out


def snippet_segments(row: Row, style: Style, snip: Style, match: Style) -> list[Segment]:
    """Draw a search hit's snippet line, matched terms in ``match`` style."""
    out = [Segment("    ", style)]
    for text, is_match in snippet_spans(row.snippet or ""):
        out.append(Segment(text, match if is_match else snip))
    return out
