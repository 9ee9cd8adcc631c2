"""Approximate string matching for highlight re-anchoring.

The core is Myers' bit-parallel edit-distance algorithm (Myers 1999, in the block form of
Hyyrö 2001) on Python integers, which are as wide as the pattern, so a 2,000-character
pattern costs a couple of dozen integer operations per text character. Candidate places
are found cheaply first: pieces of the quote (and of its stored context) are looked up
with ``str.find`` and each hit votes for the place where the quote would start. Only the
best few places are then searched with Myers' algorithm, in a window of the quote's length
plus the error bound on each side.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

# (piece length, most pieces looked up, most hits a piece may have before it is ignored)
_STAGES = ((16, 24, 8), (8, 128, 16))
_TOP_WINDOWS = 4
_FRAGMENT = 64  # long quotes are placed by fragments this long at each end
_FEW_EDITS = 24  # distances up to this are computed by Landau-Vishkin for long strings
_FULL_MAX = 4096  # longer quotes are never searched for whole (cost grows as length squared)


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


def _pieces(ext: str, size: int, most: int) -> list[int]:
    """Offsets of up to ``most`` evenly spread, non-overlapping pieces of ``ext``."""
    if len(ext) <= size:
        return [0] if ext else []
    offs = list(range(0, len(ext) - size + 1, size))
    if offs[-1] != len(ext) - size:
        offs.append(len(ext) - size)
    if len(offs) > most:
        step = (len(offs) - 1) / (most - 1)
        offs = sorted({offs[round(i * step)] for i in range(most)})
    return offs


def _votes(body: str, ext: str, base: int, size: int, most: int, hits: int) -> dict[int, float]:
    """Starting offsets the quote could have, weighted by how many pieces agree."""
    votes: dict[int, float] = {}
    for off in _pieces(ext, size, most):
        piece = ext[off : off + size]
        found: list[int] = []
        i = body.find(piece)
        while i >= 0 and len(found) <= hits:
            found.append(i)
            i = body.find(piece, i + 1)
        if len(found) > hits:
            continue
        for i in found:
            diag = i - off + base
            votes[diag] = votes.get(diag, 0.0) + len(piece) / len(found)
    return votes


def _clusters(votes: dict[int, float], gap: int) -> list[tuple[float, int, int]]:
    """Groups of nearby start offsets as ``(weight, lowest, highest)``, best supported first.

    At most a few are kept, and none with less than an eighth of the best one's support.
    """
    groups: list[tuple[float, int, int]] = []
    for diag in sorted(votes):
        if groups and diag - groups[-1][2] <= gap:
            weight, lo, _ = groups[-1]
            groups[-1] = (weight + votes[diag], lo, diag)
        else:
            groups.append((votes[diag], diag, diag))
    groups.sort(key=lambda g: -g[0])
    return [g for g in groups[:_TOP_WINDOWS] if g[0] >= groups[0][0] / 8]


def _by_ends(body: str, exact: str, lo: int, hi: int, margin: int, bound: int) -> Match | None:
    """Place a long quote by its first and last fragments, searched ``margin`` around."""
    m, f = len(exact), _FRAGMENT
    a = max(0, lo - margin)
    head = best_in(exact[:f], body[a : max(a, hi + f + margin)], (lo + hi) // 2 - a)
    b = max(0, lo + m - f - margin)
    tail = best_in(exact[-f:], body[b : max(b, hi + m + margin)], (lo + hi) // 2 + m - f - b)
    if head is None or tail is None or max(head.distance, tail.distance) > f // 4:
        return None
    start, end = a + head.start, b + tail.end
    if not m - bound <= end - start <= m + bound:
        return None
    d = levenshtein(exact, body[start:end])
    return Match(start, end, d) if d <= bound else None


def _in_window(body: str, exact: str, lo: int, hi: int, bound: int, full: bool) -> Match | None:
    """Best match of ``exact`` starting near ``lo``..``hi``, within ``bound`` edits.

    Long quotes are placed by their first and last :data:`_FRAGMENT` characters, each
    searched for near where it should be (close by first, then as far as ``bound``
    allows); the span between is then measured as a whole. If that fails and ``full`` is
    set, the whole quote (up to :data:`_FULL_MAX` characters) is searched for in the
    window.
    """
    m = len(exact)
    if m > 3 * _FRAGMENT:
        near = min(bound, hi - lo + _FRAGMENT)
        for margin in (near, bound) if full and near < bound else (near,):
            match = _by_ends(body, exact, lo, hi, margin, bound)
            if match is not None:
                return match
        if not full or m > _FULL_MAX:
            return None
    a, b = max(0, lo - bound), min(len(body), hi + m + bound)
    match = best_in(exact, body[a:b], (lo + hi) // 2 - a) if b > a else None
    if match is None or match.distance > bound:
        return None
    return Match(match.start + a, match.end + a, match.distance)


def candidates(
    body: str, exact: str, prefix: str, suffix: str, hint: int, bound: int
) -> Iterator[list[Match]]:
    """Approximate occurrences of ``exact`` in ``body``, in rounds of growing effort.

    The first round looks up a few long pieces of ``prefix + exact + suffix``; the
    second, meant for heavily edited quotes, many shorter ones. Each round yields the
    best match (by edit distance, at most ``bound``) in each of the few best supported
    windows.

    Args:
        body: The text searched.
        exact: The quote (non-empty).
        prefix: Context stored before the quote.
        suffix: Context stored after the quote.
        hint: The quote's previous start offset; a weak vote for staying there.
        bound: Largest edit distance worth reporting.

    Yields:
        One list of matches per round (possibly empty).
    """
    ext = prefix + exact + suffix
    for size, most, hits in _STAGES:
        votes = _votes(body, ext, len(prefix), size, most, hits)
        if 0 <= hint <= len(body):
            votes[hint] = votes.get(hint, 0.0) + 1.0
        # a window is searched in full only with a sixteenth of the pieces' length behind it
        enough = size * min(most, len(ext) // size + 1) / 16
        found: list[Match] = []
        for weight, lo, hi in _clusters(votes, max(8, min(bound, 64))):
            match = _in_window(body, exact, lo, hi, bound, weight >= enough)
            if match is not None:
                found.append(match)
        yield found
