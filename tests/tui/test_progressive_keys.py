"""Keys pressed while a long article is still being laid out end where the user asked.

The rest of the layout (after the first screen) is held back by a gate, so every key below is
pressed while the layout is certainly unfinished; then the gate opens and the layout completes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

import reader.tui.article_view as article_view_module
from reader.document import Block
from reader.ingest.article import Article
from reader.library import Library
from reader.tui.app import ReadmarkApp
from reader.tui.article_view import ArticleView
from reader.tui.config import Config
from reader.tui.layout import Line
from reader.tui.loading import clear_layouts
from reader.tui.reading_screen import ReadingScreen
from tests.tui.conftest import settle

PARAGRAPHS = 600


def _long_body() -> str:
    return "\n\n".join(
        f"Paragraph {i} of the long report describes the harbour, the channel and the "
        f"eelgrass beds in some detail, so that it wraps over a couple of lines."
        for i in range(PARAGRAPHS)
    )


class Gate:
    """Holds the layout after its first screen until ``open`` is called."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.event = threading.Event()
        real = article_view_module.rest_chunks

        def gated(
            blocks: Sequence[Block], start: int, measure: int, previous: Block | None
        ) -> Iterator[list[Line]]:
            self.event.wait(timeout=20)
            yield from real(blocks, start, measure, previous)

        monkeypatch.setattr(article_view_module, "rest_chunks", gated)

    def open(self) -> None:
        self.event.set()


@pytest.fixture(autouse=True)
def _cold_layout() -> Iterator[None]:
    clear_layouts()  # a kept layout would skip the progressive steps
    yield
    clear_layouts()


@pytest.fixture
def long_library(tmp_path: Path) -> Iterator[tuple[Library, str]]:
    with Library(tmp_path / "long.db") as library:
        outcome = library.import_article(
            Article(title="A very long report", body=_long_body(), authors=["Ida Long"],
                    site="Long Reads", published="2026-02-01", url="https://long.example/1")
        )
        yield library, outcome.id


async def _pause_until(pilot: object, predicate: object, rounds: int = 400) -> None:
    for _ in range(rounds):
        if predicate():  # type: ignore[operator]
            return
        await pilot.pause(0.02)  # type: ignore[attr-defined]
    raise AssertionError("timed out waiting")


async def _open_gated(pilot: object, app: ReadmarkApp) -> ArticleView:
    """Open the only article and wait for its first screen (the rest is held by the gate)."""
    await settle(pilot)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await _pause_until(pilot, lambda: isinstance(app.screen, ReadingScreen))
    view = app.screen.query_one(ArticleView)
    await _pause_until(pilot, lambda: len(view.lines) > 0)
    await pilot.pause()
    assert not view.laid_out
    return view


async def _finish(pilot: object, gate: Gate, view: ArticleView) -> None:
    gate.open()
    await _pause_until(pilot, lambda: view.laid_out)
    for _ in range(3):
        await pilot.pause()


def _last_text_line(view: ArticleView) -> int:
    return max(i for i, line in enumerate(view.lines) if line.offsets)


def _visible(view: ArticleView) -> bool:
    top = int(view.scroll_y)
    return top <= view.cursor_line < top + view.scrollable_content_region.height


async def test_bottom_pressed_during_layout_ends_on_the_last_line(
    long_library: tuple[Library, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    library, _article_id = long_library
    gate = Gate(monkeypatch)
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        view = await _open_gated(pilot, app)
        await pilot.press("G")
        await _finish(pilot, gate, view)
        assert view.cursor_line == _last_text_line(view)
        assert view.progress == 1.0
        assert _visible(view)


async def test_top_after_moves_during_layout_ends_on_the_first_line(
    long_library: tuple[Library, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    library, _article_id = long_library
    gate = Gate(monkeypatch)
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        view = await _open_gated(pilot, app)
        await pilot.press("G", "pagedown", "j", "j", "g")
        await _finish(pilot, gate, view)
        first = min(i for i, line in enumerate(view.lines) if line.offsets)
        assert view.cursor_line == first
        assert int(view.scroll_y) == 0


async def test_a_move_after_bottom_during_layout_wins(
    long_library: tuple[Library, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    library, _article_id = long_library
    gate = Gate(monkeypatch)
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        view = await _open_gated(pilot, app)
        await pilot.press("G", "k")
        expected = view.position
        await _finish(pilot, gate, view)
        assert view.position == expected
        assert _visible(view)


async def test_saved_position_is_restored_when_its_line_is_laid_out(
    long_library: tuple[Library, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    library, article_id = long_library
    saved = _long_body().index(f"Paragraph {PARAGRAPHS * 9 // 10} ")
    library.save_position(article_id, saved, 0.9)
    gate = Gate(monkeypatch)
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        view = await _open_gated(pilot, app)
        assert view.article is not None and view.article.body == _long_body()
        assert view.position == saved
        await _finish(pilot, gate, view)
        assert view.position == saved
        assert _visible(view)
