"""Lay out a parsed article into wrapped display lines that remember their source offsets.

Pure Python (no Textual): the reading view asks for lines block by block, so a long article
can be laid out in chunks while its first screen is already shown. Every displayed character
keeps the source offset it came from, so the reading cursor (a source offset) survives any
width or theme.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rich.cells import cell_len, split_graphemes

from reader.document.model import Block
from reader.safe_text import line, unsafe_spans

EM, STRONG, CODE, LINK = 1, 2, 4, 8
_FLAG_OF = {"em": EM, "strong": STRONG, "code": CODE, "link": LINK}
_WORD = re.compile(r"[^ ]+")
MIN_MEASURE = 20


@dataclass(slots=True)
class Line:
    """One display line of an article.

    Attributes:
        text: Displayed characters (plain, already sanitised), without the prefix.
        offsets: Source offset of each character of ``text``.
        flags: Inline style bits (``EM``, ``STRONG``, ``CODE``, ``LINK``) of each character.
        prefix: Drawn before ``text``: list marker, quote bar or indent.
        kind: Block kind (``paragraph``, ``heading``, ...), or ``blank``, ``title``, ``meta``.
        level: Heading level, list depth or quote depth.
    """

    text: str
    offsets: array[int]
    flags: bytes
    prefix: str = ""
    kind: str = "paragraph"
    level: int = 0

    @property
    def start(self) -> int:
        """Source offset of the first character, or -1 for a line without text."""
        return self.offsets[0] if self.offsets else -1

    @property
    def end(self) -> int:
        """Source offset just after the last character, or -1 for a line without text."""
        return self.offsets[-1] + 1 if self.offsets else -1


def blank() -> Line:
    """Return an empty line (between blocks)."""
    return Line("", array("i"), b"", kind="blank")


def _block_chars(block: Block) -> tuple[str, array[int], bytearray]:
    """Flatten a block's inlines into display text, per-char source offsets and style bits."""
    chars: list[str] = []
    offs: array[int] = array("i")
    flags = bytearray()
    code_block = block.kind == "code"
    for inline in block.inlines:
        bits = 0
        for style in inline.styles:
            bits |= _FLAG_OF.get(style, 0)
        text = inline.text
        src: Iterable[int]
        if inline.segments:
            src = _segment_offsets(inline.segments, len(text))
        elif inline.end - inline.start == len(text):
            src = range(inline.start, inline.end)
        else:
            src = [inline.start] * len(text)
        drop = {i for s, e in unsafe_spans(text) for i in range(s, e)}
        for i, (char, offset) in enumerate(zip(text, src, strict=False)):
            if i in drop:
                continue
            if char == "\n" and code_block:
                pass
            elif char in "\t\n\r":
                char = " "
            chars.append(char)
            offs.append(offset)
            flags.append(bits)
    return "".join(chars), offs, flags


def _segment_offsets(segments: Iterable[tuple[int, int, int, int]], n: int) -> Iterator[int]:
    """Yield a source offset for each of ``n`` display characters from an inline's segments."""
    done = 0
    last = 0
    for d0, d1, s0, s1 in segments:
        if d1 - d0 == s1 - s0:
            yield from range(s0, s1)
        else:
            for _ in range(d1 - d0):
                yield s0
        done, last = d1, s1
    for _ in range(n - done):
        yield last


