"""Where the TUI exports when ``export_dir`` is not set: a readmark folder in the user's
documents (or data) folder, never the working directory (a later ``import .`` would read it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.library import Library, ListQuery
from reader.tui.app import ReadmarkApp
from reader.tui.config import Config
from reader.tui.exporting import default_export_dir
from reader.tui.reading_screen import ReadingScreen
from tests.tui.conftest import settle, wait_for


def test_default_is_readmark_in_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    documents = Path(os.environ["HOME"]) / "Documents"
    documents.mkdir()
    assert default_export_dir() == documents / "readmark"


def test_default_without_documents_is_in_the_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    assert not (Path(os.environ["HOME"]) / "Documents").exists()
    assert default_export_dir() == Path(os.environ["XDG_DATA_HOME"]) / "readmark" / "exports"


async def test_e_without_export_dir_writes_to_documents_not_cwd(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    documents = Path(os.environ["HOME"]) / "Documents"
    documents.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    article = library.page(ListQuery())[0]
    stored = library.get(article.id)
    assert stored is not None
    library.add_highlight(article.id, 0, stored.body.index(".") + 1)
    out = documents / "readmark"
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_article(article.id)
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
        await pilot.press("e")
        await wait_for(pilot, lambda: any(out.glob("*.md")))
        await settle(pilot)
        (written,) = out.glob("*.md")
        assert any(str(written) in str(n.message) for n in app._notifications)
    assert list(work.iterdir()) == []
