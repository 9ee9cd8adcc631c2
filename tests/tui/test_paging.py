"""The list pages rows in on demand (Line API + keyset), never the whole library."""

from __future__ import annotations

from pathlib import Path

from reader.ingest.article import Article
from reader.library import Library
from reader.tui.app import ReadmarkApp
from reader.tui.article_list import ArticleList
from reader.tui.config import Config
from reader.tui.page_sources import PAGE_SIZE
from tests.tui.conftest import settle, wait_for

N = 1_200


def _articles() -> list[Article]:
    return [
        Article(title=f"Report {i:05d}", body=f"Body of report {i}. " * 5,
                authors=[f"Writer {i % 7}"], published=f"2020-01-{1 + i % 28:02d}",
                url=f"https://paging.example/{i}")
        for i in range(N)
    ]


async def test_only_visible_pages_are_loaded(tmp_path: Path) -> None:
    with Library(tmp_path / "big.db") as library:
        library.import_many(_articles())
        calls: list[tuple[str, int]] = []
        page, page_after = library.page, library.page_after

        def spy_page(query, offset=0, limit=100):  # type: ignore[no-untyped-def]
            calls.append(("offset", offset))
            return page(query, offset, limit)

        def spy_after(query, after, limit=100):  # type: ignore[no-untyped-def]
            calls.append(("keyset", 0))
            return page_after(query, after, limit)

        library.page, library.page_after = spy_page, spy_after  # type: ignore[method-assign]
        app = ReadmarkApp(library, Config(sort="title"))
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            article_list = app.screen.query_one(ArticleList)
            assert article_list.total == N
            assert len(article_list._pages) == 1
            await pilot.press("G")
            await wait_for(pilot, lambda: article_list.current is not None)
            current = article_list.current
            assert current is not None and current.article.title == f"Report {N - 1:05d}"
            assert len(article_list._pages) <= 2
            assert ("offset", (N - 1) // PAGE_SIZE * PAGE_SIZE) in calls  # a jump: OFFSET
            calls.clear()
            await pilot.press("g")
            await settle(pilot)
            for _ in range(PAGE_SIZE // 20 + 2):
                await pilot.press("pagedown")
            await settle(pilot)
            assert ("keyset", 0) in calls  # scrolling on: keyset from the page before
            assert len(article_list._pages) < N // PAGE_SIZE
