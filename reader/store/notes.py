"""The ``notes`` table (the note on a whole article) and ``note_revisions``.

Every changed field gets a fresh clock stamp in ``clocks`` (``text``, ``deleted``) so two copies
of the library merge field by field. Write functions expect the caller to hold ``Db.write``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from reader.store import clock
from reader.store.articles import chunks
from reader.store.db import Db
from reader.store.errors import NotFound
from reader.store.highlights import check_iso, live_article, stamp
from reader.store.records import ArticleNote, NoteRevision, stamp_time


def of_article(db: Db, article_id: str) -> ArticleNote | None:
    """Return the note on a whole article, or ``None``."""
    rows = db.rows(
        "SELECT n.*, a.title AS article_title FROM notes n JOIN articles a "
        "ON a.id = n.article_id WHERE n.article_id = ? AND n.text != '' "
        "AND n.deleted IS NULL",
        [article_id],
    )
    if not rows:
        return None
    r = rows[0]
    return ArticleNote(r["article_id"], r["text"], r["created"], stamp_time(r["updated"]),
                       r["article_title"])


def revisions(db: Db, target: str) -> list[NoteRevision]:
    """Return the note texts of a highlight or article that lost to concurrent edits."""
    rows = db.rows("SELECT * FROM note_revisions WHERE target = ? ORDER BY stamp", [target])
    return [NoteRevision(r["id"], r["kind"], r["target"], r["text"], stamp_time(r["stamp"]),
                         stamp_time(r["replaced_by"])) for r in rows]


def of_many(db: Db, article_ids: Sequence[str]) -> dict[str, ArticleNote]:
    """Return the (non-empty, live) notes on many articles at once, keyed by article id."""
    out: dict[str, ArticleNote] = {}
    for chunk in chunks(list(article_ids)):
        rows = db.rows(
            "SELECT article_id, text, created, updated FROM notes WHERE deleted IS NULL "
            f"AND text != '' AND article_id IN ({', '.join('?' * len(chunk))})",
            list(chunk),
        )
        for r in rows:
            out[r["article_id"]] = ArticleNote(
                r["article_id"], r["text"], r["created"], stamp_time(r["updated"])
            )
    return out


def set_text(db: Db, article_id: str, text: str) -> None:
    """Write the note on a whole article; empty text removes it.

    Raises:
        NotFound: If the article does not exist.
    """
    live_article(db, article_id)
    text = text.rstrip()
    row = db.execute("SELECT * FROM notes WHERE article_id = ?", [article_id]).fetchone()
    now = db.clock.now()
    if row is None:
        if not text:
            return
        db.table("notes").insert(
            {"article_id": article_id, "text": text, "created": clock.created_now(),
             "clocks": json.dumps({"text": now}), "updated": now}
        )
        return
    if text != row["text"]:
        stamp(db, "notes", "article_id", dict(row), now, {"text": text}, ["text"])


def set_created(db: Db, article_id: str, created: str) -> None:
    """Set when the note on an article was first written (an import keeps the time).

    Raises:
        NotFound: If the article has no note.
        StoreError: If ``created`` is not an ISO 8601 time.
    """
    created = check_iso(created)
    cursor = db.execute(
        "UPDATE notes SET created = ? WHERE article_id = ?", [created, article_id]
    )
    if cursor.rowcount == 0:
        raise NotFound(f"no note on article {article_id!r}")
