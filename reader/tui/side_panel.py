"""The reading screen's side panel: one option list that shows either the article's quotes
(grouped by speaker) or its highlights (in text order, orphaned ones apart).

Choosing a row with a place in the text posts ``SidePanel.Chosen`` with its source offset;
``follow`` points at the row of what is under the reading cursor.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.library import Highlight
from reader.quotes import Analysis, Quote
from reader.safe_text import line
from reader.tui.cell_fit import shorten

QUOTE_WIDTH = 80
SWATCH = {"yellow": "#e8c531", "green": "#4cb85a", "blue": "#3f8ee0", "pink": "#e866a8",
          "purple": "#9a6ee0"}
_AT = "at:"  # option ids of rows with a place: "at:<offset>:<key>"
_ORPHAN = "orphan:"


@dataclass
class PanelRows:
    """What the panel shows: its options, where each followable item sits, a subtitle.

    Attributes:
        options: The rows, headers included.
        index: Row index of each item (a quote's start, a highlight's id), for ``follow``.
        subtitle: Shown on the bottom border.
    """

    options: list[Option] = field(default_factory=list)
    index: dict[Hashable, int] = field(default_factory=dict)
    subtitle: str = ""


def quote_line(quote: Quote, width: int = QUOTE_WIDTH) -> str:
    """Return a quote's words on one line, shortened, in curly quotes."""
    return "“" + shorten(line(quote.text), width) + "”"


def highlight_row(highlight: Highlight, width: int = 60) -> Text:
    """Return a highlight as a panel row: a colour swatch, its text, then its note (dim)."""
    row = Text("▌", style=SWATCH.get(highlight.color, ""))
    row.append(" “" + shorten(line(highlight.text), width) + "”")
    if highlight.note:
        row.append("\n  ✎ " + shorten(line(highlight.note), width), style="dim italic")
    return row


def quote_rows(analysis: Analysis) -> PanelRows:
    """Quotes by speaker (most quoted first), then unattributed ones; keyed by start."""
    rows = PanelRows(subtitle=f"{len(analysis.quotes)} quotes")
    groups: list[tuple[str, list[Quote]]] = [
        (line(s.name), list(s.quotes)) for s in analysis.speakers
    ]
    loose = [q for q in analysis.quotes if q.speaker is None and q.kind == "speech"]
    if loose:
        groups.append(("Unattributed", loose))
    for name, quotes in groups:
        header = Text(name, style="bold")
        header.append(f"  {len(quotes)}", style="dim")
        rows.options.append(Option(header, disabled=True))
        for quote in quotes:
            rows.index.setdefault(quote.start, len(rows.options))
            rows.options.append(Option(Text("  " + quote_line(quote, 60)),
                                       id=f"{_AT}{quote.start}:q"))
    if not rows.options:
        rows.options.append(Option(Text("No quotes in this article."), disabled=True))
    return rows


def highlight_rows(highlights: Sequence[Highlight]) -> PanelRows:
    """Placed highlights in text order, then an "Orphaned" group; keyed by highlight id.

    Args:
        highlights: The article's highlights, as ``Library.highlights_of`` returns them.
    """
    rows = PanelRows(subtitle=f"{len(highlights)} · l quotes")
    placed = [h for h in highlights if h.start is not None]
    orphans = [h for h in highlights if h.start is None]
    for h in placed:
        rows.index[h.id] = len(rows.options)
        rows.options.append(Option(highlight_row(h), id=f"{_AT}{h.start}:{h.id}"))
    if orphans:
        header = Text("Orphaned", style="bold")
        header.append(f"  {len(orphans)}  · text no longer in the article", style="dim")
        rows.options.append(Option(header, disabled=True))
        for h in orphans:
            rows.options.append(Option(highlight_row(h), id=f"{_ORPHAN}{h.id}"))
    if not rows.options:
        rows.options.append(Option(Text("No highlights yet: h highlights the sentence, "
                                        "v starts a selection."), disabled=True))
    return rows


class SidePanel(OptionList):
    """A list beside the article; choosing a row with a place jumps there."""

    class Chosen(Message):
        """A row was chosen; ``start`` is its source offset."""

        def __init__(self, start: int) -> None:
            super().__init__()
            self.start = start

    def __init__(self, title: str, *, id: str | None = None) -> None:
        """Create an empty panel titled ``title``."""
        super().__init__(id=id)
        self.border_title = title
        self._index: dict[Hashable, int] = {}

    def show_rows(self, rows: PanelRows) -> None:
        """Replace the rows, keeping the pointer on the same row when it is still there."""
        keep = self.highlighted_option.id if self.highlighted_option else None
        self.clear_options()
        self._index = rows.index
        self.add_options(rows.options)
        self.border_subtitle = rows.subtitle
        if keep is not None:
            for index, option in enumerate(self.options):
                if option.id == keep:
                    self.highlighted = index

    def follow(self, key: Hashable | None) -> None:
        """Point at the row of ``key`` (what is under the reading cursor), unless the reader
        is in the panel."""
        if key is not None and key in self._index and not self.has_focus:
            self.highlighted = self._index[key]

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith(_AT):
            self.post_message(self.Chosen(int(option_id[len(_AT):].split(":", 1)[0])))
        elif option_id.startswith(_ORPHAN):
            self.notify("This highlight's text is no longer in the article; it is kept "
                        "with its note.", timeout=4)


__all__ = ["PanelRows", "SidePanel", "highlight_rows", "quote_line", "quote_rows"]
