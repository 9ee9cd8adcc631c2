"""Attribution of quotations to speakers, and quote kinds (speech, scare, title, term)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.text.lexicon import (
    ANON_PERSONS,
    FEMALE_PRONOUNS,
    FIRST_PERSON,
    KIN,
    KIN_REVERSE,
    KIN_WORDS,
    MALE_PRONOUNS,
    ORG_ROLES,
    PERSON_ROLES,
    TITLE_WORDS,
)
from reader.text.names import NAME, NAME_RE, PARTY, Names, clean_name, name_kind, split_names

_VERBS = """
said says say saying told tells tell telling added adds add adding wrote writes write writing
recalled recalls recall recalling argued argues argue arguing insisted insists insist
insisting asked asks ask asking explained explains explain explaining noted notes noting
continued continues stated states declared declares declaring claimed claims claiming warned
warns warn warning announced announces announcing remarked remarks replied replies responded
responds answered answers acknowledged acknowledges admitted admits observed observes
suggested suggests suggesting tweeted tweets posted posts joked jokes quipped quips shouted
yelled whispered wondered predicted predicts cautioned cautions conceded concedes contended
contends maintained maintains emphasized emphasizes emphasised stressed stresses testified
recounted recounts vowed vows vowing pledged pledges pledging promised promises promising
urged urges urging boasted boasts complained complains lamented laments agreed agrees mused
muses exclaimed pleaded pleads demanded demands countered counters reiterated reiterates
confirmed confirms denied denies alleged alleges alleging charged texted emailed describes
described describing denounced denounces denounce summed reported reports blasted slammed
praised thundered fumed scoffed retorted snapped sighed laughed groaned muttered murmured
assured assures informed advised concluded concludes concluding remembers remembered
defended defends compared compares insisted predicted estimated estimates
dit disait explique confie affirme rappelle détaille lâche ajoute estime souligne précise
raconte assure insiste poursuit reconnaît déclare indique observe résume tranche sourit glisse
martèle prévient conclut répond lance confirme admet avoue regrette soupire murmure commente
analyse juge ironise relève remarque répète répétait racontait déclaré expliqué affirmé
ajouté indiqué assuré estimé confié lancé souligné précisé rappelé reconnu insisté raconté
répondu martelé prévenu confirmé admis avoué regretté commenté jugé relevé remarqué détaillé
""".split()
_EXTRA_ROLE_WORDS = frozenset(
    "general senior chief longtime managing associate political head co-founder shadow "
    "junior vice lead principal interim outgoing incoming retired".split()
)
_CUE = r"(?:" + "|".join(sorted(set(_VERBS), key=len, reverse=True)) + r")"
CUE_RE = re.compile(rf"(?<![\w-])(?P<cue>{_CUE}|[Aa]ccording\s+to|[Ss]elon)(?![\w-])(?P<obj>\s+(?:the\s+)?{NAME})?")
_AUX = (
    r"(?:(?:has|had|have|also|then|later|once|previously|reportedly|publicly|privately|"
    r"repeatedly|recently|again|further|simply|would|will|is|was|were|even|often|later|"
    r"flatly|bluntly|angrily|quietly|openly|frequently|famously|went\s+on|used\s+to|"
    r"me|m’|m'|lui|nous|toujours|but|and|et|mais|to)\s+)*"
)
_DET = (
    r"(?:the|The|a|A|an|An|one|One|my|My|his|His|her|Her|their|Their|mon|Mon|ma|Ma|son|Son|sa|Sa|"
    r"le|Le|la|La|les|Les|un|Un|une|Une)"
)
_VERBISH = r"(?!(?:is|was|were|are|be|been|has|had|have|said|says|will|would|did|does)\b)"
_ROLE = rf"(?<![\w’'\-]){_DET}\s+(?:{_VERBISH}[\w’'\-]+\s+){{0,6}}?{_VERBISH}[\w’'\-]+"
_PRON = r"(?<![\w’'\-])(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|[Ii]l|[Ee]lle|[Ii]ls|[Ee]lles|[Oo]n)"
_WHO = rf"(?:{NAME}{PARTY}?|{_PRON}|{_ROLE})"
_ROLE_WORDS = (
    r"(?:"
    + "|".join(sorted(TITLE_WORDS | PERSON_ROLES | ANON_PERSONS | _EXTRA_ROLE_WORDS, key=len, reverse=True))
    + r")\b"
)
_APPOS = (
    r"(?:\s*,\s*(?:(?:a|an|the|who|whose|which|one|formerly|now|currently|then|himself|herself|"
    r"lui-même|elle-même|[a-z]+ing\b|[A-ZÀ-Þ]|\d|" + _ROLE_WORDS + r")[^\"“”«»,\n]{0,160}?|[^\"“”«»\n]{1,160}?\([^()\n]{1,20}\)"
    r"[^\"“”«»,\n]{0,80}?),)"
)
_ANON = r"(?:(?:many|some|several|most|other|local)\s+)?[a-z]{3,}s"
_LEAD = r"^[\s,;—–\-]{0,4}"
AFTER_INVERTED = re.compile(
    rf"{_LEAD}(?:(?:a|ont)\s+)?(?P<cue>{_CUE})(?P<obj>\s+{NAME})??\s+"
    rf"(?P<who>(?:the\s+)?{NAME}['’]s\s+[^,.;:\"“”«»\n]{{1,40}}|(?:the\s+)?{NAME}{PARTY}?|"
    rf"(?<![\w’'\-]){_DET}\s+[^,.;:\"“”«»\n]{{1,80}})"
    rf"(?P<appos>\s*,\s*{NAME}{PARTY}?(?=\s*[,.;]))?(?=[\s,.;:!?)]|$)"
)
AFTER_NORMAL = re.compile(
    rf"{_LEAD}(?P<who>{_WHO}|{_ANON})(?P<appos>{_APPOS})?\s+{_AUX}(?P<cue>{_CUE})(?![\w-])"
)
AFTER_ACCORDING = re.compile(
    rf"{_LEAD}according\s+to\s+(?P<who>(?:the\s+)?{NAME}{PARTY}?|[^,.;:\"“”«»\n]{{1,80}})"
    rf"(?P<appos>\s*,\s*{NAME}{PARTY}?(?=\s*[,.;]))?(?=[\s,.;:!?)]|$)"
)
AFTER_FRENCH = re.compile(rf"{_LEAD}(?P<cue>[^\W\d_]+)-(?:t-)?(?P<who>il|elle|ils|elles|on)\b")
_NOT_SUBJECT = (
    r"(?<!\bto )(?<!\bof )(?<!\bfor )(?<!\bin )(?<!\bon )(?<!\bat )(?<!\bwith )(?<!\bfrom )"
    r"(?<!\bby )(?<!\babout )(?<!\binto )(?<!\bover )(?<!\bthan )(?<!\blike )(?<!\bagainst )"
)
SUBJECT_END = re.compile(rf"{_NOT_SUBJECT}(?P<who>{_WHO})(?P<appos>{_APPOS})?\s*,?\s+{_AUX}$")
IN_WORDS = re.compile(
    r"\b(?:[Ii]n|[Bb]y)\s+(?P<pron>his|her|their|its)\s+(?:own\s+)?"
    r"(?:words?|phrase|account|telling|reckoning|estimate|estimation)\s*,?\s*$"
)
WORDS_OF = re.compile(
    r"\b(?:[Ii]n\s+the\s+words\s+of|[Aa]s\s+(?:one|an?|the)\s+[^,.;\"“”]{1,60}?\s+put\s+it)"
    r"\s+(?P<who>[^,.;\"“”]{1,80}?)?\s*,\s*$"
)
HIS_WORD = re.compile(r"\b(?P<pron>his|her)\s+(?:own\s+)?(?:words?|phrase)\s*,?\s*$")
LEAD_LINE = re.compile(
    rf"^\s*(?:(?:[Pp]er|[Aa]ccording\s+to|[Aa]s\s+reported\s+by)\s+(?P<who>(?:the\s+)?{NAME})"
    rf"|(?P<who2>{_WHO})(?P<appos>{_APPOS})?\s+{_AUX}(?P<cue>{_CUE})(?:\s+[^:\"“”]{{1,80}})?)\s*:\s*$"
)
TITLE_BEFORE = re.compile(
    r"\b(?:titled|entitled|headlined|headline|under\s+the\s+headline|intitulée?)(?:\s+the)?[\s:,]*$"
    r"|\b(?:report|study|paper|book|film|album|song|essay|memo|review|documentary|podcast|"
    r"novel|poem|play|bill|act|thesis|dissertation|article|column|op-ed),\s*$",
    re.I,
)
TERM_BEFORE = re.compile(
    r"(?:\bthe\s+(?:word|words|term|terms|phrase|phrases|label|slogan|name|expression|nickname)|"
    r"\bknown\s+as|\breferred\s+to\s+as|\bnicknamed|\bcoined|\bdubbed|\bla\s+mention|"
    r"\ble\s+(?:terme|mot)|\b(?:notice|sign|banner|label|placard|form)s?\s+(?:that\s+)?(?:said|says|read|reads))"
    r"[\s:,]*$",
    re.I,
)
CALL_BEFORE = re.compile(
    r"(?<![\w-])call(?:s|ed|ing)?\s+(?:(?P<strong>what\b[^\"“”.]{0,40}|the\s+(?:idea|concept|"
    r"practice|approach|phenomenon|process|effect|strategy|thing|problem))|"
    r"(?P<weak>(?:it|them|this|that)(?:\s+(?:the|a|an))?|the|a|an)?)\s*$",
    re.I,
)
SCARE_BEFORE = re.compile(r"\b(?:so-called|so\s+called|supposedly|self-described)\s*$", re.I)
_SPOKES = frozenset(
    "spokesperson spokesman spokeswoman spokespeople representative statement".split()
)
_DETS = frozenset(
    "the a an one my his her their our its mon ma son sa leur notre le la les un une".split()
)
_LEAD_APPOS = re.compile(
    rf"\s*(?:The|the|A|An|a|an|Its|Their|His|Her|Our)\s+[^,\"“”«»]{{1,60}},\s*(?P<name>{NAME})"
)
_LEAD_ROLE = re.compile(r"\s*(?:The|the)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\b(?!['’])")
_PRON_RE = re.compile(
    rf"{_PRON}(?![\w’'])|(?<![\w’'])(?:[Mm]y|[Hh]is|[Hh]er|[Mm]on|[Mm]a)\s+[\w-]+(?![\w’'])"
)
_CLAUSE_START = re.compile(
    r"(?:^\s*|[,;:(—–]\s*(?:and\s+|but\s+)?|(?<![\w-])(?:and|but|while|as|when|who|which)\s+)$"
)
_SMALL = {"a", "an", "the", "of", "on", "in", "to", "for", "and", "or", "at", "by", "with", "is"}


@dataclass(frozen=True)
class Attribution:
    """A found speaker (None when anonymous) and the cue phrase."""

    speaker: str | None
    cue: str | None


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("*", "").replace("_", " ")).strip()


def _cue(m: re.Match[str]) -> str:
    cue = m.group("cue")
    obj = m.groupdict().get("obj")
    if obj and cue.lower() in ("told", "tells", "tell", "telling"):
        cue += obj
    return _norm(cue)


def _object(who: str, before: str) -> bool:
    """Whether a determiner phrase after ``before`` is an object, not the speaking subject."""
    words = who.split()
    if not words or words[0].lower() not in _DETS or NAME_RE.search(who, len(words[0])):
        return False
    return not _CLAUSE_START.search(before)


def _clause_goes_on(seg: str, pos: int) -> bool:
    """After ``Name said``: does a longer clause follow (so it is a new sentence)?"""
    tail = seg[pos : pos + 60]
    m = re.match(r"[^.,;:!?\"“”]*", tail)
    words = m.group(0).split() if m else []
    return len(words) > 4 or bool(words and words[0] in ("that", "he", "she", "it", "they"))


def context_kind(text: str, start: int, lo: int, inner: str = "") -> str | None:
    """Kind implied by the words right before a quote (title, term, scare), if any."""
    seg = text[max(lo, start - 100) : start]
    if TITLE_BEFORE.search(seg):
        return "title"
    call = CALL_BEFORE.search(seg)
    if TERM_BEFORE.search(seg) or (call and (call.group("strong") or len(inner.split()) <= 3)):
        return "term"
    if SCARE_BEFORE.search(seg):
        return "scare"
    return None


def shape_kind(inner: str) -> str:
    """Kind of an unattributed quote judged from its words alone."""
    words = [w.strip(".,;:!?“”\"'‘’«»()") for w in inner.split()]
    words = [w for w in words if w]
    caps = [w for w in words[1:] if w.lower() not in _SMALL]
    if len(words) >= 3 and caps and all(w[:1].isupper() for w in caps):
        return "title"
    tail = inner.rstrip("\"'”’» \u00a0")[-1:]
    if words and words[0][:1].isupper() and (len(words) >= 7 or (len(words) >= 3 and tail in ".?!")):
        return "speech"
    if len(words) >= 4:
        return "speech"  # a quoted phrase, not a single loaded word
    return "scare"


class Attributor:
    """Resolves speakers for the quotes of one (masked) text."""

    def __init__(
        self, text: str, quote_spans: list[tuple[int, int]], sentence_starts: list[int] | None = None
    ) -> None:
        self.text = text
        self.names = Names(text, quote_spans, sentence_starts)
        self.spoken: list[tuple[int, str]] = []  # (quote end, speaker), appended in order

    def who(self, raw: str, pos: int, appos: str = "", outer: str | None = None) -> str | None:
        """Resolve a subject phrase (name, pronoun, role or kin) to a canonical name."""
        raw = _norm(raw)
        if re.search(r"\s(?:and|&)\s", raw):
            raw = split_names(raw)[0][1]
        low = raw.lower()
        if not raw:
            return None
        named = NAME_RE.search(appos) if appos else None
        if named and (low.split()[0] in _DETS or re.search(r"['’]s(?:\s|$)", raw)):
            return self.who(named.group(0), pos, outer=outer)
        if low in MALE_PRONOUNS or low in FEMALE_PRONOUNS:
            return self.pronoun("m" if low in MALE_PRONOUNS else "f", pos)
        if low in FIRST_PERSON:
            return outer
        if low.split()[0] in ("they", "ils", "elles", "on", "we", "it"):
            return None
        words = low.split()
        if words[0] in ("my", "his", "her", "their", "mon", "ma", "son", "sa") and len(words) >= 2:
            kin = KIN.get(words[-1])
            return self.kin(kin, pos) if kin else None
        if words[0] in ("the", "a", "an", "one"):
            inner = NAME_RE.search(raw, len(words[0]))
            if inner:
                return self.who(inner.group(0), pos)
            head = words[-1].strip(",.")
            if words[0] != "the" and head in _SPOKES:
                body = next((w for w in words[1:] if w.strip(",.") in ORG_ROLES), None)
                if body is not None:
                    return self.names.recent_org(pos, (body.strip(",."),)) or self.names.recent_org(pos)
            owner = re.search(r"\b(?:for|of|at|from)\s+(?:the|its|their)\s+([a-z]+)$", low)
            if owner and owner.group(1) in ORG_ROLES:
                return self.names.recent_org(pos, (owner.group(1),)) or self.names.recent_org(pos)
            if words[0] == "the" and (head in PERSON_ROLES or head in TITLE_WORDS or head in ANON_PERSONS):
                by_role = self.names.with_role(head, pos)
                if by_role is not None:
                    return by_role
            if words[0] == "the" and (head in PERSON_ROLES or head in ANON_PERSONS):
                return self.names.recent_person(pos)
            if words[0] == "the" and head in ORG_ROLES:
                hints = ("union", "local", "workers") if head == "union" else ()
                return self.names.recent_org(pos, hints)
            return None
        if low in ORG_ROLES:  # a capitalised bare role, as in a headline: "Union says ..."
            hints = ("union", "local", "workers") if low == "union" else (low,)
            return self.names.recent_org(pos, hints) or self.names.recent_org(pos)
        if re.fullmatch(_ANON, raw):
            return None
        name, _titled, gender = clean_name(raw)
        if not name:
            return None
        if name_kind(name) == "org":
            return self.names.org_canonical(name)
        return self.names.canonical(name, pos, gender)

    def pronoun(self, gender: str, pos: int) -> str | None:
        """Resolve he/she: the nearest named person, unless someone quoted since is a fit."""
        name, named_at = self.names.antecedent(pos, gender)
        for end, speaker in reversed(self.spoken):
            if end > pos:
                continue
            if end <= named_at or pos - end > 2500:
                break
            if self.names.gender_of(speaker) in ("", gender):
                return speaker
            break
        return name

    def kin(self, kin: str, pos: int) -> str | None:
        """Resolve "my dad" / "mon grand-père" to a named relative, if the text names one."""
        words = "|".join(re.escape(w) for w in KIN_WORDS.get(kin, (kin,)))
        m = re.search(rf"\b(?:{words})\b,?\s+(?P<name>{NAME})", self.text)
        if m is None:
            rev = "|".join(re.escape(w) for w in KIN_REVERSE.get(kin, ()))
            m = re.search(rf"\b(?:{rev})\s+(?P<name>{NAME})", self.text) if rev else None
        if m is None:
            return None
        name, _t, _g = clean_name(m.group("name"))
        return self.names.canonical(name, pos) if name else None

    def after(self, end: int, limit: int, outer: str | None = None) -> Attribution | None:
        """Attribution right after a closing mark (``," she said``, ``», dit-elle``)."""
        seg = self.text[end:limit]
        m = AFTER_FRENCH.match(seg)
        if m:
            return Attribution(self.who(m.group("who"), end, outer=outer), m.group("cue"))
        m = AFTER_NORMAL.match(seg)
        if m and not (self._closed_sentence(end) and _clause_goes_on(seg, m.end())):
            who = self.who(m.group("who"), end + m.start("who"), m.group("appos") or "", outer)
            return Attribution(who, _cue(m))
        m = AFTER_INVERTED.match(seg)
        if m:
            who = self.who(m.group("who"), end, m.group("appos") or "", outer)
            return Attribution(who, _cue(m))
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
        m = IN_WORDS.search(seg) or HIS_WORD.search(seg)
        if m:
            cue = _norm(m.group(0)).rstrip(",")
            return Attribution(self.who(m.group("pron"), start, outer=outer), cue)
        m = WORDS_OF.search(seg)
        if m:
            raw = m.group("who") or ""
            return Attribution(self.who(raw, start, outer=outer) if raw else None, "in the words of")
        for c in reversed(list(CUE_RE.finditer(seg))):
            rest = seg[c.end() :]
            if any(ch in rest for ch in "\"“”«»") or len(rest) > 220:
                break
            if c.group("cue").lower().startswith(("according", "selon")):
                obj = c.group("obj")
                if obj:
                    return Attribution(self.who(obj, lo + c.start(), outer=outer), "according to")
                continue
            head = seg[max(0, c.start() - 260) : c.start()]
            s = SUBJECT_END.search(head)
            if s and _object(s.group("who"), head[: s.start("who")]):
                s = None  # "... has backed the funding as well, but told": not the subject
            if s:
                who = self.who(s.group("who"), lo + c.start(), s.group("appos") or "", outer)
                return Attribution(who, _cue(c))
            subj = self.subject(lo, lo + c.start(), outer, nearest=True)
            if subj is not None:
                return Attribution(subj, _cue(c))
        if seg.rstrip().endswith(":"):
            subj = self.subject(lo, start, outer)
            if subj is not None:
                return Attribution(subj, None)
        return None

    def subject(self, lo: int, hi: int, outer: str | None = None, nearest: bool = False) -> str | None:
        """The subject of ``text[lo:hi]``: a person or organisation named, or a pronoun.

        Args:
            lo: Start of the sentence (or clause) to search.
            hi: End of the search.
            outer: Speaker of an enclosing quotation (for "I", "me").
            nearest: Prefer the last candidate that opens a clause (the subject of the
                verb at ``hi``) over the first one in the sentence.
        """
        seg = self.text[lo:hi]
        ap = _LEAD_APPOS.match(seg)
        if ap:
            return self.who(ap.group("name"), lo + ap.start("name"), outer=outer)
        role = _LEAD_ROLE.match(seg)
        if role and (role.group(1) in ORG_ROLES or role.group(1) in PERSON_ROLES):
            return self.who(role.group(0), lo + role.start(), outer=outer)
        cands: list[tuple[int, str]] = []
        for m in _PRON_RE.finditer(seg):
            cands.append((m.start(), m.group(0)))
        names = [m for m in NAME_RE.finditer(seg) if not self.names.in_quote(lo + m.start())]
        for i, m in enumerate(names):
            name, _t, _g = clean_name(m.group(0))
            kind = name_kind(name) if name else "other"
            if kind == "org" and i + 1 < len(names) and names[i + 1].start() - m.end() < 25:
                continue  # "Council member Teresa Brooks": the person, not the council
            if kind in ("person", "org"):
                cands.append((m.start(), m.group(0)))
            elif kind == "other" and name and self.names.canonical(name, lo + m.start()) != name:
                cands.append((m.start(), m.group(0)))
        if not cands:
            return None
        cands.sort()
        if nearest:
            opens = [c for c in cands if _CLAUSE_START.search(seg[: c[0]])]
            pick = opens[-1] if opens else cands[-1]
            return self.who(pick[1], lo + pick[0], outer=outer)
        for pos, raw in cands:
            if raw in ("I", "we", "We") and outer is None:
                continue  # the writer
            return self.who(raw, lo + pos, outer=outer)
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
        return Attribution(who, _norm(m.group("cue") or ""))
