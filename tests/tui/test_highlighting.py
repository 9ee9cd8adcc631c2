"""Highlights and notes on the reading screen: keyboard and mouse flows, checked in the file."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from reader.library import Library, ListQuery
from reader.tui import keys
from reader.tui.app import ReadmarkApp
from reader.tui.article_view import ArticleView
from reader.tui.config import Config
from reader.tui.confirm_screen import ConfirmScreen
from reader.tui.note_editor import NoteEditor
from reader.tui.reading_screen import ReadingScreen
from reader.tui.side_panel import SidePanel
from tests.tui.conftest import open_first_article, settle, wait_for

SIZE = (100, 30)


def _harbour(library: Library) -> str:
    return next(a.id for a in library.page(ListQuery()) if a.title.startswith("Harbour"))


def _reopened(app: ReadmarkApp) -> Library:
    """A second connection to the app's library file: what really reached the disk."""
    return Library(app.library.path)


async def test_keyboard_select_highlight_colour_note(app: ReadmarkApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        assert view.position == 0
        await pilot.press("v", "w", "w", "w")
        assert view.selection == (0, len("The harbour commission "))
        await pilot.press("h")
        await settle(pilot)
        assert view.selection is None
        assert [h.text for h in view.highlights] == ["The harbour commission"]
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press(*"Who sits on it?", "enter", *"Five people.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
    lib = _reopened(app)
    try:
        [saved] = lib.highlights_of(_harbour(lib))
        assert (saved.text, saved.color, saved.note) == (
            "The harbour commission", "blue", "Who sits on it?\nFive people.")
    finally:
        lib.close()


async def test_h_without_selection_highlights_the_sentence(app: ReadmarkApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        await pilot.press("right_parenthesis", "2", "h")  # green, then the second sentence
        await settle(pilot)
        start, end = view.text.sentences[1]
        [hl] = view.highlights
        assert view.article is not None
        assert (hl.start, hl.end) == (start, len(view.article.body[:end].rstrip()))
        assert hl.text.startswith("\"We will not wait") and hl.color == "green"
        assert any(kind == "hl-green" for _, _, kind in view.marks)


async def test_shift_h_highlights_the_whole_quote(app: ReadmarkApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        quote = view.current_quote
        assert quote is not None
        await pilot.press("H")
        await settle(pilot)
        [hl] = view.highlights
        assert (hl.start, hl.end) == (quote.start, quote.end)
        assert hl.text.startswith("“") or hl.text.startswith('"')


async def test_remove_asks_first_and_undo_restores(app: ReadmarkApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        await pilot.press("h")
        await settle(pilot)
        [hl] = view.highlights
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")  # no: nothing happens
        await settle(pilot)
        assert [h.id for h in view.highlights] == [hl.id]
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot)
        assert view.highlights == [] and view.marks == []
        assert app.library.highlights_of(hl.article_id) == []
        await pilot.press("u")
        await settle(pilot)
        assert [h.id for h in view.highlights] == [hl.id]
        assert [h.id for h in app.library.highlights_of(hl.article_id)] == [hl.id]


async def test_jump_between_highlights(library: Library) -> None:
    article_id = _harbour(library)
    body = library.get(article_id).body  # type: ignore[union-attr]
    first, second = body.index("Mayor Ana Ruiz"), body.index("old quarry")
    library.add_highlight(article_id, second, second + 10, color="pink")
    library.add_highlight(article_id, first, first + 14)
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        await wait_for(pilot, lambda: len(view.highlights) == 2)
        await pilot.press("full_stop")
        assert view.position == first
        await pilot.press("full_stop")
        assert view.position == second
        await pilot.press("full_stop")  # no further: stays
        assert view.position == second
        await pilot.press("comma")
        assert view.position == first


async def test_mouse_drag_then_h(app: ReadmarkApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        row = next(i for i, line in enumerate(view.lines) if line.text.startswith("The harbour"))
        y = row - int(view.scroll_y)
        left = view.model.text_left(view.scrollable_content_region.width)
        word = view.lines[row].text.index("commission")
        await pilot.mouse_down(ArticleView, offset=(left + 4, y))  # inside "harbour"
        await pilot.hover(ArticleView, offset=(left + word + 3, y))  # inside "commission"
        await pilot.mouse_up(ArticleView, offset=(left + word + 3, y))
        await pilot.pause()
        assert view.selection is not None
        await pilot.press("h")
        await settle(pilot)
        [hl] = view.highlights
        assert hl.text == "harbour commission"  # widened to whole words


async def test_highlights_survive_a_restart_and_show_in_the_panel(
    library: Library, tmp_path: Path
) -> None:
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=SIZE) as pilot:
        await open_first_article(pilot)
        await pilot.press("h")
        await settle(pilot)
    again = Library(library.path)
    try:
        app = ReadmarkApp(again, Config())
        async with app.run_test(size=SIZE) as pilot:
            view = await open_first_article(pilot)
            await wait_for(pilot, lambda: bool(view.marks))
            assert view.marks[0][2] == "hl-yellow"
            await pilot.press("l")
            await pilot.pause()
            panel = app.screen.query_one("#highlights", SidePanel)
            assert panel.display and panel.has_focus
            assert panel.option_count == 1
            await pilot.press("G", "enter")  # choose it: back in the text, at its start
            await settle(pilot)
            assert view.has_focus and view.position == view.highlights[0].start
    finally:
        again.close()


async def test_article_note_and_its_marker(app: ReadmarkApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_first_article(pilot)
        await pilot.press("N")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press(*"Follow up in March.", "ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert screen.article_note is not None
        assert "article note" in str(screen.query_one("#status-progress").render())
        await pilot.press("N")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press(*"xyz", "escape")  # cancelled: unchanged
        await settle(pilot)
        assert app.library.article_note(screen.article_id).text == "Follow up in March."  # type: ignore[union-attr]


async def test_n_on_plain_text_offers_a_highlight_with_a_note(app: ReadmarkApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press("escape")  # cancelled: no highlight either
        await settle(pilot)
        assert view.highlights == []
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press(*"why now?", "ctrl+s")
        await settle(pilot)
        [hl] = view.highlights
        assert hl.note == "why now?" and hl.start == 0


def test_highlight_keys_do_not_clash_and_fixed_keys_stay() -> None:
    every = [b for group in (keys.ARTICLE_BINDINGS, keys.HIGHLIGHT_KEY_BINDINGS,
                             keys.READING_BINDINGS, keys.HIGHLIGHT_BINDINGS, keys.APP_BINDINGS)
             for b in group if isinstance(b, Binding)]
    seen: dict[str, str] = {}
    for binding in every:
        for key in binding.key.split(","):
            action = binding.action.removeprefix("screen.")
            owner = seen.setdefault(key, action)
            assert owner == action, (key, owner, action)
    fixed = {b.key for b in keys.FIXED_BINDINGS if isinstance(b, Binding) and b.id is None}
    assert fixed == keys.RESERVED_KEYS == {"h", "H", "n"}


async def test_fixed_keys_work_after_a_remap(library: Library) -> None:
    app = ReadmarkApp(library, Config(keys={"readmark.highlight": "y"}))
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert len(view.highlights) == 1


async def test_note_editor_shows_earlier_versions_read_only(app: ReadmarkApp) -> None:
    from textual.widgets import Static

    from reader.library import NoteRevision

    revision = NoteRevision("r1", "highlight", "h1", "[bold]old text[/bold]",
                            "2026-01-01T00:00:00.000Z", None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        results: list[str | None] = []
        app.push_screen(NoteEditor("Note on highlight", "new", revisions=[revision]),
                        results.append)
        await pilot.pause()
        shown = [str(s.render()) for s in app.screen.query(".note-revision").results(Static)]
        assert any("[bold]old text[/bold]" in text for text in shown)  # as text, not markup
        await pilot.press(*" text", "ctrl+s")
        await pilot.pause()
        assert results == ["new text"]


async def test_open_article_at_an_offset_shows_the_cursor(library: Library) -> None:
    article_id = _harbour(library)
    body = library.get(article_id).body  # type: ignore[union-attr]
    at = body.index("Work is expected")
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(80, 16)) as pilot:
        await settle(pilot)
        app.open_article(article_id, at=at)
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await wait_for(pilot, lambda: view.laid_out)
        assert view.position == at
        top = int(view.scroll_y)
        assert top <= view.cursor_line < top + view.scrollable_content_region.height


async def test_help_lists_the_highlight_keys(app: ReadmarkApp) -> None:
    from reader.tui.help_screen import HelpScreen

    async with app.run_test(size=SIZE) as pilot:
        await open_first_article(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        ids = {row[2] for row in app.screen.rows}
        assert {"readmark.highlight", "readmark.highlight_quote", "readmark.note",
                "readmark.select", "readmark.unhighlight", "readmark.undo_unhighlight",
                "readmark.highlight_next", "readmark.highlights_panel",
                "readmark.color_3", "readmark.word_next"} <= ids


async def test_mouse_drag_then_footer_highlight(app: ReadmarkApp) -> None:
    from textual.widgets._footer import FooterKey

    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        row = next(i for i, line in enumerate(view.lines) if line.text.startswith("The harbour"))
        y = row - int(view.scroll_y)
        left = view.model.text_left(view.scrollable_content_region.width)
        await pilot.mouse_down(ArticleView, offset=(left, y))
        await pilot.hover(ArticleView, offset=(left + 2, y + 1))  # onto the next line
        await pilot.mouse_up(ArticleView, offset=(left + 2, y + 1))
        await pilot.pause()
        [button] = [k for k in app.screen.query(FooterKey) if k.key == "h"]
        await pilot.click(button)
        await settle(pilot)
        [hl] = view.highlights
        assert hl.start == 0 and hl.text.startswith("The harbour commission voted")
        assert hl.text.endswith("\nproject")  # the word under the pointer, whole
