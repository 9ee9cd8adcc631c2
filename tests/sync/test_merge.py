"""Merging library files: examples of every rule (see reader/library/merging.py's docstring)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.ingest.article import Article
from reader.library import Library, StoredArticle
from reader.library.merging import (
    MergeReport,
    SyncError,
    backup_dir,
    merge_both,
    merge_file,
    synced_state,
)
from reader.store.clock import Clock
from reader.store.migration_names import MIGRATION_SET

BODY = (
    "The council met on Tuesday to discuss the harbour.\n\n"
    "\"We cannot wait another winter,\" said Mara Quill, who chairs the ferry board.\n\n"
    "Residents packed the hall. Several asked about the tide gauges and the old pier."
)


def article(body: str = BODY, **kw: object) -> Article:
    base: dict[str, object] = {"title": "Harbour vote", "body": body,
                               "url": "https://news.example/harbour", "tags": ["local"]}
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def span(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


class Ticker:
    """A fake wall clock in µs: each call moves it on by ``step``, from ``start``."""

    def __init__(self, start: int, step: int = 1000) -> None:
        self.value, self.step = start, step

    def __call__(self) -> int:
        self.value += self.step
        return self.value


BASE_US = 1_700_000_000_000_000


@pytest.fixture
def make_lib(tmp_path: Path) -> Iterator[Callable[..., Library]]:
    opened: list[Library] = []

    def make(name: str, skew_us: int = 0) -> Library:
        lib = Library(tmp_path / f"{name}.db",
                      clock=Clock(name, time_source=Ticker(BASE_US + skew_us)))
        opened.append(lib)
        return lib

    yield make
    for lib in opened:
        lib.close()


def live(lib: Library, aid: str) -> StoredArticle:
    got = lib.get(aid)
    assert got is not None
    return got


def sync(a: Library, b: Library) -> MergeReport:
    return merge_file(a, b.path, backup=False)


def test_missing_rows_are_copied_and_report_counts(make_lib: Callable[..., Library]) -> None:
    a, b = make_lib("a"), make_lib("b")
    aid = b.import_article(article()).id
    h = b.add_highlight(aid, *span(BODY, "We cannot wait another winter"), note="good")
    b.set_article_note(aid, "read again")
    report = sync(a, b)
    assert (report.articles_added, report.highlights_added, report.notes_added) == (1, 1, 1)
    assert report.changed() and "1 article added" in report.summary()
    assert report.to_json()["highlights_added"] == 1
    got = a.get_highlight(h.id)
    assert got is not None and got.note == "good"
    assert live(a, aid).highlights == 1  # the count trigger ran
    note = a.article_note(aid)
    assert note is not None and note.text == "read again"
    assert synced_state(a) == synced_state(b)
    again = sync(a, b)
    assert not again.changed() and again.summary().endswith("nothing to merge")


def test_fields_merge_last_writer_wins(make_lib: Callable[..., Library]) -> None:
    a, b = make_lib("a"), make_lib("b", skew_us=5_000_000)  # b's clock runs 5 s ahead
    aid = a.import_article(article()).id
    h = a.add_highlight(aid, *span(BODY, "We cannot wait another winter"))
    sync(b, a)
    a.update_tags(aid, ["harbour"], [])
    a.update_highlight(h.id, color="green")
    b.update_highlight(h.id, color="blue")  # later (skewed ahead): wins
    a.save_position(aid, 40, 0.3)
    sync(a, b)
    sync(b, a)
    assert synced_state(a) == synced_state(b)
    got = a.get_highlight(h.id)
    assert got is not None and got.color == "blue"
    assert live(a, aid).tags == ["local", "harbour"]
    assert live(b, aid).progress == pytest.approx(0.3)


def test_delete_and_later_revive_resolve_by_time(make_lib: Callable[..., Library]) -> None:
    a, b = make_lib("a"), make_lib("b")
    aid = a.import_article(article()).id
    sync(b, a)
    a.delete(aid)  # earlier
    b.import_article(article(body=BODY + "\n\nA correction."))  # later: a newer body
    b.delete(aid)
    b.import_article(article(body=BODY + "\n\nA correction."))  # revives with its body
    sync(a, b)
    kept = live(a, aid)
    assert kept.body.endswith("A correction.")
    c = make_lib("c")
    sync(c, b)
    sync(c, a)
    assert synced_state(c) == synced_state(a)


def test_later_delete_wins_and_nothing_is_removed(make_lib: Callable[..., Library]) -> None:
    a, b = make_lib("a"), make_lib("b", skew_us=1_000_000)
    aid = a.import_article(article()).id
    h = a.add_highlight(aid, *span(BODY, "Residents packed the hall"))
    sync(b, a)
    a.update_highlight(h.id, note="earlier note")
    b.delete_highlight(h.id)
    sync(a, b)
    got = a.get_highlight(h.id)
    assert got is not None and got.deleted and got.note == "earlier note"
    assert live(a, aid).highlights == 0


def test_concurrent_note_edits_keep_the_loser(make_lib: Callable[..., Library]) -> None:
    a, b = make_lib("a"), make_lib("b", skew_us=1_000_000)
    aid = a.import_article(article()).id
    h = a.add_highlight(aid, *span(BODY, "Residents packed the hall"), note="first")
    a.set_article_note(aid, "base")
    sync(b, a)
    a.update_highlight(h.id, note="from a")
    b.update_highlight(h.id, note="from b")  # later
    a.set_article_note(aid, "note a")
    b.set_article_note(aid, "note b")
    report = sync(a, b)
    assert report.revisions_kept == 2
    got = a.get_highlight(h.id)
    assert got is not None and got.note == "from b"
    assert [r.text for r in a.note_revisions(h.id)] == ["from a"]
    assert [r.text for r in a.note_revisions(aid)] == ["note a"]
    sync(b, a)
    assert synced_state(a) == synced_state(b)
    assert sync(a, b).revisions_kept == 0  # idempotent


def test_sequential_note_edit_keeps_no_revision(make_lib: Callable[..., Library]) -> None:
    a, b = make_lib("a"), make_lib("b")
    aid = a.import_article(article()).id
    h = a.add_highlight(aid, *span(BODY, "Residents packed the hall"), note="draft")
    sync(b, a)
    b.update_highlight(h.id, note="final")  # written on top of "draft"
    report = sync(a, b)
    assert report.revisions_kept == 0 and report.highlights_updated == 1
    assert a.note_revisions(h.id) == []


def test_changed_article_reanchors_highlights_made_elsewhere(
    make_lib: Callable[..., Library]
) -> None:
    a, b = make_lib("a"), make_lib("b")
    aid = a.import_article(article()).id
    sync(b, a)
    text = "Several asked about the tide gauges"
    h = b.add_highlight(aid, *span(BODY, text))
    new_body = "Update: the vote moved to Friday.\n\n" + BODY
    a.import_article(article(body=new_body))
    report = sync(a, b)
    assert report.reanchored == 1
    got = a.get_highlight(h.id)
    assert got is not None and got.start is not None and got.end is not None
    assert new_body[got.start:got.end] == text
    sync(b, a)
    assert synced_state(a) == synced_state(b)  # b did not need to re-anchor again


def test_dry_run_writes_nothing(make_lib: Callable[..., Library]) -> None:
    a, b = make_lib("a"), make_lib("b")
    b.import_article(article())
    before = synced_state(a)
    report = merge_file(a, b.path, dry_run=True)
    assert report.dry_run and report.articles_added == 1 and report.backup is None
    assert report.summary().startswith("would merge")
    assert synced_state(a) == before


def test_backup_is_made_and_only_ten_kept(make_lib: Callable[..., Library]) -> None:
    a, b = make_lib("a"), make_lib("b")
    a.import_article(article())
    for _ in range(12):
        report = merge_file(a, b.path)
    assert report.backup is not None and Path(report.backup).parent == backup_dir()
    assert len(list(backup_dir().glob("a-*.db"))) == 10
    with Library(report.backup) as copy:
        assert copy.count() == 1


def test_merge_both_writes_back(make_lib: Callable[..., Library]) -> None:
    a, b = make_lib("a"), make_lib("b")
    a.import_article(article())
    b.import_article(article(url="https://news.example/other", title="Other"))
    mine, theirs = merge_both(a, b.path, dry_run=True)
    assert mine.articles_added == 1 and theirs.articles_added == 1
    assert b.count() == 1
    mine, theirs = merge_both(a, b.path, backup=False)
    assert mine.articles_added == 1 and theirs.articles_added == 1
    assert synced_state(a) == synced_state(b)


def test_refuses_bad_files_with_one_line(make_lib: Callable[..., Library], tmp_path: Path) -> None:
    a = make_lib("a")
    text = tmp_path / "notes.db"
    text.write_text("not a database at all, just text\n" * 200)
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).close()
    for bad, words in ((tmp_path / "missing.db", "no such file"),
                       (text, "not a readable SQLite database"),
                       (plain, "not a readmark library"),
                       (a.path, "this library itself")):
        with pytest.raises(SyncError) as err:
            merge_file(a, bad, backup=False)
        assert str(bad) in str(err.value) and words in str(err.value)
        assert "\n" not in str(err.value)


def test_newer_schema_refused_older_upgraded_on_a_copy(
    make_lib: Callable[..., Library], tmp_path: Path
) -> None:
    a, b = make_lib("a"), make_lib("b")
    b.import_article(article())
    b.close()
    newer = tmp_path / "newer.db"
    shutil.copyfile(b.path, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES (?, 'm999_future', '2030-01-01')", [MIGRATION_SET])
    with pytest.raises(SyncError, match="made by a newer readmark"):
        merge_file(a, newer, backup=False)
    older = tmp_path / "older.db"
    shutil.copyfile(b.path, older)
    with sqlite3.connect(older) as conn:
        last = conn.execute("SELECT max(rowid) FROM _sqlite_migrations").fetchone()[0]
        conn.execute("DELETE FROM _sqlite_migrations WHERE rowid = ?", [last])
    stamp = older.stat().st_mtime_ns, older.read_bytes()
    report = merge_file(a, older, backup=False)
    assert report.articles_added == 1
    assert (older.stat().st_mtime_ns, older.read_bytes()) == stamp  # never written


# Re-anchoring: where a highlight is now is derived from the anchor it was made with and the
# article's merged body, so it cannot depend on which bodies a copy saw on the way.
MOVED = "Update: the vote moved to Friday.\n\n" + BODY  # the highlight moves down
EDITED = BODY.replace("old pier", "new pier")  # the highlight stays where it was made
TIDAL = BODY.replace("the tide gauges", "the tidal gauges")


def anchor_row(lib: Library, hid: str) -> dict[str, object]:
    [row] = lib._rows("SELECT exact, prefix, suffix, start_pos, end_pos, anchor_hash, state, "
                      "clocks FROM highlights WHERE id = ?", [hid])
    return row


def test_reanchoring_through_another_body_merges_like_reanchoring_straight(
    make_lib: Callable[..., Library]
) -> None:
    a, b, c = make_lib("a"), make_lib("b", 1000), make_lib("c", 2000)
    aid = a.import_article(article()).id
    sync(b, a)
    sync(c, a)
    h = a.add_highlight(aid, *span(BODY, "We cannot wait another winter"))
    made = anchor_row(a, h.id)
    b.import_article(article(body=MOVED))
    c.import_article(article(body=EDITED))  # the latest body: c's clock runs ahead
    ab = make_lib("ab")
    sync(ab, a)
    sync(ab, b)  # re-anchored onto b's body: it moves …
    moved = ab.get_highlight(h.id)
    assert moved is not None and moved.start == MOVED.index("We cannot")
    sync(ab, c)  # … and back onto c's, where it was made
    bc = make_lib("bc")
    sync(bc, b)
    sync(bc, c)
    a_bc = make_lib("a_bc")
    sync(a_bc, a)
    sync(a_bc, bc)  # straight onto c's body
    assert synced_state(ab) == synced_state(a_bc)
    # Re-anchoring is no edit: the anchor keeps the stamp it was made with.
    assert anchor_row(ab, h.id) == {**made, "anchor_hash": live(ab, aid).content_hash}


def test_revived_and_removed_again_converges_with_a_copy_that_never_saw_the_revival(
    make_lib: Callable[..., Library]
) -> None:
    a, b = make_lib("a"), make_lib("b")
    aid = a.import_article(article()).id
    sync(b, a)
    a.delete(aid)
    h = b.add_highlight(aid, *span(BODY, "We cannot wait another winter"))
    sync(a, b)
    a.import_article(article(body=EDITED))  # revives it: the highlight is where it was made
    a.delete(aid)
    sync(b, a)
    sync(a, b)
    assert synced_state(a) == synced_state(b)
    assert anchor_row(b, h.id)["anchor_hash"] is None  # at rest on a removed article


def test_highlight_rests_on_a_removed_article_and_revival_reanchors_from_where_it_was_made(
    make_lib: Callable[..., Library]
) -> None:
    a = make_lib("a")
    aid = a.import_article(article()).id
    h = a.add_highlight(aid, *span(BODY, "the tide gauges"), note="check")
    made = anchor_row(a, h.id)
    a.import_article(article(body=TIDAL))
    fuzzy = a.get_highlight(h.id)
    assert fuzzy is not None and fuzzy.state == "re-anchored" and fuzzy.text == "the tidal gauges"
    a.delete(aid)
    assert anchor_row(a, h.id) == {**made, "anchor_hash": None}
    a.import_article(article())  # the text it was made on is back: exactly as made
    assert anchor_row(a, h.id) == made
    back = a.get_highlight(h.id)
    assert back is not None and back.state == "anchored" and back.note == "check"


def test_library_from_before_made_anchors_upgrades_and_merges(
    make_lib: Callable[..., Library], tmp_path: Path
) -> None:
    from sqlite_utils import Database

    from reader.store.migrations import migrations

    old = tmp_path / "old.db"
    db = Database(old)
    migrations.apply(db, stop_before="m008_highlight_made_anchor")
    start, end = span(MOVED, "We cannot wait another winter")
    for art, deleted in (("live", None), ("gone", "01700000000000000-0002-old")):
        db.execute("INSERT INTO articles (id, title, body, body_format, content_hash, imported, "
                   "clocks, deleted) VALUES (?, 'T', ?, 'text', 'moved', "
                   "'2024-01-01T00:00:00.000Z', "
                   "'{}', ?)", [art, MOVED, deleted])
        db.execute("INSERT INTO highlights (id, article_id, exact, prefix, suffix, start_pos, "
                   "end_pos, anchor_hash, made_hash, state, created, clocks) VALUES "
                   "(?, ?, ?, 'p', 's', ?, ?, 'moved', 'first', 're-anchored', "
                   "'2024-01-01T00:00:00.000Z', '{\"anchor\": \"01700000000000000-0001-old\"}')",
                   [f"h-{art}", art, MOVED[start:end], start, end])
    db.conn.commit()
    db.conn.close()
    a = make_lib("a")
    report = merge_file(a, old, backup=False)
    assert report.highlights_added == 2
    rows = {r["id"]: r for r in a._rows(
        "SELECT id, made_exact, made_start, made_end, anchor_hash, state FROM highlights")}
    # The anchor as the old library last placed it is taken as made.
    assert rows["h-live"] == {"id": "h-live", "made_exact": MOVED[start:end],
                              "made_start": start, "made_end": end, "anchor_hash": "moved",
                              "state": "re-anchored"}
    assert rows["h-gone"]["anchor_hash"] is None and rows["h-gone"]["state"] == "anchored"
