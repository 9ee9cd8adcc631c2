"""Changes another process makes to the library show without a key press.

The app reads ``PRAGMA data_version`` once a second in a worker; a second ``Library`` on the
same file stands in for another process.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.ingest.article import Article
from reader.library import Library, ListQuery
from reader.tui.app import ReadmarkApp
from reader.tui.article_list import ArticleList
from reader.tui.notebook_list import NotebookList
from reader.tui.notebook_screen import NotebookScreen
from tests.tui.conftest import HARBOUR, open_first_article, settle, wait_for

SIZE = (100, 30)
WAIT = 5.0  # several polls; the assertions are about what shows, not how fast

NEW = Article(title="A late arrival", body="Written by someone else.\n", authors=["Ola Nye"],
              site="Elsewhere", published="2026-12-01", url="https://elsewhere.example/late")


@pytest.fixture
def other(library: Library) -> Iterator[Library]:
    """A second connection to the same file: another process, as far as the app can tell."""
    lib = Library(library.path)
    yield lib
    lib.close()


def test_data_version_changes_for_other_connections_only(library: Library,
                                                          other: Library) -> None:
    before = library.data_version()
    library.save_position(library.page(ListQuery())[0].id, 5, 0.1)
    assert library.data_version() == before  # our own write
    other.import_article(NEW)
    assert library.data_version() != before


def test_data_version_of_a_fresh_file(tmp_path: Path) -> None:
    with Library(tmp_path / "fresh.db") as lib:
        assert isinstance(lib.data_version(), int)


async def test_library_list_shows_added_and_removed_articles(library: Library,
                                                             other: Library) -> None:
    app = ReadmarkApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.total == 3
        added = other.import_article(NEW).id
        await wait_for(pilot, lambda: articles.total == 4, WAIT)
        assert articles.total == 4
        assert any(articles.row(i) and articles.row(i).article.id == added  # type: ignore[union-attr]
                   for i in range(4))
        other.delete(added)
        await wait_for(pilot, lambda: articles.total == 3, WAIT)
        assert articles.total == 3


async def test_open_article_shows_highlights_made_elsewhere(library: Library,
                                                            other: Library) -> None:
    app = ReadmarkApp(library)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        assert view.article is not None and view.article.body == HARBOUR
        assert view.highlights == []
        start = HARBOUR.index("dredge the north channel")
        made = other.add_highlight(view.article.id, start, start + 24, color="green")
        await wait_for(pilot, lambda: bool(view.highlights), WAIT)
        assert [h.id for h in view.highlights] == [made.id]
        assert (start, start + 24, "hl-green") in view.marks


async def test_notebook_shows_highlights_made_elsewhere(library: Library,
                                                        other: Library) -> None:
    app = ReadmarkApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("N")
        await wait_for(pilot, lambda: isinstance(app.screen, NotebookScreen))
        entries = app.screen.query_one(NotebookList)
        assert entries.total == 0
        article = other.page(ListQuery())[0]
        body = other.get(article.id).body  # type: ignore[union-attr]
        other.add_highlight(article.id, 0, body.index(" ", 10))
        await wait_for(pilot, lambda: entries.total == 1, WAIT)
        assert entries.total == 1
