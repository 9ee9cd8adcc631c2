"""The reading screen: the article, a side panel (quotes or highlights), and a status line
naming the speaker. Highlight and note keys live in ``reader.tui.highlighting``."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from reader.library import Library, StoredArticle
from reader.quotes import Quote
from reader.safe_text import line
from reader.tui.article_view import ArticleView
from reader.tui.config import Config
from reader.tui.highlighting import HighlightingScreen
from reader.tui.keys import FIXED_BINDINGS, HIGHLIGHT_BINDINGS, READING_BINDINGS
from reader.tui.messages import ConfigChanged
from reader.tui.side_panel import SidePanel, quote_line, quote_rows

SavePosition = Callable[[str, int, float], None]
AUTOSAVE_DELAY = 2.0
NARROW = 80
KIND_LABEL = {"scare": "scare quote", "title": "title", "term": "term"}


def describe(quote: Quote | None) -> str:
    """Return the status-line text for the quote under the cursor."""
    if quote is None:
        return "No quote here  ·  ] next quote"
    words = quote_line(quote, 50)
    if quote.kind != "speech":
        return f"{words}  ·  {KIND_LABEL.get(quote.kind, quote.kind)}"
    if quote.speaker:
        cue = f" ({line(quote.cue)})" if quote.cue else ""
        return f"{words}  — {line(quote.speaker)}{cue}"
    return f"{words}  — unattributed"


def describe_selection(span: tuple[int, int], body: str) -> str:
    """Return the status-line text while selecting."""
    words = len(body[span[0]:span[1]].split())
    return (f"Selecting {words} word{'s' if words != 1 else ''}  ·  h highlight  ·  "
            "n note  ·  1–5 colour  ·  v/escape cancel")


class ReadingScreen(HighlightingScreen):
    """Shows one article."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *READING_BINDINGS, *HIGHLIGHT_BINDINGS, *FIXED_BINDINGS
    ]

    class Loaded(Message):
        """The article arrived from the library (``None`` if it is gone)."""

        def __init__(self, article: StoredArticle | None) -> None:
            super().__init__()
            self.article = article

    def __init__(
        self, library: Library, config: Config, article_id: str, at: int | None = None,
        save_position: SavePosition | None = None,
    ) -> None:
        """Create the screen for ``article_id``; the article loads in a worker.

        Args:
            library: The library holding the article.
            config: Settings (the panel choice is remembered in it).
            article_id: The article.
            at: Start at this character offset instead of the saved reading position.
            save_position: Saves ``(article_id, position, progress)`` without blocking
                (the app's, which also saves at exit what did not reach the library);
                by default a thread worker of this screen.
        """
        super().__init__(library, id="reading")
        self.config = config
        self._save_position = save_position or self._write_position
        self.article_id = article_id
        self.at = at
        self.article: StoredArticle | None = None
        self.progress = 0.0
        self.position = 0
        self._autosave: Timer | None = None
        self._narrow_panel = False
        self._saved: tuple[int, float] | None = None
        self.panel_tab = "quotes"  # which list the side panel shows: quotes or highlights

    def compose(self) -> ComposeResult:
        """Lay out the screen."""
        with Horizontal(id="reading-body"):
            yield ArticleView(id="article")
            yield SidePanel("Quotes", id="quotes")
            yield SidePanel("Highlights", id="highlights")
        with Horizontal(id="status"):
            yield Static(id="status-quote", markup=False)
            yield Static(id="status-progress", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Start loading the article."""
        self._apply_panel()
        self.query_one(ArticleView).focus()
        self._load()

    def on_resize(self) -> None:
        """Narrow terminals show the panel instead of the article, not beside it."""
        self._apply_panel()

    @property
    def narrow(self) -> bool:
        """Whether the terminal is too narrow for the panel beside the article."""
        return self.size.width < NARROW

    @property
    def side_panel(self) -> SidePanel:
        """The side panel's current list (quotes or highlights)."""
        return self.query_one(f"#{self.panel_tab}", SidePanel)

    def _apply_panel(self) -> None:
        narrow = self.narrow
        visible = self._narrow_panel if narrow else self.config.quote_panel
        panel, view = self.side_panel, self.query_one(ArticleView)
        self.set_class(narrow, "-narrow")
        for other in self.query(SidePanel):
            other.display = visible and other is panel
        view.display = not (narrow and visible)
        if narrow and visible:
            panel.focus()
        elif not view.has_focus and not panel.has_focus:
            view.focus()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        self.post_message(self.Loaded(self.library.get(self.article_id)))

    def on_reading_screen_loaded(self, message: Loaded) -> None:
        """Show the article (or go back if it was deleted)."""
        if message.article is None:
            self.notify("That article is no longer in the library.", severity="warning")
            self.app.pop_screen()
            return
        self.article = message.article
        self.progress = message.article.progress
        self.position = message.article.position
        if self.at is not None:
            self.position = max(0, min(self.at, len(message.article.body)))
        self._saved = (message.article.position, round(message.article.progress, 4))
        self.sub_title = line(message.article.title)
        self.query_one(ArticleView).show(message.article, at=self.at)
        self.load_annotations()

    def library_changed(self) -> None:
        """The library changed (another process, a sync): read the highlights again."""
        if self.article is not None:
            self.load_annotations()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Loading or analysing the article failed: say so instead of waiting forever."""
        if event.state == WorkerState.ERROR:
            self.notify(f"Could not show this article: {event.worker.error}",
                        severity="error", markup=False)
            if self.article is None and self.is_current:  # nothing to read: back to the list
                self.app.pop_screen()

    def on_article_view_analyzed(self, message: ArticleView.Analyzed) -> None:
        """Fill the quotes panel."""
        self.query_one("#quotes", SidePanel).show_rows(quote_rows(message.analysis))

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        """Name the speaker under the cursor, show progress, schedule an autosave."""
        self.progress = max(self.progress, message.progress)
        self.position = message.position
        view = self.query_one(ArticleView)
        span = view.selection
        status = (describe_selection(span, view.article.body) if span and view.article
                  else describe(message.quote))
        self.query_one("#status-quote", Static).update(Content(status))
        self.query_one("#status-progress", Static).update(Content(self._progress_text(message)))
        self.query_one("#quotes", SidePanel).follow(message.quote.start if message.quote else None)
        under = self._under_cursor()
        self.query_one("#highlights", SidePanel).follow(under.id if under else None)
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.set_timer(AUTOSAVE_DELAY, self.save)

    def _progress_text(self, message: ArticleView.CursorMoved) -> str:
        words = self.article.words if self.article else 0
        left = round(words * (1 - message.progress) / 230)
        tail = f"  ·  {left} min left" if left >= 1 else ""
        note = "✎ article note  ·  " if self.article_note else ""
        return f"{note}{int(message.progress * 100)}%{tail}"

    def on_side_panel_chosen(self, message: SidePanel.Chosen) -> None:
        """Jump to the chosen quote or highlight (on a narrow terminal, back to the article)."""
        if self.narrow and self._narrow_panel:
            self._narrow_panel = False
            self._apply_panel()
        self.query_one(ArticleView).focus()  # keys move the reading cursor again
        self.query_one(ArticleView).move_to(message.start, center=True)

    def action_toggle_panel(self) -> None:
        """Show or hide the quotes panel (remembered in the config on wide terminals)."""
        if self.narrow:
            self._narrow_panel = not self._narrow_panel
        else:
            self.config.quote_panel = not self.config.quote_panel
            self.post_message(ConfigChanged())
        self._apply_panel()
        panel = self.side_panel
        if panel.display:
            panel.focus()  # opened to choose a quote: arrows and enter work in it at once

    def action_highlights_panel(self) -> None:
        """Open the side panel on the highlights (or, when they show, switch to the quotes)."""
        shown = self.side_panel.display
        self.panel_tab = "quotes" if shown and self.panel_tab == "highlights" else "highlights"
        if shown:
            self._apply_panel()
            self.side_panel.focus()
        else:
            self.action_toggle_panel()

    def save(self) -> None:
        """Save the reading position (in a worker), if it changed."""
        if self.article is None:
            return
        state = (self.position, round(self.progress, 4))
        if state != self._saved:
            self._saved = state
            self._save_position(self.article.id, *state)

    @work(thread=True, group="positions", exit_on_error=False)
    def _write_position(self, article_id: str, position: int, progress: float) -> None:
        self.library.save_position(article_id, position, progress)

    def action_back(self) -> None:
        """Save the position and return to the library (or close a full-screen panel)."""
        if self.narrow and self._narrow_panel:
            self.action_toggle_panel()
            return
        if self.side_panel.has_focus_within:
            self.query_one(ArticleView).focus()  # escape in the panel returns to the text
            return
        if self.query_one(ArticleView).select_from is not None:
            self.query_one(ArticleView).clear_selection()  # escape drops a selection
            return
        self.save()
        self.app.pop_screen()

    def action_search(self) -> None:
        """Back to the library, in the search box."""
        self.action_back()
        self.app.call_later(self._focus_search)

    def _focus_search(self) -> None:
        from reader.tui.library_screen import LibraryScreen

        if isinstance(self.app.screen, LibraryScreen):
            self.app.screen.action_search()

    def on_unmount(self) -> None:
        """Leaving (also when the app quits): make sure the position gets saved."""
        if self._autosave is not None:
            self._autosave.stop()
        self.save()

    def action_edit_tags(self) -> None:
        """Edit this article's tags (``T``)."""
        from reader.tui.tag_screen import edit_tags

        edit_tags(self.app, self.library, self.article_id)

    def action_export(self) -> None:
        """Export this article's highlights and notes to Markdown (``e``)."""
        from reader.tui.exporting import export_in_background

        export_in_background(self.app, self.library, self.config, self.article_id)
