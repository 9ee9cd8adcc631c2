"""Editing an article's tags: a small modal with the tags as comma-separated text.

``edit_tags(app, library, article_id)`` opens it from any screen (``T`` in the library and while
reading). Enter saves through ``Library.update_tags`` in a worker; escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from reader.ingest.metadata import normalise_tags
from reader.library import Library, fold
from reader.safe_text import line
from reader.tui.cell_fit import shorten
from reader.tui.messages import LibraryChanged


def parse_tags(text: str) -> list[str]:
    """Split comma-separated tags (``#`` prefixes, spaces and duplicates dropped).

    Args:
        text: What the user typed, e.g. ``"local, #news,  long read"``.

    Returns:
        Clean tags in the order typed.
    """
    return normalise_tags(text.split(","))


def tag_changes(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """Return ``(add, remove)`` turning the tags ``old`` into ``new`` (case-insensitive).

    Args:
        old: The article's tags now.
        new: The tags wanted.

    Returns:
        Tags to add (all of ``new``: adding a present tag changes nothing, and a new spelling
        of a tag replaces the old one) and tags to remove.
    """
    wanted = {fold(t) for t in new}
    remove = [t for t in old if fold(t) not in wanted or t not in new]
    return list(new), remove


class TagScreen(ModalScreen[list[str] | None]):
    """Edit one article's tags; dismisses with the saved tags, or ``None`` when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="readmark.tags_cancel")
    ]

    class Loaded(Message):
        """The article's title and tags arrived (``None`` if it is gone)."""

        def __init__(self, found: tuple[str, list[str]] | None) -> None:
            super().__init__()
            self.found = found

    class Saved(Message):
        """The tags were written."""

        def __init__(self, tags: list[str]) -> None:
            super().__init__()
            self.tags = tags

    def __init__(self, library: Library, article_id: str) -> None:
        """Create the editor for ``article_id``; its tags load in a worker.

        Args:
            library: The library holding the article.
            article_id: The article whose tags to edit.
        """
        super().__init__(id="tags")
        self.library = library
        self.article_id = article_id
        self.tags: list[str] | None = None

    def compose(self) -> ComposeResult:
        """Lay out the editor."""
        with Vertical(id="tags-box"):
            yield Static("Tags", id="tags-title", markup=False)
            yield Input(placeholder="Loading…", id="tags-input", disabled=True)
            yield Static("Comma-separated  ·  enter saves  ·  escape cancels",
                         id="tags-help", markup=False)

    def on_mount(self) -> None:
        """Load the article's tags."""
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        article = self.library.get(self.article_id)
        found = None if article is None else (article.title, list(article.tags))
        self.post_message(self.Loaded(found))

    def on_tag_screen_loaded(self, message: Loaded) -> None:
        """Fill in the tags (or close: the article is gone)."""
        if message.found is None:
            self.notify("That article is no longer in the library.", severity="warning")
            self.dismiss(None)
            return
        title, self.tags = message.found
        heading = f"Tags of “{shorten(line(title), 48)}”"
        self.query_one("#tags-title", Static).update(Content(heading))
        field = self.query_one(Input)
        field.placeholder = "tag, another tag"
        field.value = ", ".join(line(t) for t in self.tags)
        field.disabled = False
        field.focus()
        field.cursor_position = len(field.value)

    @on(Input.Submitted, "#tags-input")
    def _submit(self, event: Input.Submitted) -> None:
        if self.tags is None:
            return
        event.input.disabled = True
        self._save(self.tags, parse_tags(event.value))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, old: list[str], new: list[str]) -> None:
        add, remove = tag_changes(old, new)
        self.post_message(self.Saved(self.library.update_tags(self.article_id, add, remove)))

    def on_tag_screen_saved(self, message: Saved) -> None:
        """Close with the tags now stored."""
        self.dismiss(message.tags)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Saving or loading failed: say so and let the user try again or cancel."""
        if event.state == WorkerState.ERROR:
            self.notify(f"Could not save the tags: {event.worker.error}",
                        severity="error", markup=False)
            self.query_one(Input).disabled = self.tags is None

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


def edit_tags(
    app: App[Any], library: Library, article_id: str,
    saved: Callable[[list[str]], None] | None = None,
) -> None:
    """Open the tag editor for ``article_id``; after a save, lists showing it refresh.

    Args:
        app: The running app.
        library: The library holding the article.
        article_id: The article whose tags to edit.
        saved: Called with the new tags after they are written.
    """

    def done(tags: list[str] | None) -> None:
        if tags is None:
            return
        shown = ", ".join(line(t) for t in tags) or "none"
        app.notify(f"Tags: {shown}", timeout=2, markup=False)
        app.post_message(LibraryChanged())
        if saved is not None:
            saved(tags)

    app.push_screen(TagScreen(library, article_id), done)
