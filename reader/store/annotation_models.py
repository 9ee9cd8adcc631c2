"""Records for the reader's own work: highlights, article notes and note revisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

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
