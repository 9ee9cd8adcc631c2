"""A small yes/no question: ``y``/``enter`` confirms, ``n``/``escape`` cancels."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """Asks one question; dismisses with ``True`` (yes) or ``False``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes", id="readmark.confirm_yes"),
        Binding("n,escape", "answer(False)", "No", id="readmark.confirm_no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        """Create the question.

        Args:
            question: The question (plain text).
            detail: What it is about (untrusted text, shown as text).
        """
        super().__init__(id="confirm")
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        """Lay out the question."""
        with Vertical(id="confirm-box") as box:
            box.border_title = self.question
            box.border_subtitle = "y yes · n no"
            if self.detail:
                yield Static(Text(self.detail), id="confirm-detail")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
