"""Render an article for the terminal (``readmark show``): wrapped, coloured, attributed.

Linear in the body length: block speakers are bucketed once, token runs come from the
painted canvas's boundaries, and wrapping works on whole words (see :mod:`reader.document.wrap`).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from pygments.formatters import Terminal256Formatter, TerminalTrueColorFormatter
from pygments.token import Generic, _TokenType

from reader.document.cells import cell_len
from reader.document.model import Block, Inline
from reader.document.style import ArticleStyle
from reader.document.tokens import ATTRIBUTION, CODE, LEGEND, LINK, MARKUP, RULE, SPEAKER, TEXT
from reader.document.wrap import Run, wrap
from reader.quotes.analysis import analyze
from reader.quotes.lexer import paint
from reader.quotes.records import Analysis
from reader.safe_text import for_terminal, unsafe_spans

__all__ = ["Run", "render_runs", "render_terminal"]

_SPACE = re.compile(r"\s+")


class _Painted:
    """Source tokens and the sorted offsets where they may change."""

    def __init__(self, body: str, body_format: str) -> None:
        canvas = paint(body, body_format) if body else None
        self.tokens: list[_TokenType] = canvas.tokens if canvas else []
        self.cuts: list[int] = sorted(canvas.bounds) if canvas else []

    def tok(self, s: int) -> _TokenType:
        return self.tokens[s] if s < len(self.tokens) else TEXT

    def runs(
        self, text: str, s0: int, s1: int, edits: dict[int, str], keys: list[int]
    ) -> Iterator[Run]:
        """Runs of a one-to-one segment ``text`` whose source is ``[s0, s1)``.

        ``edits`` replace single source characters (hard breaks); ``keys`` are its sorted keys.
        """
        cuts = self.cuts
        k = bisect_right(cuts, s0)
        pos = s0
        while pos < s1:
            nxt = cuts[k] if k < len(cuts) else s1
            if nxt <= pos:
                k += 1
                continue
            nxt = min(nxt, s1)
            if keys:
                e = bisect_left(keys, pos)
                if e < len(keys) and keys[e] < nxt:
                    if keys[e] == pos:
                        yield (self.tok(pos), edits[pos])
                        pos += 1
                        continue
                    nxt = keys[e]
            yield (self.tok(pos), text[pos - s0 : nxt - s0])
            pos = nxt


def _hard_breaks(source: str, block: Block, markdown: bool) -> dict[int, str]:
    """Markdown hard line breaks in a block: newline → ``\\n``, a break's backslash → ``""``."""
    edits: dict[int, str] = {}
    if not markdown or block.kind not in ("paragraph", "list_item", "block_quote"):
        return edits
    nl = source.find("\n", block.start, block.end)
    while nl >= 0:
        if source[nl - 1 : nl] == "\\":
            edits[nl - 1] = ""
            edits[nl] = "\n"
        elif source[max(0, nl - 2) : nl] == "  ":
            edits[nl] = "\n"
        nl = source.find("\n", nl + 1, block.end)
    return edits


def _link_tail(inl: Inline, nxt: Inline | None, shown: str) -> Run | None:
    """`` (url)`` after the last run of a link, unless the text already shows the URL."""
    href = inl.href
    if not href or "link" not in inl.styles or href.startswith("#"):
        return None
    if nxt is not None and nxt.href == href and "link" in nxt.styles:
        return None
    bare = href.removeprefix("mailto:")
    if bare in shown or bare.rstrip("/") in shown:
        return None
    return (LINK, f" ({for_terminal(href)})")


def _drop_controls(runs: list[Run]) -> list[Run]:
    """Remove escape sequences and controls, even when one spans several runs."""
    full = "".join(t for _tok, t in runs)
    spans = unsafe_spans(full)
    out: list[Run] = []
    pos = 0
    k = 0
    for tok, t in runs:
        a, b = pos, pos + len(t)
        pos = b
        keep: list[str] = []
        cur = a
        while k < len(spans) and spans[k][0] < b:
            s, e = spans[k]
            if s > cur:
                keep.append(full[cur:s])
            cur = max(cur, e)
            if e > b:
                break
            k += 1
        if cur < b:
            keep.append(full[cur:b])
        out.append((tok, "".join(keep)))
    return out


def _block_runs(block: Block, painted: _Painted, source: str, markdown: bool) -> list[Run]:
    """Display runs of a block with the token of their source characters."""
    edits = _hard_breaks(source, block, markdown)
    keys = sorted(edits)
    out: list[Run] = []
    link_text: list[str] = []
    inls = block.inlines
    for i, inl in enumerate(inls):
        text = inl.text
        for d0, d1, s0, s1 in inl.segments:
            if d1 - d0 == s1 - s0:
                out.extend(painted.runs(text[d0:d1], s0, s1, edits, keys))
            else:
                out.append((painted.tok(s0), text[d0:d1]))
        link_text.append(text)
        tail = _link_tail(inl, inls[i + 1] if i + 1 < len(inls) else None, "".join(link_text))
        if tail:
            out.append(tail)
        if inl.href is None or (i + 1 < len(inls) and inls[i + 1].href != inl.href):
            link_text = []
    if unsafe_spans(block.text):
        out = _drop_controls(out)
    return out


