"""Resolving who a subject phrase means, as an ordered table of small named rules.

:meth:`Resolver.who` prepares the phrase once (:class:`Phrase`) and applies
:data:`WHO_RULES` in order; the first rule that applies decides (a name, or ``None`` for
"nobody we can name"). Pronouns are delegated to :mod:`reader.quotes.pronouns`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Final

from reader.quotes.cues import (
    ANON_WHO,
    DETERMINERS,
    LEAD_APPOS,
    LEAD_ROLE,
    PRONOUN_RE,
    SPOKES_WORDS,
    iter_cues,
    normalize,
    opens_clause,
)
from reader.quotes.lazy import lazy
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
from reader.quotes.pronouns import (
    FAMILY_RE,
    he_or_she,
    it_document_writer,
    it_referent,
    they_referent,
)
from reader.quotes.references import References

_DOCUMENTS = frozenset("statement letter post email release filing memo note message".split())
_ROLE_PHRASE = lazy(r"(?<![\w-])(?:the|The)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\b(?!['’-])")
_MEMBER_OF = lazy(
    r"(?:a|an|one|another)\s+(?:[a-z][\w-]*\s+){0,3}?([a-z][\w-]*)\s+(?:with|at|for|from|of|in)\s"
)
_JOINED = lazy(r"\s(?:and|&|of|for|at|from)\s")
_OWNER_BODY = lazy(r"\b(?:for|of|at|from)\s+(?:the|its|their)\s+([a-z]+)$")
ACCORDING = ("according", "selon", "según", "laut", "secondo")
_POSSESSIVE = frozenset("my his her their mon ma son sa".split())
_OTHER_PRONOUNS = ("they", "ils", "elles", "on", "we", "it")
_ARTICLES = ("the", "a", "an", "one")
_UNION_HINTS = ("union", "local", "workers")


class Skip(Enum):
    """A rule's answer when it does not apply: try the next rule."""

    SKIP = 0


SKIP: Final = Skip.SKIP


@dataclass(frozen=True)
class Phrase:
    """A subject phrase prepared once for the rules.

    Attributes:
        original: The phrase, normalised, before a list ("A and B") is cut to its first name.
        raw: The phrase the rules read (the first name of a list, or the whole phrase).
        low: ``raw`` lowercased.
        words: ``low`` split on whitespace.
        pos: Offset of the phrase in the text.
        appos: An appositive after the phrase ("the mayor, Jane Roe": "Jane Roe"), or "".
        outer: Speaker of the enclosing quotation (for "I", "me"), if any.
    """

    original: str
    raw: str
    low: str
    words: list[str]
    pos: int
    appos: str
    outer: str | None

    @property
    def first(self) -> str:
        """The first word, lowercased."""
        return self.words[0]

    @property
    def head(self) -> str:
        """The last word without trailing punctuation: the noun of "the city's mayor"."""
        return self.words[-1].strip(",.")


def prepare(raw: str, pos: int, appos: str = "", outer: str | None = None) -> Phrase:
    """Normalise a subject phrase and cut a list of names ("A and B") to its first name."""
    original = normalize(raw)
    raw = original
    firm = " & " in raw and name_kind(clean_name(raw)[0]) == "org"  # "Power & Light"
    if _JOINED.search(raw) and not firm:
        raw = split_names(raw)[0][1]
    low = raw.lower()
    return Phrase(original, raw, low, low.split(), pos, appos, outer)


Answer = str | None | Skip
Rule = Callable[["Resolver", Phrase], Answer]


# -- rules, in the order they are tried ---------------------------------------------------


def unnamed_member(r: Resolver, p: Phrase) -> Answer:
    """"a fire analyst with the Forestry Department": someone unnamed, not the body."""
    # the pattern starts with "a", "an", "one" or "another": test the letter first (cheap)
    member = _MEMBER_OF.match(p.original) if p.original[:1] in ("a", "o") else None
    return None if member is not None and member.group(1) not in SPOKES_WORDS else SKIP


def empty_phrase(r: Resolver, p: Phrase) -> Answer:
    """Nothing left to resolve."""
    return None if not p.raw else SKIP


def appositive_name(r: Resolver, p: Phrase) -> Answer:
    """"the mayor, Jane Roe," / "Roe's deputy, Ann Lee,": the name in the appositive."""
    named = NAME_RE.search(p.appos) if p.appos else None
    if named and (p.first in DETERMINERS or re.search(r"['’]s(?:\s|$)", p.raw)):
        return r.who(named.group(0), p.pos, outer=p.outer)
    return SKIP


def he_she(r: Resolver, p: Phrase) -> Answer:
    """"he said": the person he refers to, but not the speaker of the quote around it."""
    if p.low not in MALE_PRONOUNS and p.low not in FEMALE_PRONOUNS:
        return SKIP
    gender = "m" if p.low in MALE_PRONOUNS else "f"
    found = he_or_she(r.names, r.spoken, gender, p.pos)
    return None if p.outer is not None and found == p.outer else found  # "he told me"


