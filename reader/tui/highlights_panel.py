"""Side panel listing the article's highlights in text order, orphaned ones apart."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.safe_text import for_terminal
from reader.store.annotation_models import Highlight
from reader.tui.sanitize import shorten

SWATCH = {"yellow": "#e8c531", "green": "#4cb85a", "blue": "#3f8ee0", "pink": "#e866a8",
          "purple": "#9a6ee0"}


def highlight_row(highlight: Highlight, width: int = 60) -> Text:
    """Return a highlight as a panel row: a colour swatch, its text, then its note (dim)."""
    row = Text("▌", style=SWATCH.get(highlight.color, ""))
    row.append(" “" + shorten(for_terminal(highlight.text, one_line=True), width) + "”")
    if highlight.note:
        note = for_terminal(highlight.note, one_line=True)
        row.append("\n  ✎ " + shorten(note, width), style="dim italic")
    return row


class HighlightsPanel(OptionList):
    """Highlights with their notes; choosing a placed one jumps to it."""

    class Chosen(Message):
        """A highlight was chosen; ``start`` is its source offset."""

        def __init__(self, start: int) -> None:
            super().__init__()
            self.start = start

    def __init__(self, *, id: str | None = None) -> None:
        """Create an empty panel."""
        super().__init__(id=id)
        self.border_title = "Highlights"
        self._by_id: dict[str, int] = {}

    def fill(self, highlights: Sequence[Highlight]) -> None:
        """List ``highlights`` (placed ones in text order, then an "Orphaned" group).

        Args:
            highlights: The article's highlights, as ``Library.highlights_of`` returns them.
        """
        keep = self.highlighted_option.id if self.highlighted_option else None
        self.clear_options()
        self._by_id = {}
        placed = [h for h in highlights if h.start is not None]
        orphans = [h for h in highlights if h.start is None]
        items: list[Option] = []
        for h in placed:
            self._by_id[h.id] = len(items)
            items.append(Option(highlight_row(h), id=f"h{h.start}:{h.id}"))
        if orphans:
            header = Text("Orphaned", style="bold")
            header.append(f"  {len(orphans)}  · text no longer in the article", style="dim")
            items.append(Option(header, disabled=True))
            for h in orphans:
                items.append(Option(highlight_row(h), id=f"o:{h.id}"))
        if not items:
            items.append(Option(Text("No highlights yet: h highlights the sentence, "
                                     "v starts a selection."), disabled=True))
        self.add_options(items)
        self.border_subtitle = f"{len(highlights)} · l quotes"
        if keep is not None:
            for index, option in enumerate(self.options):
                if option.id == keep:
                    self.highlighted = index

    def follow(self, highlight: Highlight | None) -> None:
        """Point at ``highlight`` in the list (the one under the reading cursor)."""
        if highlight is not None and highlight.id in self._by_id and not self.has_focus:
            self.highlighted = self._by_id[highlight.id]

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("h"):
            self.post_message(self.Chosen(int(option_id[1:].split(":", 1)[0])))
        elif option_id.startswith("o:"):
            self.notify("This highlight's text is no longer in the article; it is kept "
                        "with its note.", timeout=4)
