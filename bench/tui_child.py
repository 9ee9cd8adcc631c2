"""The child processes of ``bench_tui``: one headless app each, figures printed on stdout.

Usage: ``python -m bench.tui_child KIND DB [REPEATS]`` with KIND one of

* ``minimal``: a Textual app with one ``Static`` (the baseline); prints ``PAINTED`` when it is
  first drawn, then ``MAXRSS``;
* ``readmark``: readmark's app on library DB, started as ``run_tui`` starts it; ``PAINTED``
  once the first rows are drawn, then ``MAXRSS``;
* ``memory``: as ``readmark``, then list to the end, search, read the long article; ``MAXRSS``;
* ``open-long``: open the long read REPEATS times with cold caches; ``OPEN`` lines (seconds
  from asking to the first screen drawn), each followed by ``LAID`` (quotes analysed and the
  whole article laid out);
* ``markdown``: mount Textual's ``Markdown`` widget on the same text REPEATS times; ``OPEN``.

``PAINTED`` carries the seconds from creating the app to first paint and the wall-clock time of
first paint (the parent subtracts its own start time). Each run is a fresh process so imports
and caches are cold, as when a user starts readmark.
"""

from __future__ import annotations

import asyncio
import resource
import sys
import time
from pathlib import Path
from typing import Any

# Equal to ``bench.libraries.LONG_TITLE``, not imported from it: a child imports only what it
# measures (importing the store here would slow the baseline's startup too).
LONG_TITLE = "The very long read"
SIZE = (120, 40)


def peak_rss_kib() -> int:
    """Peak RSS of this process in KiB (VmHWM: unlike ru_maxrss it is not inherited on exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _stamp_first(cls: Any, method: str, stamp: list[float], event: asyncio.Event,
                 when: Any = None) -> None:
    """Patch ``cls.method`` to record the first call (perf and wall clock) and set ``event``."""
    original = getattr(cls, method)

    def patched(self: Any, *args: Any) -> Any:
        if when is None or when(self):
            if not stamp:
                stamp.extend((time.perf_counter(), time.time()))
            event.set()
        return original(self, *args)

    setattr(cls, method, patched)


async def minimal() -> None:
    """The baseline: a Textual app with one ``Static``."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    painted, stamp = asyncio.Event(), []  # type: ignore[var-annotated]
    _stamp_first(Static, "render", stamp, painted)

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

    started = time.perf_counter()
    app: App[None] = Minimal()
    async with app.run_test(size=SIZE):
        await painted.wait()
        print("PAINTED", stamp[0] - started, stamp[1], flush=True)
    print(f"MAXRSS {peak_rss_kib()}", flush=True)


async def readmark(db: str, exercise: bool) -> None:
    """readmark's app, opened in the order ``run_tui`` uses (library opened in a thread)."""
    painted, stamp = asyncio.Event(), []  # type: ignore[var-annotated]
    store_started = time.perf_counter()
    from reader.tui.config import Config
    from reader.tui.page_sources import open_in_background, start_query

    print("STORE", time.perf_counter() - store_started, flush=True)
    opening, prefetch = open_in_background(Path(db), start_query(Config()))
    from reader.tui.app import ReadmarkApp
    from reader.tui.article_list import ArticleList

    lib = opening.result()
    _stamp_first(ArticleList, "render_line", stamp, painted, lambda view: view.ready)
    with lib:
        started = time.perf_counter()
        app = ReadmarkApp(lib, Config(), prefetch)
        async with app.run_test(size=SIZE) as pilot:
            await painted.wait()
            print("PAINTED", stamp[0] - started, stamp[1], flush=True)
            if exercise:
                await _exercise(pilot, lib)
    print(f"MAXRSS {peak_rss_kib()}", flush=True)


async def _exercise(pilot: Any, lib: Any) -> None:
    """Scroll to the end and back, search, and read the long article to its end."""
    from reader.tui.article_view import ArticleView

    await pilot.press("G")
    await pilot.app.workers.wait_for_complete()
    for _ in range(20):
        await pilot.press("pageup")
    await pilot.press("g", "slash", *"harbor")
    await asyncio.sleep(0.3)
    await pilot.app.workers.wait_for_complete()
    pilot.app.open_article(lib.resolve(LONG_TITLE).id)
    for _ in range(1000):
        await asyncio.sleep(0.01)
        views = pilot.app.screen.query(ArticleView)
        if views and views.first().laid_out and views.first().analysis is not None:
            break
    await pilot.press("G")
    await pilot.pause()


async def open_long(db: str, repeats: int) -> None:
    """Open the long read ``repeats`` times, cold caches each time, in a warmed-up app."""
    from reader.library import Library
    from reader.quotes import clear_cache
    from reader.tui.app import ReadmarkApp
    from reader.tui.article_list import ArticleList
    from reader.tui.article_view import ArticleView
    from reader.tui.config import Config
    from reader.tui.loading import clear_layouts

    drawn, event = [], asyncio.Event()  # type: ignore[var-annotated]
    _stamp_first(ArticleView, "render_line", drawn, event, lambda view: bool(view.lines))
    with Library(db) as lib:
        long_id = lib.resolve(LONG_TITLE).id
        for _ in range(repeats):
            clear_cache()
            clear_layouts()
            drawn.clear()
            app = ReadmarkApp(lib, Config())
            async with app.run_test(size=SIZE):
                while not (app.screen.query(ArticleList)
                           and app.screen.query_one(ArticleList).ready):
                    await asyncio.sleep(0.002)
                await asyncio.sleep(0.6)  # as a reader would: the app has warmed up
                await app.workers.wait_for_complete()
                drawn.clear()
                start = time.perf_counter()
                app.open_article(long_id)
                while True:
                    await asyncio.sleep(0.001)
                    views = app.screen.query(ArticleView)
                    if views and drawn and views.first().laid_out \
                            and views.first().analysis is not None:
                        break
                print("OPEN", drawn[0] - start, flush=True)
                print("LAID", time.perf_counter() - start, flush=True)


async def open_markdown(db: str, repeats: int) -> None:
    """Mount Textual's ``Markdown`` widget on the long read's body ``repeats`` times."""
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import Markdown
    from textual.widgets._markdown import MarkdownBlock

    from reader.library import Library

    with Library(db) as lib:
        text = lib.resolve(LONG_TITLE).body
    drawn, event = [], asyncio.Event()  # type: ignore[var-annotated]
    _stamp_first(MarkdownBlock, "render_line", drawn, event)

    class Viewer(App[None]):
        def compose(self) -> ComposeResult:
            yield VerticalScroll(id="doc")

    for _ in range(repeats):
        app = Viewer()
        async with app.run_test(size=SIZE):
            await asyncio.sleep(0.6)  # the same warm-up as readmark's side
            drawn.clear()
            event.clear()
            start = time.perf_counter()
            app.query_one("#doc").mount(Markdown(text))
            await event.wait()
            print("OPEN", drawn[0] - start, flush=True)


def main(argv: list[str]) -> None:
    """Run the child named by ``argv`` (see the module docstring)."""
    kind, db = argv[0], argv[1]
    repeats = int(argv[2]) if len(argv) > 2 else 1
    if kind == "minimal":
        asyncio.run(minimal())
    elif kind in ("readmark", "memory"):
        asyncio.run(readmark(db, exercise=kind == "memory"))
    elif kind == "open-long":
        asyncio.run(open_long(db, repeats))
    elif kind == "markdown":
        asyncio.run(open_markdown(db, repeats))
    else:
        raise SystemExit(f"unknown child kind {kind!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
