"""Find user-typed text in a Markdown body by comparing what a reader sees.

Both strings are projected in linear time onto a normalised form, keeping for each
projected character the source span it came from: whitespace runs become one space,
double-like and single-like quotation marks fold to ``"`` and ``'``, a run of hyphens and
dashes folds to one ``-``, and Markdown inline markup and invisible characters (soft
hyphens, zero-width spaces and joiners) are dropped. A plain ``str.find`` on the
projections then finds the matches, and the offset map turns them back into source spans.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right

_DOUBLE = '"“”„‟«»″〝〞＂'
_SINGLE = "'‘’‚‛‹›′＇"
_DASHES = "-‐‑‒–—―−"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width marks
_FOLD = str.maketrans(
    {**dict.fromkeys(_DOUBLE, '"'), **dict.fromkeys(_SINGLE, "'"), **dict.fromkeys(_DASHES, "-")}
)
# Tokens needing care; a lone space between words is copied like any other character.
_SPECIAL = re.compile(rf"[^\S ]\s*| \s+|[{_DASHES}]+|[*_`\[\]!\\<&{_INVISIBLE}]")
_WS = re.compile(r"\s+")
# Block markup at the start of a line: block-quote markers, then a heading or list marker.
_LINE_START = re.compile(r"(?:[ \t]*>)*[ \t]*(?:(?:#{1,6}|[-*+]|\d{1,9}[.)])(?=[ \t]))?")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]+)>")
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MAX_URL = 2000


class Projection:
    """A normalised string and a map from its characters back to source spans.

    The projection is a sequence of segments: *plain* ones copy a source slice character
    for character (with quotes folded), *unit* ones are one character standing for a
    longer source span (a whitespace run, a dash run, an entity).
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._at: list[int] = []  # projection offset where each segment begins
        self._lo: list[int] = []  # source offset where it begins
        self._hi: list[int] = []  # source end of a unit segment; -1 for a plain one
        self._size = 0
        self.space = True  # nothing emitted yet, or a space last: drop further spaces

    @property
    def text(self) -> str:
        """The projected string."""
        return "".join(self._parts)

    def span(self, i: int) -> tuple[int, int]:
        """Source span of projected character ``i``."""
        k = bisect_right(self._at, i) - 1
        if self._hi[k] < 0:
            lo = self._lo[k] + i - self._at[k]
            return lo, lo + 1
        return self._lo[k], self._hi[k]

    def plain(self, src: str, lo: int, hi: int) -> None:
        """Emit ``src[lo:hi]`` (no whitespace run in it) with quotes and dashes folded."""
        if lo < hi:
            self._segment(src[lo:hi].translate(_FOLD), lo, -1)
            self.space = src[hi - 1] == " "

    def unit(self, ch: str, lo: int, hi: int) -> None:
        """Emit one character standing for ``src[lo:hi]``; a space only after a non-space."""
        if ch.isspace():
            if self.space:
                return
            ch = " "
        self._segment(ch.translate(_FOLD), lo, hi)
        self.space = ch == " "

    def _segment(self, text: str, lo: int, hi: int) -> None:
        self._parts.append(text)
        self._at.append(self._size)
        self._lo.append(lo)
        self._hi.append(hi)
        self._size += len(text)


def project(src: str, *, line_start: bool) -> Projection:
    """Project ``src`` onto its visible, normalised form.

    Args:
        src: Markdown source (or text a user typed).
        line_start: Whether ``src`` begins at the start of a line, so that block markup
            there (``>``, ``#``, list markers) is dropped. Block markup after a newline
            is always dropped.

    Returns:
        The projection with its offset map.
    """
    out = Projection()
    n = len(src)
    pos = _LINE_START.match(src, 0).end() if line_start else 0  # type: ignore[union-attr]
    while pos < n:
        m = _SPECIAL.search(src, pos)
        if m is None:
            out.plain(src, pos, n)
            break
        a, b = m.span()
        out.plain(src, pos, a)
        pos = _special(src, a, b, out)
        if out.space and pos < n and src[pos].isspace():  # "a ** b" reads "a b"
            pos = _whitespace(src, pos, _WS.match(src, pos).end(), out)  # type: ignore[union-attr]
    return out


def _whitespace(src: str, a: int, b: int, out: Projection) -> int:
    """Emit the whitespace run ``src[a:b]`` and skip block markup after a newline in it."""
    out.unit(" ", a, b)
    if "\n" in src[a:b]:
        return _LINE_START.match(src, b).end()  # type: ignore[union-attr]
    return b


def _special(src: str, a: int, b: int, out: Projection) -> int:
    """Emit the special token ``src[a:b]``; return where scanning resumes."""
    ch = src[a]
    if ch.isspace():
        return _whitespace(src, a, b, out)
    if ch in _DASHES:
        out.unit("-", a, b)
        return b
    if ch in "*_`[" or ch in _INVISIBLE or (ch == "!" and src.startswith("[", b)):
        return b
    if ch == "]":
        return _after_target(src, b)
    if ch == "\\":
        nxt = src[b : b + 1]
        if nxt == "\\":
            out.unit("\\", a, b + 1)
            return b + 1
        if nxt and nxt in _PUNCT:
            return b  # the escaped character is read next, as itself
    elif ch == "<":
        link = _AUTOLINK.match(src, a)
        if link:
            out.plain(src, link.start(1), link.end(1))
            return link.end()
    elif ch == "&":
        ent = _ENTITY.match(src, a)
        shown = html.unescape(ent.group()) if ent else ""
        if ent and shown != ent.group():
            for c in shown:
                out.unit(c, a, ent.end())
            return ent.end()
    out.plain(src, a, b)
    return b


def _after_target(src: str, i: int) -> int:
    """After a link's ``]``: skip a ``(target "title")`` that starts at ``i``."""
    if not src.startswith("(", i):
        return i
    depth = 0
    for j in range(i, min(len(src), i + _MAX_URL)):
        c = src[j]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        elif c == "\n" and src.startswith("\n", j + 1):
            break
    return i


def find_visible(body: str, text: str) -> list[tuple[int, int]]:
    """Non-overlapping source spans of ``body`` that read as ``text``.

    See :func:`reader.anchors.anchoring.find_quote`, which is this function.

    Args:
        body: The Markdown source searched.
        text: What the user typed.

    Returns:
        ``(start, end)`` spans in order, from the first to just after the last visible
        character matched.
    """
    needle = project(text, line_start=False).text.strip(" ")
    if not needle:
        return []
    hay = project(body, line_start=True)
    proj = hay.text
    size = len(needle)
    out: list[tuple[int, int]] = []
    i = proj.find(needle)
    while i >= 0:
        out.append((hay.span(i)[0], hay.span(i + size - 1)[1]))
        i = proj.find(needle, i + size)
    return out
