"""Resolving who a subject phrase means: names, pronouns, roles, kin and documents."""

from __future__ import annotations

import re
from bisect import bisect_right

from reader.quotes.cues import (
    ANON_WHO,
    CLAUSE_START,
    DETERMINERS,
    LEAD_APPOS,
    LEAD_ROLE,
    MAIN_CLAUSE_START,
    PRONOUN_RE,
    SPOKES_WORDS,
    iter_cues,
    normalize,
)
from reader.quotes.lexicon import (
    ANON_PERSONS,
    FEMALE_PRONOUNS,
    FIRST_PERSON,
    KIN,
    MALE_PRONOUNS,
    ORG_ROLES,
    PERSON_ROLES,
    TITLE_WORDS,
)
from reader.quotes.person_names import NAME, NAME_RE, clean_name, name_kind, split_names
from reader.quotes.references import References

_DOCUMENTS = frozenset("statement letter post email release filing memo note message".split())
_ROLE_PHRASE = re.compile(r"(?<![\w-])(?:the|The)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\b(?!['’-])")
_FAMILY = re.compile(r"\b([A-Z][\w’'-]+)\s+family\b")
# "Rourke's assistant, Tomasz Wierzbicki, ...": the owner is not who "he" refers to
_OWNER_APPOS = re.compile(rf"{NAME}['’]s\s+(?:[\w-]+\s+){{0,3}}?[\w-]+,\s+(?P<who>{NAME})")
_MEMBER_OF = re.compile(
    r"(?:a|an|one|another)\s+(?:[a-z][\w-]*\s+){0,3}?([a-z][\w-]*)\s+(?:with|at|for|from|of|in)\s"
)
_OWNED_DOC = re.compile(
    rf"(?P<who>{NAME})['’]s?\s+(?:[\w-]+\s+)?(?:email|letter|statement|post|memo|note|message)\b"
)
_SENTENCE_PRONOUN = re.compile(r"[\W_]*(He|She|Il|Elle)\b")
_GENDERED = {"m": ("he", "il"), "f": ("she", "elle")}
ACCORDING = ("according", "selon", "según", "laut", "secondo")
_POSSESSIVE = frozenset("my his her their mon ma son sa".split())


