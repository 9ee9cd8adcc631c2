"""Library benchmarks at scale, each against a bare-SQLite baseline measured in the same run.

Usage: python bench/bench_store.py [--n 100000]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import articles, median_of, report
from reader.store import Library
from reader.store.models import ListQuery


def main() -> None:
    """Build a library of N articles and time the operations the reader relies on."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lib.db"
        lib = Library(path)
        start = time.perf_counter()
        lib.import_many(articles(n))
        took = time.perf_counter() - start
        print(f"import_many {n:,} articles: {took:.1f} s ({n / took:,.0f} articles/s)")
        raw = sqlite3.connect(path)

        # Baseline for paging: bare SQL for the FIRST page in the same order. A ratio near 1
        # means a page in the middle of 100,000 rows costs what the top page costs.
        from reader.store.listing import order_clause

        for sort in ("newest", "title", "author", "highlights", "unread"):
            q = ListQuery(sort=sort)
            sql = (f"SELECT * FROM articles WHERE deleted IS NULL ORDER BY {order_clause(sort)} "
                   "LIMIT 50")
            base = median_of(lambda sql=sql: raw.execute(sql).fetchall(), 9)
            mid = lib.page(q, n // 2, 50)
            print(report(f"page {sort} @ offset {n // 2:,}", median_of(
                lambda q=q: lib.page(q, n // 2, 50), 9), base))
            print(report(f"page_after {sort} (keyset, middle)", median_of(
                lambda q=q, m=mid: lib.page_after(q, m[-1], 50), 9), base))
        base = median_of(lambda: raw.execute("SELECT count(*) FROM articles").fetchall(), 9)
        print(report("count all", median_of(lambda: lib.count(ListQuery()), 9), base))
        tag = lib.facets("tag")[0][0]
        print(report(f"count tag={tag}", median_of(
            lambda: lib.count(ListQuery(tag=tag)), 9), base))

        def raw_fts(term: str) -> None:  # baseline: bare ranked FTS5 match, no snippets
            raw.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                        "ORDER BY rank LIMIT 50", [term]).fetchall()

        rare = str(n // 3)
        print(report("search rare term (ranked, snippets)", median_of(
            lambda: lib.search(rare, limit=50), 5), median_of(lambda: raw_fts(rare), 5)))
        print(report("search common term (ranked, snippets)", median_of(
            lambda: lib.search("harbor", limit=50), 3), median_of(lambda: raw_fts("harbor"), 3)))
        raw.close()
        lib.close()
        print(f"library size: {path.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
