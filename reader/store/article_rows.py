"""Conversion between ``articles`` rows and store records."""

from __future__ import annotations

import json
from typing import Any

from reader.store.records import ArticleSummary, StoredArticle

SUMMARY_COLUMNS = (
    "id, title, authors, url, site, published, tags, words, highlights, progress, imported, "
    "sort_date, author_sort"
)
FULL_COLUMNS = SUMMARY_COLUMNS + ", body, body_format, content_hash, origin_path, position, lang"


def json_list(value: str | None) -> list[str]:
    """Decode a JSON list column, tolerating ``NULL`` and damage."""
    if not value:
        return []
    try:
        data = json.loads(value)
    except ValueError:
        return []
    return [str(v) for v in data] if isinstance(data, list) else []


def summary_from_row(row: dict[str, Any]) -> ArticleSummary:
    """Build an ``ArticleSummary`` from a row selected with ``SUMMARY_COLUMNS``."""
    return ArticleSummary(
        id=row["id"],
        title=row["title"],
        authors=json_list(row["authors"]),
        url=row["url"],
        site=row["site"],
        published=row["published"],
        tags=json_list(row["tags"]),
        words=row["words"] or 0,
        highlights=row["highlights"] or 0,
        progress=float(row["progress"] or 0.0),
        imported=row["imported"],
    )


def stored_from_row(row: dict[str, Any]) -> StoredArticle:
    """Build a ``StoredArticle`` from a row selected with ``FULL_COLUMNS``."""
    summary = summary_from_row(row)
    return StoredArticle(
        **summary.__dict__,
        body=row["body"],
        body_format=row["body_format"],
        content_hash=row["content_hash"],
        origin_path=row["origin_path"],
        position=row["position"] or 0,
        lang=row["lang"],
    )
