"""Turning a ``Corpus`` into files on disk and readmark libraries (optionally with highlights).

Everything goes through readmark's own code: ``reader.ingest.reader.parse_article`` turns the
text into ``Article`` records and ``reader.library.Library`` stores them.
"""

from __future__ import annotations

import inspect
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import Corpus
from reader.ingest.article import Article
from reader.ingest.reader import parse_article
from reader.library import Library, StoreError

LONG_TITLE = "The very long read"
FILES_PER_DIR = 1000


def parsed(corpus: Corpus, n: int, start: int = 0) -> Iterator[Article]:
    """Yield articles ``start`` .. ``start + n - 1`` parsed by readmark (as an import does)."""
    for name, text in corpus.texts(n, start):
        yield parse_article(text, name=name, origin=None, body_format="markdown")


def long_article(corpus: Corpus, words: int) -> Article:
    """Return the long read: ``words`` words, titled ``LONG_TITLE``."""
    text = corpus.long_text(words)
    article = parse_article(text, name="long-read.md", origin=None, body_format="markdown")
    article.title = LONG_TITLE
    return article


def write_files(corpus: Corpus, n: int, directory: Path) -> Path:
    """Write ``n`` articles as ``.md`` files under ``directory`` (1,000 per sub-folder).

    Files already there with the right count are kept. Returns ``directory``.
    """
    marker = directory / f".complete-{corpus.seed}-{corpus.words}-{n}"
    if marker.exists():
        return directory
    for k, (name, text) in enumerate(corpus.texts(n)):
        folder = directory / f"{k // FILES_PER_DIR:03d}"
        if k % FILES_PER_DIR == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    marker.touch()
    return directory


@dataclass(frozen=True)
class BuiltLibrary:
    """A library made for the benchmarks.

    Attributes:
        path: The library file.
        articles: Live articles in it (the corpus's ``n`` plus the long read, if any).
        seconds: How long building it took (0 when it was reused).
        highlights: Highlights added (``None`` when the store cannot add highlights yet).
    """

    path: Path
    articles: int
    seconds: float
    highlights: int | None = None


def build_library(path: Path, corpus: Corpus, n: int, *, long_words: int = 0,
                  highlights_per_article: int = 0, chunk: int = 5000) -> BuiltLibrary:
    """Create (or reuse) a library of ``n`` corpus articles plus, if asked, the long read.

    A library at ``path`` with the expected article count is reused as it is.

    Args:
        path: Where the library goes.
        corpus: Where the articles come from.
        n: How many corpus articles.
        long_words: Length of the extra long read (0: none).
        highlights_per_article: Highlights to add to each article (see ``add_highlights``).
        chunk: Articles per ``import_many`` call (one transaction each).
    """
    expected = n + (1 if long_words else 0)
    if path.exists():
        with Library(path) as lib:
            if lib.count() == expected:
                return BuiltLibrary(path, expected, 0.0)
        path.unlink()
    start = time.perf_counter()
    highlights = None
    with Library(path) as lib:
        for first in range(0, n, chunk):
            lib.import_many(parsed(corpus, min(chunk, n - first), first))
        if long_words:
            lib.import_article(long_article(corpus, long_words))
        if highlights_per_article:
            highlights = add_highlights(lib, highlights_per_article, seed=corpus.seed)
    return BuiltLibrary(path, expected, time.perf_counter() - start, highlights)


def can_highlight() -> bool:
    """Return whether the store has ``Library.add_highlight`` (the highlights issue)."""
    return callable(getattr(Library, "add_highlight", None))


def add_highlights(lib: Library, per_article: int, *, seed: int = 0) -> int | None:
    """Add ``per_article`` highlights to every live article through ``Library.add_highlight``.

    Each highlight covers one sentence-like span of the body, chosen with ``seed``. The call is
    ``lib.add_highlight(article_id, start, end)`` with character offsets into the body; a
    ``note`` keyword is passed too when the method accepts one.

    Returns:
        The number of highlights added, or ``None`` when the store has no ``add_highlight``
        yet, or its first call fails other than with ``StoreError`` (other arguments, work in
        progress): callers then skip their highlight metrics. Later failures are raised.
    """
    if not can_highlight():
        return None
    add = lib.add_highlight  # type: ignore[attr-defined]
    takes_note = "note" in inspect.signature(add).parameters
    rng = random.Random(seed)
    ids = [row["id"] for row in lib._rows("SELECT id FROM articles WHERE deleted IS NULL")]
    added = 0
    with lib.batch() as tick:
        for article_id in ids:
            body = lib._scalar("SELECT body FROM articles WHERE id = ?", [article_id]) or ""
            for start, end in _spans(body, per_article, rng):
                try:
                    if takes_note and rng.random() < 0.2:
                        add(article_id, start, end, note="bench note")
                    else:
                        add(article_id, start, end)
                except StoreError:  # e.g. a span of only whitespace: skipped
                    continue
                except Exception:
                    if added:
                        raise
                    return None  # other arguments, or highlights half-built: not usable yet
                added += 1
            tick()
    return added


def _spans(body: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """Return ``count`` (start, end) spans of ``body``, each about one sentence long."""
    if len(body) < 2:
        return []
    spans = []
    for _ in range(count):
        start = rng.randrange(len(body) - 1)
        stop = body.find(". ", start)
        end = min(stop + 1 if stop != -1 else len(body), start + 400, len(body))
        spans.append((start, max(end, start + 1)))
    return spans
