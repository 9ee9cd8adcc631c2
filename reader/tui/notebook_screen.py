"""The Notebook: every highlight and article note in the library, newest first.

Search over highlight text and notes as you type (FTS5, in a worker), filter by colour, tag
or article (the filter dialog, ``c`` cycles colours), ``o`` shows only orphaned highlights,
and enter opens the article at the highlight.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from reader.library import COLORS, Highlight, Library, ListQuery, NotebookQuery
from reader.safe_text import line
from reader.tui.cell_fit import shorten
from reader.tui.filter_screen import Facets, FacetValue
from reader.tui.keys import NOTEBOOK_BINDINGS
from reader.tui.messages import OpenArticle
from reader.tui.notebook_list import NotebookList
from reader.tui.page_sources import NotebookSource

SEARCH_DELAY = 0.12
FILTER_KINDS = (("color", "Colours"), ("tag", "Tags"), ("article", "Articles"))
MAX_ARTICLES = 500


class NotebookSearch(Input):
    """The search box; ``down`` moves to the entries."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("down", "to_list", "Entries", show=False)]

    def action_to_list(self) -> None:
        """Move focus to the entries."""
        self.screen.query_one(NotebookList).focus()


class NotebookScreen(Screen[None]):
    """Lists, searches and filters highlights and article notes across the library."""

    BINDINGS: ClassVar[list[BindingType]] = NOTEBOOK_BINDINGS

    def __init__(self, library: Library, filters: NotebookQuery | None = None) -> None:
        """Create the screen.

        Args:
            library: The library whose highlights and notes to list.
            filters: Filters to start with (``orphaned=True`` for the orphans view).
        """
        super().__init__(id="notebook")
        self.library = library
        self.filters = replace(filters or NotebookQuery(), text=None)
        self.total: int | None = None
        self.article_titles: dict[str, str] = {}
        self._search_timer: Timer | None = None
        self._resumed = False

    def compose(self) -> ComposeResult:
        """Lay out the screen."""
        yield Static(id="notebook-bar")
        yield NotebookSearch(placeholder="/ Search highlights and notes", id="notebook-search")
        yield NotebookList(id="notebook-list")
        yield Footer()

    def on_mount(self) -> None:
        """Load the first entries."""
        self._apply()
        self.query_one(NotebookList).focus()

    def on_screen_resume(self) -> None:
        """Back from an article: highlights may have changed."""
        if self._resumed:
            self.query_one(NotebookList).reload()
        self._resumed = True

    def library_changed(self) -> None:
        """The library changed (another process, a sync): fetch the entries again."""
        self.query_one(NotebookList).reload()

    @property
    def notebook_query(self) -> NotebookQuery:
        """The filters and the search text now in force."""
        text = self.query_one(NotebookSearch).value.strip()
        return replace(self.filters, text=text or None)

    def _apply(self) -> None:
        self.total = None
        query = self.notebook_query
        entries = self.query_one(NotebookList)
        if query.orphaned and query == NotebookQuery(orphaned=True):
            entries.empty_hint = "No orphaned highlights: every highlight still finds its text."
        elif query != NotebookQuery():
            entries.empty_hint = "Nothing matches; escape clears the search, then the filters."
        else:
            entries.empty_hint = "No highlights or notes yet: highlight passages while reading."
        entries.set_source(NotebookSource(self.library, query))
        self._update_bar()

    # -- the bar --------------------------------------------------------------------------
    def chips(self) -> list[str]:
        """Labels of the active filters, in the order shown."""
        f = self.filters
        out = []
        if f.color:
            out.append(f"■ {f.color}")
        if f.tag:
            out.append(f"#{line(f.tag)}")
        if f.article_id:
            out.append(shorten(self.article_titles.get(f.article_id, "one article"), 30))
        if f.orphaned:
            out.append("orphaned only")
        return out

    def _update_bar(self) -> None:
        bar = Text("Notebook", style="bold")
        if self.total is not None:
            one, many = ("match", "matches") if self.notebook_query.text else ("entry", "entries")
            bar.append(f"  ·  {self.total:,} {one if self.total == 1 else many}")
        bar.append("  ·  newest first")
        chips = self.chips()
        for chip in chips:
            bar.append("  ")
            bar.append(f" {chip} ", style="reverse")
        if chips:
            bar.append("  esc clears", style="italic")
        self.query_one("#notebook-bar", Static).update(bar)

    def on_notebook_list_counted(self, message: NotebookList.Counted) -> None:
        """Show the count."""
        self.total = message.total
        self._update_bar()

    # -- search -----------------------------------------------------------------------------
    @on(Input.Changed, "#notebook-search")
    def _search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._apply)

    @on(Input.Submitted, "#notebook-search")
    def _search_submitted(self) -> None:
        self.query_one(NotebookList).focus()

    def action_search(self) -> None:
        """Focus the search box."""
        self.query_one(NotebookSearch).focus()

    # -- filters ----------------------------------------------------------------------------
    def set_filters(self, filters: NotebookQuery) -> None:
        """Show entries matching ``filters`` (and the search text)."""
        self.filters = replace(filters, text=None)
        self._apply()

    def action_cycle_color(self) -> None:
        """Show only one colour, the next one each time, then all again."""
        order: list[str | None] = [None, *COLORS]
        current = order.index(self.filters.color) if self.filters.color in order else 0
        self.set_filters(replace(self.filters, color=order[(current + 1) % len(order)]))

    def action_toggle_orphaned(self) -> None:
        """Show only orphaned highlights (their text left the article), or everything."""
        self.set_filters(replace(self.filters, orphaned=not self.filters.orphaned))

    def action_filter(self) -> None:
        """Pick a colour, tag or article to filter by."""
        from reader.tui.filter_screen import FilterScreen

        def chosen(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            kind, value = result
            if kind == "article":
                self.set_filters(replace(self.filters, article_id=value))
            elif kind == "color":
                self.set_filters(replace(self.filters, color=value))
            else:
                self.set_filters(replace(self.filters, tag=value))
            self.query_one(NotebookList).focus()

        picker = FilterScreen(self.library, "Filter the Notebook by colour, tag or article",
                              FILTER_KINDS, self.notebook_facets)
        self.app.push_screen(picker, chosen)

    def notebook_facets(self, library: Library) -> Facets:
        """Colours, tags and highlighted articles with counts (runs in a worker)."""
        colors: list[FacetValue] = []
        for color in COLORS:
            count = library.notebook_count(NotebookQuery(color=color))
            if count:
                colors.append((color, count))
        articles: list[FacetValue] = []
        for article in library.page(ListQuery(sort="highlights"), 0, MAX_ARTICLES):
            if article.highlights:
                title = line(article.title) or "(untitled)"
                self.article_titles[article.id] = title
                articles.append((article.id, article.highlights, title))
        return {"color": colors, "tag": list(library.facets("tag")), "article": articles}

    def action_clear(self) -> None:
        """Clear the search, then the filters, then go back to the library."""
        search = self.query_one(NotebookSearch)
        if search.value:
            search.value = ""
            self._apply()
        elif self.filters != NotebookQuery():
            self.set_filters(NotebookQuery())
        else:
            self.action_back()
            return
        self.query_one(NotebookList).focus()

    def action_back(self) -> None:
        """Back to where the Notebook was opened from."""
        self.app.pop_screen()

    # -- open -------------------------------------------------------------------------------
    def on_notebook_list_chosen(self, message: NotebookList.Chosen) -> None:
        """Open the article at the highlight (orphans and article notes: where reading left
        off)."""
        entry = message.entry
        at = entry.start if isinstance(entry, Highlight) else None
        self.post_message(OpenArticle(entry.article_id, at=at))


def open_notebook(app: App[Any], library: Library, orphaned: bool = False) -> None:
    """Show the Notebook (on top of the current screen, or brought back if already open).

    Args:
        app: The running app.
        library: The library whose highlights and notes to list.
        orphaned: Show only orphaned highlights.
    """
    screen = app.screen
    if isinstance(screen, NotebookScreen):
        if orphaned != screen.filters.orphaned:
            screen.set_filters(replace(screen.filters, orphaned=orphaned))
        return
    for existing in app.screen_stack:
        if isinstance(existing, NotebookScreen):
            if orphaned != existing.filters.orphaned:
                existing.set_filters(replace(existing.filters, orphaned=orphaned))
            while app.screen is not existing:
                app.pop_screen()
            return
    app.push_screen(NotebookScreen(library, NotebookQuery(orphaned=orphaned)))
