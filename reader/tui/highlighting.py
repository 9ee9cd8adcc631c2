"""Highlight and note actions of the reading screen (a base class, kept apart for size).

Every write goes through the ``Library`` in a thread worker, which then reads the article's
highlights and note again and posts them back in one ``Annotated`` message; the handler redraws
the marks and the Highlights panel. Handlers never wait for the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.message import Message
from textual.screen import Screen

from reader.library import COLORS, ArticleNote, Highlight, Library, NoteRevision, StoreError
from reader.safe_text import line
from reader.tui.article_view import ArticleView
from reader.tui.cell_fit import shorten
from reader.tui.confirm_screen import ConfirmScreen
from reader.tui.note_editor import NoteEditor
from reader.tui.side_panel import SidePanel, highlight_rows


class Annotated(Message):
    """The article's highlights and note after a write (or on opening)."""

    def __init__(
        self, highlights: list[Highlight], note: ArticleNote | None, notice: str = "",
        at: int | None = None, removed: str | None = None, failed: bool = False,
    ) -> None:
        super().__init__()
        self.highlights, self.note, self.notice = highlights, note, notice
        self.at, self.removed, self.failed = at, removed, failed


class _EditNote(Message):
    """Revisions of a note arrived: open the editor."""

    def __init__(self, title: str, text: str, quote: str, revisions: list[NoteRevision],
                 save: Callable[[str], None]) -> None:
        super().__init__()
        self.title, self.text, self.quote = title, text, quote
        self.revisions, self.save = revisions, save


