"""The ``highlights`` table: reads, inserts, edits, removal, and storing derived places.

Every changed field gets a fresh clock stamp in ``clocks`` (fields: ``anchor`` for the text,
context and offsets the highlight was made with (``made_*``) as one, ``color``, ``note``,
``deleted``) so two copies of the library merge field by field. Where a highlight is now
(``exact`` … ``state``) is derived from its made anchor and the article's body by the library
service (``reader.library.highlights``) and stored here, never stamped. Write functions expect
the caller to hold ``Db.write``.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from reader.store import clock
from reader.store.articles import chunks
from reader.store.db import Db, Row
from reader.store.errors import Ambiguous, NotFound, StoreError
from reader.store.records import COLORS, Highlight, check_color, stamp_time

COLUMNS = (
    "h.id AS id, h.article_id, h.exact, h.prefix, h.suffix, h.start_pos, h.end_pos, h.color, "
    "h.note, h.created, h.updated, h.state, h.deleted, a.title AS article_title"
)
# Each derived selector column and the made-anchor column it comes from.
DERIVED_FROM_MADE: dict[str, str] = {
    "exact": "made_exact", "prefix": "made_prefix", "suffix": "made_suffix",
    "start_pos": "made_start", "end_pos": "made_end",
}
# ``Highlight``'s fields in order (``updated`` still a raw stamp), ``None`` text as "".
_ROW_COLUMNS = (
    "h.id, h.article_id, h.exact, coalesce(h.prefix, ''), coalesce(h.suffix, ''), "
    "CASE WHEN h.state = 'orphaned' THEN NULL ELSE h.start_pos END, "
    "CASE WHEN h.state = 'orphaned' THEN NULL ELSE h.end_pos END, h.color, "
    "coalesce(h.note, ''), h.created, h.updated, h.state"
)
# Note fields and the clocks key recording the stamp of the text an edit replaced.
NOTE_BASES = {"note": "note_base", "text": "text_base"}


@dataclass(frozen=True)
class Passage:
    """A passage to highlight and how it reads, as the library service described it.

    Attributes:
        start: Offset of its first character in the body.
        end: Offset just past its last character.
        exact: Its text.
        prefix: The text just before it.
        suffix: The text just after it.
    """

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


# -- reads -------------------------------------------------------------------------------------
def of_article(db: Db, article_id: str, *, include_deleted: bool = False) -> list[Highlight]:
    """Return an article's highlights in text order; orphans follow, oldest first."""
    gone = "" if include_deleted else "AND h.deleted IS NULL "
    rows = db.rows(
        f"SELECT {COLUMNS} FROM highlights h JOIN articles a ON a.id = h.article_id "
        f"WHERE h.article_id = ? {gone}"
        "ORDER BY h.state = 'orphaned', CASE WHEN h.state = 'orphaned' THEN h.created END, "
        "h.start_pos, h.end_pos, h.created",
        [article_id],
    )
    return [Highlight.from_row(r) for r in rows]


def get(db: Db, hid: str) -> Highlight | None:
    """Return the highlight with exactly this id (removed ones too), or ``None``."""
    rows = db.rows(
        f"SELECT {COLUMNS} FROM highlights h JOIN articles a ON a.id = h.article_id "
        "WHERE h.id = ?",
        [hid],
    )
    return Highlight.from_row(rows[0]) if rows else None


def must(db: Db, hid: str) -> Highlight:
    """Return the highlight with this id.

    Raises:
        NotFound: If there is none.
    """
    found = get(db, hid)
    if found is None:
        raise NotFound(f"no highlight with id {hid!r}")
    return found


def resolve(db: Db, ref: str) -> Highlight:
    """Find one highlight by id or unique id prefix.

    Raises:
        NotFound: When nothing matches.
        Ambiguous: When the prefix matches several.
    """
    ref = ref.strip().lower()
    found = get(db, ref) if ref else None
    if found:
        return found
    if not ref or any(c not in "0123456789abcdef" for c in ref):
        raise NotFound(f"no highlight with id {ref!r}")
    rows = db.rows("SELECT id FROM highlights WHERE id LIKE ? LIMIT 3", [ref + "%"])
    if not rows:
        raise NotFound(f"no highlight with id {ref!r}")
    if len(rows) > 1:
        raise Ambiguous(f"{ref!r} matches several highlights; give more of the id")
    return must(db, rows[0]["id"])