def first_person(r: Resolver, p: Phrase) -> Answer:
    """"I said" inside a quotation: whoever speaks the quotation around it."""
    return p.outer if p.low in FIRST_PERSON else SKIP


def it_said(r: Resolver, p: Phrase) -> Answer:
    """"..., it said in a statement": the writer of a document just named, or the body."""
    if p.low != "it":
        return SKIP
    owned = it_document_writer(r.names, p.pos)
    if owned is not None:  # "Sykes's email ... . '...,' it said": the email's writer
        return r.who(owned.group("who"), owned.start(), outer=p.outer)
    return it_referent(r.names, p.pos)


def they_said(r: Resolver, p: Phrase) -> Answer:
    """"they said": a family or organisation named just before."""
    return they_referent(r.names, r.spoken, p.pos) if p.low == "they" else SKIP


def other_plural_pronoun(r: Resolver, p: Phrase) -> Answer:
    """"we said", "they both said", "on dit": nobody in particular."""
    return None if p.first in _OTHER_PRONOUNS else SKIP


def role_before_name(r: Resolver, p: Phrase) -> Answer:
    """"lead author Dr. Hannah Cole": the name after a lowercase role."""
    if p.raw[0].islower() and p.first not in DETERMINERS and p.first not in _POSSESSIVE:
        inner_name = NAME_RE.search(p.raw)
        if inner_name is not None and inner_name.start() > 0:
            return r.who(inner_name.group(0), p.pos, outer=p.outer)
    return SKIP


def possessive_relative(r: Resolver, p: Phrase) -> Answer:
    """"her neighbor Bill Chan" -> Bill Chan; "my dad" -> the father the story names."""
    if p.first not in _POSSESSIVE or len(p.words) < 2:
        return SKIP
    named_in = NAME_RE.search(p.raw, len(p.first))
    if named_in is not None:
        return r.who(named_in.group(0), p.pos, outer=p.outer)
    kin = KIN.get(p.words[-1])
    return r.names.kin(kin, p.pos) if kin else None


def _article(p: Phrase, *articles: str) -> bool:
    return p.first in (articles or _ARTICLES)


def article_then_name(r: Resolver, p: Phrase) -> Answer:
    """"the Rev. Al Green", "a Mr. Smith": the name after the article (not "the Republican")."""
    if not _article(p):
        return SKIP
    inner = NAME_RE.search(p.raw, len(p.first))
    if inner and clean_name(inner.group(0))[0]:
        return r.who(inner.group(0), p.pos)
    return SKIP


def a_spokesperson_for_a_body(r: Resolver, p: Phrase) -> Answer:
    """"a council spokesperson": the council named before."""
    if not _article(p, "a", "an", "one") or p.head not in SPOKES_WORDS:
        return SKIP
    body = next((w for w in p.words[1:] if w.strip(",.") in ORG_ROLES), None)
    if body is None:
        return SKIP
    return r.names.recent_org(p.pos, (body.strip(",."),)) or r.names.recent_org(p.pos)


def someone_of_a_body(r: Resolver, p: Phrase) -> Answer:
    """"a spokesman for the union": the union named before."""
    if not _article(p):
        return SKIP
    owner = _OWNER_BODY.search(p.low)
    if owner and owner.group(1) in ORG_ROLES:
        return r.names.recent_org(p.pos, (owner.group(1),)) or r.names.recent_org(p.pos)
    return SKIP


def the_role_holder(r: Resolver, p: Phrase) -> Answer:
    """"the mayor said": the person introduced as mayor; "the spokesperson": of the body."""
    if not _article(p, "the"):
        return SKIP
    if p.head not in PERSON_ROLES and p.head not in TITLE_WORDS and p.head not in ANON_PERSONS:
        return SKIP
    by_role = r.names.with_role(p.head, p.pos)
    if by_role is not None:
        return by_role
    if p.head in SPOKES_WORDS:  # "the spokesperson said": of the company just named
        return r.names.recent_org(p.pos)
    return SKIP


def a_title_named_later(r: Resolver, p: Phrase) -> Answer:
    """"a coroner has ruled" ... later "the senior coroner, Ruth Abernethy"."""
    if _article(p, "a", "an") and len(p.words) <= 3 and p.head in TITLE_WORDS:
        ahead = r.names.with_role(p.head, p.pos, forward=True, within=1500)
        if ahead is not None:
            return ahead
    return SKIP


def the_person_named_before(r: Resolver, p: Phrase) -> Answer:
    """"the woman said": the person named before, unless "a woman" was never named."""
    head = p.head
    if not _article(p, "the") or not (
        head in PERSON_ROLES or head in ANON_PERSONS or head.endswith("-old")
    ):
        return SKIP
    unnamed = re.search(
        rf"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w-]+\s+){{0,2}}{re.escape(head)}\b(?![^.]*,\s*[A-Z])",
        r.text[max(0, p.pos - 1500) : p.pos],
    )
    if unnamed is not None:
        return None  # "a woman at the stop ... the woman said": still unnamed
    return r.names.recent_person(p.pos)


