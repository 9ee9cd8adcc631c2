"""Edit distance: Myers' bit-parallel algorithm and Landau-Vishkin, on Python strings.

Myers' algorithm (Myers 1999, in the block form of Hyyrö 2001) runs on Python integers as
wide as the pattern, so a 2,000-character pattern costs a couple of dozen integer
operations per text character. Landau and Vishkin's diagonal method, with common runs
skipped by slice comparison, measures long strings that differ in a few places in time
that grows with the square of the distance instead.
"""

from __future__ import annotations

from dataclasses import dataclass

_FEW_EDITS = 24  # distances up to this are computed by Landau-Vishkin for long strings


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


def _columns(pattern: str, text: str, *, anchored: bool) -> list[int]:
    """Edit distances of ``pattern`` against ``text`` column by column.

    Entry ``j`` is the distance to the best substring of ``text`` ending at ``j``
    (``anchored=False``, a search) or to ``text[:j]`` itself (``anchored=True``).
    """
    m = len(pattern)
    if m == 0:
        return list(range(len(text) + 1)) if anchored else [0] * (len(text) + 1)
    peq: dict[str, int] = {}
    bit = 1
    for ch in pattern:
        peq[ch] = peq.get(ch, 0) | bit
        bit <<= 1
    mask = (1 << m) - 1
    last = 1 << (m - 1)
    carry = 1 if anchored else 0
    pv, mv, score = mask, 0, m
    out = [score]
    get = peq.get
    for ch in text:
        eq = get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & last:
            score += 1
        elif mh & last:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        out.append(score)
    return out


def common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix of ``a`` and ``b`` (binary search on slices)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(a: str, b: str) -> int:
    """Length of the longest common suffix of ``a`` and ``b``."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def levenshtein(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions and substitutions cost 1).

    Common prefixes and suffixes are skipped first. Long strings that differ in a few
    places are then compared by Landau and Vishkin's diagonal method, whose cost grows
    with the square of the distance rather than with the product of the lengths; other
    pairs by Myers' bit-parallel algorithm.

    Args:
        a: One string.
        b: The other string.

    Returns:
        The edit distance.
    """
    p = common_prefix(a, b)
    a, b = a[p:], b[p:]
    s = common_suffix(a, b)
    a, b = a[: len(a) - s], b[: len(b) - s]
    if len(a) < len(b):
        a, b = b, a
    if len(b) > _FEW_EDITS * 4:
        few = _few_edits(a, b, _FEW_EDITS)
        if few is not None:
            return few
    return _columns(a, b, anchored=True)[-1]


def _slide(a: str, b: str, i: int, j: int) -> int:
    """Length of the common prefix of ``a[i:]`` and ``b[j:]``, in growing chunks."""
    n, step = 0, 32
    while True:
        x, y = a[i + n : i + n + step], b[j + n : j + n + step]
        if x != y:
            return n + common_prefix(x, y)
        if len(x) < step:
            return n + len(x)
        n, step = n + step, step * 2


def _few_edits(a: str, b: str, most: int) -> int | None:
    """Landau-Vishkin: the edit distance of ``a`` and ``b`` if it is at most ``most``."""
    n, m = len(a), len(b)
    goal = m - n  # the diagonal (j - i) the alignment must end on
    if abs(goal) > most:
        return None
    none = -(n + m + 2)
    rows = {0: _slide(a, b, 0, 0)}  # diagonal -> furthest row reached
    if goal == 0 and rows[0] >= n:
        return 0
    for d in range(1, most + 1):
        reached: dict[int, int] = {}
        for diag in range(-d, d + 1):
            i = max(
                rows.get(diag, none) + 1, rows.get(diag + 1, none) + 1, rows.get(diag - 1, none)
            )
            i = min(i, n, m - diag)
            if i < max(0, -diag):
                continue
            i += _slide(a, b, i, i + diag)
            reached[diag] = i
            if diag == goal and i >= n:
                return d
        rows = reached
    return None


def similarity(stored: str, found: str) -> float:
    """``1 - distance / len(stored)``, floored at 0; 1.0 when ``stored`` is empty."""
    if not stored:
        return 1.0
    return max(0.0, 1.0 - levenshtein(stored, found) / len(stored))


def best_in(pattern: str, text: str, near: int) -> Match | None:
    """The substring of ``text`` closest to ``pattern`` by edit distance.

    Args:
        pattern: What to look for (non-empty).
        text: Where to look.
        near: Preferred start offset; among equally close substrings the one whose end,
            then start, is nearest to ``near`` (and ``near + len(pattern)``) wins.

    Returns:
        The match, or ``None`` when ``text`` is empty.
    """
    m = len(pattern)
    cols = _columns(pattern, text, anchored=False)
    if len(cols) < 2:
        return None
    d = min(cols[1:])
    end = min((j for j in range(1, len(cols)) if cols[j] == d), key=lambda j: abs(j - near - m))
    lo = max(0, end - m - d)
    back = _columns(pattern[::-1], text[lo:end][::-1], anchored=True)
    sizes = [c for c in range(1, len(back)) if back[c] == d]
    if not sizes:
        return None
    size = min(sizes, key=lambda c: abs(end - c - near))
    return Match(end - size, end, d)
