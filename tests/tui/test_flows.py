"""Pilot tests: open, search, jump, back, resume, quit."""

from __future__ import annotations

from reader.library import Library
from reader.tui.app import ReadmarkApp
from reader.tui.article_list import ArticleList
from reader.tui.article_view import ArticleView
from reader.tui.config import Config
from reader.tui.help_screen import HelpScreen
from reader.tui.library_screen import LibraryScreen
from reader.tui.reading_screen import ReadingScreen
from tests.tui.conftest import open_first_article, settle, wait_for


async def test_library_lists_articles(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.total == 3
        assert article_list.current is not None
        assert article_list.current.article.title == "Harbour commission approves dredging"


async def test_open_and_back(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
        view = app.screen.query_one(ArticleView)
        assert view.laid_out and view.analysis is not None
        assert view.lines[0].kind == "title"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_search_as_you_type(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"vinega")  # prefix of "vinegar", only in a body
        article_list = app.screen.query_one(ArticleList)
        await wait_for(pilot, lambda: article_list.ready and article_list.row_height == 2)
        assert article_list.source is not None and article_list.source.searching
        assert article_list.total == 1
        row = article_list.row(0)
        assert row is not None and row.article.title == "In praise of slow bread"
        assert row.snippet and "vinegar" in row.snippet.lower()
        await pilot.press("enter", "enter")  # to the results, then open
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.article is not None
        assert app.screen.article.title == "In praise of slow bread"


async def test_search_text_is_safe(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *'"[bold]*(', "escape")
        await pilot.pause(0.3)
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_quote_jump_names_speaker(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_first_article(pilot)
        assert view.analysis is not None
        await pilot.press("right_square_bracket")
        await pilot.pause()
        first = view.analysis.quotes[0]
        assert view.position == first.start
        quote = view.current_quote
        assert quote is not None and quote.speaker and "Ruiz" in quote.speaker
        status = str(app.screen.query_one("#status-quote").render())
        assert "Ruiz" in status
        await pilot.press("right_square_bracket")
        assert view.position == view.analysis.quotes[1].start
        await pilot.press("left_square_bracket")
        assert view.position == first.start


async def test_quote_panel_jump(app: ReadmarkApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("p")
        panel = app.screen.query_one("#quotes")
        assert panel.display
        assert app.config.quote_panel is True
        panel.focus()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.current_quote is not None
        assert view.position == view.current_quote.start


async def test_resume_position(library: Library) -> None:
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_first_article(pilot)
        await pilot.press("right_curly_bracket", "right_curly_bracket", "j", "right_parenthesis")
        position = view.position
        assert position > 0
        await pilot.press("escape")
        await settle(pilot)
        row = app.screen.query_one(ArticleList).current
        assert row is not None and row.article.progress > 0
    stored = library.get(row.article.id)
    assert stored is not None and stored.position == position
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first_article(pilot)
        assert view.position == position
        line = view.cursor_line
        assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height


async def test_moves_by_line_sentence_paragraph(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_first_article(pilot)
        start = view.position
        await pilot.press("j")
        after_line = view.position
        assert after_line > start
        await pilot.press("k")
        assert view.position == start
        await pilot.press("right_parenthesis")
        assert view.position in {s for s, _ in view.analysis.sentences}  # type: ignore[union-attr]
        await pilot.press("right_curly_bracket")
        assert view.position in {b.start for b in view.analysis.document.blocks}  # type: ignore[union-attr]
        await pilot.press("G")
        assert view.cursor_line == view.index.text_lines[-1]
        await pilot.press("g")
        assert view.cursor_line == view.index.text_lines[0]


async def test_help_screen(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        ids = {row[2] for row in app.screen.rows}
        assert {"readmark.search", "readmark.quit", "readmark.sort"} <= ids
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_sort_and_filter(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")  # newest → oldest
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert screen.list_query.sort == "oldest"
        current = screen.query_one(ArticleList).current
        assert current is not None and current.article.published == "2026-01-05"
        await pilot.press("f")
        await settle(pilot)
        await pilot.press(*"food", "enter")
        await settle(pilot)
        assert screen.list_query.tag == "food"
        assert screen.query_one(ArticleList).total == 1
        await pilot.press("escape")
        await settle(pilot)
        assert screen.list_query.tag is None
        assert screen.query_one(ArticleList).total == 3


async def test_quit_with_q(app: ReadmarkApp) -> None:
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_q_in_search_box_types(app: ReadmarkApp) -> None:
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("slash", "q")
        await pilot.pause()
        assert app.is_running
        assert app.screen.query_one("#search").value == "q"  # type: ignore[attr-defined]


async def test_empty_library_offers_samples(empty_library: Library) -> None:
    app = ReadmarkApp(empty_library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#empty").display
        await pilot.press("i")
        await settle(pilot, rounds=8)
        assert not empty_library.is_empty()
        assert not app.screen.query_one("#empty").display
        assert app.screen.query_one(ArticleList).total > 0


async def test_quit_while_reading_keeps_position(library: Library) -> None:
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_first_article(pilot)
        article_id = app.screen.article_id  # type: ignore[attr-defined]
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        position = view.position
        await pilot.press("ctrl+q")
        await pilot.pause()
    # run_tui saves whatever a worker could not finish before the app closed
    for saved_id, (pos, progress) in list(app.unsaved.items()):
        library.save_position(saved_id, pos, progress)
    stored = library.get(article_id)
    assert stored is not None and stored.position == position


async def test_slash_in_article_goes_to_search(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.focused is not None and app.focused.id == "search"


async def test_store_error_is_reported_not_hung(library: Library, monkeypatch: object) -> None:
    from reader.library import StoreError

    def broken(article_id: str) -> None:
        raise StoreError("disk on fire")

    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        monkeypatch.setattr(library, "get", broken)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("disk on fire" in m for m in messages)


async def test_no_matches_says_so(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zzqqxx")
        article_list = app.screen.query_one(ArticleList)
        await wait_for(pilot, lambda: article_list.ready and article_list.row_height == 2)
        assert article_list.total == 0
        text = "".join(seg.text for seg in article_list.render_line(1))
        assert "No matches" in text
