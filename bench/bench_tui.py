"""TUI: first paint with the shared library, opening the long read, peak memory.

* Startup: wall time from starting a fresh Python process to the first screen with rows drawn
  (headless), against a minimal Textual app (one ``Static``) started the same way in the same
  run; median over ``tui_runs`` processes each. Target: ratio ≤ 1.5.
* Open the long read (50,000 words): from asking for it to its first screen being drawn, cold
  caches, against Textual's ``Markdown`` widget mounted on the same text. Target: ratio ≤ 0.1.
* Peak memory: max RSS of a process that opens the library, pages to the end, searches and
  reads the long article, against the minimal app. Target: under 100 MB.

The apps run in child processes (``bench/tui_child.py``), so imports and caches are cold.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.context import BenchContext
from bench.results import Result, at_most, below

ORDER = 30
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ChildRun:
    """What one child process printed.

    Attributes:
        painted: Seconds from process start to first paint.
        in_app: Seconds from creating the app (imports done) to first paint.
        rss_kib: Peak RSS in KiB.
        store: Seconds spent importing the store and opening the library (readmark only).
        opens: ``OPEN`` figures (seconds), one per repeat.
        laid: ``LAID`` figures (seconds), one per repeat.
    """

    painted: float
    in_app: float
    rss_kib: int
    store: float
    opens: list[float]
    laid: list[float]


def run_child(kind: str, db: Path, repeats: int = 1) -> ChildRun:
    """Run ``python -m bench.tui_child KIND DB REPEATS`` and parse what it prints.

    Raises:
        RuntimeError: If the child fails.
    """
    start = time.time()
    proc = subprocess.run(
        [sys.executable, "-m", "bench.tui_child", kind, str(db), str(repeats)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    if proc.returncode:
        raise RuntimeError(f"tui child {kind!r} failed: {proc.stderr.strip()[-800:]}")
    painted = in_app = store = 0.0
    rss = 0
    opens: list[float] = []
    laid: list[float] = []
    for line in proc.stdout.splitlines():
        word, *rest = line.split()
        if word == "PAINTED" and not painted:
            in_app, painted = float(rest[0]), float(rest[1]) - start
        elif word == "MAXRSS":
            rss = int(rest[0])
        elif word == "STORE":
            store = float(rest[0])
        elif word == "OPEN":
            opens.append(float(rest[0]))
        elif word == "LAID":
            laid.append(float(rest[0]))
    return ChildRun(painted, in_app, rss, store, opens, laid)


def _startup(ctx: BenchContext, db: Path) -> list[Result]:
    run_child("minimal", db)  # warm the file cache and bytecode
    run_child("readmark", db)
    base, ours = [], []
    for _ in range(ctx.sizes.tui_runs):
        base.append(run_child("minimal", db))
        ours.append(run_child("readmark", db))
    store_ms = statistics.median(r.store for r in ours) * 1000
    return [
        Result(f"startup to first paint, {ctx.n:,}-article library",
               statistics.median(r.painted for r in ours) * 1000, "ms",
               "minimal Textual app", statistics.median(r.painted for r in base) * 1000,
               at_most(1.5), note=f"median of {ctx.sizes.tui_runs} fresh processes; "
               f"importing the store and opening the library took {store_ms:.0f} ms"),
        Result("app created to first paint (imports done)",
               statistics.median(r.in_app for r in ours) * 1000, "ms", "minimal Textual app",
               statistics.median(r.in_app for r in base) * 1000, None, note="for information"),
    ]


def _open_long(ctx: BenchContext, db: Path) -> list[Result]:
    ours = run_child("open-long", db, ctx.repeats)
    base = run_child("markdown", db, ctx.repeats)
    words = ctx.sizes.long_words
    laid = statistics.median(ours.laid) * 1000
    return [Result(f"open a {words:,}-word article to first paint",
                   statistics.median(ours.opens) * 1000, "ms",
                   "Textual Markdown widget, same text", statistics.median(base.opens) * 1000,
                   at_most(0.1), note=f"cold caches, median of {ctx.repeats}; quotes analysed "
                   f"and the whole article laid out after {laid:.0f} ms")]


def _memory(ctx: BenchContext, db: Path) -> list[Result]:
    base = run_child("minimal", db).rss_kib / 1024
    ours = run_child("memory", db).rss_kib / 1024
    return [Result(f"peak RSS, {ctx.n:,}-article library open in the TUI", ours, "MB",
                   "minimal Textual app", base, below(100, "MB"),
                   note="lists to the end, searches, reads the long article")]


def run(ctx: BenchContext) -> list[Result]:
    """Measure startup, opening the long read and peak memory."""
    db = ctx.library().path
    return _startup(ctx, db) + _open_long(ctx, db) + _memory(ctx, db)
