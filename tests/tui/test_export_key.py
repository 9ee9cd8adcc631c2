"""Export from the TUI: ``e`` on the reading screen, "Export everything" from the palette."""

from __future__ import annotations

from pathlib import Path

import frontmatter

from reader.library import Library, ListQuery
from reader.tui.app import ReadmarkApp
from reader.tui.config import Config
from reader.tui.reading_screen import ReadingScreen
from tests.tui.conftest import settle, wait_for


def _annotate(library: Library) -> tuple[str, str]:
    """Highlight a sentence in two articles; return their ids."""
    ids = []
    for article in library.page(ListQuery())[:2]:
        stored = library.get(article.id)
        assert stored is not None
        end = stored.body.index(".") + 1
        library.add_highlight(article.id, 0, end, note=f"note on {article.title}")
        ids.append(article.id)
    return ids[0], ids[1]


async def test_e_exports_the_open_article_and_says_where(library: Library,
                                                         tmp_path: Path) -> None:
    first, _ = _annotate(library)
    out = tmp_path / "notes"
    app = ReadmarkApp(library, Config(export_dir=str(out)))
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_article(first)
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
        await pilot.press("e")
        await wait_for(pilot, lambda: any(out.glob("*.md")))
        await settle(pilot)
        files = list(out.glob("*.md"))
        assert len(files) == 1
        post = frontmatter.load(files[0])
        assert post["readmark_id"] == first
        assert f"note on {library.get(first).title}" in post.content  # type: ignore[union-attr]
        assert any(str(files[0]) in str(n.message) for n in app._notifications)


async def test_palette_exports_everything(library: Library, tmp_path: Path) -> None:
    first, second = _annotate(library)
    out = tmp_path / "all"
    app = ReadmarkApp(library, Config(export_dir=str(out)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app._export_all()
        await wait_for(pilot, lambda: len(list(out.glob("*.md"))) == 2)
        ids = {frontmatter.load(p)["readmark_id"] for p in out.glob("*.md")}
        assert ids == {first, second}
