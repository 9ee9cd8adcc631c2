"""``sync --dir``: snapshots in a shared folder, conflict copies merged and trashed, bad files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.ingest.article import Article
from reader.library import Library
from reader.library.merging import SyncError, synced_state
from reader.store.clock import Clock
from reader.sync.conflicts import TRASH_DIR
from reader.sync.folder import configured_folder, snapshot_name, sync

BODY = ("The ferry will stop running in winter, the council said on Friday. "
        "Commuters called the decision short-sighted. ") * 3


def _article(n: int) -> Article:
    return Article(title=f"Ferry story {n}", body=f"Story {n}. {BODY}",
                   url=f"https://news.example/ferry/{n}")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "Sync"
    path.mkdir()
    return path


@pytest.fixture
def machines(tmp_path: Path) -> Iterator[tuple[Library, Library]]:
    a = Library(tmp_path / "a" / "library.db", clock=Clock("aaaa"))
    b = Library(tmp_path / "b" / "library.db", clock=Clock("bbbb"))
    yield a, b
    a.close()
    b.close()


def _highlight(lib: Library, n: int, phrase: str, note: str | None = None) -> str:
    outcome = lib.import_article(_article(n))
    article = lib.get(outcome.id)
    assert article is not None
    start = article.body.index(phrase)
    return lib.add_highlight(article.id, start, start + len(phrase), note=note).id


def test_two_machines_converge_through_the_folder(machines: tuple[Library, Library],
                                                  folder: Path) -> None:
    a, b = machines
    ha = _highlight(a, 1, "stop running in winter", note="from a")
    first = sync(a, folder)
    assert first.published == str(folder / "aaaa.db") and first.merges == []
    hb = _highlight(b, 2, "short-sighted")
    run_b = sync(b, folder)
    assert run_b.totals()["highlights_added"] == 1 and not run_b.errors
    assert run_b.published == str(folder / "bbbb.db")
    a.update_highlight(ha, note="edited on a")
    sync(a, folder)
    sync(b, folder)
    assert synced_state(a) == synced_state(b)
    merged = b.get_highlight(ha)
    assert merged is not None and merged.note == "edited on a"
    assert a.get_highlight(hb) is not None
    assert sorted(p.name for p in folder.iterdir()) == ["aaaa.db", "bbbb.db"]


def test_an_unchanged_library_is_not_published_again(machines: tuple[Library, Library],
                                                     folder: Path) -> None:
    a, _ = machines
    _highlight(a, 1, "stop running in winter")
    snapshot = folder / snapshot_name(a.clock.device)
    assert sync(a, folder).published == str(snapshot)
    later = a.path.stat().st_mtime_ns + 10**9
    os.utime(snapshot, ns=(later, later))
    assert sync(a, folder).published is None  # nothing changed since it was written
    a.import_article(_article(2))
    os.utime(a.path, ns=(later + 10**9, later + 10**9))
    assert sync(a, folder).published == str(snapshot)


def test_a_folder_holding_the_live_library_is_refused(tmp_path: Path) -> None:
    lib = Library(tmp_path / "Dropbox" / "readmark" / "library.db", clock=Clock("aaaa"))
    try:
        for bad in (tmp_path / "Dropbox" / "readmark", tmp_path / "Dropbox"):
            with pytest.raises(SyncError, match="holds the live library"):
                sync(lib, bad)
        assert sorted(p.name for p in lib.path.parent.iterdir()) == ["library.db"]
        with pytest.raises(SyncError, match="no such folder"):
            sync(lib, tmp_path / "nowhere")
        (tmp_path / "file").write_text("x")
        with pytest.raises(SyncError, match="not a folder"):
            sync(lib, tmp_path / "file")
    finally:
        lib.close()


def test_conflict_copies_are_merged_and_moved_to_the_trash(
        machines: tuple[Library, Library], folder: Path) -> None:
    a, b = machines
    _highlight(b, 1, "stop running in winter")
    sync(b, folder)
    # What sync tools leave behind: a Syncthing copy of b's snapshot, a Dropbox copy of a
    # snapshot, an iCloud copy of a's own live library beside it.
    copies = {}
    for name, n, phrase in [
        ("bbbb.sync-conflict-20240101-120000-ABCDEFG.db", 2, "Commuters called"),
        ("bbbb (Ana's conflicted copy 2024-01-01).db", 3, "council said on Friday"),
    ]:
        side = Library(folder.parent / f"side{n}.db", clock=Clock(f"side{n}"))
        copies[name] = _highlight(side, n, phrase)
        side.close()
        shutil.copyfile(side.path, folder / name)
    beside = Library(a.path.parent / "tmp-beside.db", clock=Clock("aaaa"))
    copies["library 2.db"] = _highlight(beside, 4, "short-sighted")
    beside.close()
    os.replace(beside.path, a.path.parent / "library 2.db")

    run = sync(a, folder)
    assert not run.errors
    assert {Path(m.path).name for m in run.trashed} == set(copies)
    for hid in copies.values():
        assert a.get_highlight(hid) is not None
    assert sorted(p.name for p in (folder / TRASH_DIR).iterdir()) == sorted(
        name for name in copies if name != "library 2.db")
    assert [p.name for p in (a.path.parent / TRASH_DIR).iterdir()] == ["library 2.db"]
    assert sorted(p.name for p in folder.iterdir()) == [TRASH_DIR, "aaaa.db", "bbbb.db"]
    assert sync(a, folder).trashed == []


def test_a_bad_file_is_reported_left_alone_and_the_rest_merged(
        machines: tuple[Library, Library], folder: Path) -> None:
    a, b = machines
    hb = _highlight(b, 1, "stop running in winter")
    sync(b, folder)
    (folder / "broken.db").write_bytes(b"this is not a database" * 100)
    run = sync(a, folder)
    assert len(run.errors) == 1 and "broken.db" in run.errors[0]
    assert "\n" not in run.errors[0]
    assert (folder / "broken.db").exists()
    assert a.get_highlight(hb) is not None and run.published


def test_dry_run_writes_and_moves_nothing(machines: tuple[Library, Library],
                                          folder: Path) -> None:
    a, b = machines
    hb = _highlight(b, 1, "stop running in winter")
    sync(b, folder)
    shutil.copyfile(folder / "bbbb.db", folder / "bbbb 2.db")
    before = synced_state(a)
    run = sync(a, folder, dry_run=True)
    assert run.dry_run and run.published is None and run.changed()
    assert run.totals()["highlights_added"] == 2  # once from each file
    assert [m.moved_to for m in run.trashed] == [None]
    assert synced_state(a) == before and a.get_highlight(hb) is None
    assert sorted(p.name for p in folder.iterdir()) == ["bbbb 2.db", "bbbb.db"]
    assert "dry run" in run.summary()


def test_only_conflict_copies_without_a_folder(machines: tuple[Library, Library]) -> None:
    a, b = machines
    hb = _highlight(b, 1, "stop running in winter")
    b.close()
    shutil.copyfile(b.path, a.path.with_name("library.sync-conflict-20240101-120000-XYZ.db"))
    run = sync(a, None)
    assert run.folder is None and run.published is None and len(run.trashed) == 1
    assert a.get_highlight(hb) is not None


def test_snapshot_names_and_the_configured_folder(tmp_path: Path) -> None:
    assert snapshot_name("3f2a9c01be77") == "3f2a9c01be77.db"
    assert snapshot_name("../my laptop/") == "_my_laptop_.db"
    config = tmp_path / "config.toml"
    assert configured_folder(config) is None
    config.write_text('theme = "nord"\nsync_dir = "~/Sync/readmark"\n', encoding="utf-8")
    assert configured_folder(config) == Path.home() / "Sync" / "readmark"
    config.write_text("sync_dir = [", encoding="utf-8")
    assert configured_folder(config) is None
