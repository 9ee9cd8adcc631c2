"""The ``articles`` table: listing, lookup, facts, imports, tags, removal and reading position.

Every changed editable field gets a fresh clock stamp in ``clocks`` so that two copies of the
library can later be merged field by field. Write functions expect the caller to hold
``Db.write``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reader.ingest.decoding import clean_field
from reader.ingest.identity import article_id, canonical_url, content_hash
from reader.store import listing
from reader.store.article_rows import (
    FULL_COLUMNS,
    SUMMARY_COLUMNS,
    stored_from_row,
    summary_from_row,
)
from reader.store.db import Db
from reader.store.errors import Ambiguous, NotFound
from reader.store.migration_names import MIGRATION_NAMES
from reader.store.records import ArticleSummary, ImportOutcome, ListQuery, StoredArticle
from reader.store.search import search_articles
from reader.store.sortkeys import derived_columns, fold

if TYPE_CHECKING:
    from reader.ingest.article import Article

_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit
_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
# Fields an import sets and a user may edit; the file wins only when the file itself changed.
_META_FIELDS = ("title", "authors", "url", "site", "published", "tags", "lang")


def chunks(ids: Sequence[str]) -> list[Sequence[str]]:
    """Split ids into lists short enough for one ``IN (...)``."""
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def tag_spellings(db: Db, tag: str) -> list[str]:
    """Return the stored spellings of ``tag`` (any case, accents' composition, spacing)."""
    rows = db.rows("SELECT DISTINCT value FROM article_facets WHERE kind = 'tag'")
    return [r["value"] for r in rows if fold(r["value"]) == fold(tag)] or [tag]


def is_empty(db: Db) -> bool:
    """Return whether the library has no live articles."""
    return db.scalar("SELECT 1 FROM articles WHERE deleted IS NULL LIMIT 1") is None


def facet_values(db: Db, kind: str, value: str) -> list[str]:
    """Return the stored spellings of a tag/author/site equal to ``value`` ignoring case,
    accents' composition and spacing (so "ÜNÏCÖDÉ" finds "ünïcödé")."""
    wanted = fold(clean_field(value))
    rows = db.rows("SELECT DISTINCT value FROM article_facets WHERE kind = ?", [kind])
    return [r["value"] for r in rows if fold(r["value"]) == wanted] or [value]


def _where(db: Db, query: ListQuery) -> tuple[str, list[Any]]:
    facets = {
        kind: facet_values(db, kind, value)
        for kind, value in (("tag", query.tag), ("author", query.author), ("site", query.site))
        if value
    }
    return listing.where_clause(facets)


def count(db: Db, query: ListQuery | None = None) -> int:
    """Return how many live articles match ``query``'s filters."""
    where, params = _where(db, query or ListQuery())
    return int(db.scalar(f"SELECT count(*) FROM articles WHERE {where}", params))


def page(db: Db, query: ListQuery, offset: int = 0, limit: int = 100) -> list[ArticleSummary]:
    """Return up to ``limit`` articles from position ``offset`` in ``query``'s order."""
    where, params = _where(db, query)
    order = listing.order_clause(query.sort)
    # Skip rows on the (covering) sort index, then read only the rows on the page.
    sql = (
        f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE rowid IN ("
        f"SELECT rowid FROM articles WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?) "
        f"ORDER BY {order}"
    )
    return [summary_from_row(r) for r in db.rows(sql, [*params, limit, max(offset, 0)])]


def page_after(
    db: Db, query: ListQuery, after: ArticleSummary | None, limit: int = 100
) -> list[ArticleSummary]:
    """Return up to ``limit`` articles that follow ``after`` in ``query``'s order (keyset).

    Args:
        query: Sort and filters.
        after: The last article already shown, or ``None`` for the first page.
        limit: Page size.
    """
    if after is None:
        return page(db, query, 0, limit)
    where, params = _where(db, query)
    key_rows = db.rows(
        "SELECT id, title_sort, highlights, progress, sort_date, author_sort FROM articles "
        "WHERE id = ?",
        [after.id],
    )
    if not key_rows:
        return []
    cond, key_params = listing.keyset_clause(
        query.sort, listing.sort_key(query.sort, key_rows[0])
    )
    sql = (
        f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE {where} AND {cond} "
        f"ORDER BY {listing.order_clause(query.sort)} LIMIT ?"
    )
    return [summary_from_row(r) for r in db.rows(sql, [*params, *key_params, limit])]


def facets(db: Db, kind: str) -> list[tuple[str, int]]:
    """Return the values of ``kind`` (``tag``, ``author`` or ``site``) with article counts.

    Raises:
        ValueError: For an unknown kind.
    """
    if kind not in ("tag", "author", "site"):
        raise ValueError(f"unknown facet {kind!r}; choose tag, author or site")
    sql = (
        "SELECT min(value) AS v, count(*) AS n FROM article_facets WHERE kind = ? "
        "GROUP BY value ORDER BY n DESC, v COLLATE NOCASE"
    )
    return [(r["v"], r["n"]) for r in db.rows(sql, [kind])]


def get(db: Db, article_id: str) -> StoredArticle | None:
    """Return the live article with exactly this id, or ``None``."""
    rows = db.rows(
        f"SELECT {FULL_COLUMNS} FROM articles WHERE id = ? AND deleted IS NULL", [article_id]
    )
    return stored_from_row(rows[0]) if rows else None


def resolve(db: Db, ref: str) -> StoredArticle:
    """Find one article by id, unique id prefix, or title words.

    Raises:
        NotFound: When nothing matches.
        Ambiguous: When several articles match; the message lists them.
    """
    ref = ref.strip()
    if not ref:
        raise NotFound("no article reference given")
    exact = get(db, ref)
    if exact:
        return exact
    titled = db.rows(
        "SELECT id FROM articles WHERE deleted IS NULL AND title = ? COLLATE NOCASE LIMIT 2",
        [ref],
    )
    if len(titled) == 1:
        found = get(db, titled[0]["id"])
        if found:
            return found
    ids = [r["id"] for r in db.rows(
        "SELECT id FROM articles WHERE deleted IS NULL AND id LIKE ? ESCAPE '\\' LIMIT 11",
        [ref.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"],
    )]
    if not ids:
        ids = [r["id"] for r in db.rows(
            "SELECT id FROM articles WHERE deleted IS NULL AND title LIKE ? LIMIT 11",
            [f"%{ref}%"],
        )]
    if not ids:
        hits = search_articles(db, ref, limit=11, prefix_last=False)
        ids = [h.article.id for h in hits]
    if not ids:
        raise NotFound(f"no article matches {ref!r}")
    if len(ids) > 1:
        titles = "; ".join(
            f"{a.id[:8]} {a.title}" for a in (get(db, i) for i in ids[:5]) if a
        )
        raise Ambiguous(f"{ref!r} matches {len(ids)} articles: {titles}")
    found = get(db, ids[0])
    if found is None:  # deleted between the two reads
        raise NotFound(f"no article matches {ref!r}")
    return found


def info(db: Db) -> dict[str, Any]:
    """Return library facts: path, counts, schema version, SQLite version, size."""
    return {
        "path": str(db.path),
        "articles": count(db),
        "deleted": int(db.scalar("SELECT count(*) FROM articles WHERE deleted IS NOT NULL")),
        "words": int(db.scalar(
            "SELECT coalesce(sum(words), 0) FROM articles WHERE deleted IS NULL")),
        "highlights": int(db.scalar(
            "SELECT coalesce(sum(highlights), 0) FROM articles WHERE deleted IS NULL")),
        "schema_version": len(db.applied_migrations()),
        "schema_latest": len(MIGRATION_NAMES),
        "sqlite_version": db.sqlite_version(),
        "journal_mode": db.scalar("PRAGMA journal_mode"),
        "size_bytes": db.path.stat().st_size if db.path.exists() else 0,
        "device": db.clock.device,
    }


def clocks(db: Db, article_id_: str) -> dict[str, str]:
    """Return the per-field clock stamps of an article (for sync and tests)."""
    value = db.scalar("SELECT clocks FROM articles WHERE id = ?", [article_id_])
    return dict(json.loads(value)) if value else {}


def summaries_of(db: Db, article_ids: Sequence[str]) -> dict[str, ArticleSummary]:
    """Return the live articles with these ids (no bodies), keyed by id."""
    out: dict[str, ArticleSummary] = {}
    for chunk in chunks(list(article_ids)):
        rows = db.rows(
            f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE deleted IS NULL AND id IN "
            f"({', '.join('?' * len(chunk))})",
            list(chunk),
        )
        out.update((r["id"], summary_from_row(r)) for r in rows)
    return out


def id_by_url(db: Db, url: str) -> str | None:
    """Return the id of the live article with this URL (compared in canonical form)."""
    canonical = canonical_url(url)
    if canonical is None:
        return None
    rows = db.rows(
        "SELECT id FROM articles WHERE url = ? AND deleted IS NULL ORDER BY id LIMIT 1",
        [canonical],
    )
    return rows[0]["id"] if rows else None


def since_stamp(since: dt.datetime) -> str:
    """Return the smallest clock stamp at or after ``since`` (naive times are UTC)."""
    if since.tzinfo is None:
        since = since.replace(tzinfo=dt.UTC)
    micros = int(since.timestamp() * 1_000_000)
    return f"{max(micros, 0):017d}"


def annotated_ids(
    db: Db, *, tag: str | None = None, since: dt.datetime | None = None
) -> list[str]:
    """Return live articles with live highlights or a note, by title, then id.

    Args:
        db: The library.
        tag: Only articles with this tag (any case).
        since: Only articles whose highlights or note changed at or after this time; a
            removed highlight counts as a change (so an export can drop it).
    """
    where = ["a.deleted IS NULL"]
    params: list[Any] = []
    if since is None:
        where.append(
            "(EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id "
            "AND h.deleted IS NULL) OR EXISTS (SELECT 1 FROM notes n WHERE "
            "n.article_id = a.id AND n.deleted IS NULL AND n.text != ''))"
        )
    else:
        stamp = since_stamp(since)
        where.append(
            "(EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id "
            "AND h.updated >= ?) OR EXISTS (SELECT 1 FROM notes n WHERE "
            "n.article_id = a.id AND n.updated >= ?))"
        )
        params += [stamp, stamp]
    if tag:
        tags = tag_spellings(db, tag)
        where.append(
            "a.id IN (SELECT article_id FROM article_facets WHERE kind = 'tag' AND "
            f"value IN ({', '.join('?' * len(tags))}))"
        )
        params += tags
    rows = db.rows(
        f"SELECT a.id FROM articles a WHERE {' AND '.join(where)} "
        "ORDER BY a.title COLLATE NOCASE, a.id",
        params,
    )
    return [r["id"] for r in rows]


# -- writes -----------------------------------------------------------------------------------


def count_words(body: str) -> int:
    """Return the number of words in ``body`` (Markdown punctuation is not a word)."""
    return len(_WORD.findall(body))


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _encode(field: str, value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if field in ("authors", "tags") else value


def _find_existing(
    db: Db, url: str | None, origin: str | None, body_hash: str
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
    db: Db, article: Article, *, revive: bool = True
) -> tuple[ImportOutcome, bool]:
    """Insert ``article`` or update the stored article it is a re-import of.

    A re-import is found by canonical URL, else origin path, else content hash. Its id never
    changes, even when the body does. Nothing is written when nothing changed.

    Args:
        db: The database, inside a write transaction.
        clock: Clock for the change stamps.
        article: What was read from the file.
        revive: Whether a removed article comes back (the user named its file); if not, a
            removed article stays removed and the outcome is ``unchanged``.

    Returns:
        What happened, and whether the article's highlights must be placed again (its body
        changed or it came back); the caller derives them in the same transaction.
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
    stamp = db.clock.now()
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
        return ImportOutcome(new["id"], "new", []), False
    if existing["deleted"] and not revive:
        return ImportOutcome(existing["id"], "unchanged", []), False

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
        db.table("articles").update(existing["id"], update)
    return (ImportOutcome(existing["id"], status, changed),
            bool(body_changed or existing["deleted"]))


def _live_row(db: Db, article_id_: str) -> dict[str, Any]:
    row = db.execute(
        "SELECT * FROM articles WHERE id = ? AND deleted IS NULL", [article_id_]
    ).fetchone()
    if row is None:
        raise NotFound(f"no article with id {article_id_!r}")
    return dict(row)


def _stamp_update(db: Db, row: dict[str, Any], stamp: str, fields: dict[str, Any]) -> None:
    clocks = json.loads(row["clocks"] or "{}")
    for name in fields:
        clocks["position" if name == "progress" else name] = stamp
    db.table("articles").update(
        row["id"], {**fields, "clocks": json.dumps(clocks), "updated": stamp}
    )


def update_tags(
    db: Db, article_id_: str, add: list[str], remove: list[str]
) -> list[str]:
    """Add then remove tags (order kept, no duplicates); returns the resulting tags."""
    from reader.ingest.metadata import normalise_tags  # it imports dateutil: only when used

    row = _live_row(db, article_id_)
    tags: list[str] = json.loads(row["tags"] or "[]")
    gone = {fold(t) for t in normalise_tags(remove)}
    tags = normalise_tags([*[t for t in tags if fold(t) not in gone], *normalise_tags(add)])
    if tags != json.loads(row["tags"] or "[]"):
        _stamp_update(db, row, db.clock.now(), {"tags": json.dumps(tags, ensure_ascii=False)})
    return tags


def tombstone(db: Db, article_id_: str) -> bool:
    """Mark an article deleted and drop its body; the row stays as a tombstone for sync.

    Returns:
        Whether it was live (its highlights must then rest at their made anchors: the caller
        derives them in the same transaction).
    """
    try:
        row = _live_row(db, article_id_)
    except NotFound:
        return False
    stamp = db.clock.now()
    _stamp_update(db, row, stamp, {"deleted": stamp, "body": ""})
    return True


def save_position(
    db: Db, article_id_: str, position: int, progress: float
) -> None:
    """Store the reading cursor and progress (clamped to the body and to 0..1)."""
    row = _live_row(db, article_id_)
    position = max(0, min(int(position), len(row["body"])))
    progress = max(0.0, min(float(progress), 1.0))
    if position == row["position"] and abs(progress - (row["progress"] or 0.0)) < 1e-9:
        return
    _stamp_update(db, row, db.clock.now(), {"position": position, "progress": progress})
