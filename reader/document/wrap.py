"""Greedy word wrap of styled runs by terminal cell width (linear in the text length)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from pygments.token import _TokenType

from reader.document.cells import break_points, cell_len
from reader.document.tokens import TEXT

Run = tuple[_TokenType, str]
_WORD = re.compile(r"[^ \t\n\r\f\v]+")  # no-break spaces keep words together
_MIN_COLUMNS = 10


class _Runs:
    """Styled runs flattened to one string, with slicing back into runs."""

    def __init__(self, runs: list[Run]) -> None:
        kept = [(tok, t) for tok, t in runs if t]
        self.toks = [tok for tok, _t in kept]
        self.starts: list[int] = []
        pos = 0
        for _tok, t in kept:
            self.starts.append(pos)
            pos += len(t)
        self.text = "".join(t for _tok, t in kept)

    def slice(self, a: int, b: int) -> Iterator[Run]:
        """Runs covering ``text[a:b]``."""
        k = bisect_right(self.starts, a) - 1
        n = len(self.starts)
        while a < b and k < n:
            end = min(b, self.starts[k + 1]) if k + 1 < n else b
            if end > a:
                yield (self.toks[k], self.text[a:end])
            a = end
            k += 1


def _pieces(word: str, a: int, first_room: int, avail: int) -> list[tuple[int, int, int]]:
    """Cut an over-long word into ``(start, end, cells)`` pieces; the first fits ``first_room``."""
    out: list[tuple[int, int, int]] = []
    room = first_room
    start = 0
    used = 0
    prev = 0
    for i in [*break_points(word), len(word)]:
        w = cell_len(word[prev:i])
        if used and used + w > room:
            out.append((a + start, a + prev, used))
            start, used, room = prev, 0, avail
        used += w
        prev = i
    out.append((a + start, a + len(word), used))
    return out


def _lines(text: str, width: int, first: int, rest: int) -> list[list[tuple[int, int]]]:
    """Word spans of each output line (hard breaks are ``\\n`` characters in ``text``)."""
    lines: list[list[tuple[int, int]]] = [[]]
    used = 0
    avail = max(_MIN_COLUMNS, width - first)

    def newline() -> None:
        nonlocal used, avail
        lines.append([])
        used = 0
        avail = max(_MIN_COLUMNS, width - rest)

    pos = 0
    for hard in text.split("\n"):
        if pos:
            newline()
        for m in _WORD.finditer(hard):
            a, b = pos + m.start(), pos + m.end()
            n = cell_len(m.group())
            if lines[-1] and used + 1 + n > avail:
                min_room = 4 if m.group().isascii() else 2
                if n <= avail or avail - used - 1 < min_room:
                    newline()
            if n > avail - used - (1 if lines[-1] else 0):
                room = avail - used - (1 if lines[-1] else 0)
                pieces = _pieces(m.group(), a, room, max(_MIN_COLUMNS, width - rest))
                for k, (pa, pb, w) in enumerate(pieces):
                    if k:
                        newline()
                    used += w + (1 if lines[-1] else 0)
                    lines[-1].append((pa, pb))
                continue
            used += n + (1 if lines[-1] else 0)
            lines[-1].append((a, b))
        pos += len(hard) + 1
    return lines


def wrap(
    runs: list[Run], width: int, first: str = "", rest: str = "", prefix_tok: _TokenType = TEXT
) -> Iterator[Run]:
    """Greedy word wrap of styled runs by terminal cells.

    Args:
        runs: ``(token, text)`` runs of one block; ``\\n`` in a text forces a line break.
        width: Line width in terminal cells.
        first: Prefix of the first line (list marker, quote bar).
        rest: Prefix of the following lines.
        prefix_tok: Token of the prefixes.

    Yields:
        Runs including prefixes, single spaces between words and a newline after each line.
        Words wider than a line (URLs, unspaced CJK text) are cut between characters.
    """
    flat = _Runs(runs)
    lines = _lines(flat.text, width, cell_len(first), cell_len(rest))
    for li, line in enumerate(lines):
        prefix = first if li == 0 else rest
        if prefix:
            yield (prefix_tok, prefix)
        text = flat.text
        k = 0
        while k < len(line):
            a, b = line[k]
            k += 1
            while k < len(line) and text[b : line[k][0]] == " ":  # one space: slice on through
                b = line[k][1]
                k += 1
            if a != line[0][0]:
                yield (TEXT, " ")
            yield from flat.slice(a, b)
        yield (TEXT, "\n")
