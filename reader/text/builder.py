"""Building attributed quotes for one body: spans, leads, attribution and continuation."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from reader.text.attribution import Attribution, Attributor
from reader.text.cues import LEAD_LINE, VERB_SET, context_kind, iter_cues, shape_kind
from reader.text.document import parse_document
from reader.text.lexicon import PERSON_ROLES, TITLE_WORDS
from reader.text.model import Block, Document, Quote
from reader.text.quotes import MARKS, RawQuote, find_raw_quotes, masked_text
from reader.text.sentences import sentences

_NICK_BEFORE = re.compile(r"\b[A-Z][a-z]+[ \t]+$")
_NICK_AFTER = re.compile(r"[ \t]+[A-Z][\w’'-]+")
_TITLE_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_WS = re.compile(r"[ \t\r\n]+")


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
                and _joined_quote(doc.source[blocks[j].end : blocks[j + 1].start])
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
            and not _starts_with_mark(m, b.start, b.end)
        ):
            rq = RawQuote(b.start, b.end, [(b.start, b.end)], 0, "lead", lead.strip())
            rq.lead_end = prev.start + len(lead.rstrip())
            out.append(rq)
        i += 1
    return out


def _headline_verbs(doc: Document, m: str) -> str:
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


def _joined_quote(between: str) -> bool:
    """Two block-quote paragraphs belong together when the lines between carry ``>``."""
    lines = between.split("\n")[1:-1]
    return bool(lines) and all(line.strip().startswith(">") for line in lines)


def _starts_with_mark(m: str, lo: int, hi: int) -> bool:
    k = lo
    while k < hi and m[k].isspace():
        k += 1
    return k < hi and m[k] in MARKS


class Builder:
    """Parses one body and attributes its quotations (see :meth:`build`)."""

    def __init__(self, body: str, body_format: str) -> None:
        self.doc = parse_document(body, body_format)
        self.markdown = body_format == "markdown"
        self.m = _headline_verbs(self.doc, masked_text(self.doc, self.markdown))
        self.paras = _paragraphs(self.doc)
        self.para_starts = [b.start for b in self.paras]
        self.sents = sentences(self.m)
        self.sent_starts = [s for s, _ in self.sents]

    def para_of(self, pos: int) -> Block | None:
        """The paragraph-like block containing ``pos`` (None before the first)."""
        k = bisect_right(self.para_starts, pos) - 1
        return self.paras[k] if k >= 0 else None

    def sentence_end(self, pos: int) -> int:
        """End offset of the sentence containing ``pos`` (its attribution included)."""
        k = bisect_right(self.sent_starts, pos) - 1
        return max(self.sents[k][1], pos) if k >= 0 else pos

    def sentence_start(self, pos: int) -> int:
        """Start offset of the sentence containing ``pos``."""
        k = bisect_right(self.sent_starts, pos) - 1
        return self.sents[k][0] if k >= 0 else 0

    def text_of(self, rq: RawQuote) -> str:
        """The words of a quotation: marks removed, paragraphs joined by a blank line."""
        if rq.block == "block":
            blocks = [b for b in self.paras if rq.start <= b.start < rq.end]
            return "\n\n".join(_clean(b.text) for b in blocks)
        return "\n\n".join(_clean(self.m[a:b]) for a, b in rq.parts)

    def build(self) -> list[Quote]:
        """Find, attribute and classify every quotation of the body, in order."""
        leads = _lead_quotes(self.doc, self.m, self.markdown)
        marks = find_raw_quotes(self.doc, self.m)
        for rq in marks:
            if any(lq.start <= rq.start < lq.end for lq in leads):
                rq.depth += 1
        raws = sorted([*leads, *marks], key=lambda q: (q.start, -q.end))
        spans = [(q.start, q.end) for q in raws if q.depth == 0 and q.block == "mark"]
        self.att = Attributor(self.m, spans, self.sent_starts)
        quotes: list[Quote] = []
        self.starts = [q.start for q in raws]
        for rq in raws:
            try:
                q = self.attribute(rq, quotes)
            except RecursionError:  # pragma: no cover - defensive: degrade, never crash
                q = Quote(rq.start, rq.end, self.text_of(rq), None, None, "speech", rq.depth)
            quotes.append(q)
            if q.speaker and q.kind == "speech" and q.depth == 0:
                self.att.spoken.append((q.end, q.speaker))
                spoken = self.att.names.speakers
                spoken[q.speaker] = spoken.get(q.speaker, 0) + 1
        return _repeated(quotes)

    def attribute(self, rq: RawQuote, done: list[Quote]) -> Quote:
        """Speaker, cue and kind of one quotation, given the quotes before it."""
        text = self.text_of(rq)
        if rq.block in ("block", "lead"):
            a = self.att.lead(rq.lead, rq.start) if rq.lead else None
            nl = self.m.find("\n", rq.end, rq.end + 2)
            if a is None and rq.block == "block" and nl >= 0:  # "> ..." then "— Jane Doe"
                a = self.att.after(nl + 1, min(len(self.m), nl + 120))
            if a is None and rq.lead.endswith(":"):
                lo = self.sentence_start(rq.lead_end - 1)
                a = self.att.before(rq.lead_end, lo)
            spk, cue = (a.speaker, a.cue) if a else (None, None)
            return Quote(rq.start, rq.end, text, spk, cue, "speech", rq.depth)
        outer = None
        for q in reversed(done[-12:]):
            if q.start < rq.start and rq.end <= q.end:
                outer = q
                break
        para = self.para_of(rq.start)
        p_lo = para.start if para else 0
        last_para = self.para_of(rq.end - 1)
        p_hi = last_para.end if last_para else len(self.m)
        if outer is not None and outer.depth < rq.depth and self.m[outer.start] in MARKS:
            p_lo, p_hi = max(p_lo, outer.start + 1), min(p_hi, outer.end - 1)

        def make(spk: str | None, cue: str | None, kind: str = "speech") -> Quote:
            return Quote(rq.start, rq.end, text, spk, cue, kind, rq.depth)

        ctx = context_kind(self.m, rq.start, p_lo, text)
        nickname = len(text.split()) == 1 and text[:1].isupper()
        if (
            nickname
            and _NICK_BEFORE.search(self.m, max(0, rq.start - 30), rq.start)
            and _NICK_AFTER.match(self.m, rq.end)
        ):
            ctx = "term"  # Harold "Hal" Jennings: a nickname, not words anyone said
        if ctx in ("title", "term", "scare"):
            return make(None, None, ctx)
        o_spk = outer.speaker if outer is not None else None
        k = bisect_right(self.starts, rq.end - 1)
        nxt = self.starts[k] if k < len(self.starts) else len(self.m)
        limit = min(p_hi, nxt, rq.end + 300)
        lo = max(p_lo, self.sentence_start(rq.start))
        a = self.att.after(rq.end, limit, o_spk) or self.att.before(rq.start, lo, o_spk)
        if a is not None:
            return make(a.speaker, a.cue)
        prev = self.previous_speech(rq, done, p_lo)
        if prev is not None and lo < rq.start and not self.same_voice(lo, rq.start, prev.speaker):
            prev = None  # the quote's own sentence names someone else first
        if prev is not None:
            gap = self.sentences_between(prev.end, rq.start)
            turn = self.speech_turn(prev, rq.start) if gap == 1 else None
            if turn is not None:  # '"...," said A. B disagreed. "..."': B speaks now
                return make(turn, None)
            if gap <= 1 or (gap == 2 and self.same_voice(prev.end, rq.start, prev.speaker)):
                return make(prev.speaker, prev.cue)
        in_heading = para is not None and para.kind == "heading"
        if (
            rq.depth == 0
            and para is not None
            and not in_heading
            and self.opens_paragraph(rq, para.start)
        ):
            a = self.colon_lead(para.start)
            if a is not None:
                return make(a.speaker, a.cue)
            last = next((q for q in reversed(done) if q.depth == 0 and q.speaker), None)
            if (
                last is not None
                and last.kind == "speech"
                and self.same_voice(self.sentence_end(last.end - 1), p_lo, last.speaker)
            ):
                return make(last.speaker, last.cue)
            if self.only_quote(rq, para.start, p_hi) and shape_kind(text) == "speech":
                subj = self.previous_subject(para.start)
                if subj is not None:
                    return make(subj, None)
        if in_heading and rq.depth == 0 and para is not None:
            spk = self.heading_speaker(para.start, rq.start)
            if spk is not None:
                return make(spk, None)
        partial = len(text.split()) >= 2 or text.rstrip()[-1:] in ".,!?"
        if rq.depth == 0 and text[:1].islower() and partial:
            subj = self.att.subject(lo, rq.start)
            if subj is not None:
                return make(subj, None)
        kind = shape_kind(text)
        if rq.depth == 0 and kind == "speech" and lo == rq.start and para is not None:
            k = bisect_right(self.sent_starts, rq.start - 1) - 1
            if k >= 0 and self.sents[k][0] >= para.start and self.sents[k][1] <= rq.start:
                s0 = self.sents[k][0]
                subj = self.att.subject(s0, min(self.sents[k][1], s0 + 40))
                if subj is not None:
                    return make(subj, None)
        return make(None, None, kind)

    def heading_speaker(self, lo: int, start: int) -> str | None:
        """Speaker named before a colon in a headline: "Mayor: ...", "Metro board chair: ..."."""
        head = self.m[lo:start]
        colon = head.rfind(":")
        if colon < 0:
            return None
        head = re.split(r"[—–]|\s-+\s", head[:colon])[-1].strip(" *_#")
        words = head.split()
        if not words or len(words) > 6:
            return None
        role = words[-1].lower()
        if role in PERSON_ROLES or role in TITLE_WORDS:
            by_role = self.att.names.with_role(role, start, forward=True)
            if by_role is not None:
                return by_role
        return self.att.subject(lo + self.m[lo:start].find(head), lo + colon) if head else None

    def speech_turn(self, prev: Quote, start: int) -> str | None:
        """Someone else named with a speech verb in the one sentence between two quotes."""
        k = bisect_right(self.sent_starts, start - 1) - 1
        if k < 0 or self.sents[k][0] <= prev.end:
            return None
        s0, s1 = self.sents[k]
        if not iter_cues(self.m, s0, s1):
            return None
        subj = self.att.subject(s0, min(s1, s0 + 60))
        return subj if subj is not None and subj != prev.speaker else None

    def sentences_between(self, a: int, b: int) -> int:
        """Number of sentences starting strictly between offsets ``a`` and ``b``."""
        return max(0, bisect_right(self.sent_starts, b - 1) - bisect_right(self.sent_starts, a))

    def only_quote(self, rq: RawQuote, lo: int, hi: int) -> bool:
        """Whether the paragraph ``[lo, hi)`` holds nothing but this quotation."""
        outside = self.m[lo : rq.start] + self.m[rq.end : hi]
        return not outside.strip(" \t\n.,;:—–-")

    def previous_subject(self, p_lo: int) -> str | None:
        """Subject of the last sentence of the paragraph before ``p_lo`` ("she shrugs.")."""
        prev = self.para_of(p_lo - 1)
        if prev is None or prev.kind == "heading":
            return None
        k = bisect_right(self.sent_starts, prev.end - 1) - 1
        if k < 0 or self.sents[k][0] < prev.start:
            return None
        s0, s1 = self.sents[k]
        if any(ch in self.m[s0:s1] for ch in '"“”«»'):
            return None
        return self.att.subject(s0, min(s1, s0 + 60), nearest=False)

    def previous_speech(self, rq: RawQuote, done: list[Quote], lo: int) -> Quote | None:
        """The latest attributed speech quote of the same depth in this paragraph."""
        for q in reversed(done):
            if q.end <= lo:
                return None
            if q.depth == rq.depth and q.end <= rq.start and q.kind == "speech":
                return q if q.speaker else None
        return None

    def same_voice(self, a: int, b: int, speaker: str | None) -> bool:
        """No other person is named between offsets ``a`` and ``b`` (outside quotes)."""
        if not speaker or b - a > 1500:
            return False
        names = self.att.names
        k = bisect_left(names.starts, a)
        while k < len(names.mentions) and names.mentions[k].start < b:
            x = names.mentions[k]
            k += 1
            if names.in_quote(x.start):
                continue
            canon = names.person(x) if x.kind != "org" else names.org_canonical(x.name)
            if canon is not None and canon != speaker:
                return False
        return True

    def opens_paragraph(self, rq: RawQuote, p_lo: int) -> bool:
        """Whether the quotation is the first thing in its paragraph."""
        return not self.m[p_lo : rq.start].strip(" \t\n#*_>-")

    def colon_lead(self, p_lo: int) -> Attribution | None:
        """Attribution from a preceding paragraph that ends with a colon."""
        prev = self.para_of(p_lo - 1)
        if prev is None or not self.m[prev.start : prev.end].rstrip().endswith(":"):
            return None
        lead = self.m[prev.start : prev.end]
        a = self.att.lead(lead, prev.end)
        if a is not None:
            return a
        end = len(lead.rstrip())
        lo = max(prev.start, self.sentence_start(prev.start + end - 1))
        return self.att.before(prev.start + end, lo)


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def _repeated(quotes: list[Quote]) -> list[Quote]:
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
