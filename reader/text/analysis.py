"""Putting it together: ``find_quotes``, ``speakers_index`` and the cached ``analyze``."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import OrderedDict
from threading import Lock

from reader.text.attribution import LEAD, Attribution, Attributor, quote_kind
from reader.text.document import parse_document
from reader.text.model import Analysis, Block, Document, Quote, Speaker
from reader.text.quotes import MARKS, RawQuote, find_raw_quotes, masked_text
from reader.text.sentences import sentences

_CACHE: OrderedDict[tuple[bytes, str], Analysis] = OrderedDict()
_CACHE_SIZE = 32
_LOCK = Lock()
_WS = re.compile(r"[ \t\r\n]+")
_ANON = re.compile(
    r"\b(?:sources?|people|officials|aides|allies|experts|critics|observers|analysts|"
    r"residents|witnesses|others|some|many|insiders|members|lawmakers|reports?)\s*$",
    re.I,
)


def _clean(text: str) -> str:
    text = text.replace("---", "—").replace("--", "–")
    return _WS.sub(" ", text).strip()


def _paragraphs(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.kind not in ("code", "rule")]


def _lead_quotes(doc: Document, m: str, markdown: bool) -> list[RawQuote]:
    """Block quotes and paragraphs introduced by a ``Per X:`` style lead line."""
    out: list[RawQuote] = []
    blocks = _paragraphs(doc)
    i = 0
    while i < len(blocks):
        b = blocks[i]
        prev = blocks[i - 1] if i > 0 else None
        lead = m[prev.start : prev.end] if prev is not None else ""
        if b.kind == "block_quote":
            j = i
            while (
                j + 1 < len(blocks)
                and blocks[j + 1].kind == "block_quote"
                and not doc.source[blocks[j].end : blocks[j + 1].start].replace(">", "").strip()
            ):
                j += 1
            parts = [(x.start, x.end) for x in blocks[i : j + 1]]
            rq = RawQuote(b.start, blocks[j].end, parts, 0, "block", lead.strip())
            out.append(rq)
            i = j + 1
            continue
        if (
            prev is not None
            and b.kind == "paragraph"
            and len(lead) < 200
            and LEAD.match(lead)
            and not _starts_with_mark(m, b.start, b.end)
        ):
            out.append(RawQuote(b.start, b.end, [(b.start, b.end)], 0, "lead", lead.strip()))
        i += 1
    return out


def _starts_with_mark(m: str, lo: int, hi: int) -> bool:
    k = lo
    while k < hi and m[k].isspace():
        k += 1
    return k < hi and m[k] in MARKS


class _Builder:
    def __init__(self, body: str, body_format: str) -> None:
        self.doc = parse_document(body, body_format)
        self.markdown = body_format == "markdown"
        self.m = masked_text(self.doc, self.markdown)
        self.paras = _paragraphs(self.doc)
        self.para_starts = [b.start for b in self.paras]
        self.sents = sentences(self.m)
        self.sent_starts = [s for s, _ in self.sents]

    def para_of(self, pos: int) -> Block | None:
        k = bisect_right(self.para_starts, pos) - 1
        return self.paras[k] if k >= 0 else None

    def sentence_start(self, pos: int) -> int:
        k = bisect_right(self.sent_starts, pos) - 1
        return self.sents[k][0] if k >= 0 else 0

    def text_of(self, rq: RawQuote) -> str:
        if rq.block == "block":
            blocks = [b for b in self.paras if rq.start <= b.start < rq.end]
            return "\n\n".join(_clean(b.text) for b in blocks)
        return "\n\n".join(_clean(self.m[a:b]) for a, b in rq.parts)

    def build(self) -> list[Quote]:
        leads = _lead_quotes(self.doc, self.m, self.markdown)
        marks = find_raw_quotes(self.doc, self.m)
        for rq in marks:
            if any(lq.start <= rq.start < lq.end for lq in leads):
                rq.depth += 1
        raws = sorted([*leads, *marks], key=lambda q: (q.start, -q.end))
        spans = [(q.start, q.end) for q in raws if q.depth == 0]
        att = Attributor(self.m, spans)
        quotes: list[Quote] = []
        last_speech: Quote | None = None
        for rq in raws:
            q = self.attribute(rq, att, quotes, last_speech)
            quotes.append(q)
            if q.kind == "speech" and q.depth == 0 and q.speaker:
                last_speech = q
        return quotes

    def attribute(
        self, rq: RawQuote, att: Attributor, done: list[Quote], last: Quote | None
    ) -> Quote:
        text = self.text_of(rq)
        if rq.block in ("block", "lead"):
            a = att.lead(rq.lead, rq.start) if rq.lead else None
            return Quote(rq.start, rq.end, text, a.speaker if a else None,
                         a.cue if a else None, "speech", rq.depth)
        if rq.depth > 0:
            para = self.para_of(rq.start)
            lo = para.start if para else 0
            return Quote(rq.start, rq.end, text, None, None,
                         quote_kind(self.m, rq.start, lo, text), rq.depth)
        para = self.para_of(rq.start)
        last_para = self.para_of(rq.end - 1)
        p_lo = para.start if para else 0
        p_hi = last_para.end if last_para else len(self.m)
        nxt = [q.start for q in done if q.start >= rq.end]
        limit = min([p_hi, *nxt, rq.end + 300])
        a: Attribution | None = att.after(rq.end, limit)
        if a is None:
            lo = max(p_lo, self.sentence_start(rq.start))
            a = att.before(rq.start, lo)
        if a is not None and _ANON.search(a.cue or "") is None:
            kind = quote_kind(self.m, rq.start, p_lo, text)
            kind = kind if kind in ("title", "term") and not a.speaker else "speech"
            return Quote(rq.start, rq.end, text, a.speaker, a.cue, kind, 0)
        # same paragraph: a split quote continues the previous speaker
        if last is not None and last.start >= p_lo and para is not None:
            kind = quote_kind(self.m, rq.start, p_lo, text)
            if kind == "speech" or self.m[last.end : rq.start].strip(" ,.") == "":
                return Quote(rq.start, rq.end, text, last.speaker, last.cue, "speech", 0)
        # a paragraph that is only this quote continues the previous paragraph's speaker
        if last is not None and para is not None and self.only_quote(rq, para.start, p_hi):
            prev = self.para_of(para.start - 1)
            if prev is not None and prev.start <= last.start < prev.end + 1:
                return Quote(rq.start, rq.end, text, last.speaker, last.cue, "speech", 0)
        kind = quote_kind(self.m, rq.start, p_lo, text)
        return Quote(rq.start, rq.end, text, None, None, kind, 0)

    def only_quote(self, rq: RawQuote, lo: int, hi: int) -> bool:
        outside = self.m[lo : rq.start] + self.m[rq.end : hi]
        return not outside.strip(" \t\n.,;:—–-")


def find_quotes(body: str, body_format: str = "markdown") -> list[Quote]:
    """Find every quotation in an article body, attributed where possible.

    Args:
        body: The stored body.
        body_format: ``"markdown"`` or ``"text"``.

    Returns:
        Quotes in order of start offset (outer before nested at the same offset).
    """
    try:
        return _Builder(body, body_format).build()
    except RecursionError:  # pragma: no cover - defensive: never crash on odd input
        return []


def speakers_index(quotes: list[Quote]) -> list[Speaker]:
    """Group attributed quotes by speaker.

    Args:
        quotes: Quotes as returned by :func:`find_quotes`.

    Returns:
        Speakers with their quotes, most quotes first, then by first appearance.
    """
    groups: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.speaker:
            groups.setdefault(q.speaker, []).append(q)
    order = {name: i for i, name in enumerate(groups)}
    items = sorted(groups.items(), key=lambda kv: (-len(kv[1]), order[kv[0]]))
    return [Speaker(name, tuple(qs)) for name, qs in items]


def analyze_uncached(body: str, body_format: str = "markdown") -> Analysis:
    """Compute an :class:`Analysis` without the cache (for benchmarks)."""
    b = _Builder(body, body_format)
    quotes = b.build()
    return Analysis(
        b.doc, tuple(quotes), tuple(sentences(body)), tuple(speakers_index(quotes))
    )


def analyze(body: str, body_format: str = "markdown") -> Analysis:
    """Parse, find quotes, split sentences and index speakers; cached per content.

    Args:
        body: The stored body.
        body_format: ``"markdown"`` or ``"text"``.

    Returns:
        The analysis; repeated calls with the same content return the cached object.
    """
    key = (hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=16).digest(), body_format)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    result = analyze_uncached(body, body_format)
    with _LOCK:
        _CACHE[key] = result
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result


def clear_cache() -> None:
    """Empty the ``analyze`` cache."""
    with _LOCK:
        _CACHE.clear()
