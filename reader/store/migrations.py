"""The library schema, as sqlite-utils ``Migrations``.

Every change to the schema is a new migration appended here, so an existing library upgrades in
place. Never edit a migration that has shipped.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from reader.store.migration_names import MIGRATION_SET

migrations = Migrations(MIGRATION_SET)

FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"


@migrations()
def m001_articles(db: Database) -> None:
    """Create ``articles`` with sync clocks, a tombstone, and the FTS5 index."""
    db["articles"].create(  # type: ignore[union-attr]
        {
            "id": str,
            "title": str,
            "authors": str,  # JSON list, byline order
            "url": str,
            "site": str,
            "published": str,  # ISO 8601
            "tags": str,  # JSON list
            "body": str,
            "body_format": str,
            "words": int,
            "content_hash": str,
            "imported": str,  # ISO 8601 UTC, first import
            "origin_path": str,
            "position": int,  # reading cursor, char offset into body
            "progress": float,  # 0.0 .. 1.0
            "highlights": int,  # live highlight count, kept by the highlights tables
            "sort_date": str,  # published, else import date: the "newest" order
            "author_sort": str,  # first author, lower-cased: the "author" order
            "source_fields": str,  # JSON: field values as last imported (user edits survive)
            "clocks": str,  # JSON: field -> clock stamp of its last change (sync)
            "updated": str,  # greatest clock stamp of the row
            "deleted": str,  # tombstone: clock stamp of the delete, NULL while live
        },
        pk="id",
        not_null={"title", "body", "body_format", "content_hash", "imported"},
        defaults={
            "words": 0,
            "position": 0,
            "progress": 0.0,
            "highlights": 0,
            "authors": "[]",
            "tags": "[]",
            "clocks": "{}",
            "source_fields": "{}",
        },
    )
    db.execute("CREATE INDEX idx_articles_url ON articles(url)")
    db.execute("CREATE INDEX idx_articles_origin ON articles(origin_path)")
    db.execute("CREATE INDEX idx_articles_hash ON articles(content_hash)")
    db.execute("CREATE INDEX idx_articles_newest ON articles(sort_date, id)")
    db.execute("CREATE INDEX idx_articles_title ON articles(title COLLATE NOCASE, id)")
    db.execute("CREATE INDEX idx_articles_author ON articles(author_sort, id)")
    db.execute("CREATE INDEX idx_articles_hl ON articles(highlights, sort_date, id)")
    db.execute("CREATE INDEX idx_articles_unread ON articles(progress, sort_date, id)")
    db.execute("CREATE INDEX idx_articles_updated ON articles(updated)")
    db["articles"].enable_fts(  # type: ignore[union-attr]
        ["title", "authors", "body"], create_triggers=True, tokenize=FTS_TOKENIZE
    )
    db["meta"].create({"key": str, "value": str}, pk="key")  # type: ignore[union-attr]


@migrations()
def m002_article_lang(db: Database) -> None:
    """Add ``lang``: the article's language (BCP 47 tag from front matter), for quote styles."""
    db["articles"].add_column("lang", str)  # type: ignore[union-attr]


_SORT_INDEXES = {
    "newest": "sort_date, id",
    "title": "title COLLATE NOCASE, id",
    "author": "author_sort, id",
    "hl": "highlights, sort_date, id",
    "unread": "progress, sort_date DESC, id DESC",
}


@migrations()
def m003_live_sort_indexes(db: Database) -> None:
    """Replace the sort indexes by partial ones over live rows only.

    Counting and paging then read a small index instead of the table with its bodies.
    """
    for name, columns in _SORT_INDEXES.items():
        db.execute(f"DROP INDEX IF EXISTS idx_articles_{name}")
        db.execute(f"CREATE INDEX idx_live_{name} ON articles({columns}) WHERE deleted IS NULL")


def _facet_rows(row: str, *, backfill: bool = False) -> str:
    """Return the INSERT of a row's facets: ``new`` in a trigger, every row when ``backfill``."""
    each = "articles AS a, " if backfill else ""
    site_from = " FROM articles AS a" if backfill else ""
    live = f"{row}.deleted IS NULL"
    return (
        "INSERT INTO article_facets (article_id, kind, value) "
        f"SELECT {row}.id, 'tag', j.value FROM {each}json_each({row}.tags) j WHERE {live} "
        f"UNION ALL SELECT {row}.id, 'author', j.value FROM {each}json_each({row}.authors) j "
        f"WHERE {live} "
        f"UNION ALL SELECT {row}.id, 'site', {row}.site{site_from} "
        f"WHERE {live} AND {row}.site IS NOT NULL"
    )


