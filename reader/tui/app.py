"""``ReadmarkApp``: the library and reading screens, themes, help and the command palette.

Screens get the library and the config in their constructors and send requests up as
messages (``reader.tui.messages``); nothing imports this module but the entry point. Once a
second the app asks the library, in a thread worker, whether another process changed it
(``Library.data_version``) and, if so, every screen refreshes what it shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from reader.library import SORT_ORDERS, Library
from reader.tui.config import DEFAULT_THEME, Config
from reader.tui.keys import APP_BINDINGS
from reader.tui.library_rows import SORT_LABEL
from reader.tui.library_screen import LibraryScreen
from reader.tui.messages import ConfigChanged, LibraryChanged, OpenArticle
from reader.tui.page_sources import Prefetch, start_prefetch, start_query
from reader.tui.palette import ArticleCommands, notebook_commands
from reader.tui.sync_start import start_sync

if TYPE_CHECKING:
    from reader.tui.help_screen import HelpRow

POLL_SECONDS = 1.0


class ReadmarkApp(App[None]):
    """A terminal reader for the articles of one library."""

    CSS_PATH = "readmark.tcss"
    TITLE = "readmark"
    BINDINGS = APP_BINDINGS
    COMMANDS = App.COMMANDS | {ArticleCommands}

    class PositionSaved(Message):
        """A reading position reached the library."""

    class DataVersion(Message):
        """The library's data version, read in a worker."""

        def __init__(self, version: int) -> None:
            super().__init__()
            self.version = version

    def __init__(
        self, library: Library, config: Config | None = None, prefetch: Prefetch | None = None
    ) -> None:
        """Create the app.

        Args:
            library: The open library (the caller closes it after ``run``).
            config: Settings; defaults in memory (never saved) when omitted.
            prefetch: The first page of ``start_query(config)``, if already being fetched.
        """
        super().__init__()
        self.library = library
        self.config = config or Config()
        self.unsaved: dict[str, tuple[int, float]] = {}
        self._settings_applied = False
        self._data_version: int | None = None
        self._polling = False
        # Read the first page while Textual boots (the list takes it over on mount).
        self.start_query = start_query(self.config)
        self.prefetch: Prefetch | None = prefetch or start_prefetch(library, self.start_query)
        # Theme and keys before the first paint (no flash of the default theme).
        theme = self.config.theme
        self.theme = theme if theme in self.available_themes else DEFAULT_THEME
        if self.config.keys:
            self.set_keymap(self.config.keys)
        self._settings_applied = True

    def get_default_screen(self) -> Screen[object]:
        """The library is the first screen."""
        screen = LibraryScreen(self.library, self.config, self.start_query, self.prefetch)
        self.prefetch = None
        return cast("Screen[object]", screen)

    def on_mount(self) -> None:
        """Warm up the reading screen's imports shortly after the first paint; sync at start;
        start watching the library for changes made by other processes."""
        self.set_timer(0.3, self._warm_up)
        start_sync(self, self.library, self.config)
        self._poll()
        self.set_interval(POLL_SECONDS, self._poll)

    # -- changes from outside -------------------------------------------------------------
    def _poll(self) -> None:
        """Read the data version in a worker (one at a time: a long write may hold the lock)."""
        if not self._polling:
            self._polling = True
            self._read_data_version()

    @work(thread=True, group="data-version", exit_on_error=False)
    def _read_data_version(self) -> None:
        try:
            self.post_message(self.DataVersion(self.library.data_version()))
        finally:
            self._polling = False

    def on_readmark_app_data_version(self, message: DataVersion) -> None:
        """Another process changed the library since the last look: refresh every screen."""
        before, self._data_version = self._data_version, message.version
        if before is not None and before != message.version:
            self.post_message(LibraryChanged())

    def on_library_changed(self, message: LibraryChanged) -> None:
        """Refresh what every open screen shows from the library."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "library_changed", None)
            if callable(refresh):
                refresh()

    @work(thread=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        """Import the reading screen and text engine ahead of the first article."""
        import reader.tui.reading_screen  # noqa: F401

    def watch_theme(self, theme: str) -> None:
        """Remember the theme in the config file."""
        if self._settings_applied and theme != self.config.theme:
            self.config.theme = theme
            self.save_config()

    def save_config(self) -> None:
        """Write the settings (in a worker; the file is tiny)."""
        self._write_config()

    def on_config_changed(self, message: ConfigChanged) -> None:
        """A screen changed a setting: write the config file."""
        self.save_config()

    @work(thread=True, group="config", exit_on_error=False)
    def _write_config(self) -> None:
        self.config.save()

    # -- articles -------------------------------------------------------------------------
    def open_article(self, article_id: str, at: int | None = None) -> None:
        """Show the reading screen for ``article_id``.

        Args:
            article_id: The article.
            at: Open at this character offset of the body instead of the saved position.
        """
        from reader.tui.reading_screen import ReadingScreen

        if isinstance(self.screen, ReadingScreen):
            self.pop_screen()
        self.push_screen(ReadingScreen(self.library, self.config, article_id, at=at,
                                       save_position=self.save_position))

    def on_open_article(self, message: OpenArticle) -> None:
        """A screen asked for an article."""
        self.open_article(message.article_id, at=message.at)

    def save_position(self, article_id: str, position: int, progress: float) -> None:
        """Save a reading position in a worker (and again at exit if it did not finish)."""
        self.unsaved[article_id] = (position, progress)
        self._save_position(article_id, position, progress)

    @work(thread=True, group="positions", exit_on_error=False)
    def _save_position(self, article_id: str, position: int, progress: float) -> None:
        self.library.save_position(article_id, position, progress)
        if self.unsaved.get(article_id) == (position, progress):
            self.unsaved.pop(article_id, None)
        self.post_message(self.PositionSaved())

    def on_readmark_app_position_saved(self) -> None:
        """Refresh the library list so it shows the new progress."""
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen) and screen.is_current:
                screen.refresh_rows()

    # -- help, palette --------------------------------------------------------------------
    def action_help(self) -> None:
        """Show the keys of the current screen."""
        from reader.tui.help_screen import HelpScreen  # only when asked for

        if isinstance(self.screen, HelpScreen):
            return
        rows: list[HelpRow] = []
        seen: set[str] = set()
        for _key, active in self.screen.active_bindings.items():
            binding: Binding = active.binding
            if binding.id is None or binding.id in seen or binding.system:
                continue
            seen.add(binding.id)
            rows.append((self._keys_of(binding.id), binding.description, binding.id))
        rows.append(("ctrl+p", "Command palette", "(app)"))
        title = {"reading": "Reading", "notebook": "Notebook"}.get(self.screen.id or "", "Library")
        config_file = str(self.config.path) if self.config.path else "config.toml"
        self.push_screen(HelpScreen(title, rows, config_file))

    def _keys_of(self, binding_id: str) -> str:
        keys = [
            self.get_key_display(active.binding)
            for _key, active in self.screen.active_bindings.items()
            if active.binding.id == binding_id
        ]
        return " ".join(dict.fromkeys(keys))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Commands for the palette: search, theme, panel, sort, import, help, quit."""
        from reader.tui.reading_screen import ReadingScreen

        library = next((s for s in self.screen_stack if isinstance(s, LibraryScreen)), None)
        if isinstance(screen, ReadingScreen):
            yield SystemCommand("Toggle quotes panel", "Show or hide the quotes side panel",
                                screen.action_toggle_panel)
            yield SystemCommand("Back to library", "Close the article", screen.action_back)
            yield SystemCommand("Export this article", "Highlights and notes to Markdown",
                                screen.action_export)
        if library is not None:
            yield SystemCommand("Search library", "Search titles, authors and text",
                                self._search_from_palette)
            for sort in SORT_ORDERS:
                yield SystemCommand(f"Sort: {SORT_LABEL[sort]}", "Sort the library list",
                                    lambda s=sort: self._sort(s))
            yield SystemCommand("Filter library", "Filter by tag, author or site",
                                self._filter_from_palette)
            yield SystemCommand("Import sample articles", "Add the bundled sample articles",
                                library.action_import_samples)
            yield SystemCommand("Add from URL…", "Fetch a web page and open its article",
                                library.action_add_url)
        yield from notebook_commands(self, self.library, screen)
        yield SystemCommand("Export everything", "Every annotated article to Markdown files",
                            self._export_all)
        yield SystemCommand("Switch theme", "Choose a colour theme", self.action_change_theme)
        yield SystemCommand("Help", "Show the keys", self.action_help)
        yield SystemCommand("Quit", "Quit readmark", self.action_quit)

    def _export_all(self) -> None:
        from reader.tui.exporting import export_in_background

        export_in_background(self, self.library, self.config, None)

    def _library_screen(self) -> LibraryScreen | None:
        from reader.tui.reading_screen import ReadingScreen

        if isinstance(self.screen, ReadingScreen):
            self.screen.action_back()
        return self.screen if isinstance(self.screen, LibraryScreen) else None

    def _search_from_palette(self) -> None:
        screen = self._library_screen()
        if screen is not None:
            screen.action_search()

    def _filter_from_palette(self) -> None:
        screen = self._library_screen()
        if screen is not None:
            screen.action_filter()

    def _sort(self, sort: str) -> None:
        screen = self._library_screen()
        if screen is not None:
            screen.sort_by(sort)
