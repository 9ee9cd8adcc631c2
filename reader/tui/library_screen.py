"""The library screen: search box, column header, the article list, and the empty state."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Static

from reader.library import SORT_ORDERS, Library, ListQuery
from reader.safe_text import line
from reader.tui.article_list import ArticleList
from reader.tui.config import Config
from reader.tui.keys import LIBRARY_BINDINGS
from reader.tui.library_rows import GAP, SORT_LABEL, header_cells
from reader.tui.messages import ConfigChanged, OpenArticle
from reader.tui.page_sources import ListingSource, Prefetch, SearchSource

SEARCH_DELAY = 0.12
EMPTY_TEXT = """Your library is empty.

Import Markdown or text files (or whole folders) from the shell:

    readmark import ~/articles/       add them to the library
    readmark ~/articles/             add them, then open readmark

Or press  i  to import the sample articles that come with readmark."""


class SearchInput(Input):
    """The search box; ``down`` and ``enter`` move to the results."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("down", "to_list", "Results", show=False)]

    def action_to_list(self) -> None:
        """Move focus to the results."""
        self.screen.query_one(ArticleList).focus()


class ListHeader(Widget):
    """Column labels above the list, the sorted column marked."""

    def render(self) -> Text:
        """Draw the labels for the list's current columns."""
        screen = self.screen
        article_list = screen.query_one(ArticleList)
        sort = screen.list_query.sort if isinstance(screen, LibraryScreen) else "newest"
        if isinstance(screen, LibraryScreen) and screen.searching:
            sort = ""
        cells = header_cells(article_list.cols, sort)
        return Text(cells[0] + (" " * GAP).join(cells[1:]), no_wrap=True)