@migrations()
def m004_article_facets(db: Database) -> None:
    """Add ``article_facets`` (tag/author/site per live article), kept by triggers.

    Filtering and facet counts then use an index instead of reading every row's JSON.
    """
    db.execute(
        "CREATE TABLE article_facets (article_id TEXT NOT NULL, kind TEXT NOT NULL, "
        "value TEXT NOT NULL COLLATE NOCASE, "
        "FOREIGN KEY (article_id) REFERENCES articles(id) ON DELETE CASCADE)"
    )
    db.execute("CREATE INDEX idx_facets_value ON article_facets(kind, value, article_id)")
    db.execute("CREATE INDEX idx_facets_article ON article_facets(article_id)")
    db.execute(_facet_rows("a", backfill=True))
    db.execute(
        "CREATE TRIGGER articles_facets_ai AFTER INSERT ON articles "
        f"BEGIN {_facet_rows('new')}; END"
    )
    db.execute(
        "CREATE TRIGGER articles_facets_au AFTER UPDATE OF tags, authors, site, deleted "
        "ON articles BEGIN DELETE FROM article_facets WHERE article_id = old.id; "
        f"{_facet_rows('new')}; END"
    )
    db.execute(
        "CREATE TRIGGER articles_facets_ad AFTER DELETE ON articles BEGIN "
        "DELETE FROM article_facets WHERE article_id = old.id; END"
    )


@migrations()
def m005_sort_keys(db: Database) -> None:
    """Sort titles without case, accents or a leading article; authors by family name; dates
    with time zones in UTC."""
    from reader.store.sortkeys import derived_columns

    db["articles"].add_column("title_sort", str)  # type: ignore[union-attr]
    rows = db.execute("SELECT id, title, authors, published, imported FROM articles").fetchall()
    for row in rows:
        db["articles"].update(row[0], derived_columns(  # type: ignore[union-attr]
            {"title": row[1], "authors": row[2], "published": row[3], "imported": row[4]}))
    db.execute("DROP INDEX IF EXISTS idx_live_title")
    db.execute("CREATE INDEX idx_live_title ON articles(title_sort, id) WHERE deleted IS NULL")


_HIGHLIGHT_COUNT_TRIGGERS = (
    "CREATE TRIGGER highlights_count_ai AFTER INSERT ON highlights WHEN new.deleted IS NULL "
    "BEGIN UPDATE articles SET highlights = highlights + 1 WHERE id = new.article_id; END",
    "CREATE TRIGGER highlights_count_au AFTER UPDATE OF deleted, article_id ON highlights "
    "BEGIN "
    "UPDATE articles SET highlights = highlights - 1 "
    "WHERE id = old.article_id AND old.deleted IS NULL; "
    "UPDATE articles SET highlights = highlights + 1 "
    "WHERE id = new.article_id AND new.deleted IS NULL; END",
    "CREATE TRIGGER highlights_count_ad AFTER DELETE ON highlights WHEN old.deleted IS NULL "
    "BEGIN UPDATE articles SET highlights = highlights - 1 WHERE id = old.article_id; END",
)


