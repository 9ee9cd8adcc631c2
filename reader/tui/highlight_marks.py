"""Highlights as marks by source offset (no Textual): which to draw, which is under the cursor.

Highlights may overlap in the store; the view draws non-overlapping marks, the shortest
highlight winning where they overlap.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from reader.library import Highlight


def flatten(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Turn possibly overlapping ``(start, end, kind)`` spans into non-overlapping ones.

    Where spans overlap, the shortest wins (a small highlight inside a long one stays
    visible).

    Args:
        spans: Spans with ``start < end``.

    Returns:
        Sorted, non-overlapping spans.
    """
    points = sorted({s for s, _, _ in spans} | {e for _, e, _ in spans})
    out: list[tuple[int, int, str]] = []
    for a, b in itertools.pairwise(points):
        covering = [s for s in spans if s[0] <= a and s[1] >= b]
        if not covering:
            continue
        kind = min(covering, key=lambda s: (s[1] - s[0], -s[0]))[2]
        if out and out[-1][1] == a and out[-1][2] == kind:
            out[-1] = (out[-1][0], b, kind)
        else:
            out.append((a, b, kind))
    return out


def placed(highlights: Sequence[Highlight]) -> list[Highlight]:
    """The highlights that have a place in the text (not orphaned), in text order."""
    return sorted((h for h in highlights if h.start is not None and h.end is not None),
                  key=lambda h: (h.start or 0, h.end or 0))


def marks_of(highlights: Sequence[Highlight]) -> list[tuple[int, int, str]]:
    """Return the view's marks (``hl-<colour>``) for ``highlights``."""
    return flatten([(h.start, h.end, f"hl-{h.color}") for h in placed(highlights)
                    if h.start is not None and h.end is not None and h.start < h.end])


def highlight_at(highlights: Sequence[Highlight], offset: int) -> Highlight | None:
    """Return the shortest placed highlight holding ``offset``, or ``None``."""
    found = [h for h in placed(highlights)
             if h.start is not None and h.end is not None and h.start <= offset < h.end]
    return min(found, key=lambda h: (h.end or 0) - (h.start or 0)) if found else None


def next_highlight(
    highlights: Sequence[Highlight], offset: int, direction: int
) -> Highlight | None:
    """Return the placed highlight starting after (1) or before (-1) ``offset``."""
    ordered = placed(highlights)
    if direction > 0:
        return next((h for h in ordered if (h.start or 0) > offset), None)
    before = [h for h in ordered if (h.start or 0) < offset]
    return before[-1] if before else None
