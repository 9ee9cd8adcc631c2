"""The ``?`` help screen: every key of the current screen, with its id for remapping."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HelpRow = tuple[str, str, str]

ABOUT = (
    "Quotes are coloured; the status line names the speaker of the quote under the cursor. "
    "Keys can be remapped by id in the [keys] table of {path}. "
    "While reading, h, H and n are fixed (scripts rely on them): they keep working when "
    "remapped. v starts a selection that the moves extend (also w/b by word); 1-5 pick the "
    "colour of the selection, of the highlight under the cursor, or of the next highlight."
)


class HelpScreen(ModalScreen[None]):
    """Lists keys; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="readmark.help_close"),
    ]

    def __init__(self, title: str, rows: list[HelpRow], config_file: str = "config.toml") -> None:
        """Create the help screen.

        Args:
            title: What the keys are for (``Library`` or ``Reading``).
            rows: ``(keys, description, binding id)`` rows.
            config_file: Where the settings live (shown for remapping).
        """
        super().__init__(id="help")
        self.config_file = config_file
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        """Lay out the key table."""
        table = Table(box=None, expand=True, show_header=True, header_style="bold")
        table.add_column("Key", no_wrap=True)
        table.add_column("Action")
        table.add_column("Id (for remapping)", style="dim", no_wrap=True)
        for keys, description, binding_id in self.rows:
            table.add_row(Text(keys), Text(description), Text(binding_id))
        with VerticalScroll(id="help-box") as box:
            box.border_title = f"Keys · {self.title_text}"
            box.border_subtitle = "escape to close"
            yield Static(table, id="help-table")
            yield Static(Text(ABOUT.format(path=self.config_file)), id="help-about")

    def action_close(self) -> None:
        """Close the help screen."""
        self.dismiss(None)
