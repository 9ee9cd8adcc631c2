"""Merging library files: examples of every rule (see reader/sync/merge.py's docstring)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.ingest.article import Article
from reader.store import Library
from reader.store.clock import Clock
from reader.store.models import StoredArticle
from reader.store.schema_names import MIGRATION_SET
from reader.sync.merge import (
    MergeReport,
    SyncError,
    backup_dir,
    merge_both,
    merge_file,
    synced_state,
)

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
