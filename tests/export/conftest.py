"""Shared pieces for the export tests: a small annotated library on a real SQLite file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.ingest.article import Article
from reader.library import Library

NOW = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2024, 6, 2, 8, 30, tzinfo=dt.UTC)

BODY = (
    "The council met on Tuesday to discuss the harbour.\n\n"
    "\"We cannot wait another winter,\" said Mara Quill, who chairs the ferry board.\n\n"
    "Residents packed the hall. Several asked about the *tide gauges* and the old pier.\n\n"
    "The pier was closed in March after a storm damaged its pilings."
)
ORPHAN_TEXT = "The pier was closed in March after a storm damaged its pilings."


def article(body: str = BODY, **kw: object) -> Article:
    base: dict[str, object] = {
        "title": "Harbour vote", "body": body, "url": "https://news.example/harbour",
        "tags": ["local", "ferries"], "authors": ["Jo Reed"], "site": "News Example",
        "published": "2024-04-30",
    }
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def span(lib: Library, aid: str, text: str) -> tuple[int, int]:
    body = lib.get(aid).body  # type: ignore[union-attr]
    start = body.index(text)
    return start, start + len(text)


@dataclass
class Annotated:
    """The library of the golden files: one article, three highlights, an orphan, a note."""

    lib: Library
    aid: str


def make_annotated(lib: Library) -> Annotated:
    """Fill ``lib`` with the golden files' article (``annotated`` fixture)."""
    aid = lib.import_article(article()).id
    lib.add_highlight(aid, *span(lib, aid, "We cannot wait another winter"),
                      note="The board's line since *January*.", color="pink")
    lib.add_highlight(aid, *span(lib, aid, "Residents packed the hall."))
    lib.add_highlight(aid, *span(lib, aid, "the *tide gauges*"), color="blue",
                      note="Ask:\n\n- who maintains them?\n- since when?")
    lib.add_highlight(aid, *span(lib, aid, ORPHAN_TEXT), note="storm date?")
    lib.set_article_note(aid, "Follow up before the **June** vote.")
    lib.import_article(article(BODY.replace(ORPHAN_TEXT, "The pier is open again.")))
    return Annotated(lib, aid)


@pytest.fixture
def annotated(lib: Library) -> Annotated:
    return make_annotated(lib)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The export folder (not yet made; the library lives elsewhere in ``tmp_path``)."""
    return tmp_path / "notes"