def _speakers_by_block(a: Analysis) -> dict[int, list[str]]:
    """Speakers of the top-level quotes starting in each block, keyed by block index."""
    blocks = a.document.blocks
    starts = [b.start for b in blocks]
    out: dict[int, list[str]] = {}
    for q in a.quotes:
        if q.depth or not q.speaker:
            continue
        k = bisect_right(starts, q.start) - 1
        if k < 0 or q.start >= blocks[k].end + 1:
            continue
        names = out.setdefault(k, [])
        if q.speaker not in names:
            names.append(q.speaker)
    return out


def _same_title(block: Block, title: str | None) -> bool:
    if not title or block.kind != "heading":
        return False
    def norm(s: str) -> str:
        return _SPACE.sub(" ", s).strip().casefold()

    return norm(block.text) == norm(title)


def render_runs(
    body: str, body_format: str = "markdown", width: int = 80, *, title: str | None = None
) -> Iterator[Run]:
    """Yield ``(token, text)`` runs of the rendered article (text already wrapped).

    Args:
        body: The stored body.
        body_format: ``"markdown"`` or ``"text"``.
        width: Wrap width in terminal cells.
        title: The article's title; a first heading repeating it is not shown again.
    """
    a = analyze(body, body_format)
    painted = _Painted(body, body_format)
    markdown = body_format == "markdown"
    speakers = _speakers_by_block(a)
    width = max(20, width)
    blocks = a.document.blocks
    skip = 1 if blocks and _same_title(blocks[0], title) else 0
    for i in range(skip, len(blocks)):
        b = blocks[i]
        if i > skip:
            yield (TEXT, "\n")
        if b.kind == "rule":
            yield (RULE, "─" * min(width, 40) + "\n")
            continue
        if b.kind == "code":
            for line in for_terminal(b.text).split("\n"):
                yield (CODE, "    " + line + "\n")
            continue
        runs = _block_runs(b, painted, body, markdown)
        if b.kind == "heading":
            runs = [(Generic.Heading, t) for _tok, t in runs]
            yield from wrap(runs, width)
            if b.level <= 2:
                shown = "".join(t for _tok, t in runs)
                n = min(width, cell_len(shown))
                yield (RULE, ("═" if b.level == 1 else "─") * n + "\n")
            continue
        if b.kind == "list_item":
            first = f"{'  ' * b.level}{b.marker} "
            yield from wrap(runs, width, first, " " * len(first), MARKUP)
        elif b.kind == "block_quote":
            bar = "│ " * max(1, b.level)
            yield from wrap(runs, width, bar, bar, MARKUP)
        else:
            yield from wrap(runs, width)
        names = speakers.get(i)
        if names:
            yield (ATTRIBUTION, "    — " + for_terminal(", ".join(names)) + "\n")
    if a.speakers:
        yield (TEXT, "\n")
        yield (LEGEND, "Speakers\n")
        for sp in a.speakers:
            n = sp.count
            yield (SPEAKER, "  " + for_terminal(sp.name))
            yield (ATTRIBUTION, f"  {n} quote{'s' if n != 1 else ''}\n")


def render_terminal(
    body: str,
    body_format: str = "markdown",
    *,
    color: bool = True,
    width: int = 80,
    title: str | None = None,
) -> str:
    """Render an article for the terminal.

    Args:
        body: The stored body.
        body_format: ``"markdown"`` or ``"text"``.
        color: Colour quotes, speakers and markup with ANSI escapes; False for plain text.
        width: Wrap width in terminal cells (CJK and emoji count two, combining marks none).
        title: The article's title, shown by the caller; a first heading equal to it is
            skipped so the title is not printed twice.

    Returns:
        The rendered text. Control characters, escapes and bidi overrides from the article
        are removed; link targets are shown after the link text.
    """
    runs = list(render_runs(body, body_format, width, title=title))
    if not color:
        return "".join(t for _tok, t in runs)
    truecolor = os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit")
    fmt_cls = TerminalTrueColorFormatter if truecolor else Terminal256Formatter
    return _ansi(runs, fmt_cls(style=ArticleStyle))


def _ansi(runs: list[Run], formatter: Terminal256Formatter | TerminalTrueColorFormatter) -> str:
    """Colour runs as the Pygments terminal formatters do (styles reset at each newline)."""
    codes: dict[_TokenType, tuple[str, str]] = {}
    out: list[str] = []
    for tok, text in runs:
        on_off = codes.get(tok)
        if on_off is None:
            t: _TokenType | None = tok
            on_off = ("", "")
            while t is not None:
                if str(t) in formatter.style_string:
                    on_off = formatter.style_string[str(t)]
                    break
                t = t.parent
            codes[tok] = on_off
        on, off = on_off
        if not on and not off:
            out.append(text)
            continue
        for k, line in enumerate(text.split("\n")):
            if k:
                out.append("\n")
            if line:
                out.append(on + line + off)
    return "".join(out)
