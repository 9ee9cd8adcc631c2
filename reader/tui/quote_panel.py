"""Side panel listing the article's quotes grouped by speaker; choosing one jumps to it."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.quotes import Analysis, Quote
from reader.safe_text import for_terminal
from reader.tui.sanitize import shorten

QUOTE_WIDTH = 80


def quote_line(quote: Quote, width: int = QUOTE_WIDTH) -> str:
    """Return a quote's words on one line, shortened, in curly quotes."""
    return "“" + shorten(for_terminal(quote.text, one_line=True), width) + "”"


class QuotePanel(OptionList):
    """Quotes by speaker (most quoted first), then unattributed ones."""

    class Chosen(Message):
        """A quote was chosen; ``start`` is its source offset."""

        def __init__(self, start: int) -> None:
            super().__init__()
            self.start = start

    def __init__(self, *, id: str | None = None) -> None:
        """Create an empty panel."""
        super().__init__(id=id)
        self.border_title = "Quotes"
        self._by_start: dict[int, int] = {}

    def fill(self, analysis: Analysis) -> None:
        """List the quotes of ``analysis``.

        Args:
            analysis: The text engine's analysis of the article.
        """
        self.clear_options()
        items: list[Option] = []
        self._by_start = {}
        groups: list[tuple[str, list[Quote]]] = [
            (for_terminal(s.name, one_line=True), list(s.quotes)) for s in analysis.speakers
        ]
        loose = [q for q in analysis.quotes if q.speaker is None and q.kind == "speech"]
        if loose:
            groups.append(("Unattributed", loose))
        for name, quotes in groups:
            header = Text(name, style="bold")
            header.append(f"  {len(quotes)}", style="dim")
            items.append(Option(header, disabled=True))
            for quote in quotes:
                self._by_start.setdefault(quote.start, len(items))
                items.append(Option(Text("  " + quote_line(quote, 60)), id=f"q{quote.start}"))
        if not items:
            items.append(Option(Text("No quotes in this article."), disabled=True))
        self.add_options(items)
        self.border_subtitle = f"{len(analysis.quotes)} quotes"

    def follow(self, quote: Quote | None) -> None:
        """Highlight ``quote`` in the list (the one under the reading cursor)."""
        if quote is not None and quote.start in self._by_start and not self.has_focus:
            self.highlighted = self._by_start[quote.start]

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.startswith("q"):
            self.post_message(self.Chosen(int(event.option.id[1:])))
