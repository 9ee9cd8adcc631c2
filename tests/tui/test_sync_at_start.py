"""At start the reader syncs the configured folder in a worker and says what changed."""

from __future__ import annotations

from pathlib import Path

from reader.library import Library
from reader.store.clock import Clock
from reader.sync.folder import snapshot_name
from reader.tui.app import ReadmarkApp
from reader.tui.config import Config
from tests.tui.conftest import ARTICLES, settle, wait_for


def _messages(app: ReadmarkApp) -> list[str]:
    return [n.message for n in app._notifications]


def _other_machine(path: Path) -> str:
    """A library made elsewhere: the harbour article with a highlight on it."""
    other = Library(path, clock=Clock("desktop"))
    try:
        aid = other.import_article(ARTICLES[0]).id
        article = other.get(aid)
        assert article is not None
        start = article.body.index("dredge the north channel")
        return other.add_highlight(aid, start, start + 24, note="from the desktop").id
    finally:
        other.close()


async def test_configured_folder_is_merged_at_start(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    hid = _other_machine(folder / "desktop.db")
    app = ReadmarkApp(library, Config(sync_dir=str(folder)))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: any(m.startswith("sync") for m in _messages(app)))
        merged = library.get_highlight(hid)
        assert merged is not None and merged.note == "from the desktop"
        [message] = _messages(app)
        assert "1 file merged" in message and "1 highlight added" in message
        assert (folder / snapshot_name(library.clock.device)).is_file()


async def test_a_snapshot_under_our_name_from_another_library_is_a_warning(
        library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    hid = _other_machine(folder / snapshot_name(library.clock.device))
    app = ReadmarkApp(library, Config(sync_dir=str(folder)))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: bool(_messages(app)))
        [notice] = list(app._notifications)
        assert notice.severity == "warning" and "named as this library's snapshot" in notice.message
        assert library.get_highlight(hid) is not None


async def test_conflict_copy_beside_the_library_is_merged_without_a_folder(
        library: Library, tmp_path: Path) -> None:
    hid = _other_machine(library.path.with_name("library (Bo's conflicted copy 2026-01-01).db"))
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: bool(_messages(app)))
        assert library.get_highlight(hid) is not None
        assert "1 conflict copy moved" in _messages(app)[0]
    assert (library.path.parent / ".readmark-trash").is_dir()


async def test_a_bad_folder_is_one_error_notice(library: Library) -> None:
    app = ReadmarkApp(library, Config(sync_dir=str(library.path.parent)))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: bool(_messages(app)))
        [notice] = list(app._notifications)
        assert notice.severity == "error" and "holds the live library" in notice.message
        await settle(pilot)
        assert app.screen.id != "reading" and app.is_running


async def test_no_folder_and_no_copies_means_no_worker(app: ReadmarkApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert _messages(app) == []
        assert not [w for w in app.workers if w.group == "sync"]
