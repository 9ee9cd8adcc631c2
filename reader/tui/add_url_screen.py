""""Add from URL…": ask for a web address; the library fetches it and opens the article."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


def check_url(text: str) -> str | None:
    """Return why ``text`` is not a web address to fetch, or ``None`` when it is one."""
    from reader.ingest.identity import canonical_url
    from reader.ingest.sources import is_web_address

    text = text.strip()
    if not text:
        return "type or paste an http(s):// address"
    if not is_web_address(text) or canonical_url(text) is None or any(c.isspace() for c in text):
        return "not an http(s):// address"
    return None


class AddUrlScreen(ModalScreen[str | None]):
    """One line for a URL: ``enter`` adds it, ``escape`` cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="readmark.add_url_cancel"),
    ]

    def compose(self) -> ComposeResult:
        """Lay out the input and the line for problems."""
        with Vertical(id="add-url-box") as box:
            box.border_title = "Add from URL"
            box.border_subtitle = "enter add · escape cancel"
            yield Input(placeholder="https://…", id="add-url-input")
            yield Static("", id="add-url-problem", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Close with the address, or say what is wrong with it."""
        event.stop()
        problem = check_url(event.value)
        if problem:
            self.query_one("#add-url-problem", Static).update(problem)
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Close without adding anything."""
        self.dismiss(None)
