"""Library paging and counting at scale, for information (no targets in the issue).

Each figure is a readmark ``Library`` call on the shared library against bare SQL for the
*first* page in the same order on the same file: a ratio near 1 means a page in the middle of
the library costs what the top page costs.
"""

from __future__ import annotations

import sqlite3
from functools import partial
from typing import Any

from bench.common import median_of, ms
from bench.context import BenchContext
from bench.results import Result
from reader.library import SORT_ORDERS, Library, ListQuery
from reader.store.listing import order_clause

ORDER = 40
PAGE = 50


def _fetch(conn: sqlite3.Connection, sql: str) -> list[Any]:
    return conn.execute(sql).fetchall()


def run(ctx: BenchContext) -> list[Result]:
    """Time keyset paging from the middle in every order, and counting with a tag filter."""
    built = ctx.library()
    lib = Library(built.path)
    raw = sqlite3.connect(built.path)
    repeat = max(ctx.repeats, 9)
    middle = built.articles // 2
    results = []
    try:
        for sort in SORT_ORDERS:
            query = ListQuery(sort=sort)
            sql = (f"SELECT * FROM articles WHERE deleted IS NULL ORDER BY {order_clause(sort)} "
                   f"LIMIT {PAGE}")
            base = median_of(partial(_fetch, raw, sql), repeat)
            anchor = lib.page(query, middle, PAGE)[-1]
            ours = median_of(partial(lib.page_after, query, anchor, PAGE), repeat)
            results.append(Result(f"next page, {sort} order, from the middle", ms(ours), "ms",
                                  "raw SQL, first page", ms(base), note="for information"))
        base = median_of(partial(_fetch, raw, "SELECT count(*) FROM articles"), repeat)
        tag = lib.facets("tag")[0][0]
        ours = median_of(lambda: lib.count(ListQuery(tag=tag)), repeat)
        results.append(Result(f"count articles tagged {tag!r}", ms(ours), "ms",
                              "raw SQL, count(*) of all", ms(base), note="for information"))
    finally:
        raw.close()
        lib.close()
    return results
