"""The reader's "Add from URL…" (key ``a``): the page is fetched and the article opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import Library
from reader.tui.add_url_screen import AddUrlScreen, check_url
from reader.tui.app import ReadmarkApp
from reader.tui.config import Config
from tests.ingest.conftest import Site
from tests.tui.conftest import settle, wait_for

pytestmark = pytest.mark.tui


async def test_a_adds_the_page_and_opens_the_article(tmp_path: Path, site: Site) -> None:
    from reader.tui.reading_screen import ReadingScreen

    library = Library(tmp_path / "lib.db")
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AddUrlScreen)
        await pilot.press(*"notaurl", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AddUrlScreen)  # refused in place, with the reason
        assert "not an http(s)" in str(app.screen.query_one("#add-url-problem").render())
        app.screen.query_one("#add-url-input").value = site.url("/blog")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReadingScreen), timeout=10)
        assert isinstance(app.screen, ReadingScreen)
        stored = library.get(app.screen.article_id)
        assert stored is not None and stored.title == "Why I switched my garden to drip irrigation"
    library.close()


async def test_a_failed_fetch_is_one_notification(tmp_path: Path, site: Site) -> None:
    library = Library(tmp_path / "lib.db")
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#add-url-input").value = site.url("/paper.pdf")  # type: ignore[attr-defined]
        await pilot.press("enter")
        url = site.url("/paper.pdf")
        await wait_for(pilot, lambda: any(
            f"{url}: not HTML (application/pdf)" in str(n.message) for n in app._notifications),
            timeout=10)
        assert any(f"{url}: not HTML (application/pdf)" in str(n.message)
                   for n in app._notifications)
        assert library.is_empty()
    library.close()


def test_check_url() -> None:
    assert check_url("https://example.org/a") is None
    assert check_url("  ") == "type or paste an http(s):// address"
    assert check_url("example.org/a") == "not an http(s):// address"
    assert check_url("https://exa mple.org") == "not an http(s):// address"
