"""Save the README pictures: the library and reading screens, as the app itself draws them.

Usage: python docs/make_screenshots.py

Builds a temporary library from ``sample_articles/``, runs readmark headless at 120x34 and
writes ``docs/screenshots/library.svg`` and ``docs/screenshots/reading.svg`` with
``App.save_screenshot``. Run it again whenever the screens change.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.library import Library, ListQuery  # noqa: E402
from reader.library.importing import import_paths  # noqa: E402
from reader.paths import sample_articles_dir  # noqa: E402
from reader.quotes import analyze  # noqa: E402
from reader.tui.app import ReadmarkApp  # noqa: E402
from reader.tui.article_list import ArticleList  # noqa: E402
from reader.tui.article_view import ArticleView  # noqa: E402
from reader.tui.config import Config  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (120, 34)


def most_quoted(library: Library) -> str:
    """Return the id of the sample article with the most attributed quotes."""
    best, best_count = "", -1
    for summary in library.page(ListQuery(sort="newest"), 0, 100):
        article = library.get(summary.id)
        if article is None:
            continue
        count = sum(1 for q in analyze(article.body, article.body_format).quotes if q.speaker)
        if count > best_count:
            best, best_count = article.id, count
    return best


async def settle(pilot: object) -> None:
    """Let workers finish and messages be handled."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]


async def shoot(library: Library) -> None:
    """Drive the app and save both screenshots."""
    target = most_quoted(library)
    app = ReadmarkApp(library, Config(quote_panel=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        for index in range(article_list.total):
            row = article_list.row(index)
            if row is not None and row.article.id == target:
                article_list.cursor = index
        await pilot.pause()
        app.save_screenshot("library.svg", path=str(OUT))
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        for _ in range(3):
            await pilot.press("right_square_bracket")
            quote = view.current_quote
            if quote is not None and quote.speaker:
                break
        if view.cursor_line < view.scrollable_content_region.height - 3:
            view.scroll_to(y=0, animate=False)  # keep the article's header in the picture
        await pilot.pause()
        app.save_screenshot("reading.svg", path=str(OUT))


def main() -> None:
    """Build the temp library and save the screenshots."""
    samples = sample_articles_dir()
    if samples is None:
        sys.exit("sample_articles/ not found")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "library.db") as library:
        import_paths(library, [str(samples)])
        asyncio.run(shoot(library))
    for name in ("library.svg", "reading.svg"):
        print(OUT / name)


if __name__ == "__main__":
    main()
