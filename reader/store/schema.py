"""The library schema, as sqlite-utils ``Migrations``.

Every change to the schema is a new migration appended here, so an existing library upgrades in
place. Never edit a migration that has shipped.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "readmark"
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


def schema_version(db: Database) -> int:
    """Return how many migrations of this set have been applied to ``db``."""
    return len(migrations.applied(db))


def latest_version() -> int:
    """Return how many migrations this build of readmark knows."""
    return len(migrations._migrations)


@migrations()
def m002_article_lang(db: Database) -> None:
    """Add ``lang``: the article's language (BCP 47 tag from front matter), for quote styles."""
    db["articles"].add_column("lang", str)  # type: ignore[union-attr]
