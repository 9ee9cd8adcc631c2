"""Import results are reported only once the batch holding them is committed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.ingest.article import Article
from reader.library import Library, StoreError
from reader.library.importing import ImportResult, import_paths


def write_files(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"note-{i:03d}.md").write_text(
            f"---\ntitle: Field note {i}\nurl: https://notes.example/{i}\n---\n\n"
            f"Field note number {i} about the tide gauge and the ferry pier.\n",
            encoding="utf-8",
        )


def test_each_reported_file_is_already_committed(lib: Library, db_file: Path,
                                                 tmp_path: Path) -> None:
    write_files(tmp_path / "in", 40)
    seen: list[tuple[str, bool]] = []
    other = sqlite3.connect(db_file)  # another process's view: only committed data
    try:

        def check(result: ImportResult) -> None:
            row = other.execute("SELECT 1 FROM articles WHERE id = ?", [result.id]).fetchone()
            seen.append((result.status, row is not None))

        report = import_paths(lib, [str(tmp_path / "in")], on_result=check)
    finally:
        other.close()
    assert seen == [("new", True)] * 40
    assert report.totals["new"] == 40 and report.error is None


def test_batch_commit_hook_runs_after_each_commit_only(lib: Library, db_file: Path) -> None:
    commits: list[int] = []
    other = sqlite3.connect(db_file)

    def count() -> None:
        commits.append(other.execute("SELECT count(*) FROM notes").fetchone()[0])

    articles = [lib.import_article(Article(title=f"T{i}", body=f"Body {i}.")).id
                for i in range(3)]
    with lib.batch(seconds=0, on_commit=count) as tick:
        for aid in articles:
            lib.set_article_note(aid, "a note")
            tick()
    other.close()
    assert commits == [1, 2, 3, 3]  # one per tick, then the closing commit


def test_batch_whose_transaction_sqlite_dropped_is_an_error(lib: Library) -> None:
    committed: list[bool] = []
    with pytest.raises(StoreError, match="rolled back"), \
            lib.batch(seconds=0, on_commit=lambda: committed.append(True)) as tick:
        lib.conn.rollback()  # what SQLite does by itself on a full disk or an I/O error
        tick()
    assert committed == []
