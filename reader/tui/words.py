"""The words of an article body by source offset (no Textual), for word moves and for widening
a selection to whole words.

Words are runs of letters and digits (apostrophes inside count), found in the article body, so
markup characters such as ``*`` are never a word.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_TRAILING = ".,;:!?…\"”’)]"
_LEADING = "\"“‘(["


@dataclass(frozen=True)
class Words:
    """Start and end offsets of the words of one body."""

    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, body: str) -> Words:
        """Find the words of ``body``."""
        spans = [m.span() for m in _WORD.finditer(body)]
        return cls([s for s, _ in spans], [e for _, e in spans])

    def step(self, offset: int, direction: int) -> int | None:
        """Return the start of the next (1) or previous (-1) word from ``offset``, or ``None``."""
        if direction > 0:
            k = bisect_right(self.starts, offset)
            return self.starts[k] if k < len(self.starts) else None
        k = bisect_left(self.starts, offset) - 1
        return self.starts[k] if k >= 0 else None

    def snap(self, body: str, start: int, end: int) -> tuple[int, int]:
        """Widen ``[start, end)`` to whole words, keeping punctuation that ends a phrase.

        A start inside a word moves to the word's start; an end inside a word moves to its end,
        then takes closing punctuation right after it (``word."`` keeps ``."``) and the
        opening quote before the start.
        """
        k = bisect_right(self.starts, start) - 1
        if k >= 0 and self.starts[k] < start < self.ends[k]:
            start = self.starts[k]
        k = bisect_left(self.ends, end)
        if k < len(self.ends) and self.starts[k] < end < self.ends[k]:
            end = self.ends[k]
        while start > 0 and body[start - 1] in _LEADING:
            start -= 1
        while end < len(body) and body[end] in _TRAILING and body[end - 1:end].strip():
            end += 1
        return start, end
