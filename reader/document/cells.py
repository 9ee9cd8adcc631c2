"""Terminal cell widths and the places a word may be cut without splitting a character.

Widths are the ones the TUI's renderer (Rich, which Textual draws with) uses, so text laid
out here fits the lines Rich draws: the same table (:mod:`reader.document._cell_table`) and
the same rules for emoji sequences. A zero-width joiner (ZWJ) glues the next character to the
one before it, so a ZWJ family emoji takes the cells of its first person (two); a variation
selector 16 (VS16) widens the few characters drawn as emoji only with it (``❤️`` takes two);
combining marks, other variation selectors and controls take none. This package stays free
of Rich (it is a leaf); ``tests/document/test_cells.py`` checks every width against Rich's
``cell_len``. Removing controls and escapes is :mod:`reader.safe_text`'s job.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from reader.document._cell_table import NARROW_TO_WIDE, WIDTHS

ZWJ = "\u200d"
VS16 = "\ufe0f"
_STARTS = [first for first, _last, _cells in WIDTHS]
_LAST = WIDTHS[-1][1]


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Terminal cells taken by one character on its own (0, 1 or 2)."""
    cp = ord(ch)
    if 0 < cp < 32 or 0x7F <= cp < 0xA0:
        return 0
    if cp > _LAST:
        return 1
    k = bisect_right(_STARTS, cp) - 1
    if k >= 0:
        first, last, cells = WIDTHS[k]
        if first <= cp <= last:
            return cells
    return 1


def cell_len(text: str) -> int:
    """Terminal cells taken by ``text``, counted as Rich counts them.

    Args:
        text: Any text (one word, a line).

    Returns:
        The width in cells: the character widths, where the character after a ZWJ adds
        nothing and a VS16 widens the character before it when that one has an emoji form.
    """
    if text.isascii() and text.isprintable():
        return len(text)
    if ZWJ not in text and VS16 not in text:
        return sum(map(char_width, text))
    total = 0
    last: str | None = None  # the last character measured, until a VS16 follows it
    index = 0
    n = len(text)
    while index < n:
        ch = text[index]
        if ch == ZWJ:
            index += 1  # the joined character adds no cells
        elif ch == VS16:
            if last is not None:
                total += last in NARROW_TO_WIDE
                last = None
        elif width := char_width(ch):
            last = ch
            total += width
        index += 1
    return total


def clusters(text: str) -> list[tuple[int, int, int]]:
    """Split ``text`` into the character clusters Rich draws as one: ``(start, end, cells)``.

    A cluster is a character with the zero-width characters after it, a VS16, and any
    characters glued on by ZWJs. The spans cover ``text`` without gaps.

    Args:
        text: Any text.

    Returns:
        Spans in order; a leading zero-width character is a cluster of 0 cells.
    """
    spans: list[tuple[int, int, int]] = []
    last: str | None = None
    index = 0
    n = len(text)
    while index < n:
        ch = text[index]
        if ch in (ZWJ, VS16):
            if not spans:
                spans.append((index, index + 1, 0))
                index += 1
                continue
            start, _end, cells = spans[-1]
            if ch == ZWJ:
                index += 2 if index < n - 1 else 1
            else:
                index += 1
                if last is not None and last in NARROW_TO_WIDE:
                    cells += 1
                last = None
            spans[-1] = (start, index, cells)
            continue
        width = char_width(ch)
        if width:
            last = ch
            spans.append((index, index + 1, width))
        elif spans:
            start, _end, cells = spans[-1]
            spans[-1] = (start, index + 1, cells)
        else:
            spans.append((index, index + 1, 0))
        index += 1
    return spans


def break_points(text: str) -> list[int]:
    """Indices where ``text`` may be cut without splitting a character cluster.

    Cuts fall between the clusters of :func:`clusters`: never before a zero-width character
    (combining mark, joiner, variation selector) nor right after a zero-width joiner, so
    emoji sequences (families, skin tones, ``❤️``) stay whole.

    Args:
        text: One word (no spaces).

    Returns:
        Sorted indices ``0 < i < len(text)``.
    """
    if text.isascii() and text.isprintable():
        return list(range(1, len(text)))
    return [start for start, _end, _cells in clusters(text)[1:]]
