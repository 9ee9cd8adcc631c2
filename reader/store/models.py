"""Plain records the store hands to the rest of readmark."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SortOrder = Literal["newest", "oldest", "title", "author", "highlights", "unread"]
SORT_ORDERS: tuple[str, ...] = ("newest", "oldest", "title", "author", "highlights", "unread")


@dataclass(frozen=True)
class ArticleSummary:
    """An article without its body: what lists and search results carry.

    Attributes:
        id: Stable TEXT id, the same on every machine for the same article.
        title: Title.
        authors: Authors in byline order.
        url: Canonical source URL or ``None``.
        site: Site name or ``None``.
        published: ISO 8601 date or ``None``.
        tags: Tags.
        words: Word count of the body.
        highlights: Number of live highlights on the article.
        progress: Reading progress from 0.0 to 1.0.
        imported: ISO 8601 UTC time of first import.
    """

    id: str
    title: str
    authors: list[str]
    url: str | None
    site: str | None
    published: str | None
    tags: list[str]
    words: int
    highlights: int
    progress: float
    imported: str

    def to_json(self) -> dict[str, object]:
        """Return the stable JSON form documented in the README."""
        return {
            "id": self.id,
            "title": self.title,
            "authors": list(self.authors),
            "url": self.url,
            "site": self.site,
            "published": self.published,
            "tags": list(self.tags),
            "words": self.words,
            "highlights": self.highlights,
            "progress": round(self.progress, 4),
            "imported": self.imported,
        }


@dataclass(frozen=True)
class StoredArticle(ArticleSummary):
    """A whole stored article, body included.

    Attributes:
        body: The body as imported.
        body_format: ``"markdown"`` or ``"text"``.
        content_hash: Hash of the normalised body.
        origin_path: Where it was last imported from.
        position: Reading cursor as a character offset into ``body``.
        lang: Language tag, if known.
    """

    body: str = ""
    body_format: str = "markdown"
    content_hash: str = ""
    origin_path: str | None = None
    position: int = 0
    lang: str | None = None

    def to_json(self, with_body: bool = True) -> dict[str, object]:
        """Return the JSON form, with ``body`` and the other stored fields."""
        data = super().to_json()
        data.update(
            {
                "body_format": self.body_format,
                "content_hash": self.content_hash,
                "origin_path": self.origin_path,
                "position": self.position,
                "lang": self.lang,
            }
        )
        if with_body:
            data["body"] = self.body
        return data


@dataclass(frozen=True)
class ListQuery:
    """What to list: a sort order and optional exact-match filters.

    Attributes:
        sort: One of ``SORT_ORDERS``.
        tag: Only articles carrying this tag.
        author: Only articles with this author (case-insensitive).
        site: Only articles from this site (case-insensitive).
    """

    sort: str = "newest"
    tag: str | None = None
    author: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class SearchHit:
    """One full-text search result.

    Attributes:
        article: The matching article.
        snippet: A short excerpt around the match; matched terms are wrapped in
            ``SNIPPET_START``/``SNIPPET_END`` markers (see ``reader.store``).
        rank: Place in the ranking, 0 for the best match.
    """

    article: ArticleSummary
    snippet: str
    rank: float


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one article on import.

    Attributes:
        id: The article's id.
        status: ``"new"``, ``"updated"`` or ``"unchanged"``.
        changed: Names of fields that changed (for ``"updated"``).
        moved: Highlights placed anew because the body changed (moved or re-anchored).
        orphaned: Highlights whose text left the body with this import.
    """

    id: str
    status: str
    changed: list[str] = field(default_factory=list)
    moved: int = 0
    orphaned: int = 0
