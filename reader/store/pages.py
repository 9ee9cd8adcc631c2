"""The ``pages`` table: the web page each article came from, compressed, and its addresses.

A local cache (sync does not merge it): ``readmark import --refresh`` extracts an article
again from its page without the network, and an article is found by any address its page was
fetched at (``page_urls``: the URL asked for, each redirect, the final URL).
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from typing import Any

from reader.store.db import Db

#: Longest page kept, compressed or not (the fetch limit).
MAX_PAGE_BYTES = 10 * 1024 * 1024


def keep(db: Db, article_id: str, html: bytes, *, url: str | None,
         aliases: list[str]) -> None:
    """Keep ``html`` (compressed) as the page of ``article_id``, replacing any before.

    Must run inside a write transaction (``Db.write``).

    Args:
        db: The library.
        article_id: The article extracted from the page.
        html: The page bytes as fetched or read.
        url: The article's canonical URL, if any.
        aliases: Other addresses the page was found at.
    """
    from reader.ingest.identity import canonical_url  # hashlib: not on reading paths

    if len(html) > MAX_PAGE_BYTES:
        return  # never reached through import (the same limit applies there)
    addresses = [a for a in dict.fromkeys(canonical_url(x) for x in aliases) if a]
    db.execute(
        "INSERT OR REPLACE INTO pages (article_id, url, aliases, fetched, size, html) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [article_id, canonical_url(url), json.dumps(addresses), _now(), len(html),
         zlib.compress(html, 6)],
    )
    for address in addresses:
        db.execute("INSERT OR REPLACE INTO page_urls (url, article_id) VALUES (?, ?)",
                   [address, article_id])


def page_of(db: Db, article_id: str) -> tuple[bytes, str | None] | None:
    """Return ``(html, url)`` of the page kept for ``article_id``, or ``None``.

    A page whose stored bytes cannot be decompressed counts as none.
    """
    rows = db.rows("SELECT url, html FROM pages WHERE article_id = ?", [article_id])
    if not rows or not isinstance(rows[0]["html"], bytes):
        return None
    try:
        html = zlib.decompressobj().decompress(rows[0]["html"], MAX_PAGE_BYTES + 1)
    except zlib.error:
        return None
    return html, rows[0]["url"]


def id_by_address(db: Db, url: str) -> str | None:
    """Return the live article whose page was found at ``url`` (any redirect on the way)."""
    from reader.ingest.identity import canonical_url  # hashlib: not on reading paths

    canonical = canonical_url(url)
    if canonical is None:
        return None
    rows = db.rows(
        "SELECT p.article_id AS id FROM page_urls AS p JOIN articles AS a "
        "ON a.id = p.article_id WHERE p.url = ? AND a.deleted IS NULL", [canonical])
    return rows[0]["id"] if rows else None


def facts(db: Db, article_id: str | None = None) -> dict[str, Any]:
    """Return ``{"pages", "page_bytes", "page_stored_bytes"}`` for one article or all."""
    where, params = ("WHERE article_id = ?", [article_id]) if article_id else ("", [])
    row = db.rows(
        "SELECT count(*) AS n, coalesce(sum(size), 0) AS size, "
        f"coalesce(sum(length(html)), 0) AS stored FROM pages {where}", params)[0]
    return {"pages": int(row["n"]), "page_bytes": int(row["size"]),
            "page_stored_bytes": int(row["stored"])}


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
