"""A modal multi-line editor for a note: ``ctrl+s`` saves, ``escape`` cancels.

Earlier texts of the note that lost to edits on another machine (kept by sync) are listed
read-only under the editor, so nothing written anywhere is out of sight.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from reader.library import NoteRevision
from reader.safe_text import line
from reader.tui.cell_fit import shorten


class NoteEditor(ModalScreen[str | None]):
    """Edit a note; dismisses with the new text (``""`` removes it) or ``None`` (cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="readmark.note_save", priority=True),
        Binding("escape", "cancel", "Cancel", id="readmark.note_cancel", priority=True),
    ]

    def __init__(
        self, title: str, text: str, *, quote: str = "", revisions: Sequence[NoteRevision] = ()
    ) -> None:
        """Create the editor.

        Args:
            title: What the note is on (``Note on highlight``, ``Note on article``).
            text: The current note.
            quote: The highlighted text, shown above the editor (untrusted, shown as text).
            revisions: Earlier texts kept by sync, shown read-only.
        """
        super().__init__(id="note-editor")
        self.title_text = title
        self.text = text
        self.quote = quote
        self.revisions = list(revisions)

    def compose(self) -> ComposeResult:
        """Lay out the quote, the editor and any earlier versions."""
        with Vertical(id="note-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = "ctrl+s save · escape cancel · empty removes"
            if self.quote:
                quote = shorten(line(self.quote), 300)
                yield Static(Text("“" + quote + "”"), id="note-quote")
            area = TextArea(self.text, id="note-text", soft_wrap=True, tab_behavior="indent")
            area.show_line_numbers = False
            yield area
            if self.revisions:
                with VerticalScroll(id="note-revisions") as old:
                    old.border_title = f"Earlier versions kept by sync ({len(self.revisions)})"
                    for revision in reversed(self.revisions):
                        row = Text(f"{revision.written or '?'}\n", style="dim")
                        row.append(line(revision.text))
                        yield Static(row, classes="note-revision")

    def on_mount(self) -> None:
        """Put the cursor at the end of the note."""
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        """Close with the edited text."""
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
