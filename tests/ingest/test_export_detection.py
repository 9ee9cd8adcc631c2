"""readmark's own exports are recognised and never read as articles (issue: data loss)."""

from __future__ import annotations

import pytest

from reader.export import managed
from reader.ingest import reader as ingest_reader
from reader.ingest.reader import EXPORT_REASON, NotAnArticle, is_readmark_export, parse_article

OWN_FRONT = (
    "title: A harbour story\nauthors:\n  - Ines Okafor\nurl:\nsite: Tidewater\npublished:\n"
    "tags: []\nreadmark_id: \"7fc7abd365028445\"\nexported: 2024-05-01T12:00:00Z\n"
)
BLOCK = (f"{managed.BEGIN}\n\n## Highlights\n\n> The council voted 4-1.\n\n"
         f"^hl-1\n\n{managed.END}\n")


def export_text() -> str:
    """An export as readmark writes it (front matter, the reader's lines, the block)."""
    return managed.compose(OWN_FRONT, managed.ExportFile(before="My own notes.\n\n"),
                           "## Highlights\n\n> The council voted 4-1.\n")


def parse(text: str) -> object:
    return parse_article(text, name="x.md", origin=None, body_format="markdown")


def test_every_sign_of_an_export_contains_the_hint() -> None:
    # Files without the hint word skip the export check; each way an export is recognised
    # needs the id key or the markers, so these must contain it.
    for sign in (managed.BEGIN, managed.END, managed.ID_KEY):
        assert ingest_reader._EXPORT_HINT in sign


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(export_text(), id="as-written"),
        pytest.param(export_text().replace("\n", "\r\n"), id="crlf"),
        pytest.param("\ufeff" + export_text(), id="bom"),
        pytest.param(f"---\n{OWN_FRONT}---\n# A harbour story\n\nThe council voted.\n",
                     id="streamed-no-block"),
        pytest.param(f"# A harbour story\n\n{BLOCK}\nMore notes.\n", id="front-matter-removed"),
        pytest.param(f"---\ntitle: [unclosed\n{OWN_FRONT}---\n{BLOCK}", id="broken-yaml-block"),
        pytest.param(f"---\ntitle: [unclosed\n{OWN_FRONT}---\nText of mine.\n",
                     id="broken-yaml-front-only"),
    ],
)
def test_exports_are_not_articles(text: str) -> None:
    with pytest.raises(NotAnArticle, match=EXPORT_REASON):
        parse(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("# How readmark works\n\nThe readmark_id key names the article.\n",
                     id="mentions-readmark"),
        pytest.param("---\ntitle: Kept\nreadmark_id: abc\n---\n\nBody text here.\n",
                     id="id-without-export-time"),
        pytest.param(f"# Quoting markers\n\n\\{managed.BEGIN}\n\nBody.\n\n\\{managed.END}\n",
                     id="defused-markers"),
        pytest.param(f"# Only a begin marker\n\n{managed.BEGIN}\n\nBody text.\n",
                     id="begin-without-end"),
    ],
)
def test_articles_about_readmark_are_still_articles(text: str) -> None:
    assert not is_readmark_export(text)
    assert parse(text).body  # type: ignore[attr-defined]


def test_export_with_no_text_is_skipped_not_failed() -> None:
    with pytest.raises(NotAnArticle):
        parse(f"---\n{OWN_FRONT}---\n")
