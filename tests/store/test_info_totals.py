"""``info``'s counts and totals: right, and read from small indexes, never from the bodies."""

from __future__ import annotations

from reader.ingest.article import Article
from reader.library import Library, ListQuery
from reader.store.articles import INFO_REMOVED_SQL, INFO_TOTALS_SQL
from reader.store.listing import order_clause
from reader.store.notebook import _parts
from reader.store.records import NotebookQuery


def _plan(lib: Library, sql: str) -> str:
    return " | ".join(str(row[3]) for row in lib.conn.execute("EXPLAIN QUERY PLAN " + sql))


def test_info_counts_live_and_removed_articles(lib: Library) -> None:
    for n in range(3):
        lib.import_article(Article(title=f"Piece {n}", body=" ".join([f"w{n}"] * (n + 1)),
                                   published=f"2024-01-0{n + 1}"))
    gone = lib.page(ListQuery(), 0, 10)[0]
    assert lib.delete(gone.id)
    info = lib.info()
    assert (info["articles"], info["deleted"]) == (2, 1)
    assert info["words"] == 6 - gone.words
    assert info["highlights"] == 0


def test_info_reads_covering_indexes_not_the_table(lib: Library) -> None:
    assert "COVERING INDEX idx_live_totals" in _plan(lib, INFO_TOTALS_SQL)
    assert "COVERING INDEX idx_removed" in _plan(lib, INFO_REMOVED_SQL)


def test_the_newest_page_still_reads_its_sort_index(lib: Library) -> None:
    # The totals index must not win the planner over the listing's own sort index.
    order = order_clause("newest")
    sql = (f"SELECT rowid FROM articles WHERE deleted IS NULL ORDER BY {order} LIMIT 20")
    plan = _plan(lib, sql)
    assert "idx_live_newest" in plan and "TEMP B-TREE" not in plan, plan


def test_the_notebook_walks_the_notes_not_every_article(lib: Library) -> None:
    parts = _parts(lib.store, NotebookQuery())
    assert parts is not None
    (hl_from, hl_where, _), (note_from, note_where, _) = parts
    for table, tables, where in (("h", hl_from, hl_where), ("n", note_from, note_where)):
        plan = _plan(lib, f"SELECT {table}.rowid FROM {tables} WHERE {where}")
        assert plan.startswith(f"SCAN {table}"), plan
        assert "SCAN a" not in plan, plan