def _wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap: return ``(start, end)`` slices of ``text`` that fit ``width`` cells."""
    width = max(width, 1)
    out: list[tuple[int, int]] = []
    ascii_only = text.isascii()
    measure = len if ascii_only else cell_len
    line_start = -1
    line_end = 0
    col = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        word_w = measure(match.group())
        gap = start - line_end if line_start >= 0 else 0
        if line_start >= 0 and col + gap + word_w <= width:
            col += gap + word_w
            line_end = end
            continue
        if line_start >= 0:
            out.append((line_start, line_end))
        while word_w > width:  # hard-split a word longer than the line
            cut = start + width if ascii_only else _cut_cells(text, start, width)
            out.append((start, cut))
            start = cut
            word_w = measure(text[start:end])
        line_start, line_end, col = start, end, word_w
    if line_start >= 0:
        out.append((line_start, line_end))
    return out


def _cut_cells(text: str, start: int, width: int) -> int:
    """Return the index after as many character clusters from ``start`` as fit in ``width``
    cells (an emoji sequence, a character with its combining marks: never split)."""
    rest = text[start:]
    if rest.isascii():
        return min(len(text), start + max(width, 1))
    col = 0
    spans, _total = split_graphemes(rest)
    for a, _b, w in spans:
        if col + w > width and a > 0:
            return start + a
        col += w
    return len(text)


def layout_block(block: Block, measure: int) -> list[Line]:
    """Wrap one block into display lines ``measure`` cells wide (prefix included).

    Args:
        block: A block of the text engine's document.
        measure: Width of the text column in cells.

    Returns:
        The block's lines (no blank lines around it).
    """
    measure = max(measure, MIN_MEASURE)
    kind = block.kind
    if kind == "rule":
        return [Line("", array("i"), b"", prefix="·  ·  ·".center(measure).rstrip(), kind="rule")]
    text, offs, flags = _block_chars(block)
    first_prefix = rest_prefix = ""
    if kind == "list_item":
        indent = "  " * block.level
        marker = line(block.marker or "•")
        first_prefix = f"{indent}{marker} "
        rest_prefix = " " * cell_len(first_prefix)
    elif kind == "block_quote":
        first_prefix = rest_prefix = "┃ " * max(block.level, 1)
    elif kind == "code":
        first_prefix = rest_prefix = "  "
    lines: list[Line] = []
    pieces = text.split("\n") if kind == "code" else [text]
    base = 0
    for piece in pieces:
        width = measure - cell_len(first_prefix if not lines else rest_prefix)
        spans = _wrap(piece, width) if kind != "code" else _hard_wrap(piece, width)
        for a, b in spans:
            prefix = first_prefix if not lines else rest_prefix
            lines.append(
                Line(
                    text[base + a : base + b],
                    offs[base + a : base + b],
                    bytes(flags[base + a : base + b]),
                    prefix,
                    kind,
                    block.level,
                )
            )
        base += len(piece) + 1
    return lines


def _hard_wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Split a code line every ``width`` cells, keeping spaces; empty lines stay as one line."""
    if not text:
        return [(0, 0)]
    out = []
    start = 0
    while start < len(text):
        end = _cut_cells(text, start, max(width, 1))
        out.append((start, end))
        start = end
    return out


def needs_gap(previous: Block | None, block: Block) -> bool:
    """Return whether a blank line separates ``previous`` from ``block``."""
    if previous is None:
        return False
    return not (previous.kind == "list_item" and block.kind == "list_item")


def layout_blocks(
    blocks: Iterable[Block], measure: int, previous: Block | None = None
) -> tuple[list[Line], Block | None]:
    """Lay out consecutive blocks with blank lines between them.

    Args:
        blocks: Blocks in document order.
        measure: Text column width in cells.
        previous: The block laid out just before these (to decide the first gap).

    Returns:
        The lines and the last block laid out (pass it as ``previous`` for the next chunk).
    """
    out: list[Line] = []
    for block in blocks:
        if needs_gap(previous, block):
            out.append(blank())
        out.extend(layout_block(block, measure))
        previous = block
    return out, previous


def pack(parts: list[str], measure: int, sep: str = "  ·  ") -> list[str]:
    """Pack short parts onto lines ``measure`` cells wide, breaking only between parts.

    Args:
        parts: Plain-text parts (a part longer than a line is word-wrapped).
        measure: Line width in cells.
        sep: Separator between parts on one line.

    Returns:
        The lines.
    """
    out: list[str] = []
    for part in parts:
        if out and cell_len(out[-1] + sep + part) <= measure:
            out[-1] += sep + part
        elif cell_len(part) <= measure:
            out.append(part)
        else:
            out.extend(part[a:b] for a, b in _wrap(part, measure))
    return out


def layout_header(title: str, meta: list[str], measure: int) -> list[Line]:
    """Lay out the article header: the wrapped title, meta lines and a blank line.

    Args:
        title: The article title (untrusted text).
        meta: Authors, site, date, reading time (untrusted text), packed onto lines.
        measure: Text column width in cells.

    Returns:
        Header lines; they carry no source offsets.
    """
    measure = max(measure, MIN_MEASURE)
    lines: list[Line] = []
    text = line(title)
    for a, b in _wrap(text, measure):
        lines.append(Line("", array("i"), b"", prefix=text[a:b], kind="title"))
    shown = [line(m) for m in meta]
    for row in pack([m for m in shown if m], measure):
        lines.append(Line("", array("i"), b"", prefix=row, kind="meta"))
    lines.append(Line("", array("i"), b"", prefix="─" * min(measure, 24), kind="meta"))
    lines.append(blank())
    return lines


def index_at_column(line: Line, column: int) -> int:
    """Return the index into ``line.text`` of the character drawn at ``column``.

    Args:
        line: A laid-out line.
        column: Cells from the start of the line's text (after its prefix); clamped.

    Returns:
        A character index (0 for a line without text).
    """
    if not line.text:
        return 0
    col = 0
    spans, _total = split_graphemes(line.text)
    for a, _b, w in spans:
        col += w
        if col > column:
            return a
    return len(line.text) - 1
