"""Turning what a user types into a safe FTS5 query, and running it."""

from __future__ import annotations

import re
import sqlite3

from reader.store.article_rows import SUMMARY_COLUMNS, summary_from_row
from reader.store.db import Db
from reader.store.errors import StoreError
from reader.store.records import SearchHit
from reader.store.snippets import SNIPPET_END, SNIPPET_START, make_snippet, term_pattern

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
__all__ = ["SNIPPET_END", "SNIPPET_START", "fts_query", "search_articles"]


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


def search_articles(
    db: Db, text: str, limit: int = 50, offset: int = 0, *, prefix_last: bool = True
) -> list[SearchHit]:
    """Full-text search over title, authors and body, best match first.

    Any text is safe: it is turned into quoted FTS5 terms, never passed as syntax.

    Args:
        db: The library.
        text: What the user typed.
        limit: Most hits to return.
        offset: Hits to skip (for paging).
        prefix_last: Whether the last word also matches as a prefix (search as you type).

    Returns:
        Hits with snippets; matched terms sit between ``SNIPPET_START`` and ``SNIPPET_END``.
    """
    match = fts_query(text, prefix_last=prefix_last)
    if match is None:
        return []
    # Articles whose title or byline holds every term come first (bm25 saturates on term
    # frequency, so a long body full of the word would outrank a title naming it), then
    # the rest by bm25. Tombstones are not in the index. Snippets are made for the page
    # only: FTS5's snippet() would run on every match before the LIMIT.
    rank = "ORDER BY bm25(articles_fts, 10.0, 5.0, 1.0)"
    wanted = limit + max(offset, 0)
    try:
        ranked = [r["rowid"] for r in db.rows(
            f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? {rank} LIMIT ?",
            [f"({match}) AND ({{title authors}} : ({match}))", wanted])]
        if len(ranked) < wanted:
            seen = set(ranked)
            rest = db.rows(
                f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? {rank} LIMIT ?",
                [match, wanted + len(ranked)])
            ranked += [r["rowid"] for r in rest if r["rowid"] not in seen]
    except sqlite3.OperationalError as exc:
        raise StoreError(f"search failed for {text!r}: {exc}") from exc
    page = ranked[max(offset, 0):wanted]
    if not page:
        return []
    rows = {r["rowid"]: r for r in db.rows(
        f"SELECT rowid, {SUMMARY_COLUMNS}, body FROM articles WHERE deleted IS NULL "
        f"AND rowid IN ({', '.join('?' * len(page))})", page)}
    pattern = term_pattern(text)
    return [SearchHit(summary_from_row(rows[i]), make_snippet(rows[i]["body"], pattern),
                      float(n)) for n, i in enumerate(page) if i in rows]
