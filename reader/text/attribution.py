"""Attribution of quotations to speakers, and quote kinds (speech, scare, title, term)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.text.names import NAME, PARTY, Names, clean_name, is_org

CUE_VERBS = """
said says say told tells added adds wrote writes recalled recalls argued argues insisted
insists asked asks explained explains noted notes continued continues stated states declared
declares claimed claims warned warns announced announces remarked remarks replied replies
responded responds answered answers acknowledged acknowledges admitted admits observed
observes suggested suggests tweeted tweets posted posts joked jokes quipped quips shouted
shouts yelled whispered wondered predicted predicts cautioned cautions conceded concedes
contended contends maintained maintains emphasized emphasizes emphasised stressed stresses
testified testifies recounted recounts vowed vows pledged pledges promised promises urged
urges boasted boasts complained complains lamented laments agreed agrees mused muses
exclaimed pleaded pleads demanded demands countered counters reiterated reiterates
confirmed confirms denied denies alleged alleges charged charges wrote writes
texted emailed messaged recalled describes described called calls denounced denounces
summed sums put puts reported reports blasted slammed praised thundered fumed scoffed
retorted snapped sighed laughed groaned muttered murmured admitted conceded assured
assures explained informed informs advised advises cautioned stated explains
""".split()
_CUE = r"(?:" + "|".join(sorted(set(CUE_VERBS), key=len, reverse=True)) + r")"
_PHRASAL = r"(?:\s+(?:out|up|on|back|in|of|to|that))?"
_AUX = r"(?:(?:has|had|have|also|then|later|once|previously|reportedly|publicly|privately|repeatedly|recently|again|further|simply|would|will|is|was|were|once|even|had\s+once|went\s+on\s+to|added\s+that|later\s+told|has\s+long|has\s+since|flatly|bluntly|angrily|quietly|openly|often|frequently|famously|memorably|last\s+\w+|on\s+\w+day)\s+)*"
_PRON = r"(?:he|she|they|He|She|They|it|It|we|We|I)"
_ROLE = r"(?:the|The|a|A|an|An|one|One)\s+(?:[\w-]+\s+){0,4}?(?:[a-z]+)"
_WHO = rf"(?:{NAME}{PARTY}?|{_PRON}|{_ROLE})"
_OBJ = rf"(?:\s+(?:the\s+)?{NAME})?"
_APPOS = r"(?:\s*,\s*(?:who|which|a|an|the|one|formerly|now|currently|then)\b[^\"“”\n]{0,200}?,)?"

AFTER_INVERTED = re.compile(
    rf"^[\s,.!?—–\-]{{0,4}}(?P<cue>{_CUE}{_PHRASAL}{_OBJ})\s+(?P<who>(?:the\s+)?{NAME}{PARTY}?|{_ROLE})"
)
AFTER_NORMAL = re.compile(
    rf"^[\s,.!?—–\-]{{0,4}}(?P<who>{_WHO}){_APPOS}\s+{_AUX}(?P<cue>{_CUE}{_PHRASAL}{_OBJ})\b"
)
BEFORE_CUE = re.compile(
    rf"(?P<who>{_WHO}){_APPOS}\s+{_AUX}(?P<cue>{_CUE}{_PHRASAL}{_OBJ})\b(?P<rest>[^\"“”]{{0,160}})$"
)
ACCORDING = re.compile(
    rf"(?:[Aa]ccording\s+to|[Pp]er|[Aa]s\s+(?P<as>{NAME})\s+(?:put\s+it|puts\s+it|noted|said|wrote))"
    rf"\s+(?P<who>(?:the\s+)?{NAME}{PARTY}?|{_PRON}|his|her)?(?P<rest>[^\"“”]{{0,200}})$"
)
IN_WORDS = re.compile(r"\b[Ii]n\s+(?P<pron>his|her|their|its)\s+(?:own\s+)?words\s*,?\s*$")
LEAD = re.compile(
    rf"^\s*(?:(?:[Pp]er|[Aa]ccording\s+to|[Aa]s\s+(?:reported\s+by|told\s+to))\s+(?P<who>(?:the\s+)?{NAME})"
    rf"|(?P<who2>{_WHO}){_APPOS}\s+{_AUX}(?P<cue>{_CUE}{_PHRASAL}{_OBJ})(?:\s+in\s+[^:]{{1,80}})?)\s*:\s*$"
)
TITLE_BEFORE = re.compile(
    r"\b(?:titled|entitled|headlined|headline|called|named|dubbed|book|film|movie|song|album|"
    r"report|paper|article|essay|op-ed|column|show|series|podcast|bill|act|documentary|poem)"
    r"[\s:,]*$",
    re.I,
)
TERM_BEFORE = re.compile(
    r"\b(?:the\s+(?:word|words|term|terms|phrase|phrases|label|slogan|name|expression|nickname)|"
    r"known\s+as|referred\s+to\s+as|nicknamed|coined|dubbed|term|word|phrase)[\s:,]*$",
    re.I,
)
SCARE_BEFORE = re.compile(r"\b(?:so-called|so\s+called|supposed|alleged|self-described)\s*$", re.I)


@dataclass(frozen=True)
class Attribution:
    """A found speaker and cue."""

    speaker: str | None
    cue: str | None


def _norm_cue(cue: str) -> str:
    return re.sub(r"\s+", " ", cue.replace("*", "").replace("_", " ")).strip()


class Attributor:
    """Resolves speakers for quotes of one text."""

    def __init__(self, text: str, quote_spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.names = Names(text)
        self.quote_spans = quote_spans

    def who(self, raw: str, pos: int) -> str | None:
        """Resolve a subject phrase (name, pronoun or role) at ``pos`` to a canonical name."""
        raw = raw.strip()
        low = raw.lower()
        if low in ("he", "him", "his"):
            return self.names.recent_person(pos, "m", self.quote_spans)
        if low in ("she", "her"):
            return self.names.recent_person(pos, "f", self.quote_spans)
        if low in ("they", "it", "we", "i", "their", "its"):
            return self.names.recent_person(pos, "", self.quote_spans) if low == "i" else None
        first = low.split()[0] if low else ""
        if first in ("the", "a", "an", "one") and not raw.split()[-1][:1].isupper():
            return self.names.recent_person(pos, "", self.quote_spans)
        name, _titled, _g = clean_name(raw)
        if not name:
            return None
        if is_org(name) or len(name.split()) > 1:
            return self.names.canonical(name, pos) if not is_org(name) else name
        return self.names.canonical(name, pos)

    def after(self, end: int, limit: int) -> Attribution | None:
        """Attribution in the text right after a closing mark (``," she said``)."""
        seg = self.text[end:limit]
        m = AFTER_INVERTED.match(seg)
        if m:
            return Attribution(self.who(m.group("who"), end), _norm_cue(m.group("cue")))
        m = AFTER_NORMAL.match(seg)
        if m:
            return Attribution(self.who(m.group("who"), end + m.start("who")), _norm_cue(m.group("cue")))
        return None

    def before(self, start: int, lo: int) -> Attribution | None:
        """Attribution in the same sentence before an opening mark."""
        seg = self.text[lo:start]
        m = IN_WORDS.search(seg)
        if m:
            spk = self.who(m.group("pron"), start)
            return Attribution(spk, f"in {m.group('pron')} words")
        m = ACCORDING.search(seg)
        if m and (m.group("who") or m.group("as")):
            raw = m.group("as") or m.group("who") or ""
            cue = "according to" if "ccording" in m.group(0) else "per"
            if m.group("as"):
                cue = m.group(0)[: m.start("who") - m.start()].strip() if m.group("who") else "as"
                raw = m.group("as")
            return Attribution(self.who(raw, lo + m.start()), cue)
        m = BEFORE_CUE.search(seg)
        if m:
            return Attribution(self.who(m.group("who"), lo + m.start("who")), _norm_cue(m.group("cue")))
        return None

    def lead(self, lead_text: str, pos: int) -> Attribution | None:
        """Attribution of a paragraph introduced by ``Per X:`` or ``X said:``."""
        m = LEAD.match(lead_text)
        if not m:
            return None
        if m.group("who"):
            w = m.group("who")
            cue = "per" if lead_text.strip().lower().startswith("per") else "according to"
            return Attribution(self.who(w, pos), cue)
        return Attribution(self.who(m.group("who2"), pos), _norm_cue(m.group("cue") or ""))


def quote_kind(text: str, start: int, lo: int, inner: str) -> str:
    """Kind of an unattributed quote from its context and shape."""
    seg = text[max(lo, start - 80) : start]
    if TITLE_BEFORE.search(seg):
        return "title"
    if TERM_BEFORE.search(seg):
        return "term"
    if SCARE_BEFORE.search(seg):
        return "scare"
    words = inner.split()
    if len(words) >= 7 or (len(words) >= 4 and inner.rstrip("\"'”’ ")[-1:] in ".?!"):
        return "speech"
    return "scare"
