"""A corpus of hostile library files: each case damages a copy of a real library on purpose.

``CASES`` maps a case name to how it is made (a function changing an open ``sqlite3``
connection to the copy, with no readmark code involved) and what a merge must do with it:
refuse the whole file with one line (``refused``: a part of that line) or skip bad rows
(``skipped``: the reason counted). The base library (``build_base``) shares an article, its
highlight and its article note with the library it is merged into, so a hostile stamp on them
would, if taken, beat every later local edit.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass

from reader.ingest.reader import MAX_BYTES

ARTICLE = """---
title: The orchard survey
author: Ada Wren
url: https://news.example/orchard
---
The county counted its orchards again this spring.

"There are fewer bees than last year," said Tomas Reed, who keeps forty hives.

Growers blamed the cold April. The survey ends in June.
"""
QUOTE = "fewer bees"  # the shared highlight's text
SHARED_URL = "https://news.example/orchard"


@dataclass(frozen=True)
class Case:
    """One hostile file: how to make it from the base, and what a merge must do."""

    make: Callable[[sqlite3.Connection], None]
    refused: str | None = None  # a part of the one-line refusal
    skipped: str | None = None  # the skip reason counted


def _one(conn: sqlite3.Connection, sql: str) -> str:
    row = conn.execute(sql).fetchone()
    assert row is not None, sql
    return str(row[0])


def _stamp_everything(stamp: str) -> Callable[[sqlite3.Connection], None]:
    """Every group of the shared highlight, article and note stamped ``stamp``, with new
    values (a removal of the article, a pink highlight, a note)."""

    def make(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE highlights SET color = 'pink', note = 'theirs', updated = ?, clocks = "
            "json_object('anchor', ?, 'color', ?, 'note', ?)", [stamp] * 4)
        conn.execute(
            "UPDATE articles SET deleted = ?, updated = ?, "
            "clocks = json_set(clocks, '$.deleted', ?, '$.body', ?, '$.title', ?), "
            "title = 'Taken over' WHERE url = ?", [stamp] * 5 + [SHARED_URL])
        conn.execute("UPDATE notes SET text = 'theirs', updated = ?, "
                     "clocks = json_object('text', ?)", [stamp] * 2)

    return make


def _future(days: float) -> str:
    micros = time.time_ns() // 1000 + int(days * 24 * 3600 * 1_000_000)
    return f"{micros:017d}-0000-evil"


def _blob_note(conn: sqlite3.Connection) -> None:
    # Same clocks as the library it is merged into: only the tie-break would decide.
    conn.execute("UPDATE notes SET text = CAST('theirs' AS BLOB)")
    conn.execute("UPDATE highlights SET note = CAST('theirs' AS BLOB)")


def _huge_body(conn: sqlite3.Connection) -> None:
    row = conn.execute("SELECT * FROM articles LIMIT 1").fetchone()
    names = [d[0] for d in conn.execute("SELECT * FROM articles LIMIT 1").description]
    values = dict(zip(names, row, strict=True))
    values.update(id="https://news.example/huge", url="https://news.example/huge",
                  body="x" * (MAX_BYTES + 1), content_hash="huge")
    columns = ", ".join(values)
    conn.execute(f"INSERT INTO articles ({columns}) VALUES ({', '.join('?' * len(values))})",
                 list(values.values()))


def _junk_revisions(conn: sqlite3.Connection) -> None:
    target = _one(conn, "SELECT id FROM highlights LIMIT 1")
    base = time.time_ns() // 1000 - 10_000_000
    rows = [(f"junk{i:05d}", "highlight", target, f"junk {i}", f"{base + i:017d}-0000-evil",
             None, "2026-01-01T00:00:00Z") for i in range(3000)]
    rows += [(f"stray{i:05d}", "highlight", f"nothing-{i}", "stray", f"{base:017d}-0000-evil",
              None, "2026-01-01T00:00:00Z") for i in range(500)]
    conn.executemany("INSERT INTO note_revisions VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def _orphan_highlight(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(
        "INSERT INTO highlights (id, article_id, exact, created, clocks, updated) "
        "SELECT 'stray', 'https://news.example/none', exact, created, clocks, updated "
        "FROM highlights LIMIT 1")


def _recursive_view(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE notes RENAME TO notes_kept")
    conn.execute(
        "CREATE VIEW notes AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
        "SELECT 'a' || i AS article_id, 'x' AS text, '2026-01-01T00:00:00Z' AS created, "
        "'{}' AS clocks, NULL AS updated, NULL AS deleted FROM n")


def _migrations_view(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE _sqlite_migrations RENAME TO migrations_kept")
    conn.execute(
        "CREATE VIEW _sqlite_migrations AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
        "SELECT i + 1 FROM n) SELECT i AS id, 'readmark' AS migration_set, 'm' || i AS name, "
        "'' AS applied_at FROM n")


def _foreign_trigger(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TRIGGER mine AFTER INSERT ON meta BEGIN SELECT 1; END")


def _replaced_trigger(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TRIGGER articles_facets_ad")
    conn.execute("CREATE TRIGGER articles_facets_ad AFTER DELETE ON articles BEGIN "
                 "DELETE FROM highlights; END")


def _foreign_virtual_table(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE VIRTUAL TABLE extra USING fts5(x)")


def _changed_table(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE highlights ADD COLUMN extra TEXT")


def _tags_not_json(conn: sqlite3.Connection) -> None:
    # The file's own facet trigger would reject the value: write it with the trigger away.
    sql = _one(conn, "SELECT sql FROM sqlite_master WHERE name = 'articles_facets_au'")
    conn.execute("DROP TRIGGER articles_facets_au")
    conn.execute("UPDATE articles SET tags = 'not json'")
    conn.execute(sql)


def _sql(statement: str) -> Callable[[sqlite3.Connection], None]:
    def make(conn: sqlite3.Connection) -> None:
        conn.execute(statement)

    return make


CASES: dict[str, Case] = {
    "tilde-stamps": Case(_stamp_everything("~"), skipped="stamp"),
    "zz-stamps": Case(_stamp_everything("zz"), skipped="stamp"),
    "year-10000": Case(_stamp_everything("253402300800000000-0000-evil"), skipped="stamp"),
    "year-9999-end": Case(_stamp_everything("253402300799999999-0000-evil"), skipped="stamp"),
    "26-digits": Case(_stamp_everything("12345678901234567890123456-0000-evil"),
                      skipped="stamp"),
    "last-17-digit-stamp": Case(_stamp_everything("99999999999999999-9999-zz"),
                                skipped="future"),
    "two-days-ahead": Case(_stamp_everything(_future(2)), skipped="future"),
    "unicode-digits": Case(_stamp_everything("１" * 17 + "-0000-evil"), skipped="stamp"),
    "stamp-with-space": Case(_stamp_everything(_future(0)[:-4] + "e vil"), skipped="stamp"),
    "blob-note": Case(_blob_note, skipped="type"),
    "text-position": Case(_sql("UPDATE articles SET position = 'far'"), skipped="type"),
    "huge-body": Case(_huge_body, skipped="size"),
    "tags-not-json": Case(_tags_not_json, skipped="value"),
    "markup-colour": Case(_sql("UPDATE highlights SET color = '[bold red]x'"), skipped="value"),
    "unknown-clock-key": Case(_sql("UPDATE notes SET clocks = json_set(clocks, '$.x', "
                                   "json_extract(clocks, '$.text'))"), skipped="value"),
    "escape-in-title": Case(_sql("UPDATE articles SET title = 'T' || char(27) || '[31mRED' || "
                                 "char(27) || '[0m'"), skipped="unsafe"),
    "c1-and-bidi-in-note": Case(_sql("UPDATE highlights SET note = 'a' || char(8238) || 'b' || "
                                     "char(155) || '2J'"), skipped="unsafe"),
    "bidi-in-revision-text": Case(_sql("UPDATE notes SET text = char(8238) || 'edoc'"),
                                  skipped="unsafe"),
    "junk-revisions": Case(_junk_revisions, skipped="revisions"),
    "orphan-highlight": Case(_orphan_highlight, skipped="orphan"),
    "recursive-view": Case(_recursive_view, refused="view 'notes'"),
    "migrations-view": Case(_migrations_view, refused="view '_sqlite_migrations'"),
    "foreign-trigger": Case(_foreign_trigger, refused="trigger 'mine'"),
    "replaced-trigger": Case(_replaced_trigger, refused="trigger 'articles_facets_ad'"),
    "foreign-virtual-table": Case(_foreign_virtual_table, refused="'extra'"),
    "changed-table": Case(_changed_table, refused="table 'highlights'"),
}


def make_hostile(path: str, case: Case) -> None:
    """Apply ``case`` to the library file at ``path`` (a copy of the base)."""
    conn = sqlite3.connect(path)
    try:
        case.make(conn)
        conn.commit()
    finally:
        conn.close()
