"""Building attributed quotes for one body: spans, leads, attribution and continuation."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from reader.document.model import Block
from reader.document.parse import parse_document
from reader.quotes.attribution import Attribution, Attributor
from reader.quotes.cues import VERB_SET, context_kind, iter_cues, shape_kind
from reader.quotes.lexicon import PERSON_ROLES, TITLE_WORDS
from reader.quotes.passes import (
    clean_text,
    headline_verbs,
    lead_quotes,
    paragraphs,
    repeated,
    signature,
)
from reader.quotes.person_names import NAME
from reader.quotes.records import Quote
from reader.quotes.sentences import sentences
from reader.quotes.spans import MARKS, RawQuote, find_raw_quotes, masked_text

_BARE_CUE = re.compile(r"[ \t,;—–-]{0,4}([^\W\d_]+)[ \t]*[.;,]")
_NICK_BEFORE = re.compile(r"\b[A-Z][a-z]+[ \t]+$")
_NICK_AFTER = re.compile(r"[ \t]+[A-Z][\w’'-]+")
_LEAD_CLAUSE = re.compile(
    r"\s*(?:Asked|Pressed|After|When|Before|While|Although|Though|If|Despite|Speaking|"
    r"Standing|Sitting|Reached)\b[^,.;\"“”]{0,100},\s*"
)
# a quote-only paragraph whose speaker the next paragraph names: "That was Tobias Lind, ..."
_NAMED_NEXT = re.compile(
    rf"\s*(?:That|This|Those|These|So)\s+(?:was|were|is|are|said|says|wrote|writes)\s+"
    rf"(?:(?:the\s+)?(?:words?|verdict|view|voice)\s+of\s+)?(?P<who>{NAME})"
)


class Builder:
    """Parses one body and attributes its quotations (see :meth:`build`)."""

    def __init__(self, body: str, body_format: str) -> None:
        self.doc = parse_document(body, body_format)
        self.markdown = body_format == "markdown"
        self.m = headline_verbs(self.doc, masked_text(self.doc, self.markdown))
        self.paras = paragraphs(self.doc)
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
            return "\n\n".join(clean_text(b.text) for b in blocks)
        return "\n\n".join(clean_text(self.m[a:b]) for a, b in rq.parts)

    def build(self) -> list[Quote]:
        """Find, attribute and classify every quotation of the body, in order."""
        leads = lead_quotes(self.doc, self.m, self.markdown)
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
        return repeated(quotes)

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
            signed = signature(text) if a is None or a.speaker is None else None
            if signed is not None:  # a letter signed at its foot
                a = Attribution(self.att.who(signed, rq.end), None)
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

        bare: list[str] = []  # a cue with no subject after the quote: «...», dijo.

        def make(spk: str | None, cue: str | None, kind: str = "speech") -> Quote:
            if cue is None and bare and kind == "speech":
                cue = bare[0]
            return Quote(rq.start, rq.end, text, spk, cue, kind, rq.depth)

        ctx = context_kind(self.m, rq.start, p_lo, text, rq.end)
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
        bare_cue = _BARE_CUE.match(self.m, rq.end, limit)
        if bare_cue is not None and bare_cue.group(1).lower() in VERB_SET:
            bare.append(bare_cue.group(1))
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
            alone = self.only_quote(rq, para.start, p_hi)
            named = _NAMED_NEXT.match(self.m, p_hi + 1) if alone else None
            if named is not None:
                spk = self.att.who(named.group("who"), named.start("who"))
                if spk is not None:
                    return make(spk, None)
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
                lead = _LEAD_CLAUSE.match(self.m, s0, self.sents[k][1])
                s0 = lead.end() if lead else s0  # "Asked whether ..., Mayor X laughed."
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
