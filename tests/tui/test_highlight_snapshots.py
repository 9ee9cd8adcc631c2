"""Snapshots of highlights: colours and note markers, the Highlights panel, the note editor."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from reader.ingest.article import Article
from reader.library import Library
from reader.tui.app import ReadmarkApp
from reader.tui.article_view import ArticleView
from reader.tui.config import Config
from tests.tui.conftest import ARTICLES, HARBOUR, settle, wait_for
from tests.tui.test_highlighting import _harbour

SIZE = (100, 30)


def _mark_up(library: Library) -> str:
    """Highlight the harbour article in every colour, with notes, and note the article."""
    article_id = _harbour(library)
    body = HARBOUR
    for phrase, color, note in [
        ("a\nproject that has divided the town for a decade", "yellow", ""),
        ("We will not wait another winter", "green", "A promise, not a plan."),
        ("six metres", "blue", ""),
        ("old quarry", "pink", "Where exactly?"),
        ("monitor the eelgrass beds", "purple", ""),
    ]:
        start = body.index(phrase)
        library.add_highlight(article_id, start, start + len(phrase), color=color, note=note)
    library.set_article_note(article_id, "Follow up when work starts in March.")
    return article_id


async def _opened(pilot: Pilot[None]) -> ArticleView:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    view = pilot.app.screen.query_one(ArticleView)
    await wait_for(pilot, lambda: len(view.highlights) >= 4 and view.laid_out)
    return view


def test_snapshot_highlights_in_colours(snap_compare: Any, library: Library) -> None:
    _mark_up(library)

    async def ready(pilot: Pilot[None]) -> None:
        await _opened(pilot)
        await pilot.press("full_stop", "full_stop")  # onto the noted green one
        await pilot.pause()

    assert snap_compare(ReadmarkApp(library, Config()), terminal_size=SIZE, run_before=ready)


def test_snapshot_highlights_panel_with_orphan(snap_compare: Any, library: Library) -> None:
    _mark_up(library)
    changed = ARTICLES[0].__dict__ | {"body": HARBOUR.replace("old quarry", "gravel pit")}
    library.import_article(Article(**changed))  # "old quarry" is gone: its highlight orphans

    async def ready(pilot: Pilot[None]) -> None:
        await _opened(pilot)
        await pilot.press("l")
        await pilot.pause()

    assert snap_compare(ReadmarkApp(library, Config()), terminal_size=SIZE, run_before=ready)


def test_snapshot_note_editor(snap_compare: Any, library: Library) -> None:
    _mark_up(library)

    async def ready(pilot: Pilot[None]) -> None:
        await _opened(pilot)
        await pilot.press("full_stop", "full_stop", "n")
        await settle(pilot)
        await pilot.press("enter", *"Said twice at the hearing.")
        await pilot.pause()

    assert snap_compare(ReadmarkApp(library, Config()), terminal_size=SIZE, run_before=ready)
