"""Writes to ``highlights`` and ``notes``, and re-anchoring when an article's body changes.

Every changed field gets a fresh clock stamp in ``clocks`` (fields: ``anchor`` for the text,
context and offsets the highlight was made with (``made_*``) as one, ``color``, ``note``,
``deleted``; ``text`` and ``deleted`` for article notes) so two copies of the library merge field
by field. Where a highlight is now (``exact`` … ``state``) is derived from its made anchor and the
article's body, never stamped. Callers hold a write transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from reader.anchors.anchoring import TextQuote, describe, reanchor
from reader.store.annotation_models import COLORS
from reader.store.clock import Clock
from reader.store.errors import NotFound, StoreError
from reader.store.merge_rows import DERIVED_FROM_MADE


def _now_iso() -> str:
    now = dt.datetime.now(dt.UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def highlight_id(article_id: str, body_hash: str, start: int, end: int) -> str:
    """Return the id of a highlight: the same passage of the same text gives the same id on
    every machine, so highlighting it twice (or on two machines) makes one highlight."""
    key = f"{article_id}\0{body_hash}\0{start}\0{end}".encode()
    return hashlib.sha256(key).hexdigest()[:16]


def check_color(color: str) -> str:
    """Return ``color`` normalised, or raise ``StoreError`` naming the choices."""
    value = color.strip().lower()
    if value not in COLORS:
        raise StoreError(f"unknown colour {color!r}; choose one of {', '.join(COLORS)}")
    return value


def _article(db: Database, article_id: str) -> dict[str, Any]:
    row = db.execute(
        "SELECT id, body, content_hash FROM articles WHERE id = ? AND deleted IS NULL",
        [article_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"no article with id {article_id!r}")
    return dict(row)


def _highlight(db: Database, hid: str) -> dict[str, Any]:
    row = db.execute("SELECT * FROM highlights WHERE id = ?", [hid]).fetchone()
    if row is None:
        raise NotFound(f"no highlight with id {hid!r}")
    return dict(row)


# Note fields and the clocks key recording the stamp of the text an edit replaced.
_NOTE_FIELDS = {"note": "note_base", "text": "text_base"}


def _stamp(db: Database, table: str, key: str, row: dict[str, Any], stamp: str,
           fields: dict[str, Any], clock_fields: list[str]) -> None:
    clocks = json.loads(row["clocks"] or "{}")
    for name in clock_fields:
        if name in _NOTE_FIELDS and name in fields:
            # The note's previous stamp: a merge tells an edit made on top of that text
            # (sequential) from a concurrent one, whose loser it keeps as a revision.
            previous = clocks.get(name)
            if previous:
                clocks[_NOTE_FIELDS[name]] = previous
            else:
                clocks.pop(_NOTE_FIELDS[name], None)
        clocks[name] = stamp
    db[table].update(  # type: ignore[union-attr]
        row[key],
        {**fields, "clocks": json.dumps(clocks, sort_keys=True),
         "updated": max(stamp, row.get("updated") or "")},
    )


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Clamp a range to the body and drop whitespace at its ends."""
    start, end = max(0, min(start, len(body))), max(0, min(end, len(body)))
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def add_highlight(
    db: Database, clock: Clock, article_id: str, start: int, end: int,
    color: str | None = None, note: str | None = None,
) -> str:
    """Highlight ``body[start:end]`` of an article, or update the highlight already there.

    Highlighting a passage that is already highlighted (even a removed highlight) updates that
    one: its colour and note change when given, and a removed one comes back.

    Returns:
        The highlight's id.

    Raises:
        NotFound: If the article does not exist.
        StoreError: If the range holds no text or the colour is unknown.
    """
    art = _article(db, article_id)
    body = art["body"]
    if not 0 <= start < end <= len(body):
        raise StoreError(f"range {start}..{end} is outside the article (0..{len(body)})")
    start, end = _trim(body, start, end)
    if start >= end:
        raise StoreError(f"range {start}..{end} holds no text to highlight")
    color = check_color(color) if color is not None else None
    row = db.execute(
        "SELECT * FROM highlights WHERE article_id = ? AND start_pos = ? AND end_pos = ? "
        "AND anchor_hash = ? AND state != 'orphaned' ORDER BY deleted IS NOT NULL LIMIT 1",
        [article_id, start, end, art["content_hash"]],
    ).fetchone()
    hid = highlight_id(article_id, art["content_hash"], start, end)
    if row is None:
        row = db.execute("SELECT * FROM highlights WHERE id = ?", [hid]).fetchone()
    stamp = clock.now()
    if row is not None:
        current = dict(row)
        fields: dict[str, Any] = {}
        if current["deleted"] is not None:
            fields["deleted"] = None
        if color is not None and color != current["color"]:
            fields["color"] = color
        if note is not None and note.rstrip() != current["note"]:
            fields["note"] = note.rstrip()
        if fields:
            _stamp(db, "highlights", "id", current, stamp, fields, list(fields))
        return str(current["id"])
    quote = describe(body, start, end)
    db["highlights"].insert(  # type: ignore[union-attr]
        {
            "id": hid,
            "article_id": article_id,
            "exact": quote.exact,
            "prefix": quote.prefix,
            "suffix": quote.suffix,
            "start_pos": start,
            "end_pos": end,
            "anchor_hash": art["content_hash"],
            "made_hash": art["content_hash"],
            "made_exact": quote.exact,
            "made_prefix": quote.prefix,
            "made_suffix": quote.suffix,
            "made_start": start,
            "made_end": end,
            "state": "anchored",
            "color": color or COLORS[0],
            "note": (note or "").rstrip(),
            "created": _now_iso(),
            "clocks": json.dumps(
                {f: stamp for f in ("anchor", "color", "deleted", "note")}, sort_keys=True
            ),
            "updated": stamp,
        }
    )
    return hid


