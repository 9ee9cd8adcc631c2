"""Lines of one Notebook entry (a highlight or an article note) as Rich segments; no Textual.

Every entry takes ``ENTRY_HEIGHT`` screen lines::

    ▌ The highlighted text, wrapped over the first line and…
    ▌ ✎ the note, or the rest of the text when there is no note
    ▌ Article title  ·  2026-10-14  ·  orphaned
    (a blank line between entries)

All text is cleaned of control characters and drawn as plain segments, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from reader.library import ArticleNote, Highlight
from reader.safe_text import line
from reader.tui.cell_fit import fit, shorten
from reader.tui.page_sources import Entry

ENTRY_HEIGHT = 4
TEXT_LINES = 3
SWATCH = "▌ "
NOTE_MARK = "✎ "


@dataclass(frozen=True)
class EntryStyles:
    """The styles an entry is drawn with (the row style already merged in).

    Attributes:
        base: Plain text (the cursor's colours when under the cursor).
        dim: The article and date line.
        note: The note line.
        swatch: The colour swatch, by highlight colour (``""`` for article notes).
    """

    base: Style
    dim: Style
    note: Style
    swatch: dict[str, Style]


def break_line(text: str, width: int) -> tuple[str, str]:
    """Split ``text`` into a first line of at most ``width`` cells (at a space when it can)
    and the rest.

    Args:
        text: One line of plain text.
        width: Cells available.

    Returns:
        ``(first, rest)``; ``rest`` is empty when everything fits.
    """
    if width <= 0:
        return "", text
    if cell_len(text) <= width:
        return text, ""
    used, cut, last_space = 0, 0, -1
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            break
        cut = index + 1
        if char == " ":
            last_space = index
    if last_space > width // 2:
        return text[:last_space], text[last_space + 1:].lstrip()
    return text[:cut], text[cut:].lstrip()


def entry_lines(entry: Entry, width: int) -> tuple[str, str, str]:
    """Return the three text lines of an entry (without the swatch), fitted to ``width``.

    Args:
        entry: A highlight or article note.
        width: Cells available after the swatch.

    Returns:
        Text line, second line (note or more text), and the article/date line.
    """
    if isinstance(entry, Highlight):
        text, note = line(entry.text).strip(), line(entry.note).strip()
        when = entry.created[:10]
        extra = "  ·  orphaned (its text left the article)" if entry.state == "orphaned" else ""
    else:
        text, note = line(entry.text).strip(), ""
        when = entry.created[:10]
        extra = "  ·  article note"
    if note:
        first, second = shorten(text, width), shorten(NOTE_MARK + note, width)
    else:
        first, rest = break_line(text, width)
        second = shorten(rest, width)
    title = line(entry.article_title or "") or "(untitled)"
    tail = f"  ·  {when}{extra}"
    meta = shorten(title, max(width - cell_len(tail), 8)) + tail
    return first, second, shorten(meta, width)


def entry_segments(entry: Entry, sub: int, width: int, styles: EntryStyles) -> list[Segment]:
    """Draw line ``sub`` (0, 1 or 2) of an entry, exactly ``width`` cells wide (the caller
    draws the blank separator line, ``sub == 3``).

    Args:
        entry: A highlight or article note.
        sub: Which of the entry's lines.
        width: Width of the list in cells.
        styles: Styles to draw with.

    Returns:
        Segments for the line.
    """
    color = entry.color if isinstance(entry, Highlight) else ""
    swatch_style = styles.swatch.get(color, styles.dim)
    first = sub == 0
    swatch = SWATCH if isinstance(entry, Highlight) else ("¶ " if first else "  ")
    inner = max(width - cell_len(SWATCH), 0)
    lines = entry_lines(entry, inner)
    text = lines[sub]
    is_note = isinstance(entry, ArticleNote) or (sub == 1 and bool(entry.note))
    style = styles.dim if sub == 2 else styles.note if is_note else styles.base
    return [Segment(swatch, swatch_style), Segment(fit(text, inner), style)]


def entry_key(entry: Entry) -> str:
    """A key naming an entry (highlight id, or ``note:<article id>``)."""
    return entry.id if isinstance(entry, Highlight) else f"note:{entry.article_id}"
