"""Settings persist (theme, panel); the cursor survives a resize."""

from __future__ import annotations

from pathlib import Path

from reader.library import Library
from reader.tui.app import ReadmarkApp
from reader.tui.config import Config
from tests.tui.conftest import open_first_article, settle


async def test_theme_and_panel_are_saved(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "config" / "config.toml"
    app = ReadmarkApp(library, Config(path=path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
    saved = Config.load(path)
    assert saved.theme == "nord" and saved.quote_panel is True
    app = ReadmarkApp(library, Config.load(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#quotes").display


async def test_cursor_survives_resize(app: ReadmarkApp) -> None:
    async with app.run_test(size=(110, 30)) as pilot:
        view = await open_first_article(pilot)
        await pilot.press("right_curly_bracket", "right_curly_bracket", "right_curly_bracket")
        position = view.position
        wide_line = view.cursor_line
        await pilot.resize_terminal(50, 16)
        await settle(pilot)
        assert view.measure < 76
        assert view.position == position
        assert view.cursor_line >= wide_line
        top = int(view.scroll_y)
        assert top <= view.cursor_line < top + view.scrollable_content_region.height


async def test_narrow_panel_replaces_the_article(app: ReadmarkApp) -> None:
    async with app.run_test(size=(60, 20)) as pilot:
        view = await open_first_article(pilot)
        panel = app.screen.query_one("#quotes")
        await pilot.press("p")
        await pilot.pause()
        assert panel.display and not view.display and panel.has_focus
        assert app.config.quote_panel is False  # not remembered from a narrow terminal
        await pilot.press("down", "enter")
        await pilot.pause()
        assert view.display and not panel.display
        assert view.current_quote is not None and view.position == view.current_quote.start
        await pilot.press("p", "escape")
        await pilot.pause()
        assert view.display and not panel.display
