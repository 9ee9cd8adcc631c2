"""Fixtures for the TUI tests: a small library built through the ``Library`` facade."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.worker import WorkerCancelled

from reader.ingest.article import Article
from reader.library import Library
from reader.tui.app import ReadmarkApp
from reader.tui.article_view import ArticleView
from reader.tui.config import Config

HARBOUR = """The harbour commission voted 4–1 on Tuesday to dredge the north channel -- a
project that has divided the town for a decade.

"We will not wait another winter," said Mayor Ana Ruiz after the vote. "The boats are
already running aground."

## What the plan does

The plan has three parts:

- deepen the north channel to *six metres*;
- move the silt to the **old quarry**;
- monitor the eelgrass beds for two years.

Not everyone was convinced. "This is a gamble with the bay," said Tomas Berg, a
fisherman who has worked these waters for thirty years. "Once the eelgrass goes, it
does not come back."

> The commission shall publish its monitoring reports every quarter.

Ruiz called the critics' fears "overblown" and promised public meetings.
"We will listen," she said.

---

Work is expected to start in March.
"""

BREAD = """Bread is older than writing. This essay is about the slow kind.

A starter is flour and water left alone. Yeasts and bacteria arrive on their own and,
given a few days, the jar begins to smell of apples and then of vinegar.

The baker Lena Ohm put it simply: "Time is the main ingredient." She folds her dough
four times and bakes at dawn.

Nothing else in the kitchen rewards patience so plainly.
"""

HOSTILE = (
    "Text with \x1b[31mred escape\x1b[0m codes, a bell\x07, and [bold]markup[/bold] that "
    "must show as text. Also [link=http://x]a link[/link] and a carriage\rreturn.\n\n"
    '"Quoted [italic]brackets[/italic]," said Dee Tester.\n'
)

ARTICLES = [
    Article(
        title="Harbour commission approves dredging",
        body=HARBOUR,
        authors=["Marisol Ybarra"],
        site="Tidewater Dispatch",
        published="2026-10-14",
        tags=["local", "environment"],
        url="https://tidewater.example/harbour",
    ),
    Article(
        title="In praise of slow bread",
        body=BREAD,
        authors=["Jonas Feld"],
        site="Kitchen Letters",
        published="2026-09-02",
        tags=["food"],
        url="https://kitchen.example/bread",
    ),
    Article(
        title="Escapes [bold]and[/bold] \x1b[7mbrackets",
        body=HOSTILE,
        authors=["Q. A. Team"],
        site="Test Site",
        published="2026-01-05",
        tags=["test"],
        url="https://test.example/hostile",
    ),
]


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """A temp library holding the three fixture articles."""
    lib = Library(tmp_path / "library.db")
    with lib.write():
        for article in ARTICLES:
            lib.import_article(article)
    yield lib
    lib.close()


@pytest.fixture
def empty_library(tmp_path: Path) -> Iterator[Library]:
    """A temp library with no articles."""
    lib = Library(tmp_path / "empty.db")
    yield lib
    lib.close()


@pytest.fixture
def app(library: Library) -> ReadmarkApp:
    """The app on the fixture library, with in-memory settings."""
    return ReadmarkApp(library, Config())


async def settle(pilot: object, rounds: int = 4) -> None:
    """Let workers finish and their messages be handled."""
    for _ in range(rounds):
        with contextlib.suppress(WorkerCancelled):  # a closed screen's worker
            await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]


async def wait_for(pilot: object, predicate: Callable[[], bool], timeout: float = 3.0) -> None:
    """Pause until ``predicate()`` holds (or ``timeout`` passes), then settle."""
    for _ in range(int(timeout / 0.02)):
        if predicate():
            break
        await pilot.pause(0.02)  # type: ignore[attr-defined]
    await settle(pilot)


async def open_first_article(pilot: object) -> ArticleView:
    """From the library screen, open the article under the cursor and wait until it is laid
    out and analysed; return its view."""
    from reader.tui.reading_screen import ReadingScreen

    app = pilot.app  # type: ignore[attr-defined]
    await settle(pilot)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)
    assert isinstance(app.screen, ReadingScreen)
    view: ArticleView = app.screen.query_one(ArticleView)
    await wait_for(pilot, lambda: view.laid_out and view.analysis is not None)
    return view
