"""Highlight rules: trimming a range, one highlight per passage, and placing highlights.

Where a highlight is now is derived from the anchor it was made with (``made_*``) and its
article's current body, through ``reader.anchors``; the store only keeps the result.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from reader.store import highlights
from reader.store.db import Db, Row
from reader.store.errors import StoreError
from reader.store.highlights import DERIVED_FROM_MADE, Passage
from reader.store.records import check_color


@dataclass
class Reanchored:
    """What re-anchoring an article's highlights did.

    Attributes:
        changed: Ids of the highlights whose text, offsets or state changed (removed ones
            included).
        moved: Highlights (not removed) now in a different place or found by a fuzzy match.
        orphaned: Highlights (not removed) whose text left the article with this change.
    """

    changed: list[str] = field(default_factory=list)
    moved: int = 0
    orphaned: int = 0


def trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Clamp a range to the body and drop whitespace at its ends."""
    start, end = max(0, min(start, len(body))), max(0, min(end, len(body)))
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def add_highlight(
    db: Db, article_id: str, start: int, end: int,
    color: str | None = None, note: str | None = None,
) -> str:
    """Highlight ``body[start:end]`` of an article, or update the highlight already there.

    Highlighting a passage that is already highlighted (even a removed highlight) updates that
    one: its colour and note change when given, and a removed one comes back. The caller holds
    ``db.write()``.

    Returns:
        The highlight's id.

    Raises:
        NotFound: If the article does not exist.
        StoreError: If the range holds no text or the colour is unknown.
    """
    art = highlights.live_article(db, article_id)
    body = art["body"]
    if not 0 <= start < end <= len(body):
        raise StoreError(f"range {start}..{end} is outside the article (0..{len(body)})")
    start, end = trim(body, start, end)
    if start >= end:
        raise StoreError(f"range {start}..{end} holds no text to highlight")
    color = check_color(color) if color is not None else None
    existing = highlights.same_passage(db, article_id, start, end, art["content_hash"])
    if existing is not None:
        highlights.revise(db, existing, color, note)
        return str(existing["id"])
    from reader.anchors.anchoring import describe  # the text engine: only when writing

    quote = describe(body, start, end)
    passage = Passage(start, end, quote.exact, quote.prefix, quote.suffix)
    return highlights.insert(db, art, passage, color, note)


def _derived(row: Row, body: str | None, body_hash: str | None) -> dict[str, Any]:
    """Where a highlight is on ``body`` (``None``: its article is removed), from its made anchor.

    A pure function of the made anchor and the body, so every copy of a library derives the
    same place whatever bodies it saw before.
    """
    from reader.anchors.anchoring import TextQuote, describe, reanchor  # only when placing

    made = {col: row[src] for col, src in DERIVED_FROM_MADE.items()}
    if body is None:  # a removed article: the highlight rests where it was made
        return {**made, "anchor_hash": None, "state": "anchored"}
    quote = TextQuote(made["exact"] or "", made["prefix"] or "", made["suffix"] or "",
                      made["start_pos"] or 0, made["end_pos"] or 0)
    found = reanchor(quote, body)
    if found.start is None or found.end is None:
        return {**made, "anchor_hash": body_hash, "state": "orphaned"}
    now = describe(body, found.start, found.end)
    return {"exact": now.exact, "prefix": now.prefix, "suffix": now.suffix,
            "start_pos": found.start, "end_pos": found.end, "anchor_hash": body_hash,
            "state": "re-anchored" if found.state == "re-anchored" else "anchored"}


def derive_anchors(db: Db, article_id: str, force: Collection[str] = ()) -> Reanchored:
    """Bring the highlights of an article to its current body (re-anchoring), or rest them.

    The place of a highlight is derived from the anchor it was made with (``made_*``) and the
    article's body: offsets that still hold the text are kept; else the text is found again
    exactly (moved), else by a bounded fuzzy match (``re-anchored``), else the highlight
    becomes an orphan, kept with its text and note, never deleted. On a removed article every
    highlight rests at its made anchor (``anchor_hash`` ``NULL``). Deriving stamps no clock:
    it is no edit, and every copy derives alike.

    Args:
        db: The library, inside a write transaction.
        article_id: The article whose body changed, or which was removed or revived.
        force: Ids of highlights to derive again even if they look current (their made
            anchor changed).

    Returns:
        The ids of the highlights whose text, offsets or state changed, and how many live
        ones moved or were orphaned.
    """
    report = Reanchored()
    art = highlights.placing(db, article_id)
    if art is None:
        return report
    gone = art["deleted"] is not None
    body, body_hash = (None, None) if gone else (art["body"], art["content_hash"])
    for row in highlights.to_place(db, article_id, body_hash, gone, force):
        fields = _derived(row, body, body_hash)
        updates = {k: v for k, v in fields.items() if row[k] != v}
        if not updates:
            continue
        highlights.set_place(db, row["id"], updates)
        if any(k != "anchor_hash" for k in updates):
            report.changed.append(row["id"])
            if row["deleted"] is None and not gone:
                if fields["state"] == "orphaned":
                    if row["state"] != "orphaned":
                        report.orphaned += 1
                else:
                    report.moved += 1
    return report
