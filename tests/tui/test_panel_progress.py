"""The quotes panel takes and gives back focus; progress follows the cursor, not the width."""

from __future__ import annotations

from reader.tui.app import ReadmarkApp
from reader.tui.article_view import ArticleView
from reader.tui.library_screen import LibraryScreen
from reader.tui.reading_screen import ReadingScreen
from reader.tui.side_panel import SidePanel
from tests.tui.conftest import open_first_article, settle


async def test_panel_focus_round_trip(app: ReadmarkApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        view, panel = screen.query_one(ArticleView), screen.query_one("#quotes", SidePanel)
        await pilot.press("p")
        await settle(pilot)
        assert panel.display and panel.has_focus_within
        start = view.position
        await pilot.press("down", "enter")
        await settle(pilot)
        assert view.has_focus and view.position != start  # jumped, and keys move the text
        await pilot.press("p", "p")  # hide, show again: the panel has focus
        await settle(pilot)
        assert panel.has_focus_within
        await pilot.press("escape")  # leaves the panel, not the article
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen) and view.has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_progress_is_the_cursor_share_at_any_width(app: ReadmarkApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        view = await open_first_article(pilot)
        assert view.progress < 0.5  # opening an article does not mark it read
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        wide = view.progress
        assert wide == view.position / len(view.article.body)  # type: ignore[union-attr]
        await pilot.resize_terminal(70, 30)
        await settle(pilot)
        assert view.progress == wide
        await pilot.press("G")
        await settle(pilot)
        assert view.progress == 1.0


async def test_keys_move_after_wheel_scrolling(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 12)) as pilot:
        view = await open_first_article(pilot)
        for step in (3, 6, 9):  # what the wheel does: scroll, and the cursor is dragged along
            view.scroll_to(y=step, animate=False)
            await settle(pilot)
        top, line = int(view.scroll_y), view.cursor_line
        assert top > 0 and top <= line < top + view.scrollable_content_region.height
        await pilot.press("j", "j")
        await settle(pilot)
        assert view.cursor_line > line and int(view.scroll_y) >= top
