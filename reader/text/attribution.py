"""Attribution of quotations to speakers: who says it, resolved to a canonical name."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from reader.text.cues import (
    AFTER_ACCORDING,
    AFTER_DASH,
    AFTER_FRENCH,
    AFTER_INVERTED,
    AFTER_NORMAL,
    AFTER_SO,
    ANON_WHO,
    CLAUSE_START,
    DETERMINERS,
    HIS_WORD,
    IN_WORDS,
    LEAD_APPOS,
    LEAD_LINE,
    LEAD_ROLE,
    MAIN_CLAUSE_START,
    PRONOUN_RE,
    SPOKES_WORDS,
    SUBJECT_END,
    WORDS_OF,
    clause_goes_on,
    cue_text,
    is_object,
    iter_cues,
    normalize,
)
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
from reader.text.names import NAME, NAME_RE, clean_name, name_kind, split_names
from reader.text.references import References


@dataclass(frozen=True)
class Attribution:
    """A found speaker (None when anonymous) and the cue phrase."""

    speaker: str | None
    cue: str | None


_DOCUMENTS = frozenset("statement letter post email release filing memo note message".split())
_ROLE_PHRASE = re.compile(r"(?<![\w-])(?:the|The)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\b(?!['’-])")
_FAMILY = re.compile(r"\b([A-Z][\w’'-]+)\s+family\b")
_SENTENCE_PRONOUN = re.compile(r"[\W_]*(He|She|Il|Elle)\b")
_GENDERED = {"m": ("he", "il"), "f": ("she", "elle")}
_ACCORDING = ("according", "selon", "según", "laut", "secondo")
_POSSESSIVE = frozenset("my his her their mon ma son sa".split())


class Attributor:
    """Resolves speakers for the quotes of one (masked) text."""

    def __init__(
        self,
        text: str,
        quote_spans: list[tuple[int, int]],
        sentence_starts: list[int] | None = None,
    ) -> None:
        self.text = text
        self.names = References(text, quote_spans, sentence_starts)
        self.spoken: list[tuple[int, str]] = []  # (quote end, speaker), appended in order

    def who(self, raw: str, pos: int, appos: str = "", outer: str | None = None) -> str | None:
        """Resolve a subject phrase (name, pronoun, role or kin) to a canonical name."""
        raw = normalize(raw)
        if re.search(r"\s(?:and|&|of|for|at|from)\s", raw):
            raw = split_names(raw)[0][1]
        low = raw.lower()
        if not raw:
            return None
        named = NAME_RE.search(appos) if appos else None
        if named and (low.split()[0] in DETERMINERS or re.search(r"['’]s(?:\s|$)", raw)):
            return self.who(named.group(0), pos, outer=outer)
        if low in MALE_PRONOUNS or low in FEMALE_PRONOUNS:
            return self.pronoun("m" if low in MALE_PRONOUNS else "f", pos)
        if low in FIRST_PERSON:
            return outer
        if low.split()[0] in ("they", "ils", "elles", "on", "we", "it"):
            return None
        words = low.split()
        if raw[0].islower() and words[0] not in DETERMINERS and words[0] not in _POSSESSIVE:
            inner_name = NAME_RE.search(raw)
            if inner_name is not None and inner_name.start() > 0:  # "lead author Dr. Hannah Cole"
                return self.who(inner_name.group(0), pos, outer=outer)
        if words[0] in ("my", "his", "her", "their", "mon", "ma", "son", "sa") and len(words) >= 2:
            named_in = NAME_RE.search(raw, len(words[0]))
            if named_in is not None:  # "her neighbor Bill Chan"
                return self.who(named_in.group(0), pos, outer=outer)
            kin = KIN.get(words[-1])
            return self.kin(kin, pos) if kin else None
        if words[0] in ("the", "a", "an", "one"):
            inner = NAME_RE.search(raw, len(words[0]))
            if inner:
                return self.who(inner.group(0), pos)
            head = words[-1].strip(",.")
            if words[0] != "the" and head in SPOKES_WORDS:
                body = next((w for w in words[1:] if w.strip(",.") in ORG_ROLES), None)
                if body is not None:
                    return self.names.recent_org(pos, (body.strip(",."),)) or self.names.recent_org(
                        pos
                    )
            owner = re.search(r"\b(?:for|of|at|from)\s+(?:the|its|their)\s+([a-z]+)$", low)
            if owner and owner.group(1) in ORG_ROLES:
                return self.names.recent_org(pos, (owner.group(1),)) or self.names.recent_org(pos)
            if words[0] == "the" and (
                head in PERSON_ROLES or head in TITLE_WORDS or head in ANON_PERSONS
            ):
                by_role = self.names.with_role(head, pos)
                if by_role is not None:
                    return by_role
                if head in SPOKES_WORDS:  # "the spokesperson said": of the company just named
                    return self.names.recent_org(pos)
            if words[0] in ("a", "an") and len(words) <= 3 and head in TITLE_WORDS:
                # "a coroner has ruled" ... later "the senior coroner, Ruth Abernethy"
                ahead = self.names.with_role(head, pos, forward=True, within=1500)
                if ahead is not None:
                    return ahead
            if words[0] == "the" and (
                head in PERSON_ROLES or head in ANON_PERSONS or head.endswith("-old")
            ):
                return self.names.recent_person(pos)
            if words[0] == "the" and head in ("family", "familia", "famille"):
                fam = list(_FAMILY.finditer(self.text, max(0, pos - 4000), pos))
                if fam:
                    return f"{fam[-1].group(1)} family"
            if words[0] == "the" and head in _DOCUMENTS:
                author = self.author_of(head, pos)
                if author is not None:
                    return author
            if words[0] == "the" and head in ORG_ROLES:
                hints: tuple[str, ...] = ("union", "local", "workers") if head == "union" else ()
                return self.names.recent_org(pos, hints)
            return None
        if low in ORG_ROLES:  # a capitalised bare role, as in a headline: "Union says ..."
            bare: tuple[str, ...] = ("union", "local", "workers") if low == "union" else (low,)
            return self.names.recent_org(pos, bare) or self.names.recent_org(pos)
        if re.fullmatch(ANON_WHO, raw):
            return None
        name, _titled, gender = clean_name(raw)
        if not name:
            return None
        if name_kind(name) == "org":
            return self.names.org_canonical(name)
        return self.names.canonical(name, pos, gender)

    def author_of(self, document: str, pos: int) -> str | None:
        """Who issued the statement (letter, post...) last mentioned before ``pos``."""
        lo = max(0, pos - 3000)
        hits = [
            m
            for m in re.finditer(
                rf"\b(?:a|an|its|his|her|their)\s+(?:\w+\s+)?{document}\b", self.text[lo:pos]
            )
            if not self.names.in_quote(lo + m.start())
        ]
        if not hits:
            return None
        at = lo + hits[-1].start()
        start = max(self.text.rfind(". ", 0, at) + 2, self.text.rfind("\n", 0, at) + 1, 0)
        found = self.subject(start, at, nearest=True)
        if found is None:  # "In a statement read by ..., the family said"
            found_cues = iter_cues(self.text, lo + hits[-1].end(), min(pos, at + 300))
            cue = found_cues[0] if found_cues else None
            if cue is not None:
                found = self.subject(lo + hits[-1].end(), cue.start(), nearest=True)
        return found

    def pronoun(self, gender: str, pos: int) -> str | None:
        """Resolve he/she: the nearest named person, unless someone quoted since is a fit."""
        starts = self.names.sentence_starts
        k = bisect_right(starts, pos) - 1
        if k >= 0 and starts[k] < pos:
            opener = _SENTENCE_PRONOUN.match(self.text, starts[k])
            if opener and opener.end() <= pos and (opener.group(1).lower() in _GENDERED[gender]):
                pos = starts[k]  # "He ... , and he suggested": same subject as the sentence
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
            cue = normalize(m.group(0)).rstrip(",")
            return Attribution(self.who(m.group("pron"), start, outer=outer), cue)
        m = WORDS_OF.search(seg)
        if m:
            raw = m.group("who") or m.group("who2") or m.group("who3") or ""
            cue = "in the words of" if m.group("who") else normalize(m.group(0)).strip(" ,")
            return Attribution(self.who(raw, start, outer=outer) if raw else None, cue)
        for c in reversed(iter_cues(seg)):
            rest = seg[c.end() :]
            if any(ch in rest for ch in '"“”«»') or len(rest) > 320:
                break
            if c.group("cue").lower().startswith(_ACCORDING):
                obj = c.group("obj")
                if obj:
                    return Attribution(self.who(obj, lo + c.start(), outer=outer), "according to")
                continue
            head = seg[max(0, c.start() - 260) : c.start()]
            s = SUBJECT_END.search(head)
            if s and is_object(s.group("who"), head[: s.start("who")]):
                s = None  # "... has backed the funding as well, but told": not the subject
            participle = c.group("cue").lower().endswith("ing")
            if s and participle and head[s.end("who") :].strip():
                # ", warning that ...": the participle belongs to a main clause's subject
                subj = self.subject(lo, lo + c.start(), outer, nearest=True, main=True)
                if subj is not None:
                    return Attribution(subj, cue_text(c))
            if s:
                who = self.who(s.group("who"), lo + c.start(), s.group("appos") or "", outer)
                return Attribution(who, cue_text(c))
            subj = self.subject(lo, lo + c.start(), outer, nearest=True, main=participle)
            if subj is not None:
                return Attribution(subj, cue_text(c))
        if seg.rstrip().endswith(":"):
            subj = self.subject(lo, start, outer)
            if subj is not None:
                return Attribution(subj, None)
        return None

    def subject(
        self,
        lo: int,
        hi: int,
        outer: str | None = None,
        nearest: bool = False,
        main: bool = False,
    ) -> str | None:
        """The subject of ``text[lo:hi]``: a person or organisation named, or a pronoun.

        Args:
            lo: Start of the sentence (or clause) to search.
            hi: End of the search.
            outer: Speaker of an enclosing quotation (for "I", "me").
            nearest: Prefer the last candidate that opens a clause (the subject of the
                verb at ``hi``) over the first one in the sentence.
            main: With ``nearest``, ignore subordinate ("that ...") clauses.
        """
        seg = self.text[lo:hi]
        ap = LEAD_APPOS.match(seg)
        if ap:
            return self.who(ap.group("name"), lo + ap.start("name"), outer=outer)
        role = LEAD_ROLE.match(seg)
        if role and (role.group(1) in ORG_ROLES or role.group(1) in PERSON_ROLES):
            return self.who(role.group(0), lo + role.start(), outer=outer)
        cands: list[tuple[int, str]] = []
        for m in PRONOUN_RE.finditer(seg):
            cands.append((m.start(), m.group(0)))
        if nearest:
            for m in _ROLE_PHRASE.finditer(seg):
                head = m.group(1)
                if head in PERSON_ROLES or head in ORG_ROLES or head == "family":
                    cands.append((m.start(), m.group(0)))
        names = [m for m in NAME_RE.finditer(seg) if not self.names.in_quote(lo + m.start())]
        for i, m in enumerate(names):
            name, _t, _g = clean_name(m.group(0))
            kind = name_kind(name) if name else "other"
            if kind == "org" and i + 1 < len(names) and names[i + 1].start() - m.end() < 25:
                continue  # "Council member Teresa Brooks": the person, not the council
            if kind in ("person", "org") or (
                kind == "other" and name and self.names.canonical(name, lo + m.start()) != name
            ):
                cands.append((m.start(), m.group(0)))
        if not cands:
            return None
        cands.sort()
        if nearest:
            starts = MAIN_CLAUSE_START if main else CLAUSE_START
            opens = [c for c in cands if starts.search(seg[: c[0]])]
            pick = opens[-1] if opens else cands[-1]
            return self.who(pick[1], lo + pick[0], outer=outer)
        for pos, raw in cands:
            if raw in ("I", "we", "We") and outer is None:
                continue  # the writer
            found = self.who(raw, lo + pos, outer=outer)
            if found is not None:
                return found
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
