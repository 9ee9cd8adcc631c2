"""Writes to ``articles``: import upserts, tags, tombstones and reading position.

Every changed editable field gets a fresh clock stamp in ``clocks`` so that two copies of the
library can later be merged field by field. Callers hold a write transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from sqlite_utils import Database

from reader.ingest.article import Article
from reader.ingest.identity import article_id, canonical_url, content_hash
from reader.ingest.metadata import normalise_tags
from reader.store.clock import Clock
from reader.store.errors import NotFound
from reader.store.models import ImportOutcome
from reader.store.sortkeys import derived_columns, fold

_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
# Fields an import sets and a user may edit; the file wins only when the file itself changed.
_META_FIELDS = ("title", "authors", "url", "site", "published", "tags", "lang")


def count_words(body: str) -> int:
    """Return the number of words in ``body`` (Markdown punctuation is not a word)."""
    return len(_WORD.findall(body))


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _encode(field: str, value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if field in ("authors", "tags") else value


def _find_existing(
    db: Database, url: str | None, origin: str | None, body_hash: str
) -> dict[str, Any] | None:
    """Find the stored article a new import is a copy of: by URL, else origin path, else text.

    Two articles with different URLs are never the same article, even with identical text
    (paywall stubs, boilerplate pages).
    """
    for column, value in (("url", url), ("origin_path", origin), ("content_hash", body_hash)):
        if not value:
            continue
        rows = db.execute(
            f"SELECT * FROM articles WHERE {column} = ? ORDER BY deleted IS NOT NULL LIMIT 20",
            [value],
        ).fetchall()
        for row in rows:
            if column == "content_hash" and url and row["url"] and row["url"] != url:
                continue
            return dict(row)
    return None


def _merge_list(
    current: list[str], old_source: list[str] | None, new_source: list[str]
) -> list[str]:
    """Three-way merge of a list field: the file's additions and removals since the last
    import are applied to the current value, so edits made in readmark survive."""
    if old_source is None:
        return new_source
    added = [v for v in new_source if v not in old_source]
    removed = {v for v in old_source if v not in new_source}
    merged = [v for v in current if v not in removed]
    return merged + [v for v in added if v not in merged]


def upsert_article(
    db: Database, clock: Clock, article: Article, *, revive: bool = True
) -> ImportOutcome:
    """Insert ``article`` or update the stored article it is a re-import of.

    A re-import is found by canonical URL, else origin path, else content hash. Its id never
    changes, even when the body does. Nothing is written when nothing changed.

    Args:
        db: The database, inside a write transaction.
        clock: Clock for the change stamps.
        article: What was read from the file.
        revive: Whether a removed article comes back (the user named its file); if not, a
            removed article stays removed and the outcome is ``unchanged``.
    """
    url = canonical_url(article.url)
    body_hash = content_hash(article.body)
    values: dict[str, Any] = {
        "title": article.title,
        "authors": list(article.authors),
        "url": url,
        "site": article.site,
        "published": article.published,
        "tags": list(article.tags),
        "lang": article.lang,
    }
    existing = _find_existing(db, url, article.origin_path, body_hash)
    stamp = clock.now()
    if existing is None:
        row = db.execute(
            "SELECT * FROM articles WHERE id = ?", [article_id(url, body_hash)]
        ).fetchone()
        existing = dict(row) if row else None
    if existing is None:
        new = {field: _encode(field, value) for field, value in values.items()}
        new.update(
            id=article_id(url, body_hash),
            body=article.body,
            body_format=article.body_format,
            words=count_words(article.body),
            content_hash=body_hash,
            imported=_now_iso(),
            origin_path=article.origin_path,
            source_fields=json.dumps(values, ensure_ascii=False),
            clocks=json.dumps({f: stamp for f in (*_META_FIELDS, "body")}),
            updated=stamp,
        )
        new.update(derived_columns(new))
        columns = ", ".join(new)
        # A plain INSERT: sqlite-utils' insert() re-reads the table's shape on every call.
        db.execute(f"INSERT INTO articles ({columns}) VALUES ({', '.join('?' * len(new))})",
                   list(new.values()))
        return ImportOutcome(new["id"], "new", [])
    if existing["deleted"] and not revive:
        return ImportOutcome(existing["id"], "unchanged", [])

    clocks = json.loads(existing["clocks"] or "{}")
    source = json.loads(existing["source_fields"] or "{}")
    update: dict[str, Any] = {}
    changed: list[str] = []
    for field, value in values.items():
        if field == "url" and not value:
            continue  # a copy without a URL does not erase the one we know
        if field in source and source[field] == value:
            continue  # the file did not change this field: keep any edit made since
        if field == "tags":
            value = _merge_list(json.loads(existing["tags"] or "[]"), source.get("tags"), value)
        if _encode(field, value) != existing[field]:
            update[field] = _encode(field, value)
            clocks[field] = stamp
            changed.append(field)
    body_changed = body_hash != existing["content_hash"]
    if body_changed or article.body_format != existing["body_format"] or existing["deleted"]:
        update.update(
            body=article.body,
            body_format=article.body_format,
            words=count_words(article.body),
            content_hash=body_hash,
            position=min(existing["position"] or 0, len(article.body)),
        )
        clocks["body"] = stamp
        changed.append("body")
    status = "updated" if changed else "unchanged"
    if existing["deleted"]:
        update["deleted"] = None
        clocks["deleted"] = stamp
        status = "new"
    new_source = {**source, **{k: v for k, v in values.items() if not (k == "url" and not v)}}
    if new_source != source:
        update["source_fields"] = json.dumps(new_source, ensure_ascii=False)
    if article.origin_path and article.origin_path != existing["origin_path"]:
        update["origin_path"] = article.origin_path
    if changed or existing["deleted"]:
        update["clocks"] = json.dumps(clocks)
        update["updated"] = stamp
    derived = derived_columns({**existing, **update})
    update.update({k: v for k, v in derived.items() if existing.get(k) != v})
    if update:
        db["articles"].update(existing["id"], update)  # type: ignore[union-attr]
    if body_changed or existing["deleted"]:
        from reader.store.annotation_writes import reanchor_article

        placed = reanchor_article(db, existing["id"])
        return ImportOutcome(existing["id"], status, changed, placed.moved, placed.orphaned)
    return ImportOutcome(existing["id"], status, changed)


def _live_row(db: Database, article_id_: str) -> dict[str, Any]:
    row = db.execute(
        "SELECT * FROM articles WHERE id = ? AND deleted IS NULL", [article_id_]
    ).fetchone()
    if row is None:
        raise NotFound(f"no article with id {article_id_!r}")
    return dict(row)


def _stamp_update(db: Database, row: dict[str, Any], stamp: str, fields: dict[str, Any]) -> None:
    clocks = json.loads(row["clocks"] or "{}")
    for name in fields:
        clocks["position" if name == "progress" else name] = stamp
    db["articles"].update(  # type: ignore[union-attr]
        row["id"], {**fields, "clocks": json.dumps(clocks), "updated": stamp}
    )


def update_tags(
    db: Database, clock: Clock, article_id_: str, add: list[str], remove: list[str]
) -> list[str]:
    """Add then remove tags (order kept, no duplicates); returns the resulting tags."""
    row = _live_row(db, article_id_)
    tags: list[str] = json.loads(row["tags"] or "[]")
    gone = {fold(t) for t in normalise_tags(remove)}
    tags = normalise_tags([*[t for t in tags if fold(t) not in gone], *normalise_tags(add)])
    if tags != json.loads(row["tags"] or "[]"):
        _stamp_update(db, row, clock.now(), {"tags": json.dumps(tags, ensure_ascii=False)})
    return tags


def tombstone(db: Database, clock: Clock, article_id_: str) -> bool:
    """Mark an article deleted and drop its body; the row stays as a tombstone for sync."""
    try:
        row = _live_row(db, article_id_)
    except NotFound:
        return False
    stamp = clock.now()
    _stamp_update(db, row, stamp, {"deleted": stamp, "body": ""})
    from reader.store.annotation_writes import derive_anchors

    derive_anchors(db, article_id_)  # its highlights rest at their made anchors
    return True


def save_position(
    db: Database, clock: Clock, article_id_: str, position: int, progress: float
) -> None:
    """Store the reading cursor and progress (clamped to the body and to 0..1)."""
    row = _live_row(db, article_id_)
    position = max(0, min(int(position), len(row["body"])))
    progress = max(0.0, min(float(progress), 1.0))
    if position == row["position"] and abs(progress - (row["progress"] or 0.0)) < 1e-9:
        return
    _stamp_update(db, row, clock.now(), {"position": position, "progress": progress})
