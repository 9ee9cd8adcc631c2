"""Import throughput: parse + store + FTS, against raw ``executemany`` of the same rows.

readmark's side parses each generated file text with ``parse_article`` and stores the records
with ``Library.import_many`` (one transaction) into a fresh library. The baseline inserts the
very rows readmark stored (every column) with ``sqlite3.executemany`` into a bare table with
the same columns and fills an FTS5 index over title, authors and body with the same tokenizer,
under the same journal and sync settings. Target: readmark ≥ 0.5× the baseline's articles/s.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

from bench.context import BenchContext
from bench.results import Result, at_least
from reader.ingest.reader import parse_article
from reader.library import Library
from reader.store.migrations import FTS_TOKENIZE

ORDER = 10


def _readmark_import(path: Path, texts: list[tuple[str, str]]) -> float:
    """Import ``texts`` into a fresh library at ``path``; return the seconds it took."""
    path.unlink(missing_ok=True)
    with Library(path) as lib:  # opening (schema creation) is not part of the import
        start = time.perf_counter()
        lib.import_many(parse_article(text, name=name, origin=None, body_format="markdown")
                        for name, text in texts)
        return time.perf_counter() - start


def _stored_rows(path: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Return the column names and rows of ``articles`` in the library at ``path``."""
    with sqlite3.connect(path) as conn:
        cursor = conn.execute("SELECT * FROM articles")
        columns = [d[0] for d in cursor.description]
        return columns, cursor.fetchall()


def _raw_import(path: Path, columns: list[str], rows: list[tuple[Any, ...]]) -> float:
    """Insert ``rows`` and index them in FTS5 with bare sqlite3; return the seconds it took."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        cols = ", ".join(columns)
        conn.execute(f"CREATE TABLE articles ({cols}, PRIMARY KEY (id))")
        conn.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, authors, body, "
                     f"content='articles', tokenize='{FTS_TOKENIZE}')")
        conn.commit()
        start = time.perf_counter()
        with conn:
            marks = ", ".join("?" for _ in columns)
            conn.executemany(f"INSERT INTO articles ({cols}) VALUES ({marks})", rows)
            conn.execute("INSERT INTO articles_fts (rowid, title, authors, body) "
                         "SELECT rowid, title, authors, body FROM articles")
        return time.perf_counter() - start
    finally:
        conn.close()


def run(ctx: BenchContext) -> list[Result]:
    """Time importing ``import_n`` fresh articles, ``repeats`` times each side."""
    n = ctx.sizes.import_n
    # Numbers far from the shared library's, so these are other articles.
    texts = list(ctx.corpus.texts(n, start=50_000_000))
    ours_path, raw_path = ctx.workdir / "import-readmark.db", ctx.workdir / "import-raw.db"
    ours = [_readmark_import(ours_path, texts) for _ in range(ctx.repeats)]
    columns, rows = _stored_rows(ours_path)
    base = [_raw_import(raw_path, columns, rows) for _ in range(ctx.repeats)]
    mb = sum(len(t.encode()) for _, t in texts) / 1e6
    start = time.perf_counter()
    for name, text in texts:
        parse_article(text, name=name, origin=None, body_format="markdown")
    parse_rate = n / (time.perf_counter() - start)
    for path in (ours_path, raw_path):
        path.unlink(missing_ok=True)
    return [Result(
        f"import {n:,} articles (parse + store + FTS)", n / statistics.median(ours),
        "articles/s", "raw sqlite3 executemany of the same rows + FTS5",
        n / statistics.median(base), at_least(0.5),
        note=f"{mb:.1f} MB of Markdown, one transaction, median of {ctx.repeats}; parsing "
        f"alone runs at {parse_rate:,.0f} articles/s",
    )]
