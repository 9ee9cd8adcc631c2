"""Snapshots for the sync folder: complete, consistent files under their final name only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.ingest.article import Article
from reader.library import Library, StoreError
from reader.library.merging import write_snapshot
from reader.store.snapshot import temp_name
from reader.tui.config import Config


def _article(n: int) -> Article:
    return Article(title=f"Article {n}", body=f"Body number {n}. " * 20,
                   url=f"https://example.org/{n}")


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_snapshot_is_a_complete_copy_and_replaces_the_old_one(lib: Library,
                                                              tmp_path: Path) -> None:
    folder = tmp_path / "sync"
    folder.mkdir()
    target = folder / "site.db"
    lib.import_article(_article(1))
    write_snapshot(lib, target)
    assert _count(target, "articles") == 1
    lib.import_article(_article(2))
    write_snapshot(lib, target)
    assert _count(target, "articles") == 2
    # Only the snapshot itself is left: no temporary file, no journal.
    assert sorted(p.name for p in folder.iterdir()) == ["site.db"]
    copy = Library(target)  # a snapshot is a library like any other
    assert copy.count() == 2
    copy.close()


def test_a_stale_temp_file_is_replaced_and_a_failed_write_keeps_the_old(lib: Library,
                                                                       tmp_path: Path) -> None:
    target = tmp_path / "site.db"
    lib.import_article(_article(1))
    temp_name(target).write_bytes(b"left over from a crash")
    write_snapshot(lib, target)
    assert _count(target, "articles") == 1 and not temp_name(target).exists()
    with pytest.raises(StoreError, match="cannot write snapshot"):
        write_snapshot(lib, tmp_path / "missing-folder" / "site.db")
    assert _count(target, "articles") == 1


def test_sync_dir_round_trips_through_the_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    Config(path=path, sync_dir="~/Sync/read[mark] \"x\"").save()
    assert Config.load(path).sync_dir == "~/Sync/read[mark] \"x\""
    Config(path=path).save()
    assert Config.load(path).sync_dir is None
