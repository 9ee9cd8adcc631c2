"""TUI benchmarks: first paint with 100,000 articles, opening a 50,000-word article, memory.

Usage: python bench/bench_tui.py [--n 100000] [--runs 5]

* First paint: wall time from starting a fresh Python process to the first screen with rows
  drawn (headless), against a minimal Textual app (one Static) started the same way in the
  same run. Target: ratio <= 1.5.
* Open article: time from asking for a 50,000-word article to its first screen being drawn,
  cold caches (the body is fetched, parsed and the first blocks laid out), plus the time
  until quotes are analysed and the whole article is laid out.
* Peak memory: max RSS of a process that opens the 100,000-article library, pages to the end,
  searches and reads the long article, against the minimal app. Target: under 100 MB.

The library is built once with ``Library.import_many`` and kept in the temp dir.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LONG_TITLE = "The very long read"


def build_library(n: int) -> Path:
    """Return a library of ``n`` articles plus one 50,000-word article (built once)."""
    from bench.common import articles, body_of
    from reader.ingest.article import Article
    from reader.store import Library

    path = Path(tempfile.gettempdir()) / f"readmark-bench-tui-{n}.db"
    if path.exists():
        with Library(path) as lib:
            if lib.count() == n + 1:
                return path
        path.unlink()
    start = time.perf_counter()
    with Library(path) as lib:
        lib.import_many(articles(n))
        lib.import_article(Article(title=LONG_TITLE, body=body_of(50_000, seed=7),
                                   authors=["Ada Brill"], published="2031-01-01"))
    print(f"built {n:,}-article library in {time.perf_counter() - start:.1f} s", flush=True)
    return path


# -- child processes --------------------------------------------------------------------------
def peak_rss_kib() -> int:
    """Peak RSS of this process in KiB (VmHWM: unlike ru_maxrss it is not inherited on exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


async def _child(kind: str, db: str) -> None:
    """Run one app headless; print PAINTED when its content is first drawn, then MAXRSS."""
    painted = asyncio.Event()
    stamp: list[float] = []  # when the content was first rendered (not when we woke up)
    if kind == "minimal":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        original = Static.render

        def render(self: Static) -> object:
            if not stamp:
                stamp.extend((time.perf_counter(), time.time()))
            painted.set()
            return original(self)

        Static.render = render  # type: ignore[method-assign,assignment]

        class Minimal(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("hello")

        started = time.perf_counter()
        app: App[None] = Minimal()
        async with app.run_test(size=(120, 40)):
            await painted.wait()
            print("PAINTED", stamp[0] - started, stamp[1], flush=True)
        print(f"MAXRSS {peak_rss_kib()}", flush=True)
        return

    # The same order as ``run_tui``: open the library and fetch the first page in a thread
    # while Textual is imported.
    store_started = time.perf_counter()
    from reader.tui.config import Config
    from reader.tui.sources import open_in_background, start_query

    print("STORE", time.perf_counter() - store_started, flush=True)
    opening, prefetch = open_in_background(Path(db), start_query(Config()))
    from reader.tui.app import ReadmarkApp
    from reader.tui.article_list import ArticleList

    lib = opening.result()

    original_line = ArticleList.render_line

    def render_line(self: ArticleList, y: int) -> object:
        if self.ready:
            if not stamp:
                stamp.extend((time.perf_counter(), time.time()))
            painted.set()
        return original_line(self, y)

    ArticleList.render_line = render_line  # type: ignore[method-assign,assignment]
    with lib:
        started = time.perf_counter()
        rm = ReadmarkApp(lib, Config(), prefetch)
        async with rm.run_test(size=(120, 40)) as pilot:
            await painted.wait()
            print("PAINTED", stamp[0] - started, stamp[1], flush=True)
            if kind == "memory":
                await _exercise(rm, pilot, lib)
    print(f"MAXRSS {peak_rss_kib()}", flush=True)


async def _exercise(app: object, pilot: object, lib: object) -> None:
    """Scroll to the end and back, search, and read the long article."""
    from reader.tui.article_view import ArticleView

    p = pilot
    await p.press("G")  # type: ignore[attr-defined]
    await p.app.workers.wait_for_complete()  # type: ignore[attr-defined]
    for _ in range(20):
        await p.press("pageup")  # type: ignore[attr-defined]
    await p.press("g", "slash", *"harbor")  # type: ignore[attr-defined]
    await asyncio.sleep(0.3)
    await p.app.workers.wait_for_complete()  # type: ignore[attr-defined]
    long_id = lib.resolve(LONG_TITLE).id  # type: ignore[attr-defined]
    p.app.open_article(long_id)  # type: ignore[attr-defined]
    for _ in range(500):
        await asyncio.sleep(0.01)
        views = p.app.screen.query(ArticleView)  # type: ignore[attr-defined]
        if views and views.first().laid_out and views.first().analysis is not None:
            break
    await p.press("G")  # type: ignore[attr-defined]
    await p.pause()  # type: ignore[attr-defined]


def run_child(kind: str, db: Path) -> tuple[float, float, int, float]:
    """Start a child process.

    Returns:
        Seconds from process start to first paint, seconds from creating the app (imports
        done) to first paint, max RSS in KiB, and seconds spent importing the store and
        opening the library (readmark only).
    """
    start = time.time()
    proc = subprocess.Popen([sys.executable, __file__, "--child", kind, str(db)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    painted = in_app = store = 0.0
    rss = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("PAINTED") and not painted:
            in_app, painted = float(line.split()[1]), float(line.split()[2]) - start
        elif line.startswith("MAXRSS"):
            rss = int(line.split()[1])
        elif line.startswith("STORE"):
            store = float(line.split()[1])
    proc.wait()
    return painted, in_app, rss, store


# -- in-process: opening the long article ------------------------------------------------------
async def open_long(db: Path) -> tuple[float, float, float]:
    """Return (first screen, analysed, fully laid out) seconds for the 50,000-word article."""
    from reader.store import Library
    from reader.text import clear_cache
    from reader.tui.app import ReadmarkApp
    from reader.tui.article_list import ArticleList
    from reader.tui.article_view import ArticleView
    from reader.tui.config import Config
    from reader.tui.loading import clear_layouts

    clear_cache()
    clear_layouts()
    drawn: list[float] = []
    original = ArticleView.render_line

    def render_line(self: ArticleView, y: int) -> object:
        if self.lines and not drawn:
            drawn.append(time.perf_counter())
        return original(self, y)

    ArticleView.render_line = render_line  # type: ignore[method-assign,assignment]
    with Library(db) as lib:
        long_id = lib.resolve(LONG_TITLE).id
        app = ReadmarkApp(lib, Config())
        async with app.run_test(size=(120, 40)):
            while not (app.screen.query(ArticleList) and app.screen.query_one(ArticleList).ready):
                await asyncio.sleep(0.002)
            await asyncio.sleep(0.6)  # as a reader would: the app has warmed up its imports
            await app.workers.wait_for_complete()
            start = time.perf_counter()
            app.open_article(long_id)
            first = analysed = done = 0.0
            while not done:
                await asyncio.sleep(0.001)
                views = app.screen.query(ArticleView)
                if not views:
                    continue
                view = views.first()
                now = time.perf_counter() - start
                if not first and drawn:
                    first = drawn[0] - start
                if not analysed and view.analysis is not None:
                    analysed = now
                if view.laid_out and view.analysis is not None:
                    done = now
            return first, analysed, done


def main() -> None:
    """Run the benchmarks and print figures with ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DB"))
    args = parser.parse_args()
    if args.child:
        asyncio.run(_child(args.child[0], args.child[1]))
        return
    db = build_library(args.n)
    run_child("minimal", db)  # warm the file cache and bytecode
    run_child("readmark", db)
    base, ours = [], []
    for _ in range(args.runs):
        base.append(run_child("minimal", db))
        ours.append(run_child("readmark", db))
    print(f"first paint, {args.n:,} articles (median of {args.runs} fresh processes)")
    for label, k, note in (
        ("process start → first paint", 0, "(target ≤ 1.5x)"),
        ("app created → first paint", 1, "(imports done; for information)"),
    ):
        b = statistics.median(r[k] for r in base)
        o = statistics.median(r[k] for r in ours)
        print(f"  {label}: minimal Textual app {b * 1000:7.1f} ms, readmark {o * 1000:7.1f} ms"
              f"   ratio {o / b:.2f}x  {note}")
    store = statistics.median(r[3] for r in ours)
    print(f"  of which importing reader.store (sqlite-utils): "
          f"{store * 1000:.1f} ms")
    first, analysed, done = asyncio.run(open_long(db))
    print("open a 50,000-word article (cold caches)")
    print(f"  first screen drawn  {first * 1000:8.1f} ms   (target ~100 ms)")
    print(f"  quotes analysed     {analysed * 1000:8.1f} ms")
    print(f"  fully laid out      {done * 1000:8.1f} ms")
    base_rss = run_child("minimal", db)[2]
    rss = run_child("memory", db)[2]
    print("peak memory (max RSS: list to the end, search, read the long article)")
    print(f"  minimal Textual app {base_rss / 1024:8.1f} MB")
    print(f"  readmark            {rss / 1024:8.1f} MB   ratio {rss / max(base_rss, 1):.2f}x"
          "  (target < 100 MB)")


if __name__ == "__main__":
    main()
