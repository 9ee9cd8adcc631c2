"""``Library.notebook_count``: the same filters as ``notebook``, counted."""

from __future__ import annotations

import pytest

from reader.ingest.article import Article
from reader.library import Library, NotebookQuery

BODY = (
    "The council met on Tuesday to discuss the harbour.\n\n"
    "Residents packed the hall. Several asked about the tide gauges and the old pier."
)
BREAD = "A starter is flour and water left alone. Time is the main ingredient."


def _span(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


@pytest.fixture
def filled(lib: Library) -> Library:
    harbour = lib.import_article(Article(title="Harbour", body=BODY, tags=["Local"])).id
    bread = lib.import_article(Article(title="Bread", body=BREAD, tags=["food"])).id
    lib.add_highlight(harbour, *_span(BODY, "council met"), color="green")
    lib.add_highlight(harbour, *_span(BODY, "tide gauges"), note="ask the port")
    lib.add_highlight(bread, *_span(BREAD, "flour and water"), color="green")
    gone = lib.add_highlight(bread, *_span(BREAD, "main ingredient"))
    lib.delete_highlight(gone.id)
    lib.set_article_note(bread, "Try the tide of patience")
    ferry = Article(title="Ferry", body="The ferry runs twice a day in winter.",
                    url="https://news.example/ferry", tags=["local"])
    ferry_id = lib.import_article(ferry).id
    orphaned = lib.add_highlight(ferry_id, 4, 9)
    lib.import_article(Article(title="Ferry", body="An entirely different story about tolls.",
                               url="https://news.example/ferry", tags=["local"]))
    assert lib.get_highlight(orphaned.id).state == "orphaned"  # type: ignore[union-attr]
    return lib


@pytest.mark.parametrize(
    "query",
    [
        NotebookQuery(),
        NotebookQuery(text="tide"),
        NotebookQuery(text="port"),
        NotebookQuery(text="   "),
        NotebookQuery(text="nothing-like-this"),
        NotebookQuery(color="green"),
        NotebookQuery(tag="local"),
        NotebookQuery(tag="FOOD"),
        NotebookQuery(orphaned=True),
        NotebookQuery(tag="food", text="tide"),
    ],
)
def test_count_matches_the_listing(filled: Library, query: NotebookQuery) -> None:
    assert filled.notebook_count(query) == len(filled.notebook(query, limit=1000))


def test_counts(filled: Library) -> None:
    assert filled.notebook_count() == 5  # four live highlights and the article note
    assert filled.notebook_count(NotebookQuery(color="green")) == 2
    assert filled.notebook_count(NotebookQuery(text="tide")) == 2  # a highlight and the note
    assert filled.notebook_count(NotebookQuery(orphaned=True)) == 1
    assert filled.notebook_count(NotebookQuery(text="\"")) == 0


def test_article_filter(filled: Library) -> None:
    bread = next(e.article_id for e in filled.notebook() if e.article_title == "Bread")
    assert filled.notebook_count(NotebookQuery(article_id=bread)) == 2
