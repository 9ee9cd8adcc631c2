"""Snapshots (100x30): the Notebook with entries of several kinds, and the tag editor."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reader.ingest.article import Article
from reader.library import Library
from reader.tui.app import ReadmarkApp
from reader.tui.config import Config
from reader.tui.notebook_list import NotebookList
from reader.tui.notebook_screen import NotebookScreen
from reader.tui.tag_screen import TagScreen
from tests.tui.conftest import ARTICLES, BREAD, HARBOUR, HOSTILE, settle, wait_for

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def fixed_times(monkeypatch: pytest.MonkeyPatch) -> None:
    days = itertools.count(0)
    first = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    monkeypatch.setattr(
        "reader.store.clock.created_now",
        lambda: (first + dt.timedelta(days=next(days))).strftime("%Y-%m-%dT%H:%M:%S.000Z"))


def _mark(library: Library, article: Article, body: str, quote: str, **kw: Any) -> None:
    aid = library.import_article(article).id
    start = body.index(quote)
    library.add_highlight(aid, start, start + len(quote), **kw)


def test_snapshot_notebook(snap_compare: Any, library: Library) -> None:
    harbour, bread, hostile = ARTICLES
    _mark(library, harbour, HARBOUR, "dredge the north channel", color="green")
    _mark(library, bread, BREAD, "Yeasts and bacteria arrive on their own and,\ngiven a few "
          "days, the jar begins to smell of apples and then of vinegar.", color="yellow")
    _mark(library, harbour, HARBOUR, "\"This is a gamble with the bay,\"", color="pink",
          note="Berg has fished here for thirty years")
    _mark(library, hostile, HOSTILE, "[bold]markup[/bold]", color="purple",
          note="[/] must show as text")
    library.set_article_note(library.import_article(bread).id, "Try the four-fold method.")
    _mark(library, harbour, HARBOUR, "monitor the eelgrass beds for two years", color="blue")

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("N")
        app = pilot.app
        await wait_for(pilot, lambda: isinstance(app.screen, NotebookScreen)
                       and bool(app.screen.query(NotebookList))
                       and app.screen.query_one(NotebookList).ready)

    assert snap_compare(ReadmarkApp(library, Config()), terminal_size=SIZE, run_before=ready)


def test_snapshot_tag_editor(snap_compare: Any, library: Library) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        app = pilot.app
        await settle(pilot)
        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, TagScreen)
                       and bool(app.screen.query(Input))
                       and not app.screen.query_one(Input).disabled)

    assert snap_compare(ReadmarkApp(library, Config()), terminal_size=SIZE, run_before=ready)
