"""Whole-article checks on small annotated stories written for the text engine.

The files in ``tests/quotes/data/`` use the corpus annotation format (``{{Speaker|"..."}}``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.quotes import find_quotes

corpus = pytest.importorskip("tests.quote_corpus")
STORIES = sorted(
    p for p in (Path(__file__).parent / "data").iterdir() if p.suffix in (".md", ".txt")
)


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_story_spans_kinds_and_speakers(path: Path) -> None:
    doc = corpus.load_file(path)
    predicted = [
        (q.start, q.end, q.speaker, q.kind) for q in find_quotes(doc.text, doc.body_format)
    ]
    expected = [(g.start, g.end, g.speaker, g.kind) for g in doc.gold]
    assert predicted == expected
