"""Building attributed quotes for one body: spans, leads, attribution and continuation."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from reader.document.model import Block
from reader.document.parse import parse_document
from reader.quotes.attribution import Attribution, Attributor
from reader.quotes.cues import VERB_SET, context_kind, iter_cues, shape_kind
from reader.quotes.lazy import lazy
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

_BARE_CUE = lazy(r"[ \t,;—–-]{0,4}([^\W\d_]+)[ \t]*[.;,]")
#: How far before a quote its sentence is read for attribution. A "sentence" longer than
#: this (a paragraph of quotes with no full stop) is cut, so the work per quote is bounded.
SENTENCE_WINDOW = 1000
# spaces and markup that may come before a quote still "opening" its paragraph
_FILLER = re.compile(r"[ \t\n#*_>-]*")
_NICK_BEFORE = lazy(r"\b[A-Z][a-z]+[ \t]+$")
_NICK_AFTER = lazy(r"[ \t]+[A-Z][\w’'-]+")
_LEAD_CLAUSE = lazy(
    r"\s*(?:Asked|Pressed|After|When|Before|While|Although|Though|If|Despite|Speaking|"
    r"Standing|Sitting|Reached)\b[^,.;\"“”]{0,100},\s*"
)
# a quote-only paragraph whose speaker the next paragraph names: "That was Tobias Lind, ..."
_NAMED_NEXT = lazy(
    rf"\s*(?:That|This|Those|These|So)\s+(?:was|were|is|are|said|says|wrote|writes)\s+"
    rf"(?:(?:the\s+)?(?:words?|verdict|view|voice)\s+of\s+)?(?P<who>{NAME})"
)


@dataclass(frozen=True)
class Site:
    """One quotation and its surroundings, as the attribution rules read them.

    Attributes:
        rq: The quotation span.
        text: Its words (marks removed).
        done: The quotes already attributed, in order.
        outer: The quote this one is nested in, if any.
        para: The paragraph-like block it starts in.
        p_lo: Start of the region attribution may use (the paragraph, or inside ``outer``).
        p_hi: End of that region.
        lo: Start of the quote's sentence (not before ``p_lo``).
        limit: How far after the quote a cue may be (next quote, paragraph end, 300 chars).
        bare: A speech verb right after the quote with no subject ("«...», dijo."), if any.
        in_heading: The quote is in a heading.
        opens: An outer quote that opens a body paragraph.
    """

    rq: RawQuote
    text: str
    done: list[Quote]
    outer: Quote | None
    para: Block | None
    p_lo: int
    p_hi: int
    lo: int
    limit: int
    bare: str | None
    in_heading: bool
    opens: bool

    @property
    def outer_speaker(self) -> str | None:
        """Speaker of the enclosing quote (for "I", "me" inside it)."""
        return self.outer.speaker if self.outer is not None else None


@dataclass(frozen=True)
class Found:
    """What a rule decided.

    Attributes:
        speaker: Canonical speaker, or ``None``.
        cue: The attributing phrase, if any.
        kind: ``"speech"``, ``"scare"``, ``"title"`` or ``"term"``.
        bare_cue_ok: Use the site's bare verb as the cue when there is no other.
    """

    speaker: str | None
    cue: str | None = None
    kind: str = "speech"
    bare_cue_ok: bool = True


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
        self.decided_by: dict[tuple[int, int], str] = {}  # quote span -> attribution rule
        self._filler_end: dict[int, int] = {}  # paragraph start -> end of its leading markup

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
        self.done = quotes
        self.speech_at: dict[int, list[int]] = {}  # depth -> indexes of speech quotes built
        self.starts = [q.start for q in raws]
        for rq in raws:
            try:
                q = self.attribute(rq, quotes)
            except RecursionError:  # pragma: no cover - defensive: degrade, never crash
                q = Quote(rq.start, rq.end, self.text_of(rq), None, None, "speech", rq.depth)
            quotes.append(q)
            if q.kind == "speech":
                self.speech_at.setdefault(q.depth, []).append(len(quotes) - 1)
            if q.speaker and q.kind == "speech" and q.depth == 0:
                self.att.spoken.append((q.end, q.speaker))
                spoken = self.att.names.speakers
                spoken[q.speaker] = spoken.get(q.speaker, 0) + 1
        return repeated(quotes)

    def attribute(self, rq: RawQuote, done: list[Quote]) -> Quote:
        """Speaker, cue and kind of one quotation, given the quotes before it.

        The rules of :data:`ATTRIBUTION_RULES` are tried in order; the first that finds
        something decides (its name is kept in :attr:`decided_by`).
        """
        site = self.site(rq, done)
        for rule in ATTRIBUTION_RULES:
            found = rule(self, site)
            if found is not None:
                self.decided_by[(rq.start, rq.end)] = rule.__name__
                cue = found.cue
                if cue is None and found.bare_cue_ok and site.bare and found.kind == "speech":
                    cue = site.bare
                return Quote(rq.start, rq.end, site.text, found.speaker, cue, found.kind, rq.depth)
        raise AssertionError("unattributed_fallback always decides")  # pragma: no cover

    def site(self, rq: RawQuote, done: list[Quote]) -> Site:
        """What the attribution rules read about one quotation, computed once."""
        text = self.text_of(rq)
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
        k = bisect_right(self.starts, rq.end - 1)
        nxt = self.starts[k] if k < len(self.starts) else len(self.m)
        limit = min(p_hi, nxt, rq.end + 300)
        lo = max(p_lo, self.sentence_start(rq.start), rq.start - SENTENCE_WINDOW)
        bare_cue = _BARE_CUE.match(self.m, rq.end, limit)
        bare = bare_cue.group(1) if bare_cue and bare_cue.group(1).lower() in VERB_SET else None
        in_heading = para is not None and para.kind == "heading"
        opens = (
            rq.depth == 0 and para is not None and not in_heading
            and self.opens_paragraph(rq, para.start)
        )
        return Site(rq, text, done, outer, para, p_lo, p_hi, lo, limit, bare, in_heading, opens)

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
        """The latest attributed speech quote of the same depth in this paragraph.

        That is the last speech quote of ``rq``'s depth in ``done`` ending by ``rq.start``,
        unless it, or a quote after it in ``done``, ends by ``lo``. For the quotes being
        built it comes from the speech quotes indexed by depth, not from a walk back over
        every quote of a long paragraph.
        """
        if done is not getattr(self, "done", None):
            for q in reversed(done):
                if q.end <= lo:
                    return None
                if q.depth == rq.depth and q.end <= rq.start and q.kind == "speech":
                    return q if q.speaker else None
            return None
        at = self.speech_at.get(rq.depth, [])
        k = len(at) - 1
        while k >= 0 and done[at[k]].end > rq.start:
            k -= 1
        if k < 0:
            return None
        i = at[k]
        q = done[i]
        if q.end <= lo:
            return None
        # a later quote that ends by ``lo`` lies inside ``q`` (quotes are in start order)
        j = i + 1
        while j < len(done) and done[j].start < q.end:
            if done[j].end <= lo:
                return None
            j += 1
        return q if q.speaker else None

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
        """Whether the quotation is the first thing in its paragraph.

        That is, only spaces and markup (``#*_>-``) lie between ``p_lo`` and the quote. Where
        that filler ends is found once per paragraph, not by copying the text before each
        quote (which made a long paragraph of quotes quadratic).
        """
        filled = self._filler_end.get(p_lo)
        if filled is None:
            run = _FILLER.match(self.m, p_lo)  # always matches (possibly empty)
            filled = self._filler_end[p_lo] = run.end() if run else p_lo
        return rq.start <= filled

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


AttributionRule = Callable[[Builder, Site], Found | None]


# -- attribution rules, in the order they are tried ---------------------------------------


def lead_or_block_quote(b: Builder, s: Site) -> Found | None:
    """A lead-in ("Jane Roe said: ...") or block quote ("> ..." then "— Jane Roe")."""
    rq = s.rq
    if rq.block not in ("block", "lead"):
        return None
    a = b.att.lead(rq.lead, rq.start) if rq.lead else None
    nl = b.m.find("\n", rq.end, rq.end + 2)
    if a is None and rq.block == "block" and nl >= 0:  # "> ..." then "— Jane Doe"
        a = b.att.after(nl + 1, min(len(b.m), nl + 120))
    if a is None and rq.lead.endswith(":"):
        lo = b.sentence_start(rq.lead_end - 1)
        a = b.att.before(rq.lead_end, lo)
    signed = signature(s.text) if a is None or a.speaker is None else None
    if signed is not None:  # a letter signed at its foot
        a = Attribution(b.att.who(signed, rq.end), None)
    return Found(a.speaker if a else None, a.cue if a else None, bare_cue_ok=False)


def not_speech(b: Builder, s: Site) -> Found | None:
    """A title, term or scare quote by its context; Harold "Hal" Jennings is a nickname."""
    rq = s.rq
    ctx = context_kind(b.m, rq.start, s.p_lo, s.text, rq.end)
    nickname = len(s.text.split()) == 1 and s.text[:1].isupper()
    if (
        nickname
        and _NICK_BEFORE.search(b.m, max(0, rq.start - 30), rq.start)
        and _NICK_AFTER.match(b.m, rq.end)
    ):
        ctx = "term"  # a nickname, not words anyone said
    return Found(None, None, ctx) if ctx in ("title", "term", "scare") else None


def cue_next_to_quote(b: Builder, s: Site) -> Found | None:
    """'"...," Roe said.' or 'Roe said, "..."': a cue after the quote, else before it."""
    o_spk = s.outer_speaker
    a = b.att.after(s.rq.end, s.limit, o_spk) or b.att.before(s.rq.start, s.lo, o_spk)
    return Found(a.speaker, a.cue, bare_cue_ok=False) if a is not None else None


def same_speaker_goes_on(b: Builder, s: Site) -> Found | None:
    """'"...," said A. "..."': A again; '"...," said A. B disagreed. "..."': B."""
    rq = s.rq
    prev = b.previous_speech(rq, s.done, s.p_lo)
    if prev is not None and s.lo < rq.start and not b.same_voice(s.lo, rq.start, prev.speaker):
        prev = None  # the quote's own sentence names someone else first
    if prev is None:
        return None
    gap = b.sentences_between(prev.end, rq.start)
    turn = b.speech_turn(prev, rq.start) if gap == 1 else None
    if turn is not None:
        return Found(turn)
    if gap <= 1 or (gap == 2 and b.same_voice(prev.end, rq.start, prev.speaker)):
        return Found(prev.speaker, prev.cue)
    return None


def colon_paragraph_before(b: Builder, s: Site) -> Found | None:
    """A paragraph opened by the quote, after one ending "Roe said:"."""
    if not s.opens or s.para is None:
        return None
    a = b.colon_lead(s.para.start)
    return Found(a.speaker, a.cue) if a is not None else None


def named_in_next_paragraph(b: Builder, s: Site) -> Found | None:
    """A quote-only paragraph, then "That was Tobias Lind, ...": Lind."""
    if not s.opens or s.para is None or not b.only_quote(s.rq, s.para.start, s.p_hi):
        return None
    named = _NAMED_NEXT.match(b.m, s.p_hi + 1)
    if named is None:
        return None
    spk = b.att.who(named.group("who"), named.start("who"))
    return Found(spk) if spk is not None else None


def last_speaker_goes_on(b: Builder, s: Site) -> Found | None:
    """A new paragraph of quotation with nobody else named since the last speaker."""
    if not s.opens:
        return None
    last = next((q for q in reversed(s.done) if q.depth == 0 and q.speaker), None)
    if (
        last is not None
        and last.kind == "speech"
        and b.same_voice(b.sentence_end(last.end - 1), s.p_lo, last.speaker)
    ):
        return Found(last.speaker, last.cue)
    return None


def subject_of_paragraph_before(b: Builder, s: Site) -> Found | None:
    """"Roe shrugs." then a paragraph holding only a quotation: Roe."""
    if not s.opens or s.para is None:
        return None
    if b.only_quote(s.rq, s.para.start, s.p_hi) and shape_kind(s.text) == "speech":
        subj = b.previous_subject(s.para.start)
        if subj is not None:
            return Found(subj)
    return None


def headline_speaker(b: Builder, s: Site) -> Found | None:
    """"Mayor: '...'" in a headline: the mayor the story names."""
    if not s.in_heading or s.rq.depth != 0 or s.para is None:
        return None
    spk = b.heading_speaker(s.para.start, s.rq.start)
    return Found(spk) if spk is not None else None


def partial_quote_in_sentence(b: Builder, s: Site) -> Found | None:
    """'Roe called the plan "a waste of money."': the sentence's subject."""
    text = s.text
    partial = len(text.split()) >= 2 or text.rstrip()[-1:] in ".,!?"
    if s.rq.depth == 0 and text[:1].islower() and partial:
        subj = b.att.subject(s.lo, s.rq.start)
        if subj is not None:
            return Found(subj)
    return None


def subject_of_sentence_before(b: Builder, s: Site) -> Found | None:
    """"Asked whether ..., Mayor Roe laughed. '...'": the subject of the sentence before."""
    rq, para = s.rq, s.para
    if rq.depth != 0 or shape_kind(s.text) != "speech" or s.lo != rq.start or para is None:
        return None
    k = bisect_right(b.sent_starts, rq.start - 1) - 1
    if k >= 0 and b.sents[k][0] >= para.start and b.sents[k][1] <= rq.start:
        s0 = b.sents[k][0]
        lead = _LEAD_CLAUSE.match(b.m, s0, b.sents[k][1])
        s0 = lead.end() if lead else s0
        subj = b.att.subject(s0, min(b.sents[k][1], s0 + 40))
        if subj is not None:
            return Found(subj)
    return None


def unattributed(b: Builder, s: Site) -> Found | None:
    """Nobody found: the kind the words' shape suggests, and no speaker."""
    return Found(None, None, shape_kind(s.text))


#: The rules of :meth:`Builder.attribute`, in order; the first that finds something decides.
ATTRIBUTION_RULES: tuple[AttributionRule, ...] = (
    lead_or_block_quote,
    not_speech,
    cue_next_to_quote,
    same_speaker_goes_on,
    colon_paragraph_before,
    named_in_next_paragraph,
    last_speaker_goes_on,
    subject_of_paragraph_before,
    headline_speaker,
    partial_quote_in_sentence,
    subject_of_sentence_before,
    unattributed,
)
