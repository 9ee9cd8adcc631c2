"""Edit distance and the closest substring, on rapidfuzz's bit-parallel kernels.

rapidfuzz computes Levenshtein (and LCS) distances of whole strings in C; the search for the
substring of a text closest to a pattern (:func:`best_in`) is built on those.

The trick: let ``z`` be a character the text lacks. Aligning ``z * L`` with ``L'`` text
characters costs ``max(L, L')``, so

    lev(z * L + pattern + z * R, X) - L - R

is the distance from ``pattern`` to its closest substring of ``X``, counting one more for
each character the substring starts beyond ``L`` characters into ``X`` or ends more than
``R`` characters before its end. With ``L`` and ``R`` as long as ``X``, one computation
gives the smallest distance in a window; with ``R`` the width of a range of end offsets it
bounds the distances of the substrings ending there from below, exactly for a single end.
Halving such ranges finds the end (then, likewise, the start) nearest the preferred place
among those reaching the smallest distance.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq, Levenshtein, Postfix, Prefix

_FEW_STARTS = 8  # fewer possible starts than this are measured one by one
_PADS = "\uffff\ufffe\U0010ffff\U0010fffe\x00"  # characters unlikely in an article


@dataclass(frozen=True)
class Match:
    """A substring of the searched text and its edit distance to the pattern.

    Attributes:
        start: Offset of the first character.
        end: Offset just after the last character.
        distance: Levenshtein distance between the pattern and ``text[start:end]``.
    """

    start: int
    end: int
    distance: int


def common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix of ``a`` and ``b``."""
    return int(Prefix.similarity(a, b))


def common_suffix(a: str, b: str) -> int:
    """Length of the longest common suffix of ``a`` and ``b``."""
    return int(Postfix.similarity(a, b))


def levenshtein(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions and substitutions cost 1).

    Args:
        a: One string.
        b: The other string.

    Returns:
        The edit distance.
    """
    return int(Levenshtein.distance(a, b))


def similarity(stored: str, found: str) -> float:
    """``1 - distance / len(stored)``, floored at 0; 1.0 when ``stored`` is empty."""
    if not stored:
        return 1.0
    return max(0.0, 1.0 - levenshtein(stored, found) / len(stored))


def best_in(pattern: str, text: str, near: int, bound: int | None = None) -> Match | None:
    """The substring of ``text`` closest to ``pattern`` by edit distance.

    Args:
        pattern: What to look for.
        text: Where to look.
        near: Preferred start offset; among equally close substrings the one whose end,
            then start, is nearest to ``near`` (and ``near + len(pattern)``) wins (the
            earlier end, then the later start, when two are equally near).
        bound: If given, substrings further than this from ``pattern`` are not wanted:
            ``None`` is returned when every substring is. The search is faster with a
            small bound.

    Returns:
        The match, or ``None`` when ``text`` or ``pattern`` is empty (or nothing is within
        ``bound``).
    """
    m, n = len(pattern), len(text)
    if not m or not n:
        return None
    k = m if bound is None else min(bound, m)  # a one-character substring is within m
    if k < 0:
        return None
    target = near + m
    exact = text.find(pattern)
    if exact >= 0:  # distance 0: only the pattern itself, so only its occurrences
        found: list[int] = []
        while exact >= 0:
            found.append(exact + m)
            exact = text.find(pattern, exact + 1)
        end = min(found, key=lambda j: (abs(j - target), j))
        return Match(end - m, end, 0)
    need = m - k  # each pattern character outside a common subsequence costs an edit
    if need > 0 and LCSseq.similarity(pattern, text, score_cutoff=need) < need:
        return None
    pad = _pad(text)
    shortest = max(1, m - k)  # a substring within k edits is at least this long
    free = max(0, n - shortest)
    d = _lowest(pattern, text, pad, 0, n, free, free, k)
    if d > k:
        return None
    shortest = max(1, m - d)

    def ends(a: int, b: int) -> int:
        s = max(0, a - m - d)
        return _lowest(pattern, text, pad, s, b, max(0, b - s - shortest), b - a, d)

    end = _nearest(shortest, n, target, lambda j: (abs(j - target), j), ends, d)
    first, last = max(0, end - m - d), end - shortest
    if last - first < _FEW_STARTS:  # try them one by one, nearest first
        for start in sorted(range(first, last + 1), key=lambda i: (abs(i - near), -i)):
            if Levenshtein.distance(pattern, text[start:end], score_cutoff=d) <= d:
                return Match(start, end, d)

    def starts(p: int, q: int) -> int:
        return _lowest(pattern, text, pad, p, end, q - p, 0, d)

    start = _nearest(first, last, near, lambda i: (abs(i - near), -i), starts, d)
    return Match(start, end, d)


def _pad(text: str) -> str:
    """A character that does not occur in ``text``."""
    for ch in _PADS:
        if ch not in text:
            return ch
    return next(chr(c) for c in range(0x10FFFF, -1, -1) if chr(c) not in text)


def _lowest(pattern: str, text: str, pad: str, s: int, e: int, lead: int, trail: int,
            most: int) -> int:
    """Smallest distance from ``pattern`` to a substring ``text[i:j]`` of ``text[s:e]``,
    plus one for each character ``i`` lies beyond ``s + lead`` and ``j`` before
    ``e - trail``; ``most + 1`` when that is over ``most``."""
    padded = pad * lead + pattern + pad * trail
    cut = lead + trail + most
    return int(Levenshtein.distance(padded, text[s:e], score_cutoff=cut)) - lead - trail


def _nearest(lo: int, hi: int, aim: int, key: Callable[[int], tuple[int, int]],
             lower: Callable[[int, int], int], d: int) -> int:
    """The point of ``lo..hi`` with the smallest ``key`` whose value is ``d`` (none is less).

    ``key`` grows with the distance from ``aim``; ``lower(a, b)`` bounds the values on
    ``a..b`` from below and is the value itself when ``a == b``; some point of ``lo..hi``
    has the value ``d``. Ranges are opened nearest ``aim`` first, halving, and dropped when
    their bound exceeds ``d``.
    """
    heap = [(key(min(max(aim, lo), hi)), lo, hi)]
    while heap:
        _, a, b = heapq.heappop(heap)
        if (a, b) != (lo, hi) and lower(a, b) > d:
            continue
        if a == b:
            return a
        mid = (a + b) // 2
        for x, y in ((a, mid), (mid + 1, b)):
            heapq.heappush(heap, (key(min(max(aim, x), y)), x, y))
    raise AssertionError("no point reaches the smallest distance")  # pragma: no cover
