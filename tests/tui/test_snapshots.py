"""Snapshot tests (pytest-textual-snapshot) at a fixed 100x30 terminal."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from reader.library import Library
from reader.tui.app import ReadmarkApp
from reader.tui.article_list import ArticleList
from reader.tui.config import Config
from tests.tui.conftest import settle

SIZE = (100, 30)


def _app(library: Library, **config: Any) -> ReadmarkApp:
    return ReadmarkApp(library, Config(**config))


def test_snapshot_library(snap_compare: Any, library: Library) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)

    assert snap_compare(_app(library), terminal_size=SIZE, run_before=ready)


def test_snapshot_search(snap_compare: Any, library: Library) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("slash", *"eelgrass")
        article_list = pilot.app.screen.query_one(ArticleList)
        for _ in range(100):  # the search starts after a short typing pause
            if article_list.source is not None and article_list.source.searching:
                break
            await pilot.pause(0.02)
        await settle(pilot)

    assert snap_compare(_app(library), terminal_size=SIZE, run_before=ready)


def test_snapshot_article_with_quotes(snap_compare: Any, library: Library) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()

    assert snap_compare(
        _app(library, quote_panel=True), terminal_size=SIZE, run_before=ready
    )


def test_snapshot_hostile_article(snap_compare: Any, library: Library) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("G", "enter")
        await settle(pilot)

    assert snap_compare(_app(library), terminal_size=SIZE, run_before=ready)


def test_snapshot_help(snap_compare: Any, library: Library) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(_app(library), terminal_size=SIZE, run_before=ready)


def test_snapshot_empty_library(snap_compare: Any, empty_library: Library) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for _ in range(100):  # the button is mounted, then focused, after the empty check
            if getattr(pilot.app.focused, "id", None) == "import-samples":
                break
            await pilot.pause(0.02)
        await pilot.pause(0.3)

    assert snap_compare(_app(empty_library), terminal_size=SIZE, run_before=ready)
