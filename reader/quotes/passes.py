"""Whole-document passes used by the builder: lead quotes, headline verbs, repeated words."""

from __future__ import annotations

import re

from reader.document.model import Block, Document
from reader.quotes.cues import LEAD_LINE, VERB_SET
from reader.quotes.lazy import lazy
from reader.quotes.person_names import NAME
from reader.quotes.records import Quote
from reader.quotes.spans import MARKS, RawQuote

_TITLE_WORD = lazy(r"\b[A-Z][a-z]+\b")
_WS = lazy(r"[ \t\r\n]+")
_SIGNED = lazy(
    r"(?:Sincerely|Sincerely yours|Yours(?: truly| sincerely| faithfully)?|Regards|Kind regards|"
    rf"Respectfully|Best wishes|With gratitude|Gratefully|Thank you)\s*,?\s+(?P<who>{NAME})\s*$"
)


def signature(text: str) -> str | None:
    """The name signing a letter: ``Sincerely, / Edith Carraway`` at the end of ``text``."""
    m = _SIGNED.search(clean_text(text[-200:]))
    return m.group("who") if m else None


def clean_text(text: str) -> str:
    text = text.replace("---", "—").replace("--", "–")
    return _WS.sub(" ", text).strip()


def paragraphs(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.kind not in ("code", "rule")]


def lead_quotes(doc: Document, m: str, markdown: bool) -> list[RawQuote]:
    """Block quotes and paragraphs introduced by a ``Per X:`` style lead line."""
    out: list[RawQuote] = []
    blocks = paragraphs(doc)
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
                and joined_quote(doc.source[blocks[j].end : blocks[j + 1].start])
            ):
                j += 1
            parts = [(x.start, x.end) for x in blocks[i : j + 1]]
            rq = RawQuote(b.start, blocks[j].end, parts, 0, "block", lead.strip())
            rq.lead_end = prev.start + len(lead.rstrip()) if prev is not None else 0
            out.append(rq)
            i = j + 1
            continue
        if (
            prev is not None
            and b.kind == "paragraph"
            and len(lead) < 200
            and LEAD_LINE.match(lead)
            and not starts_with_mark(m, b.start, b.end)
        ):
            rq = RawQuote(b.start, b.end, [(b.start, b.end)], 0, "lead", lead.strip())
            rq.lead_end = prev.start + len(lead.rstrip())
            out.append(rq)
        i += 1
    return out


def headline_verbs(doc: Document, m: str) -> str:
    """Lower-case Title-Case cue verbs in headings ("Union Says") so cues match (same length)."""
    parts: list[str] = []
    pos = 0
    for b in doc.blocks:
        if b.kind != "heading":
            continue
        for w in _TITLE_WORD.finditer(m, b.start, b.end):
            if w.group(0).lower() in VERB_SET:
                parts.append(m[pos : w.start()])
                parts.append(w.group(0).lower())
                pos = w.end()
    if not parts:
        return m
    parts.append(m[pos:])
    return "".join(parts)


def joined_quote(between: str) -> bool:
    """Two block-quote paragraphs belong together when the lines between carry ``>``."""
    lines = between.split("\n")[1:-1]
    return bool(lines) and all(line.strip().startswith(">") for line in lines)


def starts_with_mark(m: str, lo: int, hi: int) -> bool:
    k = lo
    while k < hi and m[k].isspace():
        k += 1
    return k < hi and m[k] in MARKS


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def repeated(quotes: list[Quote]) -> list[Quote]:
    """Unattributed quotes repeating words of an attributed one get that speaker."""
    spoken = [(_key(q.text), q) for q in quotes if q.speaker and q.kind == "speech"]
    out: list[Quote] = []
    for q in quotes:
        k = _key(q.text)
        if q.cue is None and len(k.split()) >= 3 and q.kind in ("speech", "scare"):
            hit = next((s for t, s in spoken if s is not q and s.cue and k in t), None)
            if hit is not None:
                q = Quote(q.start, q.end, q.text, hit.speaker, None, "speech", q.depth)
        out.append(q)
    return out
