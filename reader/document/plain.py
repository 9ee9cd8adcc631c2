"""Plain-text bodies: paragraphs at blank lines (or one per long line), header lines kept."""

from __future__ import annotations

from reader.document.inline import Content, parse_inlines
from reader.document.model import Block
from reader.document.slices import Line, split_lines, strip_slices, with_newlines


def text_blocks(body: str) -> list[Block]:
    """Split a plain-text body into paragraph blocks.

    Args:
        body: The stored plain-text body.

    Returns:
        Paragraphs at blank lines, or one per line when lines are long (unwrapped text); a
        short headline, byline or dateline at the top keeps its own block.
    """
    blocks: list[Block] = []
    lines = split_lines(body)
    para: list[Line] = []

    def flush() -> None:
        if para:
            sl = strip_slices(body, para)
            content = Content.from_slices(body, with_newlines(sl))
            inl = parse_inlines(content, False)
            blocks.append(Block("paragraph", para[0][0], para[-1][1], inl))
            para.clear()

    filled = [e - s for s, e in lines if body[s:e].strip()]
    median = sorted(filled)[len(filled) // 2] if filled else 0
    # Unwrapped text (long lines) puts one paragraph on each line; wrapped text uses blank lines.
    one_per_line = median > 100
    heads = 0 if one_per_line else _header_lines(body, lines, median)
    for s, e in lines:
        if body[s:e].strip():
            para.append((s, e))
            if one_per_line or heads > 0:
                heads -= 1
                flush()
        else:
            heads = 0
            flush()
    flush()
    return blocks


def _header_lines(body: str, lines: list[Line], median: int) -> int:
    """How many leading lines of wrapped plain text are a headline, byline or dateline.

    Wrapped prose never has a short line before its last one, so a short line among the
    first few lines of the first paragraph marks everything up to it as separate lines.
    """
    first: list[Line] = []
    for s, e in lines:
        if body[s:e].strip():
            first.append((s, e))
        elif first:
            break
    short = max(8, min(60, median * 3 // 5))
    count = 0
    for k, (s, e) in enumerate(first[:6][:-1]):
        if len(body[s:e].strip()) < short:
            count = k + 1
    return count
