"""The Notebook: open it, search, filter, choose an entry, orphans, hostile text."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest
from textual.widgets import Input

from reader.ingest.article import Article
from reader.library import Highlight, Library, NotebookQuery
from reader.tui import keys
from reader.tui.app import ReadmarkApp
from reader.tui.article_view import ArticleView
from reader.tui.config import Config
from reader.tui.filter_screen import FilterScreen
from reader.tui.library_screen import LibraryScreen
from reader.tui.notebook_list import NotebookList
from reader.tui.notebook_rows import ENTRY_HEIGHT, break_line, entry_lines
from reader.tui.notebook_screen import NotebookScreen
from reader.tui.reading_screen import ReadingScreen
from tests.tui.conftest import ARTICLES, BREAD, HARBOUR, HOSTILE, settle, wait_for

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def fixed_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """Highlights made one day apart, so order and dates are the same on every run."""
    days = itertools.count(0)
    first = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    monkeypatch.setattr(
        "reader.store.clock.created_now",
        lambda: (first + dt.timedelta(days=next(days))).strftime("%Y-%m-%dT%H:%M:%S.000Z"))


def mark(library: Library, title: str, quote: str, **kw: str) -> Highlight:
    """Highlight ``quote`` in the fixture article whose title starts with ``title``."""
    article = next(a for a in ARTICLES if a.title.startswith(title))
    body = {"Harbour": HARBOUR, "In praise": BREAD, "Escapes": HOSTILE}[title]
    aid = _id(library, article)
    start = body.index(quote)
    return library.add_highlight(aid, start, start + len(quote), **kw)  # type: ignore[arg-type]


def _id(library: Library, article: Article) -> str:
    return library.import_article(article).id  # unchanged: returns the stored id


@pytest.fixture
def notebook_library(library: Library) -> Iterator[Library]:
    """The fixture library with highlights of several colours, notes and an article note."""
    mark(library, "Harbour", "dredge the north channel", color="green")
    mark(library, "In praise", "Time is the main ingredient.", note="true of most things")
    mark(library, "Harbour", "monitor the eelgrass beds for two years", color="blue",
         note="who pays for the monitoring?")
    library.set_article_note(_id(library, ARTICLES[1]), "Try the four-fold method at home.")
    yield library


def notebook(pilot_app: ReadmarkApp) -> NotebookList:
    screen = pilot_app.screen
    assert isinstance(screen, NotebookScreen)
    return screen.query_one(NotebookList)


def lines_of(entries: NotebookList) -> list[str]:
    """The text on screen in the list, one string per line."""
    return [entries.render_line(y).text for y in range(entries.size.height)]


async def open_notebook(pilot: object, app: ReadmarkApp) -> NotebookList:
    await settle(pilot)
    await pilot.press("N")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, NotebookScreen)
                   and app.screen.query_one(NotebookList).ready)
    return notebook(app)


async def test_library_key_opens_notebook_newest_first(notebook_library: Library) -> None:
    app = ReadmarkApp(notebook_library, Config())
    async with app.run_test(size=SIZE) as pilot:
        entries = await open_notebook(pilot, app)
        assert entries.total == 4
        texts = [entries.entry(i).text for i in range(4)]  # type: ignore[union-attr]
        assert texts == ["Try the four-fold method at home.",
                         "monitor the eelgrass beds for two years",
                         "Time is the main ingredient.", "dredge the north channel"]
        shown = "\n".join(lines_of(entries))
        assert "✎ who pays for the monitoring?" in shown
        assert "Harbour commission approves dredging  ·  2026-03-03" in shown
        assert "article note" in shown
        await pilot.press("escape")  # nothing to clear: back to the library
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_palette_opens_notebook(notebook_library: Library) -> None:
    app = ReadmarkApp(notebook_library, Config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Notebook")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, NotebookScreen))
        assert notebook(app).total == 4
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Notebook", "Notebook: orphaned highlights"} <= titles


async def test_search_as_you_type(notebook_library: Library) -> None:
    app = ReadmarkApp(notebook_library, Config())
    async with app.run_test(size=SIZE) as pilot:
        entries = await open_notebook(pilot, app)
        await pilot.press("slash", *"monitor")  # highlight text, and a word in its note
        await wait_for(pilot, lambda: entries.total == 1)
        assert entries.total == 1
        assert entries.entry(0).text == "monitor the eelgrass beds for two years"  # type: ignore[union-attr]
        search = app.screen.query_one(Input)
        search.value = "four-fold"  # an article note
        await wait_for(pilot, lambda: entries.total == 1 and entries.current is not None
                       and "four-fold" in entries.current.text)
        search.value = "most thi"  # a highlight's note, the last word a prefix
        await wait_for(pilot, lambda: entries.current is not None
                       and entries.current.text.startswith("Time is"))
        assert entries.total == 1
        assert "1 match" in str(app.screen.query_one("#notebook-bar").render())
        await pilot.press("escape")  # clears the search; the list shows everything again
        await wait_for(pilot, lambda: entries.total == 4)
        assert isinstance(app.screen, NotebookScreen) and search.value == ""


async def test_filter_by_colour_key_and_dialog(notebook_library: Library) -> None:
    app = ReadmarkApp(notebook_library, Config())
    async with app.run_test(size=SIZE) as pilot:
        entries = await open_notebook(pilot, app)
        screen = app.screen
        assert isinstance(screen, NotebookScreen)
        await pilot.press("c")  # yellow
        await wait_for(pilot, lambda: entries.total == 1)
        assert entries.entry(0).text.startswith("Time is")  # type: ignore[union-attr]
        await pilot.press("c")  # green
        await wait_for(pilot, lambda: entries.current is not None
                       and entries.current.text.startswith("dredge"))
        assert screen.chips() == ["■ green"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: entries.total == 4)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FilterScreen)
                       and bool(app.screen.facets))
        await pilot.press(*"blue", "enter")
        await wait_for(pilot, lambda: entries.total == 1)
        assert screen.filters == NotebookQuery(color="blue")
        assert entries.entry(0).text.startswith("monitor")  # type: ignore[union-attr]


async def test_filter_by_tag_and_article(notebook_library: Library) -> None:
    app = ReadmarkApp(notebook_library, Config())
    async with app.run_test(size=SIZE) as pilot:
        entries = await open_notebook(pilot, app)
        screen = app.screen
        assert isinstance(screen, NotebookScreen)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FilterScreen)
                       and bool(app.screen.facets))
        await pilot.press(*"food", "enter")
        await wait_for(pilot, lambda: entries.total == 2)
        assert {e.article_title for e in [entries.entry(0), entries.entry(1)]  # type: ignore[union-attr]
                } == {"In praise of slow bread"}
        assert screen.chips() == ["#food"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: entries.total == 4)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FilterScreen)
                       and bool(app.screen.facets))
        await pilot.press(*"Harbour comm", "enter")  # the article, by its title
        await wait_for(pilot, lambda: entries.total == 2)
        assert screen.chips() == ["Harbour commission approves d…"]


async def test_choosing_a_highlight_opens_the_article_there(notebook_library: Library) -> None:
    app = ReadmarkApp(notebook_library, Config())
    async with app.run_test(size=SIZE) as pilot:
        entries = await open_notebook(pilot, app)
        await pilot.press("j")  # the eelgrass highlight
        chosen = entries.current
        assert isinstance(chosen, Highlight) and chosen.start is not None
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReadingScreen)
                       and app.screen.query_one(ArticleView).laid_out)
        view = app.screen.query_one(ArticleView)
        assert view.position == chosen.start
        assert view.article is not None and view.article.id == chosen.article_id
        await pilot.press("escape")  # back to the Notebook, same entry
        await settle(pilot)
        assert isinstance(app.screen, NotebookScreen) and entries.cursor == 1


async def test_article_note_opens_at_the_saved_position(notebook_library: Library) -> None:
    bread = _id(notebook_library, ARTICLES[1])
    notebook_library.save_position(bread, 120, 0.4)
    app = ReadmarkApp(notebook_library, Config())
    async with app.run_test(size=SIZE) as pilot:
        await open_notebook(pilot, app)
        await pilot.press("enter")  # the article note is newest
        await wait_for(pilot, lambda: isinstance(app.screen, ReadingScreen)
                       and app.screen.query_one(ArticleView).laid_out)
        assert app.screen.query_one(ArticleView).position == 120


async def test_orphaned_view(notebook_library: Library) -> None:
    orphan = mark(notebook_library, "In praise", "Bread is older than writing.")
    changed = Article(**{**ARTICLES[1].__dict__, "body": "A new essay about rye, not that."})
    notebook_library.import_article(changed)
    assert notebook_library.get_highlight(orphan.id).state == "orphaned"  # type: ignore[union-attr]
    app = ReadmarkApp(notebook_library, Config())
    async with app.run_test(size=SIZE) as pilot:
        entries = await open_notebook(pilot, app)
        await pilot.press("o")
        await wait_for(pilot, lambda: entries.total == 1
                       and entries.current is not None and entries.current.id == orphan.id)
        assert "orphaned (its text left the article)" in "\n".join(lines_of(entries))
        assert app.screen.chips() == ["orphaned only"]  # type: ignore[attr-defined]
        await pilot.press("enter")  # no place to go: opens where reading left off
        await wait_for(pilot, lambda: isinstance(app.screen, ReadingScreen)
                       and app.screen.query_one(ArticleView).laid_out)
        assert app.screen.query_one(ArticleView).position == 0


async def test_orphaned_view_from_the_palette_when_there_are_none(library: Library) -> None:
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        command = next(c for c in app.get_system_commands(app.screen)
                       if c.title == "Notebook: orphaned highlights")
        command.callback()
        await wait_for(pilot, lambda: isinstance(app.screen, NotebookScreen))
        entries = notebook(app)
        await wait_for(pilot, lambda: entries.ready)
        assert entries.total == 0
        assert "No orphaned highlights" in "\n".join(lines_of(entries))


async def test_hostile_text_shows_literally(library: Library) -> None:
    hostile = mark(library, "Escapes", "[bold]markup[/bold]",
                   note="[/] closes \x1b[31mred\x1b[0m and [link=http://x]y[/link]")
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=SIZE) as pilot:
        entries = await open_notebook(pilot, app)
        assert entries.current is not None and entries.current.id == hostile.id
        shown = lines_of(entries)[:3]
        assert shown[0].split("▌ ", 1)[1].startswith("[bold]markup[/bold]")
        # whole escape sequences go; the old cleaner left "[31m" and "[7m" on screen
        assert "✎ [/] closes red and [link=http://x]y[/link]" in shown[1]
        assert shown[2].split("▌ ", 1)[1].startswith("Escapes [bold]and[/bold] brackets")
        assert not any("\x1b" in line for line in shown)


def test_entry_lines_wrap_and_clip() -> None:
    long = Highlight("h", "a", "word " * 40, "", "", 0, 200, "pink", "", "2026-03-01T00:00Z",
                     None, "anchored", article_title="T")
    first, second, meta = entry_lines(long, 30)
    assert first == "word word word word word word"
    assert second.endswith("…") and len(second) <= 30
    assert meta == "T  ·  2026-03-01"
    assert break_line("abcdefghij", 4) == ("abcd", "efghij")
    assert ENTRY_HEIGHT == 4


def test_notebook_keys_do_not_clash() -> None:
    seen: dict[str, str] = {}
    for binding in [*keys.LIST_BINDINGS, *keys.NOTEBOOK_BINDINGS, *keys.APP_BINDINGS]:
        assert binding.id  # type: ignore[union-attr]
        for key in binding.key.split(","):  # type: ignore[union-attr]
            assert key not in seen, (key, binding)
            seen[key] = binding.id  # type: ignore[union-attr]


async def test_pages_through_many_entries(library: Library) -> None:
    words = [f"w{i:03d}" for i in range(260)]
    body = " ".join(words)
    aid = library.import_article(Article(title="Many", body=body, url="https://x.example/m")).id
    for i in range(250):
        start = i * 5
        library.add_highlight(aid, start, start + 4)
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=SIZE) as pilot:
        entries = await open_notebook(pilot, app)
        await wait_for(pilot, lambda: entries.total == 250)
        assert entries.current is not None and entries.current.text == "w249"  # newest
        await pilot.press("G")
        await wait_for(pilot, lambda: entries.current is not None)
        assert entries.cursor == 249 and entries.current.text == "w000"  # type: ignore[union-attr]
        await pilot.press("pageup")
        await wait_for(pilot, lambda: entries.current is not None)
        assert entries.current.text == f"w{249 - entries.cursor:03d}"  # type: ignore[union-attr]
