"""Attribution of quotations to speakers: who says it, resolved to a canonical name."""

from __future__ import annotations

from dataclasses import dataclass

from reader.quotes.cues import (
    AFTER_ACCORDING,
    AFTER_DASH,
    AFTER_FRENCH,
    AFTER_INVERTED,
    AFTER_NORMAL,
    AFTER_SO,
    HIS_WORD,
    IN_WORDS,
    LEAD_LINE,
    SUBJECT_END,
    WORDS_OF,
    clause_goes_on,
    cue_text,
    is_object,
    iter_cues,
    normalize,
    verb_after_words,
)
from reader.quotes.lazy import lazy
from reader.quotes.person_names import NAME
from reader.quotes.resolve import ACCORDING, Resolver

FOR_WHOM = lazy(
    r"(?:^|[.;:]\s+|\n)\s*([Pp]ara|[Pp]our|[Ff]ür|[Ff]or)\s+(?P<who>[^\"“”«»\n]{2,160}),"
)


AFTER_DOCUMENT = lazy(
    r"[\s,;—–-]{0,4}the\s+(?P<doc>letter|statement|post|email|memo|note|message)\s+"
    r"(?P<cue>reads|read|states|stated|continues|continued)\b"
)
AFTER_THAT_WAS = lazy(
    rf"[\s,]*(?:(?:That|This|Those|These)\s+)?(?:was|were|is|are)\s+(?:the|his|her|their)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?:response|reply|answer|verdict|reaction|assessment|words?|view)"
    rf"\s+(?:from|of)\s+(?P<who>(?:[A-Z][\w.-]*\s+){{0,2}}{NAME})"
)
IT_SUBJECT = lazy(r"(?:^|[.;]\s+|,\s+and\s+)\s*It\s+(?:also\s+|later\s+|then\s+)?$")
PASSIVE_BY = lazy(
    rf"\s+by\s+(?:(?:a|an|one|another|some|several)\s+[a-z][\w-]*|(?P<who>{NAME}))(?![\w-])"
)
# "campaigned on a pledge to “...”": a promise noun right before the quote
PLEDGE = lazy(
    r"\b(?:a|an|the|his|her|their|its|my|our)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:pledge|promise|vow|commitment|oath)s?\s+(?:to|that)\s+(?:[\w’'-]+\s+){0,3}$"
)


_CUE_REACH = 700  # cue scanned before a quote: 320 after the cue plus the cue and its object
_TAIL = 300  # "In his own words," / "in the words of ...," / "a pledge to": at most this long


@dataclass(frozen=True)
class Attribution:
    """A found speaker (None when anonymous) and the cue phrase."""

    speaker: str | None
    cue: str | None