class Resolver:
    """Turns subject phrases into canonical speaker names for one (masked) text."""

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
        member = _MEMBER_OF.match(raw)
        if member is not None and member.group(1) not in SPOKES_WORDS:
            return None  # "a fire analyst with the Forestry Department": unnamed, not the body
        firm = " & " in raw and name_kind(clean_name(raw)[0]) == "org"  # "Power & Light"
        if re.search(r"\s(?:and|&|of|for|at|from)\s", raw) and not firm:
            raw = split_names(raw)[0][1]
        low = raw.lower()
        if not raw:
            return None
        named = NAME_RE.search(appos) if appos else None
        if named and (low.split()[0] in DETERMINERS or re.search(r"['’]s(?:\s|$)", raw)):
            return self.who(named.group(0), pos, outer=outer)
        if low in MALE_PRONOUNS or low in FEMALE_PRONOUNS:
            found = self.pronoun("m" if low in MALE_PRONOUNS else "f", pos)
            return None if outer is not None and found == outer else found  # "he told me"
        if low in FIRST_PERSON:
            return outer
        if low == "it":  # "..., it said in a statement": the organisation just named
            k = bisect_right(self.names.sentence_starts, pos) - 1
            prev = self.names.sentence_starts[k - 1] if k >= 1 else 0
            owned = list(_OWNED_DOC.finditer(self.text, max(prev, pos - 300), pos))
            if owned:  # "Sykes's email ... . '...,' it said": the email's writer
                return self.who(owned[-1].group("who"), owned[-1].start(), outer=outer)
            return self.names.recent_org(pos, within=600)
        if low == "they":  # an organisation or family named just before ("the Hale family ...")
            starts = self.names.sentence_starts
            k = bisect_right(starts, pos) - 1
            lo = starts[k - 1] if k >= 1 else 0
            fam = list(_FAMILY.finditer(self.text, lo, pos))
            if fam:
                return f"{fam[-1].group(1)} family"
            org = self.names.recent_org(pos, within=max(0, pos - lo))
            if org is None and self.spoken and pos - self.spoken[-1][0] < 300:
                last = self.spoken[-1][1]  # '"...," the union said. They added ...'
                org = last if name_kind(last) == "org" else None
            return org
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
            return self.names.kin(kin, pos) if kin else None
        if words[0] in ("the", "a", "an", "one"):
            inner = NAME_RE.search(raw, len(words[0]))
            if inner and clean_name(inner.group(0))[0]:  # not "the Republican"
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
                unnamed = re.search(
                    rf"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w-]+\s+){{0,2}}{re.escape(head)}\b(?![^.]*,\s*[A-Z])",
                    self.text[max(0, pos - 1500) : pos],
                )
                if unnamed is not None:
                    return None  # "a woman at the stop ... the woman said": still unnamed
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
            if words[0] == "the" and len(words) <= 3 and head.isalpha():
                return self.names.named_subject_before(pos)  # "'...,' the striker said"
            return None
        if " " not in low and (low in PERSON_ROLES or low in TITLE_WORDS):
            # a bare title, as in a headline: "Mayor says ..." -> the mayor the story names
            return self.names.with_role(low, pos) or self.names.with_role(
                low, pos, forward=True, within=2000
            )
        if low in ORG_ROLES:  # a capitalised bare role, as in a headline: "Union says ..."
            bare: tuple[str, ...] = ("union", "local", "workers") if low == "union" else (low,)
            return (
                self.names.recent_org(pos, bare)
                or self.names.next_org(pos, 1500)  # a headline names what the story explains
                or self.names.recent_org(pos)
            )
        if re.fullmatch(ANON_WHO, raw):
            return None
        name, _titled, gender = clean_name(raw)
        if not name or not any(ch.isupper() for ch in name):
            return None  # "la consejería": a common noun, not a name
        if name_kind(name) == "org":
            return self.names.org_canonical(name)
        canon = self.names.canonical(name, pos, gender)
        if canon == name and " " not in name and not gender:  # "Nordhavn" of "Nordhavn Board"
            org = self.names.org_starting(name)
            if org is not None:
                return org
        return canon

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
        fam = list(_FAMILY.finditer(self.text, start, at)) if found is None else []
        if fam:  # "The Hale family issued a statement"
            found = f"{fam[-1].group(1)} family"
        if found is None:  # "In a statement read by ..., the family said"
            found_cues = iter_cues(self.text, lo + hits[-1].end(), min(pos, at + 300))
            cue = found_cues[0] if found_cues else None
            if cue is not None:
                found = self.subject(lo + hits[-1].end(), cue.start(), nearest=True)
        if found is None:  # "... the letter reads. The letter was organized by a group ..."
            later = re.compile(
                rf"\b{document}\s+(?:was|is)\s+(?:\w+\s+)?(?:written|organized|organised|"
                rf"signed|sent|issued|drafted|posted)\s+by\s+(?:a\s+group\s+(?:calling\s+"
                rf"itself|called|named)\s+)?(?P<who>{NAME})"
            ).search(self.text, pos, pos + 800)
            if later is not None:
                found = self.who(later.group("who"), later.start("who"))
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
        owned = _OWNER_APPOS.match(self.text, named_at) if name is not None else None
        if owned is not None and owned.end() < pos:
            raw, _t, g = clean_name(owned.group("who"))
            other = self.names.canonical(raw, owned.start("who"), g) if raw else None
            if other and other != name and self.names.gender_of(other) in ("", gender):
                name, named_at = other, owned.start("who")
        for end, speaker in reversed(self.spoken):
            if end > pos:
                continue
            if end <= named_at or pos - end > 2500:
                break
            if self.names.gender_of(speaker) in ("", gender):
                return speaker
            break
        if name is None:  # nobody of that gender: the nearest person of unknown gender
            anyone, _at = self.names.antecedent(pos, "")
            if anyone is not None and not self.names.gender_of(anyone):
                return anyone
        return name

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
            name, titled, gender = clean_name(m.group(0))
            kind = name_kind(name) if name else "other"
            if kind == "other" and name and (titled or gender):
                kind = "person"  # "Mr Pryce", "Mrs. Delgado"
            if kind == "org" and i + 1 < len(names) and names[i + 1].start() - m.end() < 25:
                continue  # "Council member Teresa Brooks": the person, not the council
            if kind in ("person", "org") or (
                kind == "other" and name and self.names.canonical(name, lo + m.start()) != name
            ):
                cands.append((m.start(), m.group(0)))
        if not cands:  # "... issued a statement. It called the plan '...'": the organisation
            return self.who("it", lo, outer=outer) if re.match(r"\s*It\s", seg) else None
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
