"""Search as you type in the TUI: superseded searches stop, and never show their rows."""

from __future__ import annotations

import threading

from reader.library import Library
from reader.tui.app import ReadmarkApp
from reader.tui.article_list import ArticleList
from reader.tui.page_sources import Row, SearchSource
from tests.tui.conftest import settle, wait_for


def shown(article_list: ArticleList) -> list[str]:
    rows = [article_list.row(i) for i in range(article_list.total)]
    return [r.article.id for r in rows if r is not None]


class HeldSearch(SearchSource):
    """A search whose fetch waits for ``gate`` before querying the library (a slow query)."""

    def __init__(self, library: Library, text: str, gate: threading.Event) -> None:
        super().__init__(library, text)
        self.gate = gate
        self.started = threading.Event()

    def fetch(self, page: int, after: Row | None) -> list[Row]:
        self.started.set()
        self.gate.wait(5)
        return super().fetch(page, after)


async def test_typing_fast_shows_the_final_querys_rows(app: ReadmarkApp, library: Library
                                                       ) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        await pilot.press("slash", *"harbour")
        await wait_for(pilot, lambda: isinstance(article_list.source, SearchSource)
                       and article_list.source.text == "harbour" and article_list.ready)
        assert shown(article_list) == [h.article.id for h in library.search("harbour")]
        assert article_list.total == 1


async def test_each_key_cancels_the_search_before_it(app: ReadmarkApp, library: Library
                                                     ) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        await pilot.press("slash")
        sources: list[SearchSource] = []
        for key in "bread":
            await pilot.press(key)
            await pilot.pause(0.2)  # longer than the pause before searching: each key searches
            if isinstance(article_list.source, SearchSource):
                sources.append(article_list.source)
        await wait_for(pilot, lambda: article_list.ready)
        assert [s.text for s in sources] == ["b", "br", "bre", "brea", "bread"]
        assert all(s.cancelled for s in sources[:-1]) and not sources[-1].cancelled
        assert shown(article_list) == [h.article.id for h in library.search("bread")]


async def test_a_slow_superseded_search_never_shows_its_rows(app: ReadmarkApp,
                                                             library: Library) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        gate = threading.Event()
        held = HeldSearch(library, "bread", gate)
        article_list.set_source(held)  # "bread" is still being searched …
        for _ in range(250):
            if held.started.is_set():
                break
            await pilot.pause(0.02)
        assert held.started.is_set()
        await pilot.press("slash", *"harbour")  # … when the user types on
        await pilot.pause(0.3)
        assert held.cancelled
        gate.set()  # the stale query runs now: it stops at once, and its rows are dropped
        await wait_for(pilot, lambda: article_list.source is not held and article_list.ready)
        await settle(pilot)
        harbour = [h.article.id for h in library.search("harbour")]
        assert shown(article_list) == harbour and len(harbour) == 1
        assert not [n for n in app._notifications if n.severity == "error"]
        assert article_list.total == 1
