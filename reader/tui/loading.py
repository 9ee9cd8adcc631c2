"""Lay out an article in two steps: a quick first screen from a prefix, then the rest.

Pure functions (no Textual) used by the reading view's workers. Block offsets are source
offsets, so blocks parsed from a prefix of the body (cut at a blank line) are the same blocks
the full parse finds; the seam is checked and the layout redone if they ever differ.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence

from reader.document import Block, parse_document
from reader.library import StoredArticle
from reader.quotes import Analysis
from reader.tui.layout import Line, layout_blocks

FIRST_BLOCKS = 40
CHUNK_BLOCKS = 400
PREFIX_CHARS = 12_000
LAYOUTS_KEPT = 4
_LAYOUT_CACHE: OrderedDict[tuple[str, int], list[Line]] = OrderedDict()


def header_meta(article: StoredArticle) -> list[str]:
    """Return the header's meta parts: authors, site, date, reading time."""
    minutes = max(1, round(article.words / 230))
    parts = [", ".join(article.authors), article.site or "", (article.published or "")[:10]]
    return [p for p in parts if p] + [f"{minutes}\u00a0min\u00a0read"]


def _key(article: StoredArticle, measure: int) -> tuple[str, int]:
    return (article.content_hash or str(hash(article.body)), measure)


def cached_layout(article: StoredArticle, measure: int) -> list[Line] | None:
    """Return the body lines laid out before for this content and measure, if kept."""
    return _LAYOUT_CACHE.get(_key(article, measure))


def keep_layout(article: StoredArticle, measure: int, lines: list[Line]) -> None:
    """Keep a finished layout (per content hash and measure) for the next opening."""
    _LAYOUT_CACHE[_key(article, measure)] = lines
    while len(_LAYOUT_CACHE) > LAYOUTS_KEPT:
        _LAYOUT_CACHE.popitem(last=False)


def clear_layouts() -> None:
    """Forget kept layouts (benchmarks measure cold opening)."""
    _LAYOUT_CACHE.clear()


def first_blocks(body: str, body_format: str, analysis: Analysis | None) -> list[Block]:
    """Return the first blocks of ``body`` cheaply (parsing a prefix when it is long).

    Args:
        body: The article body.
        body_format: ``markdown`` or ``text``.
        analysis: The full analysis, when already known (then its blocks are used).

    Returns:
        Up to ``FIRST_BLOCKS`` complete blocks from the start of the body.
    """
    if analysis is not None:
        return list(analysis.document.blocks[:FIRST_BLOCKS])
    cut = body.find("\n\n", PREFIX_CHARS) if len(body) > 2 * PREFIX_CHARS else -1
    if cut < 0:
        return list(parse_document(body, body_format).blocks[:FIRST_BLOCKS])
    blocks = list(parse_document(body[:cut], body_format).blocks)
    return blocks[:-1][:FIRST_BLOCKS]  # the last block may run past the cut


def same_start(full: Sequence[Block], first: Sequence[Block]) -> bool:
    """Return whether the full parse begins with exactly the quickly parsed blocks."""
    if len(full) < len(first):
        return False
    return all(
        (a.kind, a.start, a.end, a.level) == (b.kind, b.start, b.end, b.level)
        for a, b in zip(full, first, strict=False)
    )


def rest_chunks(
    blocks: Sequence[Block], start: int, measure: int, previous: Block | None
) -> Iterator[list[Line]]:
    """Lay out ``blocks[start:]`` in chunks of ``CHUNK_BLOCKS``.

    Args:
        blocks: All blocks of the document.
        start: Index of the first block not laid out yet.
        measure: Text column width.
        previous: The block laid out just before ``blocks[start]``.

    Yields:
        Lines of each chunk, in order.
    """
    for at in range(start, len(blocks), CHUNK_BLOCKS):
        chunk, previous = layout_blocks(blocks[at : at + CHUNK_BLOCKS], measure, previous)
        yield chunk
