"""Editing tags in the TUI: ``T`` in the library and while reading, shown in rows, filterable."""

from __future__ import annotations

from textual.widgets import Input

from reader.library import Library
from reader.tui.app import ReadmarkApp
from reader.tui.article_list import ArticleList
from reader.tui.config import Config
from reader.tui.filter_screen import FilterScreen
from reader.tui.library_rows import columns, title_cells
from reader.tui.library_screen import LibraryScreen
from reader.tui.reading_screen import ReadingScreen
from reader.tui.tag_screen import TagScreen, parse_tags, tag_changes
from tests.tui.conftest import settle, wait_for

SIZE = (150, 30)


def _editor_ready(app: ReadmarkApp) -> bool:
    fields = app.screen.query(Input) if isinstance(app.screen, TagScreen) else []
    return bool(fields) and not fields[0].disabled


async def _editor(pilot: object, app: ReadmarkApp) -> Input:
    await pilot.press("T")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: _editor_ready(app))
    return app.screen.query_one(Input)


async def _type_tags(pilot: object, field: Input, text: str) -> None:
    field.value = ""
    await pilot.press(*text, "enter")  # type: ignore[attr-defined]


def _row_text(app: ReadmarkApp, index: int) -> str:
    article_list = app.screen.query_one(ArticleList)
    return article_list.render_line(index - int(article_list.scroll_y)).text


async def test_edit_tags_in_library_then_filter(library: Library) -> None:
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        harbour = article_list.current
        assert harbour is not None and "#local #environment" in _row_text(app, 0)
        field = await _editor(pilot, app)
        assert field.value == "local, environment"
        await _type_tags(pilot, field, "Local, #ports, long read")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert library.get(harbour.article.id).tags == ["Local", "ports", "long read"]  # type: ignore[union-attr]
        with Library(library.path) as other:  # a second connection to the same file
            assert other.get(harbour.article.id).tags == ["Local", "ports", "long read"]  # type: ignore[union-attr]
        await wait_for(pilot, lambda: "#ports" in _row_text(app, 0))
        assert "#Local #ports" in _row_text(app, 0)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FilterScreen)
                       and bool(app.screen.facets))
        await pilot.press(*"ports", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen)
                       and article_list.total == 1 and article_list.ready)
        assert app.screen.list_query.tag == "ports"  # type: ignore[attr-defined]
        assert article_list.current is not None
        assert article_list.current.article.id == harbour.article.id


async def test_escape_cancels(library: Library) -> None:
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await _editor(pilot, app)
        field.value = "gone"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert [a.tags for a in library.page(library_query(), 0, 1)] == [["local", "environment"]]


def library_query():  # type: ignore[no-untyped-def]
    from reader.library import ListQuery

    return ListQuery(sort="newest")


async def test_edit_tags_while_reading(library: Library) -> None:
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")  # the bread essay
        await wait_for(pilot, lambda: isinstance(app.screen, ReadingScreen))
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        field = await _editor(pilot, app)
        assert field.value == "food"
        await _type_tags(pilot, field, "food, baking, [bold]x[/]")
        await wait_for(pilot, lambda: app.screen is reading)
        assert library.get(reading.article_id).tags == ["food", "baking", "[bold]x[/]"]  # type: ignore[union-attr]
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen)
                       and "#baking" in _row_text(app, 1))
        assert "#food #baking #[bold]x[/]" in _row_text(app, 1)


async def test_tag_editor_from_palette(library: Library) -> None:
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Edit tags")
        command.callback()
        await wait_for(pilot, lambda: _editor_ready(app))
        assert app.screen.query_one(Input).value == "local, environment"


def test_parse_and_changes() -> None:
    assert parse_tags(" a, #b ,, A, long  read ,") == ["a", "b", "long read"]
    assert parse_tags("") == []
    assert tag_changes(["a", "b"], ["a", "b"]) == (["a", "b"], [])
    assert tag_changes(["a", "b"], ["b", "c"]) == (["b", "c"], ["a"])
    assert tag_changes(["Food"], ["food"]) == (["food"], ["Food"])  # a new spelling


def test_title_and_tags_share_the_column() -> None:
    from reader.library import ArticleSummary

    article = ArticleSummary("x", "A rather long title about harbours and dredging", [], None,
                             None, None, ["one", "two", "three"], 10, 0, 0.0, "")
    title = next(c for c in columns(100) if c.key == "title")
    shown, tags = title_cells(article, title.width)
    assert len(shown) + len(tags) == title.width
    assert tags.startswith("#one")
    assert title_cells(article, 20) == (article.title[:19] + "…", "")  # too narrow for tags
