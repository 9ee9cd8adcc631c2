"""Reading-cursor arithmetic over source offsets: lines, sentences, paragraphs, quotes.

Pure functions and indexes (no Textual); the reading model uses them.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from reader.quotes.records import Analysis, Quote
from reader.tui.layout import Line


class LineIndex:
    """Finds the display line that holds a source offset (lines arrive in chunks)."""

    def __init__(self) -> None:
        """Start empty."""
        self.keys: list[int] = []
        self.text_lines: list[int] = []
        self.paragraph_starts: list[int] = []  # first offsets of lines after a gap
        self._after_gap = True

    def extend(self, lines: Sequence[Line], first_index: int) -> None:
        """Index ``lines``, which sit at ``first_index`` onwards in the view.

        Args:
            lines: Newly laid-out lines.
            first_index: Index of ``lines[0]`` in the whole layout.
        """
        for i, line in enumerate(lines, first_index):
            if line.offsets:
                self.keys.append(line.offsets[0])
                self.text_lines.append(i)
                if self._after_gap:
                    self.paragraph_starts.append(line.offsets[0])
            self._after_gap = not line.offsets

    def line_of(self, offset: int) -> int:
        """Return the index of the text line holding ``offset`` (the nearest before it)."""
        if not self.text_lines:
            return 0
        k = max(bisect_right(self.keys, offset) - 1, 0)
        return self.text_lines[k]

    def step(self, line: int, delta: int) -> int | None:
        """Return the text line ``delta`` text lines away from ``line``, or ``None``."""
        if not self.text_lines:
            return None
        k = bisect_left(self.text_lines, line)
        exact = k < len(self.text_lines) and self.text_lines[k] == line
        target = k + delta if exact or delta < 0 else k + delta - 1
        if target < 0 or target >= len(self.text_lines):
            return None
        return self.text_lines[target]

    def at_or_after(self, line: int) -> int | None:
        """Return the first text line at or after display line ``line``."""
        k = bisect_left(self.text_lines, line)
        return self.text_lines[k] if k < len(self.text_lines) else None

    def at_or_before(self, line: int) -> int | None:
        """Return the last text line at or before display line ``line``."""
        k = bisect_right(self.text_lines, line) - 1
        return self.text_lines[k] if k >= 0 else None


def next_start(starts: Sequence[int], offset: int, direction: int) -> int | None:
    """Return the first start after ``offset`` (direction 1) or the last before it (-1).

    Args:
        starts: Sorted start offsets (sentences, blocks or quotes).
        offset: The cursor.
        direction: 1 for forward, -1 for backward.

    Returns:
        The start offset, or ``None`` when there is none that way.
    """
    if direction > 0:
        k = bisect_right(starts, offset)
        return starts[k] if k < len(starts) else None
    k = bisect_left(starts, offset) - 1
    return starts[k] if k >= 0 else None


def containing(spans: Sequence[tuple[int, int]], starts: Sequence[int], offset: int) -> int:
    """Return the index of the span holding ``offset``, or -1.

    Args:
        spans: Sorted, non-overlapping ``(start, end)`` spans.
        starts: Their start offsets.
        offset: A source offset.
    """
    k = bisect_right(starts, offset) - 1
    if k >= 0 and spans[k][0] <= offset < spans[k][1]:
        return k
    return -1


def quote_spans(quotes: Sequence[Quote]) -> list[tuple[int, int, int]]:
    """Flatten possibly nested quotes into non-overlapping ``(start, end, quote index)`` spans.

    Where quotes nest, the innermost (deepest, then latest-starting) quote wins.

    Args:
        quotes: Quotes in order of start offset.

    Returns:
        Sorted spans covering exactly the quoted characters.
    """
    points = sorted({q.start for q in quotes} | {q.end for q in quotes})
    order = sorted(range(len(quotes)), key=lambda i: quotes[i].start)
    out: list[tuple[int, int, int]] = []
    active: list[int] = []
    k = 0
    for a, b in itertools.pairwise(points):
        while k < len(order) and quotes[order[k]].start <= a:
            active.append(order[k])
            k += 1
        active = [i for i in active if quotes[i].end > a]
        if not active:
            continue
        best = max(active, key=lambda i: (quotes[i].depth, quotes[i].start))
        if out and out[-1][2] == best and out[-1][1] == a:
            out[-1] = (out[-1][0], b, best)
        else:
            out.append((a, b, best))
    return out


def quote_at(quotes: Sequence[Quote], spans: Sequence[tuple[int, int, int]],
             span_starts: Sequence[int], offset: int) -> Quote | None:
    """Return the innermost quote holding ``offset``, or ``None``."""
    k = bisect_right(span_starts, offset) - 1
    if k >= 0 and spans[k][0] <= offset < spans[k][1]:
        return quotes[spans[k][2]]
    return None


class TextIndex:
    """Sorted offsets of an analysis: quotes (flattened), sentences, blocks."""

    def __init__(self, analysis: Analysis | None = None) -> None:
        """Index ``analysis`` (``None`` gives an empty index, before analysis arrives)."""
        self.quotes: Sequence[Quote] = analysis.quotes if analysis else ()
        self.spans = quote_spans(self.quotes)
        self.span_starts = [s[0] for s in self.spans]
        self.sentences: Sequence[tuple[int, int]] = analysis.sentences if analysis else ()
        self.sentence_starts = [s[0] for s in self.sentences]
        self.block_starts = [b.start for b in analysis.document.blocks] if analysis else []
        self.quote_starts = sorted({q.start for q in self.quotes})

    def quote_at(self, offset: int) -> Quote | None:
        """Return the innermost quote holding ``offset``."""
        return quote_at(self.quotes, self.spans, self.span_starts, offset)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """Return the sentence holding ``offset``, or the empty span ``(0, 0)``."""
        k = containing(self.sentences, self.sentence_starts, offset)
        return self.sentences[k] if k >= 0 else (0, 0)

    def quote_near(self, offset: int) -> Quote | None:
        """The quote under ``offset``, else the first quote starting in its sentence."""
        quote = self.quote_at(offset)
        if quote is None:
            start, end = self.sentence_at(offset)
            following = next_start(self.quote_starts, start - 1, 1)
            if end and following is not None and following < end:
                quote = self.quote_at(following)
        return quote
