"""Golden files: both built-in styles, byte for byte (hand-checked once; see golden/)."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest

from reader.export import export_article
from tests.export.conftest import NOW, Annotated

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize(("style", "quotes"), [("obsidian", True), ("plain", False)])
def test_built_in_styles_match_the_golden_files(
    annotated: Annotated, tmp_path: Path, style: str, quotes: bool
) -> None:
    result = export_article(annotated.lib, annotated.aid, tmp_path, style, quotes=quotes,
                            now=NOW)
    assert result.written and result.path == tmp_path / "harbour-vote.md"
    expected = (GOLDEN / f"{style}.md").read_text(encoding="utf-8")
    assert result.path.read_text(encoding="utf-8") == expected


def test_front_matter_reads_back(annotated: Annotated, tmp_path: Path) -> None:
    result = export_article(annotated.lib, annotated.aid, tmp_path, now=NOW)
    assert result.path is not None
    post = frontmatter.load(str(result.path))
    assert post["title"] == "Harbour vote"
    assert post["authors"] == ["Jo Reed"] and post["tags"] == ["local", "ferries"]
    assert post["url"] == "https://news.example/harbour" and post["site"] == "News Example"
    assert str(post["published"]) == "2024-04-30"
    assert post["readmark_id"] == annotated.aid
    assert post["exported"].isoformat() == "2024-05-01T12:00:00+00:00"
    assert post.content.startswith("<!-- readmark:begin")
