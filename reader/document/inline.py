"""Inline Markdown: emphasis, strong, code spans, links, HTML entities and typographic dashes.

The parser works on a block's *content* (the block's lines with their block markup
removed, joined by their own newlines) together with a map from content positions to
source offsets, and produces :class:`~reader.document.model.Inline` runs that map every
display character back to the source. It never raises on any input.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from reader.document.model import Inline, Segment, make_inline

_SPECIAL_MD = re.compile(r"[\\`\[!*_\-<&\n\r]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPECIAL_TEXT = re.compile(r"[\-\n\r]")
_NEWLINE = re.compile(r"[\r\n]")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]+)>")
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MAX_SEARCH = 4000

# text, c0, c1, styles, href; text ``None``: the content ``[c0, c1)`` itself (no newline in it)
Piece = tuple[str | None, int, int, frozenset[str], str | None]


@dataclass
class Content:
    """A block's content string and its map back to the source.

    Attributes:
        text: The content (source slices joined; each slice ends with its newline).
        starts: Content position where each slice begins (sorted).
        sources: Source offset of each slice's first character.
    """

    text: str
    starts: list[int]
    sources: list[int]

    @classmethod
    def from_slices(cls, source: str, slices: list[tuple[int, int]]) -> Content:
        """Build content from ``(start, end)`` source slices."""
        parts: list[str] = []
        starts: list[int] = []
        sources: list[int] = []
        pos = 0
        for s0, s1 in slices:
            starts.append(pos)
            sources.append(s0)
            parts.append(source[s0:s1])
            pos += s1 - s0
        return cls("".join(parts), starts, sources)

    def src(self, c: int) -> int:
        """Source offset of content position ``c`` (``c`` may equal ``len(text)``)."""
        if not self.starts:
            return 0
        k = bisect_right(self.starts, c) - 1
        if k < 0:
            k = 0
        return self.sources[k] + (c - self.starts[k])

    def src_end(self, c: int) -> int:
        """Source offset just after content position ``c - 1``."""
        return self.src(c - 1) + 1 if c > 0 else self.src(0)


class _InlineParser:
    """Turns a content string into pieces (see :data:`Piece`).

    Neighbouring pieces of unchanged text with the same styles are merged as they are made
    (one piece, not one per markup character), except across a line: ``breaks`` holds the
    content positions where a new source line starts.
    """

    def __init__(self, text: str, markdown: bool, breaks: frozenset[int] = frozenset()) -> None:
        self.c = text
        self.md = markdown
        self.special = _SPECIAL_MD if markdown else _SPECIAL_TEXT
        self.out: list[Piece] = []
        self.breaks = breaks
        self._pairs: dict[str, _Pairs] = {}
        self._runs: dict[str, _DelimiterRuns] = {}

    def match(self, i: int, hi: int, open_: str) -> int:
        """Offset of the bracket closing the one at ``i`` before ``hi``, or -1 (see ``_Pairs``)."""
        pairs = self._pairs.get(open_)
        if pairs is None:
            pairs = self._pairs[open_] = _Pairs(self.c, open_, _CLOSER[open_])
        return pairs.close(i, hi)

    def closer(self, ch: str, i: int, n: int, hi: int) -> int:
        """Start of the run of ``ch`` closing an ``n``-long opener at ``i``, or -1."""
        runs = self._runs.get(ch)
        if runs is None:
            runs = self._runs[ch] = _DelimiterRuns(self.c, ch)
        return runs.closer(i, n, hi)

    def plain(self, lo: int, hi: int, styles: frozenset[str], href: str | None) -> None:
        c = self.c
        while lo < hi:
            found = _NEWLINE.search(c, lo, hi)
            nl = found.start() if found else -1
            if nl < 0:
                self.verbatim(lo, hi, styles, href)
                return
            if nl > lo:
                self.verbatim(lo, nl, styles, href)
            self.out.append((" ", nl, nl + 1, styles, href))
            lo = nl + 1

    def verbatim(self, lo: int, hi: int, styles: frozenset[str], href: str | None) -> None:
        """Add the content ``[lo, hi)`` (no newline in it) as shown, merged with the piece
        before when that one is unchanged text ending at ``lo`` with the same styles."""
        out = self.out
        if out and lo not in self.breaks:
            t, c0, c1, st, hr = out[-1]
            if t is None and c1 == lo and hr == href and st == styles:
                out[-1] = (None, c0, hi, st, hr)
                return
        out.append((None, lo, hi, styles, href))

    def run(self, lo: int, hi: int, styles: frozenset[str], href: str | None) -> None:
        c = self.c
        i = lo  # start of the text not yet added
        j = lo  # where to look for the next special character
        while j < hi:
            m = self.special.search(c, j, hi)
            if m is None:
                break
            j = m.start()
            k = self.literal(j, hi, styles)
            if k > j:  # shown as it is: it joins the text around it
                j = k
                continue
            if j > i:
                self.plain(i, j, styles, href)
            i = j = self.special_at(j, hi, styles, href)
        if i < hi:
            self.plain(i, hi, styles, href)

    def literal(self, i: int, hi: int, styles: frozenset[str]) -> int:
        """End of the special characters at ``i`` if ``special_at`` would show them unchanged
        (as :meth:`plain` text), else ``i``: a line break, a lone or long dash, an
        emphasis run that cannot open, or ``[`` characters that no bracket closes."""
        c = self.c
        ch = c[i]
        if ch in "\r\n":
            return i + 1  # plain() shows it as a space, as special_at() does
        if ch in "-*_":
            n = 1
            while i + n < hi and c[i + n] == ch:
                n += 1
            if ch == "-":
                return i if n in (2, 3) and "code" not in styles else i + n
            prev = c[i - 1] if i > 0 else " "
            nxt = c[i + n] if i + n < hi else " "
            return i + n if n > 3 or nxt.isspace() or (ch == "_" and prev.isalnum()) else i
        if ch == "[":
            pairs = self._pairs.get("[")
            if pairs is None:
                pairs = self._pairs["["] = _Pairs(self.c, "[", "]")
            if i in pairs.match:
                return i
            run = _OPEN_BRACKETS.match(c, i, hi)
            end = run.end() if run else i
            k = bisect_left(pairs.openers, i)
            return min(end, pairs.openers[k]) if k < len(pairs.openers) else end
        return i

    def special_at(self, i: int, hi: int, styles: frozenset[str], href: str | None) -> int:
        c = self.c
        ch = c[i]
        if ch in "*_":
            return self.emphasis(i, hi, styles, href)
        if ch in "\r\n":
            self.out.append((" ", i, i + 1, styles, href))
            return i + 1
        if ch == "-":
            n = 1
            while i + n < hi and c[i + n] == "-":
                n += 1
            if n in (2, 3) and "code" not in styles:
                self.out.append(("–" if n == 2 else "—", i, i + n, styles, href))
            else:
                self.plain(i, i + n, styles, href)
            return i + n
        if ch == "\\" and i + 1 < hi and c[i + 1] in _PUNCT:
            self.out.append((c[i + 1], i, i + 2, styles, href))
            return i + 2
        if ch == "`":
            return self.code(i, hi, styles, href)
        if ch in "[!":
            return self.link(i, hi, styles, href)
        if ch == "&" and "code" not in styles:
            ent = _ENTITY.match(c, i, hi)
            if ent:
                shown = html.unescape(ent.group())
                if shown != ent.group() and (shown.isprintable() or shown == "\xa0"):
                    self.out.append((shown, i, ent.end(), styles, href))
                    return ent.end()
        if ch == "<":
            m = _AUTOLINK.match(c, i, hi)
            if m:
                url = m.group(1)
                self.out.append((url, i + 1, m.end() - 1, styles | {"link"}, url))
                return m.end()
        self.plain(i, i + 1, styles, href)
        return i + 1

    def code(self, i: int, hi: int, styles: frozenset[str], href: str | None) -> int:
        c = self.c
        n = 1
        while i + n < hi and c[i + n] == "`":
            n += 1
        tick = "`" * n
        j = c.find(tick, i + n, min(hi, i + n + _MAX_SEARCH))
        while j >= 0 and j + n < hi and c[j + n] == "`":
            k = j
            while k < hi and c[k] == "`":
                k += 1
            j = c.find(tick, k, min(hi, i + n + _MAX_SEARCH))
        if j < 0:
            self.plain(i, i + n, styles, href)
            return i + n
        a, b = i + n, j
        if b - a >= 2 and c[a] == " " and c[b - 1] == " " and c[a:b].strip():
            a, b = a + 1, b - 1
        if b > a:
            self.plain(a, b, styles | {"code"}, href)
        return j + n

    def link(self, i: int, hi: int, styles: frozenset[str], href: str | None) -> int:
        c = self.c
        o = i + 1 if c[i] == "!" else i
        if o >= hi or c[o] != "[":
            self.plain(i, i + 1, styles, href)
            return i + 1
        close = self.match(o, hi, "[")
        if close < 0 or close + 1 >= hi or c[close + 1] != "(":
            self.plain(i, o + 1, styles, href)
            return o + 1
        pclose = self.match(close + 1, hi, "(")
        if pclose < 0:
            self.plain(i, o + 1, styles, href)
            return o + 1
        target = c[close + 2 : pclose].strip()
        target = target.split()[0] if target.split() else ""
        target = target.strip("<>")
        if close > o + 1:
            self.run(o + 1, close, styles | {"link"}, target or None)
        return pclose + 1

    def emphasis(self, i: int, hi: int, styles: frozenset[str], href: str | None) -> int:
        c = self.c
        ch = c[i]
        n = 1
        while i + n < hi and c[i + n] == ch:
            n += 1
        prev = c[i - 1] if i > 0 else " "
        nxt = c[i + n] if i + n < hi else " "
        if n > 3 or nxt.isspace() or (ch == "_" and prev.isalnum()):
            self.plain(i, i + n, styles, href)
            return i + n
        j = self.closer(ch, i, n, hi)
        if j >= 0:
            run = 1
            while j + run < hi and c[j + run] == ch:
                run += 1
            close = j + run - n
            self.run(i + n, close, styles | _EMPHASIS[n], href)
            return close + n
        self.plain(i, i + n, styles, href)
        return i + n


_CLOSER = {"[": "]", "(": ")"}
_EMPHASIS = {1: frozenset({"em"}), 2: frozenset({"strong"}), 3: frozenset({"em", "strong"})}
_OPEN_BRACKETS = re.compile(r"\[+")


class _Pairs:
    """Matching brackets of one content string, found once with a stack (linear).

    ``close(i, hi)`` answers what a scan from the opener at ``i`` would: the bracket where
    the nesting depth returns to zero, unless it lies at or after ``hi``, ``_MAX_SEARCH``
    characters or more after ``i``, or after a blank line (``\\n\\n``). A backslash does not
    escape a bracket here (as in the scan it replaces).
    """

    def __init__(self, c: str, open_: str, close: str) -> None:
        self.match: dict[int, int] = {}
        stack: list[int] = []
        for m in re.finditer(f"[{re.escape(open_)}{re.escape(close)}]", c):
            k = m.start()
            if c[k] == open_:
                stack.append(k)
            elif stack:
                self.match[stack.pop()] = k
        self.openers = sorted(self.match)  # the openers something closes
        self.blank = [m.start() for m in re.finditer(r"\n(?=\n)", c)]

    def close(self, i: int, hi: int) -> int:
        k = self.match.get(i, -1)
        if k < 0 or k >= min(hi, i + _MAX_SEARCH):
            return -1
        b = bisect_left(self.blank, i)
        if b < len(self.blank) and self.blank[b] < k:
            return -1
        return k


class _DelimiterRuns:
    """The maximal runs of one emphasis character (``*`` or ``_``) in a content string.

    ``closer(i, n, hi)`` finds the first run after the opener at ``i`` (of length ``n``) that
    can close it: it starts within ``_MAX_SEARCH`` characters, is not preceded by
    whitespace, is at least ``n`` long and, for ``_``, is not followed by a letter or digit.
    A run's length and the character after it are cut at ``hi``. Runs that can close an
    opener of each length are indexed once, so a lookup is a binary search.
    """

    def __init__(self, c: str, ch: str) -> None:
        self.c = c
        self.ch = ch
        spans = [m.span() for m in re.finditer(f"{re.escape(ch)}+", c)]
        self.starts: list[int] = [j for j, _e in spans]
        self.ends: list[int] = [e for _j, e in spans]
        # runs that can close: not after whitespace; "_" not before a letter or digit
        size = len(c)
        can = [
            (j, e)
            for j, e in spans
            if not (j > 0 and c[j - 1].isspace())
            and not (ch == "_" and e < size and c[e].isalnum())
        ]
        self.good = {
            1: [j for j, _e in can],
            2: [j for j, e in can if e - j >= 2],
            3: [j for j, e in can if e - j >= 3],
        }

    def _closes(self, j: int, e: int, n: int, hi: int) -> bool:
        """Whether the run ``[j, e)``, cut at ``hi``, closes an opener of length ``n``."""
        e = min(e, hi)
        after = self.c[e] if e < hi else " "
        if j > 0 and self.c[j - 1].isspace():
            return False
        return e - j >= n and not (self.ch == "_" and after.isalnum())

    def closer(self, i: int, n: int, hi: int) -> int:
        lo = i + n + 1
        limit = min(hi, i + n + _MAX_SEARCH)
        # the one run that reaches ``hi`` is judged as cut there; every other run as indexed
        k = bisect_left(self.starts, hi) - 1
        cut = self.starts[k] if k >= 0 and self.ends[k] >= hi else -1
        good = self.good[n]
        g = bisect_left(good, lo)
        while g < len(good) and good[g] < limit:
            if good[g] != cut:
                break
            g += 1
        first = good[g] if g < len(good) and good[g] < limit else -1
        before_first = first < 0 or cut < first
        if lo <= cut < limit and before_first and self._closes(cut, self.ends[k], n, hi):
            return cut
        return first


def parse_inlines(content: Content, markdown: bool = True) -> tuple[Inline, ...]:
    """Parse a block's content into display runs.

    Args:
        content: The block content and its source map.
        markdown: Interpret Markdown inline syntax (otherwise only dashes and line breaks).

    Returns:
        Inline runs in order; consecutive pieces with the same style are merged.
    """
    text = content.text
    # trailing newline of the block is not displayed
    hi = len(text)
    while hi > 0 and text[hi - 1] in "\r\n":
        hi -= 1
    p = _InlineParser(text, markdown, frozenset(content.starts))
    p.run(0, hi, frozenset(), None)
    return _group(p.out, content)


def _group(pieces: list[Piece], content: Content) -> tuple[Inline, ...]:
    """Merge consecutive pieces with the same styles and link into runs mapped to the source."""
    runs: list[Inline] = []
    text = content.text
    # one slice (a one-line block): a content position maps to the source by one shift
    single = len(content.starts) == 1
    shift = content.sources[0] - content.starts[0] if single else 0
    i, n = 0, len(pieces)
    while i < n:
        t, c0, c1, styles, href = pieces[i]
        i += 1
        if t is None:
            t = text[c0:c1]
        elif not t:
            continue
        if single:
            cur = [(t, shift + c0, shift + c1)]
        else:
            cur = [(t, content.src(c0), content.src_end(c1))]
        while i < n:
            t, c0, c1, st, hr = pieces[i]
            if t is not None and not t:
                i += 1
                continue
            if st != styles or hr != href:
                break
            i += 1
            if t is None:
                t = text[c0:c1]
            if single:
                cur.append((t, shift + c0, shift + c1))
            else:
                cur.append((t, content.src(c0), content.src_end(c1)))
        runs.append(_run(cur, styles, href))
    return tuple(runs)


def _run(cur: list[tuple[str, int, int]], styles: frozenset[str], href: str | None) -> Inline:
    """One run from its pieces' ``(text, source start, source end)``."""
    if len(cur) == 1:  # the usual case once unchanged text is merged: one segment
        t, s0, s1 = cur[0]
        return make_inline(t, s0, s1, styles, href, ((0, len(t), s0, s1),))
    segs: list[Segment] = []
    texts: list[str] = []
    d = 0
    for t, s0, s1 in cur:
        d1 = d + len(t)
        if segs and len(t) == s1 - s0:
            pd0, pd1, ps0, ps1 = segs[-1]
            if pd1 - pd0 == ps1 - ps0 and ps1 == s0:
                segs[-1] = (pd0, d1, ps0, s1)
                texts.append(t)
                d = d1
                continue
        segs.append((d, d1, s0, s1))
        texts.append(t)
        d = d1
    return make_inline("".join(texts), segs[0][2], segs[-1][3], styles, href, tuple(segs))