@migrations()
def m006_highlights(db: Database) -> None:
    """Add highlights, article notes and note revisions, with their FTS5 indexes.

    A highlight stores what the W3C Web Annotation model stores (exact text, 32 characters of
    prefix and suffix, start/end offsets into the body) plus the content hash of the body its
    offsets refer to, so a changed article can re-anchor it. Rows are never removed: deletes
    are tombstones. ``articles.highlights`` is kept by triggers.

    Also narrows the articles FTS update trigger to the indexed columns, so saving a reading
    position or a highlight count no longer re-indexes the whole body.
    """
    db.execute(
        "CREATE TABLE highlights ("
        "id TEXT PRIMARY KEY, "
        "article_id TEXT NOT NULL REFERENCES articles(id), "
        "exact TEXT NOT NULL, prefix TEXT NOT NULL DEFAULT '', suffix TEXT NOT NULL DEFAULT '', "
        "start_pos INTEGER, end_pos INTEGER, "
        "anchor_hash TEXT, "  # content hash of the body start/end refer to
        "made_hash TEXT, "  # content hash of the body the highlight was made on
        "state TEXT NOT NULL DEFAULT 'anchored', "  # anchored | re-anchored | orphaned
        "color TEXT NOT NULL DEFAULT 'yellow', "
        "note TEXT NOT NULL DEFAULT '', "
        "created TEXT NOT NULL, "  # ISO 8601 UTC
        "clocks TEXT NOT NULL DEFAULT '{}', "
        "updated TEXT, "
        "deleted TEXT)"
    )
    db.execute("CREATE INDEX idx_highlights_article ON highlights(article_id, start_pos)")
    db.execute("CREATE INDEX idx_highlights_created ON highlights(created, id)")
    db.execute("CREATE INDEX idx_highlights_updated ON highlights(updated)")
    db.execute(
        "CREATE TABLE notes ("
        "article_id TEXT PRIMARY KEY REFERENCES articles(id), "
        "text TEXT NOT NULL DEFAULT '', "
        "created TEXT NOT NULL, "
        "clocks TEXT NOT NULL DEFAULT '{}', "
        "updated TEXT, "
        "deleted TEXT)"
    )
    db.execute("CREATE INDEX idx_notes_updated ON notes(updated)")
    db.execute(
        "CREATE TABLE note_revisions ("
        "id TEXT PRIMARY KEY, "
        "kind TEXT NOT NULL, "  # highlight | article
        "target TEXT NOT NULL, "  # highlight id or article id
        "text TEXT NOT NULL, "
        "stamp TEXT NOT NULL, "  # clock stamp of the edit that wrote this text
        "replaced_by TEXT, "  # clock stamp of the edit that won over it
        "saved TEXT NOT NULL)"  # ISO 8601 UTC, when kept
    )
    db.execute("CREATE INDEX idx_note_revisions_target ON note_revisions(target, stamp)")
    for trigger in _HIGHLIGHT_COUNT_TRIGGERS:
        db.execute(trigger)
    db["highlights"].enable_fts(  # type: ignore[union-attr]
        ["exact", "note"], create_triggers=True, tokenize=FTS_TOKENIZE
    )
    db["notes"].enable_fts(  # type: ignore[union-attr]
        ["text"], create_triggers=True, tokenize=FTS_TOKENIZE
    )
    db.execute("DROP TRIGGER IF EXISTS articles_au")
    db.execute(
        "CREATE TRIGGER articles_au AFTER UPDATE OF title, authors, body ON articles BEGIN "
        "INSERT INTO articles_fts (articles_fts, rowid, title, authors, body) "
        "VALUES('delete', old.rowid, old.title, old.authors, old.body); "
        "INSERT INTO articles_fts (rowid, title, authors, body) "
        "VALUES (new.rowid, new.title, new.authors, new.body); END"
    )


@migrations()
def m007_fts_live_only(db: Database) -> None:
    """Keep removed articles (tombstones) out of the articles FTS index.

    Search then never has to filter them out, and a removed article's title stops matching.
    """
    live = "WHERE {row}.deleted IS NULL"
    fts = "articles_fts (articles_fts, rowid, title, authors, body)"
    db.execute(f"INSERT INTO {fts} SELECT 'delete', rowid, title, authors, body FROM articles "
               "WHERE deleted IS NOT NULL")
    for name in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute(
        "CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts (rowid, title, authors, body) "
        f"SELECT new.rowid, new.title, new.authors, new.body {live.format(row='new')}; END"
    )
    db.execute(
        "CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN "
        f"INSERT INTO {fts} SELECT 'delete', old.rowid, old.title, old.authors, old.body "
        f"{live.format(row='old')}; END"
    )
    db.execute(
        "CREATE TRIGGER articles_au AFTER UPDATE OF title, authors, body, deleted ON articles "
        f"BEGIN INSERT INTO {fts} SELECT 'delete', old.rowid, old.title, old.authors, old.body "
        f"{live.format(row='old')}; "
        "INSERT INTO articles_fts (rowid, title, authors, body) "
        f"SELECT new.rowid, new.title, new.authors, new.body {live.format(row='new')}; END"
    )


@migrations()
def m008_highlight_made_anchor(db: Database) -> None:
    """Keep the anchor a highlight was made with, apart from where it is now.

    ``made_exact``, ``made_prefix``, ``made_suffix``, ``made_start`` and ``made_end`` hold the
    selectors as made (on the body ``made_hash``); they are what syncs (last writer wins), and
    ``exact`` … ``state``, ``anchor_hash`` are derived from them and the article's current body
    (see ``library.highlights.derive_anchors``), so every copy derives the same place. Existing
    rows take their current anchor as made; those of removed articles drop ``anchor_hash``.
    """
    have = {row[1] for row in db.execute("PRAGMA table_info(highlights)").fetchall()}
    for column, kind in (("made_exact", "TEXT"), ("made_prefix", "TEXT"),
                         ("made_suffix", "TEXT"), ("made_start", "INTEGER"),
                         ("made_end", "INTEGER")):
        if column not in have:  # idempotent: a copy that lost its migration record re-runs it
            db.execute(f"ALTER TABLE highlights ADD COLUMN {column} {kind}")
    db.execute("UPDATE highlights SET made_exact = exact, made_prefix = prefix, "
               "made_suffix = suffix, made_start = start_pos, made_end = end_pos "
               "WHERE made_exact IS NULL")
    db.execute("UPDATE highlights SET anchor_hash = NULL, state = 'anchored' WHERE article_id IN "
               "(SELECT id FROM articles WHERE deleted IS NOT NULL)")