class Attributor(Resolver):
    """Finds the speaker and cue of each quote of one (masked) text."""

    def after(self, end: int, limit: int, outer: str | None = None) -> Attribution | None:
        """Attribution right after a closing mark (``," she said``, ``», dit-elle``)."""
        seg = self.text[end:limit]
        m = AFTER_FRENCH.match(seg)
        if m:
            return Attribution(self.who(m.group("who"), end, outer=outer), m.group("cue"))
        m = AFTER_NORMAL.match(seg) if verb_after_words(seg) else None
        # after a full stop inside the marks, a capitalised subject starts a new sentence
        new_sentence = m and (m.group("who")[:1].isupper() or clause_goes_on(seg, m.end()))
        if m and new_sentence and self._closed_sentence(end):
            m = None
        if m:
            who = self.who(m.group("who"), end + m.start("who"), m.group("appos") or "", outer)
            return Attribution(who, cue_text(m))
        m = AFTER_INVERTED.match(seg)
        if m:
            who = self.who(m.group("who"), end, m.group("appos") or "", outer)
            return Attribution(who, cue_text(m))
        m = AFTER_DASH.match(seg)
        if m:  # an epigraph or pull quote: "..." — Jane Doe
            return Attribution(self.who(m.group("who"), end, outer=outer), None)
        m = AFTER_SO.match(seg)
        if m:
            return Attribution(self.who(m.group("who"), end, outer=outer), "so")
        m = AFTER_DOCUMENT.match(seg)
        if m:  # '"...," the letter reads.'
            who = self.who(f"the {m.group('doc')}", end + m.start("doc"), outer=outer)
            return Attribution(who, m.group("cue"))
        m = AFTER_THAT_WAS.match(seg)
        if m:  # "Unacceptable." That was the one-word response from Rita Vance.
            return Attribution(self.who(m.group("who"), end + m.start("who"), outer=outer), None)
        m = AFTER_ACCORDING.match(seg)
        if m:
            raw = m.group("appos") or m.group("who")
            return Attribution(self.who(raw.strip(" ,"), end, outer=outer), "according to")
        return None

    def _closed_sentence(self, end: int) -> bool:
        """Whether the quote ending at ``end`` closes with a full stop inside the marks."""
        inner = self.text[max(0, end - 3) : end - 1].rstrip()
        return inner.endswith(".")

    def before(self, start: int, lo: int, outer: str | None = None) -> Attribution | None:
        """Attribution in the same sentence before an opening mark."""
        seg = self.text[lo:start]
        # the phrases anchored at the quote ("in his words,") are looked for in the tail only
        tail = max(0, len(seg.rstrip()) - _TAIL)
        m = IN_WORDS.search(seg, tail) or HIS_WORD.search(seg, tail)
        if m:
            cue = normalize(m.group(0)).rstrip(",")
            return Attribution(self.who(m.group("pron"), start, outer=outer), cue)
        m = FOR_WHOM.search(seg)
        if m:  # "Para el portavoz ..., Javier Molina, la situación es «...»"
            who = self.who(m.group("who"), lo + m.start("who"), outer=outer)
            if who is not None:
                return Attribution(who, normalize(m.group(1)).lower())
        m = WORDS_OF.search(seg, tail)
        if m:
            raw = m.group("who") or m.group("who2") or m.group("who3") or ""
            cue = "in the words of" if m.group("who") else normalize(m.group(0)).strip(" ,")
            return Attribution(self.who(raw, start, outer=outer) if raw else None, cue)
        m = PLEDGE.search(seg, tail)
        if m and not iter_cues(seg, m.start()):
            subj = self.subject(lo, lo + m.start(), outer, nearest=True)
            if subj is not None:
                return Attribution(subj, normalize(m.group(0)).split()[1])
        # a cue is used only within 320 characters of the quote with no quotation mark
        # between them: cues before the last mark, or further back, are not scanned
        marked = max(seg.rfind(ch) for ch in '"“”«»')
        for c in reversed(iter_cues(seg, max(0, marked + 1, len(seg) - _CUE_REACH))):
            rest = seg[c.end() :]
            if any(ch in rest for ch in '"“”«»') or len(rest) > 320:
                break
            agent = PASSIVE_BY.match(rest)
            if agent is not None:  # "had been told by a teacher that ..." / "by Ann Berg"
                named = agent.group("who")
                return Attribution(self.who(named, lo + c.end()) if named else None, cue_text(c))
            if c.group("cue").lower().startswith(ACCORDING):
                obj = c.group("obj")
                if obj:
                    return Attribution(self.who(obj, lo + c.start(), outer=outer), "according to")
                continue
            head = seg[max(0, c.start() - 260) : c.start()]
            s = SUBJECT_END.search(head)
            tries = 0
            while s and is_object(s.group("who"), head[: s.start("who")]) and tries < 6:
                # "... has backed the funding as well, but told": an object, not the subject;
                # look for a later subject ("... the nickname that one of them describes")
                s = SUBJECT_END.search(head, s.start("who") + 1)
                tries += 1
            if s and is_object(s.group("who"), head[: s.start("who")]):
                s = None
            participle = c.group("cue").lower().endswith("ing")
            if s and participle and head[s.end("who") :].strip():
                # ", warning that ...": the participle belongs to a main clause's subject
                subj = self.subject(lo, lo + c.start(), outer, nearest=True, main=True)
                if subj is not None:
                    return Attribution(subj, cue_text(c))
            if s:
                who = self.who(s.group("who"), lo + c.start(), s.group("appos") or "", outer)
                return Attribution(who, cue_text(c))
            if s is None and IT_SUBJECT.search(head):  # "... issued a statement. It called"
                org = self.who("it", lo + c.start(), outer=outer)
                if org is not None:
                    return Attribution(org, cue_text(c))
            subj = self.subject(lo, lo + c.start(), outer, nearest=True, main=participle)
            if subj is not None:
                return Attribution(subj, cue_text(c))
        if seg.rstrip().endswith(":"):
            subj = self.subject(lo, start, outer)
            if subj is not None:
                return Attribution(subj, None)
        return None

    def lead(self, lead_text: str, pos: int) -> Attribution | None:
        """Attribution of a paragraph introduced by ``Per X:`` or ``X said:``."""
        m = LEAD_LINE.match(lead_text)
        if not m:
            return None
        if m.group("who"):
            cue = "per" if lead_text.strip().lower().startswith("per") else "according to"
            return Attribution(self.who(m.group("who"), pos), cue)
        who = self.who(m.group("who2"), pos, m.group("appos") or "")
        return Attribution(who, normalize(m.group("cue") or ""))
