"""Sorted, filtered listing of articles with OFFSET and keyset paging."""

from __future__ import annotations

from typing import Any

from reader.store.records import SORT_ORDERS

# Each order: (SQL expression, descending?) from most to least significant; ``id`` breaks ties.
_ORDERS: dict[str, list[tuple[str, bool]]] = {
    "newest": [("sort_date", True), ("id", True)],
    "oldest": [("sort_date", False), ("id", False)],
    "title": [("title_sort", False), ("id", False)],
    "author": [("author_sort", False), ("id", False)],
    "highlights": [("highlights", True), ("sort_date", True), ("id", True)],
    "unread": [("progress", False), ("sort_date", True), ("id", True)],
}
_KEY_VALUES: dict[str, list[str]] = {
    "newest": ["sort_date", "id"],
    "oldest": ["sort_date", "id"],
    "title": ["title_sort", "id"],
    "author": ["author_sort", "id"],
    "highlights": ["highlights", "sort_date", "id"],
    "unread": ["progress", "sort_date", "id"],
}


def check_sort(sort: str) -> None:
    """Raise ``ValueError`` naming ``sort`` if it is not a known order."""
    if sort not in SORT_ORDERS:
        raise ValueError(f"unknown sort order {sort!r}; choose from {', '.join(SORT_ORDERS)}")


def where_clause(facets: dict[str, list[str]]) -> tuple[str, list[Any]]:
    """Return the WHERE clause (without ``WHERE``) and parameters selecting live articles
    that have, for each facet kind given, one of the listed values."""
    parts = ["deleted IS NULL"]
    params: list[Any] = []
    for kind, values in facets.items():
        marks = ", ".join("?" for _ in values)
        parts.append(
            f"id IN (SELECT article_id FROM article_facets WHERE kind = ? AND value IN ({marks}))"
        )
        params.extend([kind, *values])
    return " AND ".join(parts), params


def order_clause(sort: str) -> str:
    """Return the ORDER BY clause (without ``ORDER BY``) for ``sort``."""
    check_sort(sort)
    return ", ".join(f"{expr} {'DESC' if desc else 'ASC'}" for expr, desc in _ORDERS[sort])


def keyset_clause(sort: str, key: list[Any]) -> tuple[str, list[Any]]:
    """Return a condition selecting rows strictly after ``key`` in ``sort`` order.

    Args:
        sort: The sort order.
        key: The sort-key values of the last row already shown (see ``sort_key``).

    Returns:
        SQL condition and its parameters.
    """
    check_sort(sort)
    cols = _ORDERS[sort]
    if len({desc for _, desc in cols}) == 1:  # one direction: a row value, which uses the index
        exprs = ", ".join(expr for expr, _ in cols)
        return f"(({exprs}) {'<' if cols[0][1] else '>'} ({', '.join('?' for _ in cols)}))", key
    # (a > ?) OR (a = ? AND ((b > ?) OR (b = ? AND ...))), with < for descending columns.
    clause = ""
    params: list[Any] = []
    for (expr, desc), value in reversed(list(zip(cols, key, strict=True))):
        op = "<" if desc else ">"
        if not clause:
            clause = f"{expr} {op} ?"
            params = [value]
        else:
            clause = f"({expr} {op} ?) OR ({expr} = ? AND ({clause}))"
            params = [value, value, *params]
    # The leading bound lets SQLite start the index scan at the key instead of the top.
    first, first_desc = cols[0]
    return f"({first} {'<=' if first_desc else '>='} ? AND ({clause}))", [key[0], *params]


def sort_key(sort: str, row: dict[str, Any]) -> list[Any]:
    """Return the keyset values of ``row`` for ``sort``."""
    check_sort(sort)
    return [row[name] for name in _KEY_VALUES[sort]]