PREFIX_TOKENIZE = "unicode61 remove_diacritics 2"


@migrations()
def m009_search_prefix_index(db: Database) -> None:
    """Add ``articles_prefix``: the live articles' words unstemmed, with prefix indexes.

    Search as you type matches the last word as a prefix here: in the Porter-stemmed index
    ``rulin`` is no prefix of ``ruling``'s stem ``rule``, and without a prefix index a
    one-letter prefix merges thousands of word lists. It keeps columns, not positions (a
    prefix is one word; that halves its size). Kept by its own triggers, live rows only, as
    ``articles_fts`` is. Drops and rebuilds it, so running again is harmless.
    """
    fts = "articles_prefix (articles_prefix, rowid, title, authors, body)"
    for name in ("articles_prefix_ai", "articles_prefix_ad", "articles_prefix_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute("DROP TABLE IF EXISTS articles_prefix")
    db.execute(
        "CREATE VIRTUAL TABLE articles_prefix USING fts5(title, authors, body, "
        "content='articles', content_rowid='rowid', "
        f"tokenize='{PREFIX_TOKENIZE}', prefix='1 2 3', detail=column)"
    )
    db.execute("INSERT INTO articles_prefix (rowid, title, authors, body) "
               "SELECT rowid, title, authors, body FROM articles WHERE deleted IS NULL")
    db.execute(
        "CREATE TRIGGER articles_prefix_ai AFTER INSERT ON articles WHEN new.deleted IS NULL "
        "BEGIN INSERT INTO articles_prefix (rowid, title, authors, body) "
        "VALUES (new.rowid, new.title, new.authors, new.body); END"
    )
    db.execute(
        "CREATE TRIGGER articles_prefix_ad AFTER DELETE ON articles WHEN old.deleted IS NULL "
        f"BEGIN INSERT INTO {fts} "
        "VALUES ('delete', old.rowid, old.title, old.authors, old.body); END"
    )
    db.execute(
        "CREATE TRIGGER articles_prefix_au AFTER UPDATE OF title, authors, body, deleted "
        f"ON articles BEGIN INSERT INTO {fts} SELECT 'delete', old.rowid, old.title, "
        "old.authors, old.body WHERE old.deleted IS NULL; "
        "INSERT INTO articles_prefix (rowid, title, authors, body) "
        "SELECT new.rowid, new.title, new.authors, new.body WHERE new.deleted IS NULL; END"
    )


@migrations()
def m010_info_totals_indexes(db: Database) -> None:
    """Add small indexes answering ``info``'s totals without reading the bodies.

    ``sum(words)`` over the table walks every row and its overflow pages (the bodies); over
    ``idx_live_totals`` (covering: ``deleted`` is in it) it reads a few small pages, and
    counting removed articles reads only ``idx_removed``. ``idx_live_totals`` carries the
    extra term ``words IS NOT NULL``, which only ``info``'s query states: a query asking for
    live rows alone (the listing, the Notebook's joins) never has the planner scan it.
    """
    db.execute("CREATE INDEX IF NOT EXISTS idx_live_totals ON articles(words, highlights, "
               "deleted) WHERE deleted IS NULL AND words IS NOT NULL")
    db.execute("CREATE INDEX IF NOT EXISTS idx_removed ON articles(deleted) "
               "WHERE deleted IS NOT NULL")


@migrations()
def m011_pages(db: Database) -> None:
    """Add ``pages``: the web page an article was extracted from, compressed, one per article.

    Kept so an article can be extracted again without the network, with every address the
    page was found at (``aliases``, a JSON list of canonical URLs: the URL asked for and each
    redirect). A local cache: sync does not merge it. Running it again is harmless.
    """
    db["pages"].create(  # type: ignore[union-attr]
        {
            "article_id": str,
            "url": str,  # where the page came from (canonical), NULL for a file or stdin
            "aliases": str,  # JSON list of canonical URLs
            "fetched": str,  # ISO 8601 UTC
            "size": int,  # bytes of the page as fetched
            "html": bytes,  # the page, zlib-compressed
        },
        pk="article_id",
        not_null={"aliases", "fetched", "size", "html"},
        defaults={"aliases": "[]"},
        if_not_exists=True,
    )
    db.execute("CREATE TABLE IF NOT EXISTS page_urls "
               "(url TEXT PRIMARY KEY, article_id TEXT NOT NULL) WITHOUT ROWID")
