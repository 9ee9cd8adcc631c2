"""Render an article for the terminal (``readmark show``): wrapped, coloured, attributed."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from pygments import format as pygments_format
from pygments.formatters import Terminal256Formatter, TerminalTrueColorFormatter
from pygments.token import Generic, _TokenType

from reader.text.analysis import analyze
from reader.text.lexer import TEXT, paint
from reader.text.model import Analysis, Block
from reader.text.style import ArticleStyle
from reader.text.tokens import ATTRIBUTION, CODE, LEGEND, MARKUP, RULE, SPEAKER

_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)
Run = tuple[_TokenType, str]


def strip_control(text: str) -> str:
    """Remove ANSI escape sequences and control characters (newline and tab are kept)."""
    return _CONTROL.sub("", text)


def _block_chars(block: Block, tokens: list[_TokenType]) -> list[Run]:
    """Display characters of a block with the token of their source character."""
    out: list[Run] = []
    for inl in block.inlines:
        text = strip_control(inl.text) if _CONTROL.search(inl.text) else inl.text
        if text is not inl.text:  # control characters removed: offsets no longer align
            out.append((tokens[inl.start] if inl.start < len(tokens) else TEXT, text))
            continue
        for d0, d1, s0, s1 in inl.segments:
            if d1 - d0 == s1 - s0:
                prev: _TokenType | None = None
                start = d0
                for i in range(d0, d1):
                    tok = tokens[s0 + i - d0]
                    if tok is not prev and prev is not None:
                        out.append((prev, text[start:i]))
                        start = i
                    prev = tok
                if prev is not None:
                    out.append((prev, text[start:d1]))
            else:
                out.append((tokens[s0] if s0 < len(tokens) else TEXT, text[d0:d1]))
    return out


def _wrap(
    runs: list[Run], width: int, first: str, rest: str, prefix_tok: _TokenType
) -> Iterator[Run]:
    """Greedy word wrap of styled runs; yields runs including prefixes and newlines."""
    chars: list[tuple[str, _TokenType]] = [(ch, tok) for tok, text in runs for ch in text]
    text = "".join(ch for ch, _t in chars)
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    lines: list[list[tuple[int, int]]] = [[]]
    used = 0
    avail = max(10, width - len(first))
    for a, b in words:
        n = b - a
        if lines[-1] and used + 1 + n > avail:
            lines.append([])
            used = 0
            avail = max(10, width - len(rest))
        used += n + (1 if lines[-1] else 0)
        lines[-1].append((a, b))
    for li, line in enumerate(lines):
        yield (prefix_tok, first if li == 0 else rest)
        for wi, (a, b) in enumerate(line):
            if wi:
                yield (TEXT, " ")
            seg = chars[a:b]
            start = 0
            for i in range(1, len(seg) + 1):
                if i == len(seg) or seg[i][1] is not seg[start][1]:
                    yield (seg[start][1], "".join(ch for ch, _t in seg[start:i]))
                    start = i
        yield (TEXT, "\n")


def _speakers_in(a: Analysis, block: Block) -> list[str]:
    names: list[str] = []
    for q in a.quotes:
        inside = block.start <= q.start < block.end + 1
        if q.depth == 0 and q.speaker and inside and q.speaker not in names:
            names.append(q.speaker)
    return names


def render_runs(body: str, body_format: str = "markdown", width: int = 80) -> Iterator[Run]:
    """Yield ``(token, text)`` runs of the rendered article (text already wrapped)."""
    a = analyze(body, body_format)
    tokens = paint(body, body_format).tokens if body else []
    width = max(20, width)
    for i, b in enumerate(a.document.blocks):
        if i:
            yield (TEXT, "\n")
        if b.kind == "rule":
            yield (RULE, "─" * min(width, 40) + "\n")
            continue
        if b.kind == "code":
            for line in strip_control(b.text).split("\n"):
                yield (CODE, "    " + line + "\n")
            continue
        runs = _block_chars(b, tokens)
        if b.kind == "heading":
            runs = [(Generic.Heading, t) for _tok, t in runs]
            yield from _wrap(runs, width, "", "", TEXT)
            if b.level <= 2:
                n = min(
                    width,
                    max(len(t) for _x, t in runs) if runs else 0,
                    sum(len(t) for _x, t in runs),
                )
                yield (RULE, ("═" if b.level == 1 else "─") * n + "\n")
            continue
        if b.kind == "list_item":
            pad = "  " * b.level
            first = f"{pad}{b.marker} "
            yield from _wrap(runs, width, first, " " * len(first), MARKUP)
        elif b.kind == "block_quote":
            bar = "│ " * max(1, b.level)
            yield from _wrap(runs, width, bar, bar, MARKUP)
        else:
            yield from _wrap(runs, width, "", "", TEXT)
        names = _speakers_in(a, b)
        if names:
            yield (ATTRIBUTION, "    — " + strip_control(", ".join(names)) + "\n")
    if a.speakers:
        yield (TEXT, "\n")
        yield (LEGEND, "Speakers\n")
        for sp in a.speakers:
            n = sp.count
            yield (SPEAKER, "  " + strip_control(sp.name))
            yield (ATTRIBUTION, f"  {n} quote{'s' if n != 1 else ''}\n")


def render_terminal(
    body: str, body_format: str = "markdown", *, color: bool = True, width: int = 80
) -> str:
    """Render an article for the terminal.

    Args:
        body: The stored body.
        body_format: ``"markdown"`` or ``"text"``.
        color: Colour quotes, speakers and markup with ANSI escapes; False for plain text.
        width: Wrap width in columns.

    Returns:
        The rendered text. Control characters and escapes from the article are removed.
    """
    runs = list(render_runs(body, body_format, width))
    if not color:
        return "".join(strip_control(t) for _tok, t in runs)
    truecolor = os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit")
    fmt_cls = TerminalTrueColorFormatter if truecolor else Terminal256Formatter
    formatter = fmt_cls(style=ArticleStyle)
    return pygments_format(((tok, strip_control(t)) for tok, t in runs), formatter)
