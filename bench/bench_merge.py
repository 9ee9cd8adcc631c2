"""Merging two libraries of 100,000 highlights each, against ATTACH + INSERT OR IGNORE.

The two libraries share their articles and half their highlights; about a fifth of the shared
highlights were edited on both sides (colours on one, notes on the other, and some notes on
both, which keeps the loser as a revision). readmark: ``reader.library.merging.merge_file`` (checks
the other file with ``PRAGMA quick_check``, then merges field by field in one transaction;
no backup, timed separately). Baseline, same run, same files: ``ATTACH`` the other file and
``INSERT OR IGNORE … SELECT *`` its articles, highlights, notes and revisions in one
transaction, which copies the missing rows and resolves nothing. Target: readmark ≥ 0.5× the
baseline's highlights/s (within 2× of its time).

Kept for information: merging the same file again (nothing changed), and merging a copy with
1% of its highlights edited, to show that the cost follows what changed.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import statistics
from collections.abc import Callable
from pathlib import Path

from bench.common import samples
from bench.context import BenchContext
from bench.libraries import build_library
from bench.results import Result, at_least
from reader.library import Library
from reader.library.merging import merge_file
from reader.store.clock import Clock

ORDER = 70
METRIC = "merge two 100,000-highlight libraries"
UNIT = "highlights/s"
BASELINE = "ATTACH + INSERT OR IGNORE"
PER_ARTICLE = 15
TABLES = ("articles", "highlights", "notes", "note_revisions")


def _highlights_wanted(ctx: BenchContext) -> int:
    """Highlights in each of the two libraries."""
    return {"smoke": 1_000, "quick": 10_000}.get(ctx.mode, 100_000)


def _edit(path: Path, device: str, seed: int, ids: list[str], share: float,
          what: Callable[[Library, str, random.Random], None]) -> None:
    rng = random.Random(seed)
    with Library(path, clock=Clock(device)) as lib, lib.batch() as tick:
        for hid in ids:
            if rng.random() < share:
                what(lib, hid, rng)
                tick()


def _recolor(lib: Library, hid: str, rng: random.Random) -> None:
    lib.update_highlight(hid, color=rng.choice(["green", "blue", "pink"]))


def _renote(lib: Library, hid: str, rng: random.Random) -> None:
    lib.update_highlight(hid, note=f"edited {rng.random():.6f}")


def _prepare(ctx: BenchContext, wanted: int) -> tuple[Path, Path, Path]:
    """Return the two libraries (A, B) and B with 1% more edits, building them if needed."""
    articles = max(wanted * 3 // 2 // PER_ARTICLE, 10)
    base = ctx.workdir / f"merge-base-{articles}x{PER_ARTICLE}.db"
    mine, theirs = (ctx.workdir / f"merge-{side}-{articles}.db" for side in ("a", "b"))
    touched = ctx.workdir / f"merge-b1pc-{articles}.db"
    if mine.exists() and theirs.exists() and touched.exists():
        return mine, theirs, touched
    ctx.log(f"building a {articles:,}-article library with ~{articles * PER_ARTICLE:,} "
            f"highlights at {base} ...")
    build_library(base, ctx.corpus, articles, highlights_per_article=PER_ARTICLE)
    conn = sqlite3.connect(base)
    ids = [r[0] for r in conn.execute("SELECT id FROM highlights ORDER BY id")]
    conn.close()
    only = {0: [i for n, i in enumerate(ids) if n % 3 == 0],  # only in A
            1: [i for n, i in enumerate(ids) if n % 3 == 1]}  # only in B
    shared = [i for n, i in enumerate(ids) if n % 3 == 2]
    for path, drop in ((mine, only[1]), (theirs, only[0])):
        shutil.copyfile(base, path)
        conn = sqlite3.connect(path)
        with conn:
            conn.executemany("DELETE FROM highlights WHERE id = ?", [(i,) for i in drop])
        conn.execute("VACUUM")
        conn.close()
    ctx.log("editing shared highlights on both sides ...")
    _edit(mine, "bencha000001", 1, shared, 0.2, _recolor)
    _edit(mine, "bencha000001", 2, shared, 0.05, _renote)
    _edit(theirs, "benchb000002", 3, shared, 0.2, _renote)
    shutil.copyfile(theirs, touched)
    conn = sqlite3.connect(touched)
    b_ids = [r[0] for r in conn.execute("SELECT id FROM highlights ORDER BY id")]
    conn.close()
    _edit(touched, "benchb000002", 4, b_ids, 0.01, _renote)
    return mine, theirs, touched


def _insert_or_ignore(path: Path, other: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("ATTACH DATABASE ? AS other", [str(other)])
        conn.execute("BEGIN IMMEDIATE")
        for table in TABLES:
            conn.execute(f"INSERT OR IGNORE INTO main.{table} SELECT * FROM other.{table}")
        conn.execute("COMMIT")
    finally:
        conn.close()


def run(ctx: BenchContext) -> list[Result]:
    """Time readmark's merge and the plain INSERT OR IGNORE on the same two libraries."""
    mine, theirs, touched = _prepare(ctx, _highlights_wanted(ctx))
    conn = sqlite3.connect(theirs)
    count = conn.execute("SELECT count(*) FROM highlights").fetchone()[0]
    conn.close()
    work = ctx.workdir / "merge-work.db"
    holder: dict[str, Library] = {}

    def fresh() -> None:
        if "lib" in holder:
            holder.pop("lib").close()
        shutil.copyfile(mine, work)
        holder["lib"] = Library(work, clock=Clock("benchwork0001"))

    reports = []

    def ours() -> None:
        reports.append(merge_file(holder["lib"], theirs, backup=False))

    ours_s = samples(ours, ctx.repeats, setup=fresh)
    def fresh_file() -> None:
        if "lib" in holder:
            holder.pop("lib").close()
        shutil.copyfile(mine, work)

    base_s = samples(lambda: _insert_or_ignore(work, theirs), ctx.repeats, setup=fresh_file)
    fresh()
    merge_file(holder["lib"], theirs, backup=False)
    again_s = samples(lambda: merge_file(holder["lib"], theirs, backup=False), ctx.repeats)
    merged = ctx.workdir / "merge-merged.db"
    holder.pop("lib").close()
    shutil.copyfile(work, merged)

    def merged_copy() -> None:
        if "lib" in holder:
            holder.pop("lib").close()
        shutil.copyfile(merged, work)
        holder["lib"] = Library(work, clock=Clock("benchwork0001"))

    small_s = samples(lambda: merge_file(holder["lib"], touched, backup=False), ctx.repeats,
                      setup=merged_copy)
    backup_s = samples(lambda: merge_file(holder["lib"], touched, backup=True), 1,
                       setup=merged_copy)
    holder.pop("lib").close()
    med = statistics.median
    first = reports[0]
    note = (f"{count:,} highlights each, {first.highlights_added:,} added, "
            f"{first.highlights_updated:,} merged field by field, {first.revisions_kept:,} "
            f"note revisions kept; quick_check of the file included, backup not "
            f"(+{med(backup_s) - med(small_s):.2f} s when made); median of {ctx.repeats}")
    return [
        Result(METRIC, count / med(ours_s), UNIT, BASELINE, count / med(base_s),
               at_least(0.5), note=note),
        Result("merge again, nothing changed", med(again_s) * 1000, "ms", "first merge",
               med(ours_s) * 1000, None,
               note="file check, join, and the rows this library is ahead on (other lacks them)"),
        Result("merge after 1% of highlights edited", med(small_s) * 1000, "ms",
               "first merge", med(ours_s) * 1000, None,
               note="1% of the other's highlights given a new note since the first merge"),
    ]