def _stamp_iso(stamp: str | None) -> str | None:
    """``stamp_time`` without ``datetime``: the ISO 8601 UTC time (ms) of a clock stamp."""
    if not stamp:
        return None
    try:
        micros = int(stamp.split("-", 1)[0])
    except ValueError:
        return None
    seconds, rest = divmod(micros, 1_000_000)
    if not 0 <= seconds < 253402300800:  # years 1970..9999, as stamp_time handles
        return stamp_time(stamp)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{rest // 1000:03d}Z"


def rows_of_many(db: Db, article_ids: Sequence[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Return the live highlights of many articles as plain rows, for bulk export.

    Each row holds ``Highlight``'s fields in order (``prefix``, ``suffix`` and ``note``
    never ``None``; ``start`` and ``end`` ``None`` when orphaned), except that ``updated``
    is the raw clock stamp. Lists are ordered as ``of_many`` orders them; articles without
    highlights are absent.
    """
    out: dict[str, list[tuple[Any, ...]]] = {}
    for chunk in chunks(list(article_ids)):
        rows = db.tuples(
            f"SELECT {_ROW_COLUMNS} FROM highlights h WHERE h.deleted IS NULL AND "
            f"h.article_id IN ({', '.join('?' * len(chunk))}) "
            "ORDER BY h.article_id, h.state = 'orphaned', "
            "CASE WHEN h.state = 'orphaned' THEN h.created END, h.start_pos, h.end_pos, "
            "h.created",
            list(chunk),
        )
        for row in rows:
            found = out.get(row[1])
            if found is None:
                out[row[1]] = [row]
            else:
                found.append(row)
    return out


def of_many(db: Db, article_ids: Sequence[str]) -> dict[str, list[Highlight]]:
    """Return the live highlights of many articles at once, each list as ``of_article``
    orders it (text order, orphans last, oldest first). Articles without any are absent."""
    return {
        aid: [Highlight(hid, aid, exact, prefix, suffix, start, end, color, note, created,
                        _stamp_iso(updated), state)
              for (hid, _, exact, prefix, suffix, start, end, color, note, created, updated,
                   state) in rows]
        for aid, rows in rows_of_many(db, article_ids).items()
    }


# -- writes ------------------------------------------------------------------------------------
def highlight_id(article_id: str, body_hash: str, start: int, end: int) -> str:
    """Return the id of a highlight: the same passage of the same text gives the same id on
    every machine, so highlighting it twice (or on two machines) makes one highlight."""
    key = f"{article_id}\0{body_hash}\0{start}\0{end}".encode()
    return hashlib.sha256(key).hexdigest()[:16]


def live_article(db: Db, article_id: str) -> Row:
    """Return the ``id``, ``body`` and ``content_hash`` of a live article.

    Raises:
        NotFound: If there is no such live article.
    """
    row = db.execute(
        "SELECT id, body, content_hash FROM articles WHERE id = ? AND deleted IS NULL",
        [article_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"no article with id {article_id!r}")
    return dict(row)


def _row(db: Db, hid: str) -> Row:
    row = db.execute("SELECT * FROM highlights WHERE id = ?", [hid]).fetchone()
    if row is None:
        raise NotFound(f"no highlight with id {hid!r}")
    return dict(row)


def stamp(db: Db, table: str, key: str, row: Row, when: str, fields: dict[str, Any],
          clock_fields: list[str]) -> None:
    """Update ``row`` of ``table`` with ``fields``, stamping ``clock_fields`` at ``when``."""
    clocks = json.loads(row["clocks"] or "{}")
    for name in clock_fields:
        if name in NOTE_BASES and name in fields:
            # The note's previous stamp: a merge tells an edit made on top of that text
            # (sequential) from a concurrent one, whose loser it keeps as a revision.
            previous = clocks.get(name)
            if previous:
                clocks[NOTE_BASES[name]] = previous
            else:
                clocks.pop(NOTE_BASES[name], None)
        clocks[name] = when
    db.table(table).update(
        row[key],
        {**fields, "clocks": json.dumps(clocks, sort_keys=True),
         "updated": max(when, row.get("updated") or "")},
    )


def same_passage(db: Db, article_id: str, start: int, end: int, body_hash: str) -> Row | None:
    """Return the highlight (removed ones too, live ones first) already on exactly this
    passage of this text, if any."""
    row = db.execute(
        "SELECT * FROM highlights WHERE article_id = ? AND start_pos = ? AND end_pos = ? "
        "AND anchor_hash = ? AND state != 'orphaned' ORDER BY deleted IS NOT NULL LIMIT 1",
        [article_id, start, end, body_hash],
    ).fetchone()
    if row is None:
        row = db.execute(
            "SELECT * FROM highlights WHERE id = ?",
            [highlight_id(article_id, body_hash, start, end)],
        ).fetchone()
    return dict(row) if row is not None else None


def revise(db: Db, row: Row, color: str | None, note: str | None) -> None:
    """Bring back a removed highlight and change its colour and/or note (``None``: kept)."""
    fields: dict[str, Any] = {}
    if row["deleted"] is not None:
        fields["deleted"] = None
    if color is not None and color != row["color"]:
        fields["color"] = color
    if note is not None and note.rstrip() != row["note"]:
        fields["note"] = note.rstrip()
    if fields:
        stamp(db, "highlights", "id", row, db.clock.now(), fields, list(fields))


def insert(db: Db, article: Row, passage: Passage, color: str | None,
           note: str | None) -> str:
    """Store a new highlight made on ``passage`` of ``article``; returns its id."""
    hid = highlight_id(article["id"], article["content_hash"], passage.start, passage.end)
    now = db.clock.now()
    db.table("highlights").insert(
        {
            "id": hid,
            "article_id": article["id"],
            "exact": passage.exact,
            "prefix": passage.prefix,
            "suffix": passage.suffix,
            "start_pos": passage.start,
            "end_pos": passage.end,
            "anchor_hash": article["content_hash"],
            "made_hash": article["content_hash"],
            "made_exact": passage.exact,
            "made_prefix": passage.prefix,
            "made_suffix": passage.suffix,
            "made_start": passage.start,
            "made_end": passage.end,
            "state": "anchored",
            "color": color or COLORS[0],
            "note": (note or "").rstrip(),
            "created": clock.created_now(),
            "clocks": json.dumps(
                {f: now for f in ("anchor", "color", "deleted", "note")}, sort_keys=True
            ),
            "updated": now,
        }
    )
    return hid


def update(db: Db, hid: str, *, color: str | None = None, note: str | None = None) -> None:
    """Change a highlight's colour and/or note (``None`` leaves a field as it is).

    Raises:
        NotFound: If there is no such highlight.
        StoreError: If the colour is unknown.
    """
    row = _row(db, hid)
    fields: dict[str, Any] = {}
    if color is not None and check_color(color) != row["color"]:
        fields["color"] = check_color(color)
    if note is not None and note.rstrip() != row["note"]:
        fields["note"] = note.rstrip()
    if fields:
        stamp(db, "highlights", "id", row, db.clock.now(), fields, list(fields))


def set_deleted(db: Db, hid: str, deleted: bool) -> bool:
    """Remove a highlight (a tombstone) or bring it back; returns whether anything changed.

    Raises:
        NotFound: If there is no such highlight.
    """
    row = _row(db, hid)
    if (row["deleted"] is not None) == deleted:
        return False
    when = db.clock.now()
    stamp(db, "highlights", "id", row, when, {"deleted": when if deleted else None},
          ["deleted"])
    return True


def check_iso(created: str) -> str:
    """Return ``created`` if it is an ISO 8601 time, else raise ``StoreError``."""
    import datetime as dt

    try:
        dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError as exc:
        raise StoreError(f"not an ISO 8601 time: {created!r}") from exc
    return created


def set_created(db: Db, hid: str, created: str) -> None:
    """Set when a highlight was made (an import keeps the original time).

    Raises:
        NotFound: If there is no such highlight.
        StoreError: If ``created`` is not an ISO 8601 time.
    """
    created = check_iso(created)
    cursor = db.execute("UPDATE highlights SET created = ? WHERE id = ?", [created, hid])
    if cursor.rowcount == 0:
        raise NotFound(f"no highlight with id {hid!r}")


# -- derived places ----------------------------------------------------------------------------
def placing(db: Db, article_id: str) -> Row | None:
    """Return the ``body``, ``content_hash`` and ``deleted`` of an article (any state)."""
    row = db.execute(
        "SELECT body, content_hash, deleted FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    return dict(row) if row is not None else None


def to_place(db: Db, article_id: str, body_hash: str | None, gone: bool,
             force: Collection[str] = ()) -> list[Row]:
    """Return the highlights of an article whose place may not match its current state.

    Args:
        db: The library.
        article_id: The article.
        body_hash: Its current body's hash (``None`` when removed).
        gone: Whether it is removed (its highlights then rest at their made anchors).
        force: Ids to return whatever they look like (their made anchor changed).
    """
    forced = json.dumps(sorted(force))
    rows = db.execute(
        "SELECT * FROM highlights WHERE article_id = ? AND (anchor_hash IS NOT ? "
        + ("OR state != 'anchored' OR " + " OR ".join(
            f"{col} IS NOT {src}" for col, src in DERIVED_FROM_MADE.items()) if gone else "")
        + " OR id IN (SELECT value FROM json_each(?)))",
        [article_id, body_hash, forced],
    ).fetchall()
    return [dict(r) for r in rows]


def set_place(db: Db, hid: str, fields: dict[str, Any]) -> None:
    """Store where a highlight is now (derived columns only: no clock is stamped)."""
    db.table("highlights").update(hid, fields)
