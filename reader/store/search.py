"""Turning what a user types into a safe FTS5 query, and running it."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from reader.store.article_rows import SUMMARY_COLUMNS, summary_from_row
from reader.store.db import Db
from reader.store.errors import StoreError
from reader.store.records import SearchHit
from reader.store.snippets import SNIPPET_END, SNIPPET_START, make_snippet, term_pattern

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
__all__ = ["SNIPPET_END", "SNIPPET_START", "SearchCancelled", "fts_query", "search_articles"]


def fts_query(text: str, *, prefix_last: bool = True) -> str | None:
    """Build an FTS5 MATCH expression from free text that can never be a syntax error.

    Every word becomes a quoted FTS5 string (so ``AND``, ``NEAR``, ``*``, ``:`` or a stray
    quote are just text); ``"a phrase"`` in double quotes stays a phrase; all terms must match;
    the last bare word also matches as a prefix, for search as you type.

    Args:
        text: What the user typed.
        prefix_last: Whether the last bare word matches as a prefix.

    Returns:
        The MATCH expression, or ``None`` when ``text`` holds no searchable word.
    """
    terms: list[str] = []
    last_bare = -1
    for match in _TOKEN.finditer(_CONTROL.sub(" ", text)):
        phrase, word = match.group(1), match.group(2)
        raw = phrase if phrase is not None else word
        if not raw or not _WORD.search(raw):
            continue
        terms.append('"' + raw.replace('"', '""') + '"')
        if word is not None:
            last_bare = len(terms) - 1
    if not terms:
        return None
    if prefix_last and last_bare == len(terms) - 1:
        terms[-1] += " *"
    return " ".join(terms)


# -- plans and ranked rowids ----------------------------------------------------------------

PREFIX_TABLE = "articles_prefix"
SHORT_PREFIX = 2  # a last word this short is searched only as a prefix, never as a word
_TOKEN_CHARS = re.compile(r"[^\W_]+")
_RANK = "bm25(articles_fts, 10.0, 5.0, 1.0)"
_BY_NAME = "{title authors} : "


class SearchCancelled(StoreError):
    """A search was given up because a newer one superseded it."""


@dataclass(frozen=True)
class SearchPlan:
    """The queries one search runs.

    Attributes:
        words: MATCH over the stemmed index with every term as a whole word (``None``: the
            last word is too short to be worth searching as a word).
        rest: MATCH over the stemmed index of the terms before the prefix (``None``: none).
        prefix: MATCH over the unstemmed prefix index for the last word's prefix (``None``:
            no prefix matching).
    """

    words: str | None
    rest: str | None
    prefix: str | None


def _quoted(raw: str) -> str:
    return '"' + raw.replace('"', '""') + '"'


def plan_search(text: str, *, prefix_last: bool = True) -> SearchPlan | None:
    """Turn what a user typed into the queries that search runs (never an FTS5 syntax error).

    Whole words go to the Porter-stemmed index, so ``rulings`` finds ``ruling``. The last bare
    word, when ``prefix_last``, is also matched as a prefix of the unstemmed words in the
    prefix index: a stemmed prefix would miss (``rulin`` is no prefix of the stem ``rule``).

    Args:
        text: What the user typed.
        prefix_last: Whether the last bare word also matches as a prefix.

    Returns:
        The plan, or ``None`` when ``text`` holds no searchable word.
    """
    whole = fts_query(text, prefix_last=False)
    if whole is None:
        return None
    terms: list[str] = []
    last_bare: str | None = None
    for match in _TOKEN.finditer(_CONTROL.sub(" ", text)):
        phrase, word = match.group(1), match.group(2)
        raw = phrase if phrase is not None else word
        if not raw or not _WORD.search(raw):
            continue
        terms.append(_quoted(raw))
        last_bare = word
    tokens = _TOKEN_CHARS.findall(last_bare) if prefix_last and last_bare else []
    if not tokens:
        return SearchPlan(whole, None, None)
    rest = " ".join(terms[:-1] + [_quoted(t) for t in tokens[:-1]]) or None
    words = whole if len(last_bare or "") > SHORT_PREFIX else None
    return SearchPlan(words, rest, _quoted(tokens[-1]) + " *")


RowidQuery = Callable[[str, list[Any]], list[int]]


def ranked_rowids(rowids: RowidQuery, plan: SearchPlan, wanted: int) -> list[int]:
    """Return the first ``wanted`` matches of ``plan``, best first.

    Whole-word matches come first, ranked by bm25 (those whose title or byline holds every
    term before the rest, as bm25 saturates on a long body full of the word). Then the
    matches only as a prefix: title or byline first, then the rest, most recently added
    first. Ranking those by bm25 would read every match (a one-letter prefix matches every
    article); in rowid order the index stops after a page.

    Args:
        rowids: Runs a query (SQL, parameters) and returns the first column.
        plan: What to search for (see ``plan_search``).
        wanted: How many rowids at most.

    Returns:
        Rowids of ``articles``, each once.
    """
    out: list[int] = []
    seen: set[int] = set()

    def add(found: list[int]) -> None:
        for rowid in found:
            if rowid not in seen:
                seen.add(rowid)
                out.append(rowid)

    ranked = f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY {_RANK} LIMIT ?"
    if plan.words is not None:
        add(rowids(ranked, [f"({plan.words}) AND ({_BY_NAME}({plan.words}))", wanted]))
        if len(out) < wanted:  # the second query only when the names did not fill the page
            add(rowids(ranked, [plan.words, wanted + len(out)]))
    if plan.prefix is not None:
        for columns in (_BY_NAME, ""):
            if len(out) >= wanted:
                break
            sql = f"SELECT rowid FROM {PREFIX_TABLE} WHERE {PREFIX_TABLE} MATCH ?"
            params: list[Any] = [f"{columns}({plan.prefix})"]
            if plan.rest is not None:
                sql += " INTERSECT SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
                params.append(plan.rest)
            add(rowids(sql + " ORDER BY 1 DESC LIMIT ?", [*params, wanted + len(out)]))
    return out[:wanted]


@contextmanager
def interruptible(conn: sqlite3.Connection, cancelled: Callable[[], bool] | None
                  ) -> Iterator[None]:
    """Let ``cancelled`` stop the statements run inside (checked every few SQLite steps).

    The caller holds the connection's lock, so only the search's own statements see the
    handler.

    Raises:
        SearchCancelled: When ``cancelled()`` is true already, or became true mid-query.
    """
    if cancelled is None:
        yield
        return
    if cancelled():
        raise SearchCancelled("search superseded")
    conn.set_progress_handler(lambda: 1 if cancelled() else 0, 2000)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if cancelled():
            raise SearchCancelled("search superseded") from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)


def search_articles(
    db: Db, text: str, limit: int = 50, offset: int = 0, *, prefix_last: bool = True,
    cancelled: Callable[[], bool] | None = None,
) -> list[SearchHit]:
    """Full-text search over title, authors and body, best match first.

    Any text is safe: it is turned into quoted FTS5 terms, never passed as syntax.

    Args:
        db: The library.
        text: What the user typed.
        limit: Most hits to return.
        offset: Hits to skip (for paging).
        prefix_last: Whether the last word also matches as a prefix (search as you type).
        cancelled: Checked while the query runs; once it returns true the search stops
            (a newer one superseded it) by raising ``SearchCancelled``.

    Returns:
        Hits with snippets; matched terms sit between ``SNIPPET_START`` and ``SNIPPET_END``.

    Raises:
        SearchCancelled: ``cancelled`` returned true.
        StoreError: The query failed.
    """
    plan = plan_search(text, prefix_last=prefix_last)
    if plan is None:
        return []
    wanted = limit + max(offset, 0)
    try:
        with db.lock, interruptible(db.conn, cancelled):
            ranked = ranked_rowids(
                lambda sql, params: [r["rowid"] for r in db.rows(sql, params)],
                plan, wanted)
    except SearchCancelled:
        raise
    except sqlite3.OperationalError as exc:
        raise StoreError(f"search failed for {text!r}: {exc}") from exc
    # Tombstones are not in the indexes. Snippets are made for the page only: FTS5's
    # snippet() would run on every match before the LIMIT.
    page = ranked[max(offset, 0):wanted]
    if not page:
        return []
    rows = {r["rowid"]: r for r in db.rows(
        f"SELECT rowid, {SUMMARY_COLUMNS}, body FROM articles WHERE deleted IS NULL "
        f"AND rowid IN ({', '.join('?' * len(page))})", page)}
    pattern = term_pattern(text)
    return [SearchHit(summary_from_row(rows[i]), make_snippet(rows[i]["body"], pattern),
                      float(n)) for n, i in enumerate(page) if i in rows]
