"""Plain records the store hands to the layers above: articles, highlights, notes, merges."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from reader.store.errors import StoreError

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


COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink", "purple")
STATES: tuple[str, ...] = ("anchored", "re-anchored", "orphaned")


def stamp_time(stamp: str | None) -> str | None:
    """Return the ISO 8601 UTC time (milliseconds) of a clock stamp, or ``None``."""
    if not stamp:
        return None
    try:
        micros = int(stamp.split("-", 1)[0])
    except ValueError:
        return None
    when = dt.datetime.fromtimestamp(micros / 1_000_000, dt.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


@dataclass(frozen=True)
class Highlight:
    """A highlighted passage of an article, with its colour and note.

    Attributes:
        id: Stable TEXT id, the same on every machine for the same highlight.
        article_id: The article it belongs to.
        text: The exact highlighted text (W3C TextQuoteSelector ``exact``).
        prefix: Up to 32 characters before it.
        suffix: Up to 32 characters after it.
        start: Start offset into the article body, ``None`` when orphaned.
        end: End offset (exclusive), ``None`` when orphaned.
        color: One of ``COLORS``.
        note: The note on it (empty when none).
        created: ISO 8601 UTC time it was made.
        updated: ISO 8601 UTC time of its last change.
        state: ``anchored``, ``re-anchored`` (found again by fuzzy match after the article
            changed) or ``orphaned`` (its text is gone from the article; kept, never deleted).
        deleted: Whether it was removed (a tombstone; only listed on request).
        article_title: The article's title, when the query joined it.
    """

    id: str
    article_id: str
    text: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    color: str
    note: str
    created: str
    updated: str | None
    state: str
    deleted: bool = False
    article_title: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Highlight:
        """Build a highlight from a ``highlights`` row (optionally with ``article_title``)."""
        orphan = row["state"] == "orphaned"
        return cls(
            id=row["id"],
            article_id=row["article_id"],
            text=row["exact"],
            prefix=row["prefix"] or "",
            suffix=row["suffix"] or "",
            start=None if orphan else row["start_pos"],
            end=None if orphan else row["end_pos"],
            color=row["color"],
            note=row["note"] or "",
            created=row["created"],
            updated=stamp_time(row["updated"]),
            state=row["state"],
            deleted=row["deleted"] is not None,
            article_title=row.get("article_title"),
        )

    def to_json(self) -> dict[str, object]:
        """Return the stable JSON form documented in the README."""
        data: dict[str, object] = {
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
            "color": self.color,
            "note": self.note,
            "created": self.created,
            "updated": self.updated,
            "state": self.state,
        }
        if self.article_title is not None:
            data["article_title"] = self.article_title
        if self.deleted:
            data["deleted"] = True
        return data


@dataclass(frozen=True)
class ArticleNote:
    """The reader's note on a whole article.

    Attributes:
        article_id: The article.
        text: The note (never empty: an emptied note is gone).
        created: ISO 8601 UTC time it was first written.
        updated: ISO 8601 UTC time of its last change.
        article_title: The article's title, when the query joined it.
    """

    article_id: str
    text: str
    created: str
    updated: str | None
    article_title: str | None = None

    def to_json(self) -> dict[str, object]:
        """Return the JSON form."""
        data: dict[str, object] = {
            "article_id": self.article_id,
            "text": self.text,
            "created": self.created,
            "updated": self.updated,
        }
        if self.article_title is not None:
            data["article_title"] = self.article_title
        return data


@dataclass(frozen=True)
class NoteRevision:
    """A note text that lost to a concurrent edit on another machine, kept for the reader.

    Attributes:
        id: Stable id of the revision.
        kind: ``highlight`` or ``article``.
        target: The highlight id or article id the note belongs to.
        text: The text that was replaced.
        written: ISO 8601 UTC time the replaced text was written.
        replaced: ISO 8601 UTC time of the edit that won, if known.
    """

    id: str
    kind: str
    target: str
    text: str
    written: str | None
    replaced: str | None

    def to_json(self) -> dict[str, object]:
        """Return the JSON form."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class NotebookQuery:
    """What the Notebook shows: every highlight and article note, newest first, filtered.

    Attributes:
        text: Full-text search over highlight text and notes.
        color: Only highlights of this colour (article notes are left out).
        tag: Only from articles with this tag.
        article_id: Only from this article.
        orphaned: Only orphaned highlights.
    """

    text: str | None = None
    color: str | None = None
    tag: str | None = None
    article_id: str | None = None
    orphaned: bool = False


def check_color(color: str) -> str:
    """Return ``color`` normalised, or raise ``StoreError`` naming the choices."""
    value = color.strip().lower()
    if value not in COLORS:
        raise StoreError(f"unknown colour {color!r}; choose one of {', '.join(COLORS)}")
    return value


@dataclass
class MergeReport:
    """What merging one file changed (or would change, for a dry run).

    The store's merge fills the counts; the library service adds where the file came from,
    whether it was a dry run and the backup it made first.
    """

    source: str = ""
    articles_added: int = 0
    articles_updated: int = 0
    highlights_added: int = 0
    highlights_updated: int = 0
    notes_added: int = 0
    notes_updated: int = 0
    revisions_kept: int = 0
    reanchored: int = 0
    dry_run: bool = False
    backup: str | None = None
    skipped: dict[str, int] = field(default_factory=dict)  # rows not taken, by reason

    def changed(self) -> bool:
        """Return whether the merge changed (or would change) anything."""
        return any((self.articles_added, self.articles_updated, self.highlights_added,
                    self.highlights_updated, self.notes_added, self.notes_updated,
                    self.revisions_kept, self.reanchored))

    def to_json(self) -> dict[str, object]:
        """Return the report as a JSON-ready dict (every field, plus ``changed``)."""
        return {**asdict(self), "changed": self.changed()}

    def summary(self) -> str:
        """Return one line for humans, e.g. ``"other.db: 2 articles added, 5 highlights …"``."""
        parts = [
            (self.articles_added, "article", "added"),
            (self.articles_updated, "article", "updated"),
            (self.highlights_added, "highlight", "added"),
            (self.highlights_updated, "highlight", "updated"),
            (self.notes_added, "note", "added"),
            (self.notes_updated, "note", "updated"),
            (self.revisions_kept, "note revision", "kept"),
            (self.reanchored, "highlight", "re-anchored"),
        ]
        said = [f"{n} {noun}{'' if n == 1 else 's'} {verb}" for n, noun, verb in parts if n]
        text = ", ".join(said) if said else "nothing to merge"
        if self.skipped:
            reasons = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
            n = sum(self.skipped.values())
            text += f"; {n} bad row{'' if n == 1 else 's'} skipped ({reasons})"
        prefix = "would merge" if self.dry_run else "merged"
        return f"{prefix} {self.source}: {text}"
