"""Finding quotation spans: marks, nesting, continuation paragraphs and block quotes.

The finder works on a *masked* copy of the body (same length; Markdown markup and code
replaced by spaces, see :func:`masked_text`) so that every span it reports is a pair of
source offsets. Attribution and kinds are added by :mod:`reader.quotes.attribution`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.document.model import Document

DOUBLE = '"“”„«»'
SINGLE = "'‘’‚‹›"
MARKS = DOUBLE + SINGLE
_MARK_RE = re.compile(r"[\"“”„«»'‘’‚‹›]")
_OPEN_CONTEXT = " \t\n([{—–-/:;*_#>\"“‘'"
_ELISIONS = re.compile(
    r"(?:em|til|tis|twas|cause|bout|round|n|nuff|scuse|kay|sup|ya|cha|er|ol|s)\b", re.I
)
_BLANK = re.compile(r"[^\n]")
MAX_PARAGRAPH_QUOTE = 3000
MAX_QUOTE = 20000


@dataclass
class RawQuote:
    """A quotation span before attribution.

    Attributes:
        start: Offset of the opening mark (or block start).
        end: Offset after the closing mark (or block end).
        parts: ``(start, end)`` of the quoted words in each paragraph.
        depth: Nesting depth.
        block: ``"mark"`` for quotation marks, ``"block"`` for a Markdown block quote,
            ``"lead"`` for a paragraph introduced by ``Per X:``.
        lead: For ``block``/``lead`` quotes, the text of the introducing paragraph.
        family: ``"d"`` for double quotation marks, ``"s"`` for single.
    """

    start: int
    end: int
    parts: list[tuple[int, int]] = field(default_factory=list)
    depth: int = 0
    block: str = "mark"
    lead: str = ""
    family: str = "d"
    lead_end: int = 0


def masked_text(doc: Document, markdown: bool) -> str:
    """Return a same-length copy of the body keeping only displayed prose.

    Markup characters, link targets and code become spaces; newlines are kept.
    """
    src = doc.source
    if not markdown:
        return src
    segs: list[tuple[int, int]] = []
    for b in doc.blocks:
        if b.kind in ("code", "rule"):
            continue
        segs += [(s0, s1) for inl in b.inlines if "code" not in inl.styles
                 for _d0, _d1, s0, s1 in inl.segments]
    segs.sort()
    out: list[str] = []
    pos = 0
    for s0, s1 in segs:
        if s0 > pos:
            gap = src[pos:s0]
            out.append(_BLANK.sub(" ", gap) if "\n" in gap else " " * (s0 - pos))
        if s1 > pos:
            out.append(src[max(s0, pos) : s1])
            pos = s1
    out.append(_BLANK.sub(" ", src[pos:]))
    return "".join(out)


def _kind(m: str, k: int, lo: int, hi: int) -> str:
    """Classify the mark at ``k``: ``open``, ``close``, ``both`` or ``apos``."""
    ch = m[k]
    prev = m[k - 1] if k > lo else " "
    nxt = m[k + 1] if k + 1 < hi else " "
    left = prev in _OPEN_CONTEXT or prev.isspace() or prev in MARKS
    right = not nxt.isalnum() or nxt in MARKS
    if ch == "‹":  # single guillemets: ‹...› (German: ›...‹)
        return "close" if (prev.isalnum() and not nxt.isalnum()) else "open"
    if ch == "›":
        return "open" if (left and nxt.isalnum()) else "close"
    if ch in SINGLE:
        if prev.isalnum() and nxt.isalnum():
            return "apos"  # it's, don’t
        if ch != "‘" and left and (nxt.isdigit() or _ELISIONS.match(m, k + 1, hi)):
            return "apos"  # ’90s, 'em, rock 'n' roll
        if ch == "‘":
            return "open" if not nxt.isspace() else "apos"
        if left and not nxt.isspace() and not right:
            return "open"
        if not prev.isspace() and right:
            return "close"
        return "apos"
    if ch in "“„«":
        return "close" if (not left and right and ch in "“«") else "open"
    if ch in "”»":
        return "open" if (left and not right) else "close"  # German »...« opens with »
    opening = left and not nxt.isspace()
    closing = not prev.isspace() and (right or nxt.isspace())
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    return "both"


def _weak_close(m: str, k: int, hi: int) -> bool:
    """A single closer that may be a plural possessive (``the cartels’ labs``)."""
    prev = m[k - 1] if k > 0 else " "
    after = m[k + 1 : k + 3]
    return prev in "sz" and len(after) == 2 and after[0] == " " and after[1].isalpha()


def _family(ch: str) -> str:
    return "d" if ch in DOUBLE else "s"


class _Finder:
    def __init__(self, m: str) -> None:
        self.m = m
        self.out: list[RawQuote] = []

    def paragraph(self, lo: int, hi: int, carry: RawQuote | None) -> RawQuote | None:
        """Scan one paragraph; return an unclosed outer quote to carry into the next."""
        m = self.m
        marks = [x.start() for x in _MARK_RE.finditer(m, lo, hi)]
        stack: list[tuple[str, int, RawQuote]] = []
        first = lo
        while first < hi and m[first].isspace():
            first += 1
        if carry is not None:
            if marks and marks[0] == first and _family(m[first]) == carry.family:
                carry.parts.append((first + 1, first + 1))
                stack.append((_family(m[first]), first, carry))
                marks = marks[1:]
            else:
                carry = None
        for idx, k in enumerate(marks):
            fam = _family(m[k])
            kind = _kind(m, k, lo, hi)
            if kind == "apos":
                continue
            pos = _closer_of(stack, m, k)
            if kind in ("close", "both") and pos >= 0:
                if (
                    fam == "s"
                    and _weak_close(m, k, hi)
                    and self._later_close(marks[idx + 1 :], lo, hi)
                ):
                    continue
                _f, _o, rq = stack[pos]
                del stack[pos:]
                if rq.parts:
                    rq.parts[-1] = (rq.parts[-1][0], k)
                rq.end = k + 1
                if (
                    rq.end - rq.parts[-1][0] <= MAX_PARAGRAPH_QUOTE
                    and rq.end - rq.start <= MAX_QUOTE
                ):
                    self.out.append(rq)
                continue
            if kind in ("open", "both"):
                same = _same_style(stack, m, k)
                if fam == "d" and same >= 0 and kind == "open":
                    del stack[same:]  # an unclosed “ before another “: drop it
                rq = RawQuote(k, k + 1, [(k + 1, k + 1)], depth=len(stack), family=fam)
                stack.append((fam, k, rq))
        if stack and stack[0][2].depth == 0:
            rq = stack[0][2]
            rq.parts[-1] = (rq.parts[-1][0], _rstrip(m, lo, hi))
            return rq
        return None

    def _later_close(self, marks: list[int], lo: int, hi: int) -> bool:
        m = self.m
        for k in marks:
            if m[k] in SINGLE:
                kind = _kind(m, k, lo, hi)
                if kind in ("close", "both") and not _weak_close(m, k, hi):
                    return True
                if kind == "open":
                    return False
        return False


_STYLE = {
    '"': "straight", "“": "curly", "”": "curly", "„": "low", "«": "guil", "»": "guil",
    "'": "sstraight", "‘": "scurly", "’": "scurly", "‚": "slow", "‹": "sguil", "›": "sguil",
}  # fmt: skip
_CLOSES = {
    '"': ("straight",), "”": ("curly", "low"), "“": ("low", "curly"), "»": ("guil",),
    "«": ("guil",), "'": ("sstraight",), "’": ("scurly", "slow"), "‘": ("slow",),
    "›": ("sguil",), "‹": ("sguil",),
}  # fmt: skip


def _closer_of(stack: list[tuple[str, int, RawQuote]], m: str, k: int) -> int:
    """Stack index of the opener the mark at ``k`` closes (same style first, then family)."""
    styles = _CLOSES.get(m[k], ())
    for j in range(len(stack) - 1, -1, -1):
        if _STYLE.get(m[stack[j][1]]) in styles:
            return j
    fam = _family(m[k])
    return next((j for j in range(len(stack) - 1, -1, -1) if stack[j][0] == fam), -1)


def _same_style(stack: list[tuple[str, int, RawQuote]], m: str, k: int) -> int:
    style = _STYLE.get(m[k])
    for j in range(len(stack) - 1, -1, -1):
        if _STYLE.get(m[stack[j][1]]) == style:
            return j
    return -1


def _rstrip(m: str, lo: int, hi: int) -> int:
    while hi > lo and m[hi - 1].isspace():
        hi -= 1
    return hi


def _next_starts_with_mark(m: str, lo: int, hi: int) -> bool:
    k = lo
    while k < hi and m[k].isspace():
        k += 1
    return k < hi and m[k] in MARKS


def find_raw_quotes(doc: Document, m: str) -> list[RawQuote]:
    """Find quotation-mark spans paragraph by paragraph.

    Args:
        doc: The parsed document (its blocks define paragraphs).
        m: The masked body from :func:`masked_text`.

    Returns:
        Raw quotes in order of start offset (nested quotes included, with depth).
    """
    f = _Finder(m)
    blocks = [b for b in doc.blocks if b.kind not in ("code", "rule")]
    carry: RawQuote | None = None
    for i, b in enumerate(blocks):
        carry = f.paragraph(b.start, b.end, carry)
        if carry is not None:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is None or not _next_starts_with_mark(m, nxt.start, nxt.end):
                carry = None
    f.out.sort(key=lambda q: (q.start, -q.end))
    return f.out