class HighlightingScreen(Screen[None]):
    """Keys ``v h H n N 1-5 x u . , l`` of the reading screen, and their workers."""

    article_id: str

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        """Start with no highlights and yellow as the next colour.

        Args:
            library: The library the highlights and notes are written to.
            id: The screen's id.
        """
        super().__init__(id=id)
        self.library = library
        self.next_color = COLORS[0]
        self.removed: list[str] = []  # ids of removed highlights, newest last (for undo)
        self.article_note: ArticleNote | None = None

    @property
    def view(self) -> ArticleView:
        """The article view."""
        return self.query_one(ArticleView)

    # -- workers ----------------------------------------------------------------------------
    def _post_state(self, notice: str = "", at: int | None = None,
                    removed: str | None = None, failed: bool = False) -> None:
        """(In a worker) read the highlights and note again and post them."""
        lib = self.library
        self.post_message(Annotated(lib.highlights_of(self.article_id),
                                    lib.article_note(self.article_id), notice, at, removed,
                                    failed))

    @work(thread=True, group="annotations", exit_on_error=False)
    def load_annotations(self) -> None:
        """Read the article's highlights and note."""
        self._post_state()

    @work(thread=True, group="annotations", exit_on_error=False)
    def _write(self, write: Callable[[Library], Any], notice: str, at: int | None = None,
               removed: str | None = None) -> None:
        try:
            write(self.library)
        except StoreError as error:
            self._post_state(f"Could not save: {error}", failed=True)
            return
        self._post_state(notice, at, removed)

    def on_annotated(self, message: Annotated) -> None:
        """Redraw marks, panel and status after a write."""
        self.view.set_highlights(message.highlights)
        self.query_one("#highlights", SidePanel).show_rows(highlight_rows(message.highlights))
        self.article_note = message.note
        if message.removed:
            self.removed.append(message.removed)
        if message.at is not None:
            self.view.move_to(message.at)
        else:
            self.view.announce()
        if message.notice:
            self.notify(message.notice, timeout=3, markup=False,
                        severity="error" if message.failed else "information")

    # -- what the keys act on -----------------------------------------------------------------
    def _selected(self) -> tuple[int, int] | None:
        """The selection widened to whole words, or ``None`` when nothing is selected."""
        return self.view.model.selected_words()

    def _sentence(self) -> tuple[int, int] | None:
        start, end = self.view.text.sentence_at(self.view.position)
        if end <= start:
            self.notify("Still finding the sentences…" if self.view.analysis is None
                        else "No sentence here.", timeout=2)
            return None
        return start, end

    def _under_cursor(self) -> Highlight | None:
        return self.view.model.highlight_under_cursor()

    def _highlight(self, span: tuple[int, int], color: str | None = None,
                   note: str | None = None, notice: str = "Highlighted") -> None:
        start, end = span
        article_id, color = self.article_id, color or self.next_color
        self.view.clear_selection()
        self._write(lambda lib: lib.add_highlight(article_id, start, end, color=color, note=note),
                    f"{notice} ({color})", at=start)

    # -- actions ------------------------------------------------------------------------------
    def action_select(self) -> None:
        """Start (or stop) selecting at the reading cursor."""
        self.view.toggle_selection()

    def action_highlight(self) -> None:
        """Highlight the selection, or the sentence at the cursor."""
        span = self._selected() or (None if self.view.select_from is not None else self._sentence())
        if span is None and self.view.select_from is not None:
            span = self._sentence()
        if span is not None:
            self._highlight(span)

    def action_highlight_quote(self) -> None:
        """Highlight the whole quote at the cursor."""
        quote = self.view.current_quote
        if quote is None:
            self.notify("No quote here  ·  ] next quote", timeout=2)
            return
        self._highlight((quote.start, quote.end), notice="Highlighted the quote")

    def action_color(self, index: int) -> None:
        """Pick a colour: for the selection, the highlight under the cursor, or the next one."""
        color = self.next_color = COLORS[index]
        span = self._selected()
        under = self._under_cursor()
        if span is not None:
            self._highlight(span, color)
        elif under is not None:
            hid = under.id
            self._write(lambda lib: lib.update_highlight(hid, color=color), f"Now {color}")
        else:
            self.notify(f"Next highlight: {color}", timeout=2)

    def action_note(self) -> None:
        """Edit the note of the highlight at the cursor, else highlight with a new note."""
        under = None if self.view.select_from is not None else self._under_cursor()
        if under is not None:
            hid = under.id
            self._open_editor("Note on highlight", under.note, under.text, hid,
                              lambda text: self._write(
                                  lambda lib: lib.update_highlight(hid, note=text),
                                  "Note saved" if text.strip() else "Note removed"))
            return
        span = self._selected() or self._sentence()
        if span is None or self.view.article is None:
            return
        quote = self.view.article.body[span[0]:span[1]]

        def save(text: str) -> None:
            if text.strip():
                self._highlight(span, note=text, notice="Highlighted with a note")

        self._open_editor("New highlight with a note", "", quote, None, save)

    def action_article_note(self) -> None:
        """Edit the note on the whole article."""
        article_id = self.article_id
        current = self.article_note.text if self.article_note else ""
        self._open_editor("Note on this article", current, "", article_id,
                          lambda text: self._write(
                              lambda lib: lib.set_article_note(article_id, text),
                              "Article note saved" if text.strip() else "Article note removed"))

    @work(thread=True, group="annotations", exit_on_error=False)
    def _open_editor(self, title: str, text: str, quote: str, target: str | None,
                     save: Callable[[str], None]) -> None:
        revisions = self.library.note_revisions(target) if target else []
        self.post_message(_EditNote(title, text, quote, revisions, save))

    def on__edit_note(self, message: _EditNote) -> None:
        """Show the note editor; saving calls the message's ``save``."""
        def done(text: str | None) -> None:
            if text is not None and text.rstrip() != message.text.rstrip():
                message.save(text)

        self.app.push_screen(
            NoteEditor(message.title, message.text, quote=message.quote,
                       revisions=message.revisions), done)

    def action_unhighlight(self) -> None:
        """Remove the highlight at the cursor, after asking."""
        under = self._under_cursor()
        if under is None:
            self.notify("No highlight here  ·  . next highlight", timeout=2)
            return
        hid = under.id

        def answer(yes: bool | None) -> None:
            if yes:
                self._write(lambda lib: lib.delete_highlight(hid),
                            "Highlight removed  ·  u undoes", removed=hid)

        detail = "“" + shorten(line(under.text), 200) + "”"
        if under.note:
            detail += "\n\nIts note: " + shorten(line(under.note), 200)
        self.app.push_screen(ConfirmScreen("Remove this highlight?", detail), answer)

    def action_undo(self) -> None:
        """Bring back the last removed highlight."""
        if not self.removed:
            self.notify("Nothing to undo.", timeout=2)
            return
        hid = self.removed.pop()
        self._write(lambda lib: lib.restore_highlight(hid), "Highlight restored")

    def action_next_highlight(self, direction: int) -> None:
        """Jump to the next (1) or previous (-1) highlight."""
        move = self.view.model.highlight(direction)
        if move is None:
            self.notify("No more highlights that way." if self.view.highlights
                        else "No highlights yet.", timeout=2)
            return
        self.view.show_move(move)
