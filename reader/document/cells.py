"""Terminal cell widths and the places a word may be cut without splitting a character.

A small stand-in for ``wcwidth``: East Asian wide and fullwidth characters (CJK, most emoji)
take two cells, combining marks, zero-width joiners and variation selectors take none, and
everything else one. Cuts never separate joiners and variation selectors from their
characters, so emoji sequences (families, flags, skin tones) stay whole. Removing controls
and escapes is :mod:`reader.safe_text`'s job.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ZWJ = "\u200d"


@lru_cache(maxsize=4096)
def _wide_width(ch: str) -> int:
    cp = ord(ch)
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF or 0x1F3FB <= cp <= 0x1F3FF:
        return 0  # variation selectors, emoji skin-tone modifiers
    if 0x1160 <= cp <= 0x11FF:
        return 0  # Hangul jamo medial vowels and final consonants
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    if 0x1F1E6 <= cp <= 0x1F1FF:
        return 1  # regional indicators: a flag pair takes two cells
    return 1


def char_width(ch: str) -> int:
    """Terminal cells taken by one character (0, 1 or 2)."""
    if " " <= ch < "\x7f":
        return 1
    if ch < " " or "\x7f" <= ch < "\xa0":
        return 0
    return _wide_width(ch)


def cell_len(text: str) -> int:
    """Terminal cells taken by ``text`` (a sum of :func:`char_width`)."""
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def break_points(text: str) -> list[int]:
    """Indices where ``text`` may be cut without splitting a character cluster.

    A cut never lands before a zero-width character (combining mark, joiner, variation
    selector) or right after a zero-width joiner.

    Args:
        text: One word (no spaces).

    Returns:
        Sorted indices ``0 < i < len(text)``.
    """
    out = []
    for i in range(1, len(text)):
        if text[i - 1] == ZWJ or char_width(text[i]) == 0:
            continue
        out.append(i)
    return out