def the_family(r: Resolver, p: Phrase) -> Answer:
    """"the family said": the "Hale family" named before."""
    if _article(p, "the") and p.head in ("family", "familia", "famille"):
        fam = list(FAMILY_RE.finditer(r.text, max(0, p.pos - 4000), p.pos))
        if fam:
            return f"{fam[-1].group(1)} family"
    return SKIP


def the_document(r: Resolver, p: Phrase) -> Answer:
    """"the statement said": whoever issued the statement."""
    if _article(p, "the") and p.head in _DOCUMENTS:
        author = r.author_of(p.head, p.pos)
        if author is not None:
            return author
    return SKIP


def the_body(r: Resolver, p: Phrase) -> Answer:
    """"the council said": the council named before (a union also as "local", "workers")."""
    if _article(p, "the") and p.head in ORG_ROLES:
        hints: tuple[str, ...] = _UNION_HINTS if p.head == "union" else ()
        return r.names.recent_org(p.pos, hints)
    return SKIP


def the_short_description(r: Resolver, p: Phrase) -> Answer:
    """"'...,' the striker said": the person the sentence before names first."""
    if _article(p, "the") and len(p.words) <= 3 and p.head.isalpha():
        return r.names.named_subject_before(p.pos)
    return SKIP


def other_article_phrase(r: Resolver, p: Phrase) -> Answer:
    """Any other "the/a ..." phrase: someone unnamed."""
    return None if _article(p) else SKIP


def bare_title(r: Resolver, p: Phrase) -> Answer:
    """A bare title, as in a headline: "Mayor says ..." -> the mayor the story names."""
    if " " not in p.low and (p.low in PERSON_ROLES or p.low in TITLE_WORDS):
        return r.names.with_role(p.low, p.pos) or r.names.with_role(
            p.low, p.pos, forward=True, within=2000
        )
    return SKIP


def bare_body(r: Resolver, p: Phrase) -> Answer:
    """A capitalised bare body, as in a headline: "Union says ..."."""
    if p.low not in ORG_ROLES:
        return SKIP
    bare: tuple[str, ...] = _UNION_HINTS if p.low == "union" else (p.low,)
    return (
        r.names.recent_org(p.pos, bare)
        or r.names.next_org(p.pos, 1500)  # a headline names what the story explains
        or r.names.recent_org(p.pos)
    )


def anonymous(r: Resolver, p: Phrase) -> Answer:
    """"officials said", "someone close to him": nobody named."""
    # ANON_WHO starts with a lowercase ASCII letter: test that first (cheap)
    return None if "a" <= p.raw[:1] <= "z" and re.fullmatch(ANON_WHO, p.raw) else SKIP


def proper_name(r: Resolver, p: Phrase) -> Answer:
    """A name: its canonical form ("Ms. Roe" -> "Jane Roe"), or the body it starts."""
    name, _titled, gender = clean_name(p.raw)
    if not name or not any(ch.isupper() for ch in name):
        return None  # "la consejería": a common noun, not a name
    if name_kind(name) == "org":
        return r.names.org_canonical(name)
    canon = r.names.canonical(name, p.pos, gender)
    if canon == name and " " not in name and not gender:  # "Nordhavn" of "Nordhavn Board"
        org = r.names.org_starting(name)
        if org is not None:
            return org
    return canon


#: The rules of :meth:`Resolver.who`, in order; the first that applies decides.
WHO_RULES: tuple[Rule, ...] = (
    unnamed_member,
    empty_phrase,
    appositive_name,
    he_she,
    first_person,
    it_said,
    they_said,
    other_plural_pronoun,
    role_before_name,
    possessive_relative,
    article_then_name,
    a_spokesperson_for_a_body,
    someone_of_a_body,
    the_role_holder,
    a_title_named_later,
    the_person_named_before,
    the_family,
    the_document,
    the_body,
    the_short_description,
    other_article_phrase,
    bare_title,
    bare_body,
    anonymous,
    proper_name,
)


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
        """Resolve a subject phrase (name, pronoun, role or kin) to a canonical name.

        Args:
            raw: The phrase ("she", "the mayor", "Ms. Roe", "a union spokesman").
            pos: Its offset in the text.
            appos: An appositive after it ("the mayor, Jane Roe,": "Jane Roe"), or "".
            outer: Speaker of the enclosing quotation (for "I", "me"), if any.

        Returns:
            The canonical name, or ``None`` when the phrase names nobody we can tell.
        """
        p = prepare(raw, pos, appos, outer)
        for rule in WHO_RULES:
            answer = rule(self, p)
            if answer is not SKIP:
                return answer
        return None  # pragma: no cover - proper_name always answers

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
        fam = list(FAMILY_RE.finditer(self.text, start, at)) if found is None else []
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
            opens = [c for c in cands if opens_clause(seg, c[0], main)]
            pick = opens[-1] if opens else cands[-1]
            return self.who(pick[1], lo + pick[0], outer=outer)
        for pos, raw in cands:
            if raw in ("I", "we", "We") and outer is None:
                continue  # the writer
            found = self.who(raw, lo + pos, outer=outer)
            if found is not None:
                return found
        return None