class LibraryScreen(Screen[None]):
    """Lists, sorts, filters and searches the library."""

    BINDINGS: ClassVar[list[BindingType]] = LIBRARY_BINDINGS

    class ImportFinished(Message):
        """Importing the sample articles finished."""

        def __init__(self, summary: str) -> None:
            super().__init__()
            self.summary = summary

    class EmptyChecked(Message):
        """Whether the library is empty is known."""

        def __init__(self, empty: bool) -> None:
            super().__init__()
            self.empty = empty

    def __init__(
        self, library: Library, config: Config, query: ListQuery | None = None,
        prefetch: Prefetch | None = None,
    ) -> None:
        """Create the screen (data arrives from workers after mount).

        Args:
            library: The library to list.
            config: Settings (the chosen sort order is remembered in it).
            query: The first sort order and filters (newest first when omitted).
            prefetch: The first page of ``query``, if already being fetched.
        """
        super().__init__(id="library")
        self.library = library
        self.config = config
        self.list_query = query or ListQuery(sort="newest")
        self._prefetch = prefetch
        self.total: int | None = None
        self.more = False
        self.searching = False
        self._resumed = False
        self.empty = False
        self._search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Lay out the screen."""
        yield Static(id="library-bar")
        yield SearchInput(placeholder="/ Search titles, authors and text", id="search")
        yield ListHeader(id="list-header")
        yield ArticleList(id="articles")
        yield Vertical(id="empty")
        yield Footer()

    def on_mount(self) -> None:
        """Load the first page and check for an empty library."""
        self.query_one("#empty").display = False
        prefetched, self._prefetch = self._prefetch, None
        self.query_one(ArticleList).set_source(
            ListingSource(self.library, self.list_query), prefetched=prefetched)
        self.query_one(ArticleList).focus()
        self._check_empty()
        self._update_bar()

    @work(thread=True, group="empty", exit_on_error=False)
    def _check_empty(self) -> None:
        self.post_message(self.EmptyChecked(self.library.is_empty()))

    async def on_library_screen_empty_checked(self, message: EmptyChecked) -> None:
        """Show the friendly empty state (built only when needed), or the list."""
        empty = self.query_one("#empty")
        was_empty, self.empty = self.empty, message.empty
        self.refresh_bindings()
        empty.display = message.empty
        for widget_id in ("#articles", "#list-header", "#search"):
            self.query_one(widget_id).display = not message.empty
        if message.empty and not empty.children:
            button = Button("Import sample articles", id="import-samples", variant="primary")
            await empty.mount(
                Center(Static(Content(EMPTY_TEXT), id="empty-text")), Center(button))
            button.focus()
        elif was_empty and not message.empty:
            self.query_one(ArticleList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide list keys on the empty screen, and the import key when not empty."""
        if action in ("search", "sort", "filter", "clear", "edit_tags"):
            return not self.empty
        if action == "import_samples":
            return self.empty
        return True

    def on_screen_resume(self) -> None:
        """Back from an article: refresh progress in the visible rows."""
        if self._resumed:
            self.query_one(ArticleList).reload()
        self._resumed = True

    def library_changed(self) -> None:
        """The library changed (another process, a sync, a tag edit): show it as it is now."""
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """Reload the visible rows (progress or library content changed)."""
        self.query_one(ArticleList).reload()
        self._check_empty()

    # -- the bar ------------------------------------------------------------------------
    def _update_bar(self) -> None:
        parts = ["readmark"]
        if self.total is not None:
            noun = "match" if self.searching else "article"
            plural = "es" if self.searching else "s"
            more = "+" if self.more else ""
            parts.append(f"{self.total:,}{more} {noun}{'' if self.total == 1 else plural}")
        if not self.searching:
            parts.append(f"sorted {SORT_LABEL.get(self.list_query.sort, self.list_query.sort)}")
            for kind in ("tag", "author", "site"):
                value = getattr(self.list_query, kind)
                if value:
                    parts.append(f"{kind}: {line(value)}")
        else:
            parts.append("ranked by relevance")
        self.query_one("#library-bar", Static).update(Content("  ·  ".join(parts)))
        self.query_one(ListHeader).refresh()

    def on_article_list_counted(self, message: ArticleList.Counted) -> None:
        """Show the row count in the bar."""
        self.total = message.total
        self.more = message.more
        self._update_bar()

    # -- search ---------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        # The running search is stale from this key on: stop it now, not after the pause, so
        # it neither holds the library nor delays the search for what is typed now.
        self._cancel_search()
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._run_search)

    def _cancel_search(self) -> None:
        """Stop the search being shown, if any (its late results are dropped as stale)."""
        source = self.query_one(ArticleList).source
        if isinstance(source, SearchSource):
            source.cancel()

    def _run_search(self) -> None:
        text = self.query_one("#search", Input).value.strip()
        article_list = self.query_one(ArticleList)
        self._cancel_search()
        if text:
            self.searching = True
            article_list.set_source(SearchSource(self.library, text))
        else:
            self.searching = False
            article_list.set_source(ListingSource(self.library, self.list_query))
        self.total = None
        self._update_bar()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.query_one(ArticleList).focus()

    def action_search(self) -> None:
        """Focus the search box."""
        self.query_one("#search", Input).focus()

    def action_clear(self) -> None:
        """Clear the search, then the filters."""
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
            self._run_search()
        elif any((self.list_query.tag, self.list_query.author, self.list_query.site)):
            self.set_query(ListQuery(sort=self.list_query.sort))
        self.query_one(ArticleList).focus()

    # -- sort and filter ------------------------------------------------------------------
    def set_query(self, query: ListQuery) -> None:
        """List with a new sort order or filters (leaves search mode).

        Args:
            query: Sort order and filters.
        """
        self.list_query = query
        self.searching = False
        self._cancel_search()
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = ""
        self.query_one(ArticleList).set_source(ListingSource(self.library, query))
        self.total = None
        self._update_bar()

    def action_sort(self) -> None:
        """Cycle through the sort orders."""
        order = list(SORT_ORDERS)
        current = order.index(self.list_query.sort) if self.list_query.sort in order else 0
        self.sort_by(order[(current + 1) % len(order)])

    def sort_by(self, sort: str) -> None:
        """Sort the list by ``sort`` (one of ``SORT_ORDERS``) and remember it."""
        q = self.list_query
        self.set_query(ListQuery(sort=sort, tag=q.tag, author=q.author, site=q.site))
        self.config.sort = sort
        self.post_message(ConfigChanged())
        self.notify(f"Sorted {SORT_LABEL.get(sort, sort)}", timeout=1.5)

    def action_filter(self) -> None:
        """Pick a tag, author or site to filter by."""
        from reader.tui.filter_screen import FilterScreen

        def chosen(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            kind, value = result
            fields = {"tag": None, "author": None, "site": None, kind: value}
            self.set_query(ListQuery(sort=self.list_query.sort, **fields))
            self.query_one(ArticleList).focus()

        self.app.push_screen(FilterScreen(self.library), chosen)

    # -- notebook, tags ---------------------------------------------------------------------
    def action_notebook(self) -> None:
        """Show the Notebook: every highlight and note."""
        from reader.tui.notebook_screen import open_notebook

        open_notebook(self.app, self.library)

    def action_edit_tags(self) -> None:
        """Edit the tags of the article under the cursor."""
        from reader.tui.tag_screen import edit_tags

        row = self.query_one(ArticleList).current
        if row is not None:
            edit_tags(self.app, self.library, row.article.id)

    # -- open, import, quit ---------------------------------------------------------------
    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        """Open the chosen article."""
        self.post_message(OpenArticle(message.article_id))

    @on(Button.Pressed, "#import-samples")
    def action_import_samples(self) -> None:
        """Import the bundled sample articles (in a worker)."""
        self.notify("Importing sample articles…", timeout=2)
        self._import_samples()

    @work(thread=True, group="import", exclusive=True, exit_on_error=False)
    def _import_samples(self) -> None:
        from reader.library.importing import import_paths
        from reader.paths import sample_articles_dir

        folder = sample_articles_dir()
        if folder is None:
            self.post_message(self.ImportFinished("No sample articles found."))
            return
        report = import_paths(self.library, [str(folder)])
        summary = f"Imported {len(report.results)} articles."
        if report.error is not None:  # the library could not be written (a full disk)
            summary = f"{summary} Import stopped: {report.error}"
        self.post_message(self.ImportFinished(summary))

    def action_add_url(self) -> None:
        """Ask for a web address, fetch it in a worker and open the article when it arrives."""
        from reader.tui.add_url_screen import AddUrlScreen

        def added(url: str | None) -> None:
            if url:
                self.notify(f"Fetching {url}…", timeout=3, markup=False)
                self._add_url(url)

        self.app.push_screen(AddUrlScreen(), added)

    @work(thread=True, group="add-url", exit_on_error=False)
    def _add_url(self, url: str) -> None:
        from reader.ingest.sources import expand
        from reader.library.importing import import_sources

        report = import_sources(self.library, list(expand([url])))
        result = report.results[0] if report.results else None
        if result is not None and result.id and result.status != "failed":
            self.post_message(self.UrlAdded(result.id, None))
        else:
            reason = report.error or (result.message if result else None) or "not saved"
            self.post_message(self.UrlAdded(None, f"{url}: {reason}"))

    class UrlAdded(Message):
        """A URL was fetched and imported (``article_id``), or failed (``problem``)."""

        def __init__(self, article_id: str | None, problem: str | None) -> None:
            super().__init__()
            self.article_id = article_id
            self.problem = problem

    def on_library_screen_url_added(self, message: UrlAdded) -> None:
        """Open the article that arrived, or say in one line why it did not."""
        if message.problem is not None or message.article_id is None:
            self.notify(line(message.problem or "not saved"),
                        severity="error", timeout=8, markup=False)
            return
        self.set_query(self.list_query)
        self._check_empty()
        self.post_message(OpenArticle(message.article_id))

    def on_library_screen_import_finished(self, message: ImportFinished) -> None:
        """Show the imported articles."""
        self.notify(message.summary, markup=False)
        self.set_query(self.list_query)
        self._check_empty()
        self.query_one(ArticleList).focus()

    async def action_quit(self) -> None:
        """Quit readmark."""
        self.app.exit(return_code=0)