def update_highlight(
    db: Database, clock: Clock, hid: str, *, color: str | None = None, note: str | None = None
) -> None:
    """Change a highlight's colour and/or note (``None`` leaves a field as it is).

    Raises:
        NotFound: If there is no such highlight.
        StoreError: If the colour is unknown.
    """
    row = _highlight(db, hid)
    fields: dict[str, Any] = {}
    if color is not None and check_color(color) != row["color"]:
        fields["color"] = check_color(color)
    if note is not None and note.rstrip() != row["note"]:
        fields["note"] = note.rstrip()
    if fields:
        _stamp(db, "highlights", "id", row, clock.now(), fields, list(fields))


def set_highlight_deleted(db: Database, clock: Clock, hid: str, deleted: bool) -> bool:
    """Remove a highlight (a tombstone) or bring it back; returns whether anything changed.

    Raises:
        NotFound: If there is no such highlight.
    """
    row = _highlight(db, hid)
    if (row["deleted"] is not None) == deleted:
        return False
    stamp = clock.now()
    _stamp(db, "highlights", "id", row, stamp, {"deleted": stamp if deleted else None},
           ["deleted"])
    return True


def set_article_note(db: Database, clock: Clock, article_id: str, text: str) -> None:
    """Write the note on a whole article; empty text removes it.

    Raises:
        NotFound: If the article does not exist.
    """
    _article(db, article_id)
    text = text.rstrip()
    row = db.execute("SELECT * FROM notes WHERE article_id = ?", [article_id]).fetchone()
    stamp = clock.now()
    if row is None:
        if not text:
            return
        db["notes"].insert(  # type: ignore[union-attr]
            {"article_id": article_id, "text": text, "created": _now_iso(),
             "clocks": json.dumps({"text": stamp}), "updated": stamp}
        )
        return
    if text != row["text"]:
        _stamp(db, "notes", "article_id", dict(row), stamp, {"text": text}, ["text"])


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


def _derived(row: dict[str, Any], body: str | None, body_hash: str | None) -> dict[str, Any]:
    """Where a highlight is on ``body`` (``None``: its article is removed), from its made anchor.

    A pure function of the made anchor and the body, so every copy of a library derives the
    same place whatever bodies it saw before.
    """
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


def derive_anchors(
    db: Database, article_id: str, force: Collection[str] = ()
) -> Reanchored:
    """Bring the highlights of an article to its current body (re-anchoring), or rest them.

    The place of a highlight is derived from the anchor it was made with (``made_*``) and the
    article's body: offsets that still hold the text are kept; else the text is found again
    exactly (moved), else by a bounded fuzzy match (``re-anchored``), else the highlight
    becomes an orphan, kept with its text and note, never deleted. On a removed article every
    highlight rests at its made anchor (``anchor_hash`` ``NULL``). Deriving stamps no clock:
    it is no edit, and every copy derives alike.

    Args:
        db: The database, inside a write transaction.
        article_id: The article whose body changed, or which was removed or revived.
        force: Ids of highlights to derive again even if they look current (their made
            anchor changed).

    Returns:
        The ids of the highlights whose text, offsets or state changed, and how many live
        ones moved or were orphaned.
    """
    report = Reanchored()
    art = db.execute(
        "SELECT body, content_hash, deleted FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    if art is None:
        return report
    gone = art["deleted"] is not None
    body, body_hash = (None, None) if gone else (art["body"], art["content_hash"])
    forced = json.dumps(sorted(force))
    rows = db.execute(
        "SELECT * FROM highlights WHERE article_id = ? AND (anchor_hash IS NOT ? "
        + ("OR state != 'anchored' OR " + " OR ".join(
            f"{col} IS NOT {src}" for col, src in DERIVED_FROM_MADE.items()) if gone else "")
        + " OR id IN (SELECT value FROM json_each(?)))",
        [article_id, body_hash, forced],
    ).fetchall()
    for raw in rows:
        row = dict(raw)
        fields = _derived(row, body, body_hash)
        updates = {k: v for k, v in fields.items() if row[k] != v}
        if not updates:
            continue
        db["highlights"].update(row["id"], updates)  # type: ignore[union-attr]
        if any(k != "anchor_hash" for k in updates):
            report.changed.append(row["id"])
            if row["deleted"] is None and not gone:
                if fields["state"] == "orphaned":
                    if row["state"] != "orphaned":
                        report.orphaned += 1
                else:
                    report.moved += 1
    return report


def reanchor_article(db: Database, article_id: str) -> Reanchored:
    """Re-anchor the highlights of an article whose body changed (or that was revived).

    Returns:
        What changed: see :func:`derive_anchors` (without forced rows).
    """
    return derive_anchors(db, article_id)
