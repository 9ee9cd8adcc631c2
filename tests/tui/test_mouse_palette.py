"""Mouse (click to open, wheel scrolls with the cursor) and the command palette."""

from __future__ import annotations

from textual import events

from reader.tui.app import ReadmarkApp
from reader.tui.article_list import ArticleList
from reader.tui.reading_screen import ReadingScreen
from tests.tui.conftest import open_first_article, settle


async def test_click_opens_article(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        second = app.screen.query_one(ArticleList).row(1)
        assert second is not None
        await pilot.click(ArticleList, offset=(10, 1))
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.article_id == second.article.id


async def test_wheel_scroll_keeps_cursor_on_screen(app: ReadmarkApp) -> None:
    async with app.run_test(size=(60, 14)) as pilot:
        view = await open_first_article(pilot)
        for _ in range(6):
            view.post_message(events.MouseScrollDown(view, 5, 5, 0, 0, 0, False, False, False))
            await pilot.pause()
        assert view.scroll_y > 0
        top = int(view.scroll_y)
        assert top <= view.cursor_line < top + view.scrollable_content_region.height


async def test_palette_opens_article_by_text(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"eelgrass")
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.article is not None
        assert "dredging" in app.screen.article.title


async def test_palette_commands_from_an_article(app: ReadmarkApp) -> None:
    from reader.tui.library_screen import LibraryScreen

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        commands = {c.title for c in app.get_system_commands(screen)}
        assert {"Toggle quotes panel", "Search library", "Switch theme", "Help"} <= commands
        app._sort("title")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.list_query.sort == "title"
