"""Exporting 10,000 highlights, against a raw SELECT of the same highlights to a file.

readmark: ``readmark export --all --to - > file`` in process: the articles with highlights
picked by the store, their highlights and notes read in bulk, each article rendered in the
built-in Obsidian style (front matter, block ids, tags) and written to one file. Baseline:
a bare ``SELECT`` of the same highlight rows (text, note, colour, article title) written to a
file as tab-separated lines, in the same run on the same library. Target: readmark ≥ 0.3× the
baseline's highlights/s.

Kept for information: the same export as one file per article into a fresh folder, and the
re-export of that folder when nothing changed (every file read, none rewritten).
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
from pathlib import Path

from bench.common import samples
from bench.context import BenchContext
from bench.libraries import build_library
from bench.results import Result, at_least
from reader.export.markdown import export_articles, render_stream, select_articles
from reader.export.templates import Renderer
from reader.library import Library

ORDER = 60
METRIC = "export 10,000 highlights"
UNIT = "highlights/s"
BASELINE = "raw SELECT to a file"
PER_ARTICLE = 10

_RAW_SQL = (
    "SELECT a.title, h.exact, h.note, h.color FROM highlights h JOIN articles a "
    "ON a.id = h.article_id WHERE h.deleted IS NULL AND a.deleted IS NULL "
    "ORDER BY a.title, h.article_id, h.start_pos"
)


def _highlights_wanted(ctx: BenchContext) -> int:
    return 1_000 if ctx.mode == "smoke" else 10_000


def _raw_select(path: Path, out: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        rows = 0
        with out.open("w", encoding="utf-8") as handle:
            for title, exact, note, color in conn.execute(_RAW_SQL):
                handle.write(f"{title}\t{exact}\t{note}\t{color}\n")
                rows += 1
    finally:
        conn.close()
    return rows


def _stream(lib: Library, out: Path, renderer: Renderer) -> None:
    ids = select_articles(lib)
    with out.open("w", encoding="utf-8") as handle:
        for chunk in render_stream(lib, ids, renderer=renderer):
            handle.write(chunk)


def run(ctx: BenchContext) -> list[Result]:
    """Time readmark's export and the raw SELECT on a library of ~10,000 highlights."""
    wanted = _highlights_wanted(ctx)
    articles = wanted // PER_ARTICLE
    path = ctx.workdir / f"export-{articles}x{PER_ARTICLE}-{ctx.sizes.words}.db"
    ctx.log(f"building a {articles:,}-article library with ~{wanted:,} highlights at {path} ...")
    build_library(path, ctx.corpus, articles, highlights_per_article=PER_ARTICLE)
    out = ctx.workdir / "export-out"
    out.mkdir(parents=True, exist_ok=True)
    raw_file, md_file, folder = out / "raw.tsv", out / "export.md", out / "files"
    count = _raw_select(path, raw_file)
    renderer = Renderer("obsidian")
    with Library(path) as lib:
        ours = samples(lambda: _stream(lib, md_file, renderer), ctx.repeats)
        base = samples(lambda: _raw_select(path, raw_file), ctx.repeats)

        def fresh_folder() -> None:
            shutil.rmtree(folder, ignore_errors=True)

        ids = select_articles(lib)
        first = samples(lambda: export_articles(lib, ids, folder, renderer=renderer),
                        ctx.repeats, setup=fresh_folder)
        again = samples(lambda: export_articles(lib, ids, folder, renderer=renderer),
                        ctx.repeats)
    med = statistics.median
    note = (f"{count:,} highlights on {len(ids):,} articles, one Markdown stream; "
            f"median of {ctx.repeats}")
    return [
        Result(METRIC, count / med(ours), UNIT, BASELINE, count / med(base), at_least(0.3),
               note=note),
        Result("export highlights, one file per article", count / med(first), UNIT, BASELINE,
               count / med(base), None, note=f"{len(ids):,} new files in an empty folder"),
        Result("re-export, nothing changed", count / med(again), UNIT, BASELINE,
               count / med(base), None, note="every file read and compared, none written"),
    ]
