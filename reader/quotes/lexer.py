"""A Pygments lexer for articles: quotes, speakers, cues, emphasis, headings, dates.

Registered as the ``article`` lexer (entry point ``pygments.lexers``). Tokens are produced
from :func:`reader.quotes.analyze`, so they agree with what ``readmark quotes`` reports.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from pygments.lexer import Lexer
from pygments.token import Generic, Literal, Number, _TokenType

from reader.document.tokens import (
    BLOCK_QUOTE,
    CODE,
    CUE,
    LINK,
    MARKUP,
    QUOTE,
    QUOTE_MARK,
    QUOTE_NESTED,
    QUOTE_SCARE,
    QUOTE_TERM,
    QUOTE_TITLE,
    SPEAKER,
    TEXT,
)
from reader.quotes.analysis import analyze
from reader.quotes.records import Analysis, Quote

_KIND_TOKEN = {"scare": QUOTE_SCARE, "title": QUOTE_TITLE, "term": QUOTE_TERM}
_MONTHS = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|July|Aug(?:ust|\.)?|"
    r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
DATE_RE = re.compile(
    rf"(?=[0-9JFMASONDTW])\b(?:{_MONTHS}\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|{_MONTHS}\s+\d{{4}}|"
    r"\d{1,2}(?::\d{2})?\s*[ap]\.m\.)"
)
NUMBER_RE = re.compile(r"(?=[\d$€£])(?<![\w.])[$€£]?\d[\d,]*(?:\.\d+)?%?(?![\w])")
_MARKS = "\"'“”‘’«»„‚‹›"


class _Canvas:
    """Intervals painted with tokens; later paint wins."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.tokens: list[_TokenType] = [TEXT] * n
        self.bounds: set[int] = {0, n}

    def paint(self, start: int, end: int, tok: _TokenType) -> None:
        start, end = max(0, start), min(self.n, end)
        if end > start:
            self.tokens[start:end] = [tok] * (end - start)
            self.bounds.add(start)
            self.bounds.add(end)

    def runs(self, text: str) -> Iterator[tuple[int, _TokenType, str]]:
        cuts = sorted(self.bounds)
        pos = 0
        cur = self.tokens[0] if self.n else TEXT
        for b in cuts[1:]:
            tok = self.tokens[b] if b < self.n else None
            if tok is cur:
                continue
            yield pos, cur, text[pos:b]
            pos = b
            if tok is not None:
                cur = tok


def _paint_document(c: _Canvas, a: Analysis) -> None:
    for b in a.document.blocks:
        if b.kind == "heading":
            c.paint(b.start, b.end, Generic.Heading)
        elif b.kind == "block_quote":
            c.paint(b.start, b.end, BLOCK_QUOTE)
        elif b.kind == "code":
            c.paint(b.start, b.end, CODE)
            continue
        prev = b.start
        for inl in b.inlines:
            if "code" in inl.styles:
                tok: _TokenType | None = CODE
            elif "link" in inl.styles:
                tok = LINK
            elif "strong" in inl.styles:
                tok = Generic.Strong
            elif "em" in inl.styles:
                tok = Generic.Emph
            else:
                tok = None
            if tok is not None:
                c.paint(inl.start, inl.end, tok)
            for _d0, _d1, s0, s1 in inl.segments:
                if s0 > prev and not a.document.source[prev:s0].isspace():
                    c.paint(prev, s0, MARKUP)
                prev = max(prev, s1)
        if b.end > prev and a.document.source[prev : b.end].strip():
            c.paint(prev, b.end, MARKUP)


def _paint_quote(c: _Canvas, q: Quote, source: str) -> None:
    tok = _KIND_TOKEN.get(q.kind, QUOTE_NESTED) if q.depth > 0 else _KIND_TOKEN.get(q.kind, QUOTE)
    c.paint(q.start, q.end, tok)
    if source[q.start : q.start + 1] in _MARKS:
        c.paint(q.start, q.start + 1, QUOTE_MARK)
    if source[q.end - 1 : q.end] in _MARKS:
        c.paint(q.end - 1, q.end, QUOTE_MARK)


def _paint_attribution(c: _Canvas, a: Analysis, spans: list[tuple[int, int]]) -> None:
    source = a.document.source
    starts = [x for x, _y in spans]
    for q in a.quotes:
        if not q.speaker or q.depth:
            continue
        lo = max(0, q.start - 300)
        hi = min(len(source), q.end + 200)
        words = [w for w in re.split(r"\s+", q.speaker) if len(w) > 1]
        items: list[tuple[str, _TokenType]] = [(words[-1], SPEAKER)] if words else []
        if q.cue:
            items.append((q.cue, CUE))
        for p, tok in items:
            best = None
            for m in re.finditer(re.escape(p), source[lo:hi]):
                s = lo + m.start()
                k = bisect_right(starts, s) - 1
                if k >= 0 and spans[k][0] <= s < spans[k][1]:
                    continue
                if best is None or abs(s - q.end) < abs(best - q.end):
                    best = s
            if best is not None:
                c.paint(best, best + len(p), tok)


def paint(text: str, body_format: str = "markdown") -> _Canvas:
    """Token of every source character of ``text`` (quotes over markup over numbers)."""
    a = analyze(text, body_format)
    c = _Canvas(len(text))
    for m in NUMBER_RE.finditer(text):
        c.paint(m.start(), m.end(), Number)
    for m in DATE_RE.finditer(text):
        c.paint(m.start(), m.end(), Literal.Date)
    _paint_document(c, a)
    spans = [(q.start, q.end) for q in a.quotes if q.depth == 0]
    for q in a.quotes:
        _paint_quote(c, q, text)
    _paint_attribution(c, a, spans)
    return c


class ArticleLexer(Lexer):  # type: ignore[misc]  # pygments ships no types
    """Tokenizes article text (Markdown or plain) using the readmark text engine.

    Options:
        body_format: ``"markdown"`` (default) or ``"text"``.
    """

    name = "Article"
    aliases = ["article"]  # noqa: RUF012 - pygments API
    filenames: list[str] = []  # noqa: RUF012
    mimetypes: list[str] = []  # noqa: RUF012

    def __init__(self, **options: Any) -> None:
        options.setdefault("stripnl", False)
        options.setdefault("ensurenl", False)
        super().__init__(**options)
        self.body_format = options.get("body_format", "markdown")

    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, _TokenType, str]]:
        """Yield ``(offset, token, value)`` runs covering ``text`` exactly."""
        if not text:
            return
        yield from paint(text, self.body_format).runs(text)
