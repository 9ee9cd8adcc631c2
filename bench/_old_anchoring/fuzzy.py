"""Approximate search for a highlight's quote in a changed body.

Candidate places are found cheaply first: pieces of the quote (and of its stored context)
are looked up with ``str.find`` and each hit votes for the place where the quote would
start. Only the best few places are then searched with the edit-distance algorithms of
:mod:`reader.anchors.editdistance`, in a window of the quote's length plus the error bound
on each side; long quotes are placed by fragments at each end, then measured whole.
"""

from __future__ import annotations

from collections.abc import Iterator

from bench._old_anchoring.editdistance import Match, best_in, levenshtein

# (piece length, most pieces looked up, most hits a piece may have before it is ignored)
_STAGES = ((16, 24, 8), (8, 128, 16))
_TOP_WINDOWS = 4
_FRAGMENT = 64  # long quotes are placed by fragments this long at each end
_FULL_MAX = 4096  # longer quotes are never searched for whole (cost grows as length squared)


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
