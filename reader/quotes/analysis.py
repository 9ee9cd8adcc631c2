"""The public entry points: ``find_quotes``, ``speakers_index`` and the cached ``analyze``."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from threading import Lock

from reader.document.gc_pause import paused_gc
from reader.quotes import person_names
from reader.quotes.builder import Builder
from reader.quotes.records import Analysis, Quote, Speaker

_CACHE: OrderedDict[tuple[bytes, str], Analysis] = OrderedDict()
_CACHE_SIZE = 32
_LOCK = Lock()


def find_quotes(body: str, body_format: str = "markdown") -> list[Quote]:
    """Find every quotation in an article body, attributed where possible.

    Args:
        body: The stored body.
        body_format: ``"markdown"`` or ``"text"``.

    Returns:
        Quotes in order of start offset (outer before nested at the same offset).
    """
    try:
        with paused_gc():
            return Builder(body, body_format).build()
    except RecursionError:  # pragma: no cover - defensive: never crash on odd input
        return []


def speakers_index(quotes: list[Quote]) -> list[Speaker]:
    """Group attributed quotes by speaker.

    Args:
        quotes: Quotes as returned by :func:`find_quotes`.

    Returns:
        Speakers with their quotes, most quotes first, then by first appearance.
    """
    groups: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.speaker:
            groups.setdefault(q.speaker, []).append(q)
    order = {name: i for i, name in enumerate(groups)}
    items = sorted(groups.items(), key=lambda kv: (-len(kv[1]), order[kv[0]]))
    return [Speaker(name, tuple(qs)) for name, qs in items]


def analyze_uncached(body: str, body_format: str = "markdown") -> Analysis:
    """Compute an :class:`Analysis` without the cache (for benchmarks)."""
    with paused_gc():
        b = Builder(body, body_format)
        quotes = b.build()
        return Analysis(b.doc, tuple(quotes), tuple(b.sents), tuple(speakers_index(quotes)))


def analyze(body: str, body_format: str = "markdown") -> Analysis:
    """Parse, find quotes, split sentences and index speakers; cached per content.

    Args:
        body: The stored body.
        body_format: ``"markdown"`` or ``"text"``.

    Returns:
        The analysis; repeated calls with the same content return the cached object.
    """
    key = (
        hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=16).digest(),
        body_format,
    )
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    result = analyze_uncached(body, body_format)
    with _LOCK:
        _CACHE[key] = result
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result


def clear_cache() -> None:
    """Empty the ``analyze`` cache."""
    with _LOCK:
        _CACHE.clear()
    person_names.clear_caches()
