"""The people and organisations of one text: mentions, canonical names, antecedents."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from reader.text.lexicon import (
    KIN_GENDER,
    KIN_WORDS,
    MALE_PRONOUNS,
    ORG_ROLES,
    STOP_WORDS,
)
from reader.text.names import (
    NAME,
    NAME_RE,
    clean_name,
    is_initial,
    name_kind,
    split_names,
    token_key,
)

_ROLE_AFTER = re.compile(
    r"(?:\s*\([^)]{1,20}\))?,\s*(?:the|a|an|its|their)\s+((?:[\w-]+\s+){0,4}[\w-]+)"
)
_NICKNAME = re.compile(
    r"\b([A-Z][a-z]+)\s+[\"“'‘][A-Z][\w.]*[\"”'’]\s+((?:[A-Z][\w’'-]+\s+)*[A-Z][\w’'-]+)"
)
_ROLE_SYNONYMS = {
    "gaffer": "manager", "boss": "manager", "skipper": "captain", "senator": "sen",
    "governor": "gov", "representative": "rep", "congressman": "rep", "congresswoman": "rep",
    "doctor": "dr", "professor": "prof", "sen": "senator", "gov": "governor", "dr": "doctor",
    "prof": "professor", "chairwoman": "chair", "chairman": "chair", "chair": "chairman",
}  # fmt: skip
_ROLE_BEFORE_APPOS = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+([\w\s-]{1,50}?)(?:\s+(?:for|of|at|in)\s+[^,;.]{1,50})?,\s*$"
)
_PRONOUN_RE = re.compile(r"\b(he|his|him|she|her|il|elle)\b", re.I)
_KIN_APPOS = re.compile(
    r"\b(" + "|".join(w for ws in KIN_WORDS.values() for w in ws) + rf")\b,?\s+(?P<name>{NAME})"
)


@dataclass(frozen=True)
class Mention:
    """One occurrence of a name: offsets, cleaned name, kind, and gender if stated."""

    start: int
    end: int
    name: str
    kind: str
    gender: str


def _preferred(forms: list[Mention]) -> str:
    def key(x: Mention) -> tuple[int, int, int]:
        toks = x.name.split()
        return (-sum(not is_initial(t) for t in toks), len(toks), x.start)

    return min(forms, key=key).name


class Names:
    """All name mentions of one text, for canonical forms and pronoun resolution."""

    def __init__(
        self,
        text: str,
        quotes: list[tuple[int, int]] | None = None,
        sentence_starts: list[int] | None = None,
    ) -> None:
        self.text = text
        self.quotes = sorted(quotes or [])
        self.quote_starts = [a for a, _b in self.quotes]
        self.mentions: list[Mention] = []
        self.titled: set[str] = set()
        self.sentence_starts: list[int] = sentence_starts or [0]
        for m in NAME_RE.finditer(text):
            for off, part in split_names(m.group(0)):
                name, titled, gender = clean_name(part)
                if not name or token_key(name) in STOP_WORDS or not name[0].isupper():
                    continue
                kind = name_kind(name)
                if kind in ("other", "place") and (titled or gender):
                    kind = "person"
                start = m.start() + off
                end = start + len(part)
                if part[:1].islower():  # "de Joseph Gauthier": the mention starts at the name
                    start += max(0, part.find(name.split()[0]))
                self.mentions.append(Mention(start, end, name, kind, gender))
                if titled:
                    self.titled.add(name)
        for m in _NICKNAME.finditer(text):  # Harold "Hal" Jennings -> Harold Jennings
            name = f"{m.group(1)} {m.group(2)}"
            self.mentions.append(Mention(m.start(), m.end(), name, "person", clean_name(name)[2]))
        self.mentions.sort(key=lambda x: x.start)
        self.kin_matches = list(_KIN_APPOS.finditer(text))
        kin_named = {m.start("name") for m in self.kin_matches}
        self.mentions = [
            Mention(x.start, x.end, x.name, "person", x.gender)
            if x.kind == "other" and x.start in kin_named
            else x
            for x in self.mentions
        ]
        singles = {x.name for x in self.mentions if x.kind == "person" and " " not in x.name}
        self.mentions = [
            Mention(x.start, x.end, x.name, "person", x.gender)
            if x.kind == "other" and x.name in singles
            else x
            for x in self.mentions
        ]  # "her daughter, Carmen" ... later "Carmen says"
        self.starts = [x.start for x in self.mentions]
        self.identities: dict[tuple[str, str], list[Mention]] = {}
        for x in self.mentions:
            toks = [t for t in x.name.split() if not is_initial(t)]
            if x.kind == "person" and len(toks) >= 2:
                self.identities.setdefault((toks[0].lower(), toks[-1].lower()), []).append(x)
        self.preferred = {k: _preferred(v) for k, v in self.identities.items()}
        self.words = {
            k: {t.lower() for x in v for t in x.name.split()} for k, v in self.identities.items()
        }
        self.by_last: dict[str, list[tuple[str, str]]] = {}
        self.by_first: dict[str, list[tuple[str, str]]] = {}
        for key in self.identities:
            self.by_last.setdefault(key[1], []).append(key)
            self.by_first.setdefault(key[0], []).append(key)
        self._roles: dict[str, list[tuple[str, int]]] | None = None
        self.counts: dict[str, int] = {}
        self.genders: dict[str, dict[str, int]] = {}
        self._vote_genders()

    def in_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a quotation."""
        k = bisect_left(self.quote_starts, pos + 1) - 1
        while k >= 0:
            a, b = self.quotes[k]
            if a <= pos < b:
                return True
            if b <= pos and k > 0 and self.quotes[k - 1][1] <= a:
                return False
            k -= 1
        return False

    def person(self, x: Mention) -> str | None:
        """Canonical name if the mention refers to a person, else None."""
        if x.kind in ("org", "place"):
            return None
        canon = self.canonical(x.name, x.start)
        if x.kind == "other" and canon == x.name:
            return None
        return canon  # kind "person": possibly a lone first name ("her husband, Luis")

    def _vote_genders(self) -> None:
        persons = [(x, self.person(x)) for x in self.mentions]
        persons = [(x, c) for x, c in persons if c]
        pronouns = [
            (m.start(), m.group(1).lower() in MALE_PRONOUNS)
            for m in _PRONOUN_RE.finditer(self.text)
            if not self.in_quote(m.start())
        ]
        p_starts = [p for p, _male in pronouns]
        for i, (x, canon) in enumerate(persons):
            assert canon is not None
            self.counts[canon] = self.counts.get(canon, 0) + 1
            votes = self.genders.setdefault(canon, {"m": 0, "f": 0})
            if x.gender:
                votes[x.gender] += 3
            if self.in_quote(x.start):
                continue
            limit = persons[i + 1][0].start if i + 1 < len(persons) else len(self.text)
            j = bisect_left(p_starts, x.end)
            if j < len(pronouns) and pronouns[j][0] < min(limit, x.end + 300):
                votes["m" if pronouns[j][1] else "f"] += 1
        for m in self.kin_matches:
            word = m.group(1).lower()
            kin = next((k for k, ws in KIN_WORDS.items() if word in ws), "")
            name, _t, _g = clean_name(m.group("name"))
            canon = self.canonical(name, m.start())
            if kin in KIN_GENDER and canon in self.genders:
                self.genders[canon][KIN_GENDER[kin]] += 3

    def gender_of(self, canon: str) -> str:
        """Known or inferred gender of a canonical name (``""`` if unknown)."""
        v = self.genders.get(canon)
        if not v or v["m"] == v["f"]:
            return ""
        return "m" if v["m"] > v["f"] else "f"

    def canonical(self, name: str, pos: int | None = None, gender: str = "") -> str:
        """The fullest form of ``name`` used in the text.

        Args:
            name: A cleaned name, possibly a surname or first name alone.
            pos: Where the name is used; breaks ties between people sharing a surname.

        Returns:
            The canonical name (``"Duss"`` → ``"Matt Duss"``), or ``name`` unchanged.
        """
        toks = [t.lower() for t in name.split() if not is_initial(t)]
        if not toks:
            return name
        if name_kind(name) == "org":
            return self.org_canonical(name)
        ids = [k for k in self.by_last.get(toks[-1], []) if all(t in self.words[k] for t in toks)]
        if not ids and len(toks) == 1:
            ids = list(self.by_first.get(toks[0], []))
        if not ids:
            return name
        if len(ids) > 1:

            def rank(k: tuple[str, str]) -> tuple[int, int, int]:
                xs = self.identities[k]
                recent = max((x.start for x in xs if pos is None or x.start < pos), default=-1)
                fit = int(bool(gender) and self.gender_of(self.preferred[k]) == gender)
                return (fit, len(xs), recent)

            ids.sort(key=rank, reverse=True)
        return self.preferred[ids[0]]

    def org_canonical(self, name: str) -> str:
        """Longest organisation mention ending with the same words as ``name``."""
        toks = name.split()
        best = name
        for x in self.mentions:
            xt = x.name.split()
            if x.kind == "org" and len(xt) > len(best.split()) and xt[-len(toks) :] == toks:
                best = x.name
        return best

    def evidence(self, canon: str) -> bool:
        """Whether a name is known to be a person (gender, title or a bare-surname use)."""
        if self.gender_of(canon) or any(canon.endswith(t) for t in self.titled):
            return True
        return self.counts.get(canon, 0) > 1

    def recent_person(self, pos: int, gender: str = "", lo: int = 0) -> str | None:
        """The person a pronoun at ``pos`` most likely refers to (see :meth:`antecedent`)."""
        return self.antecedent(pos, gender, lo)[0]

    def antecedent(self, pos: int, gender: str = "", lo: int = 0) -> tuple[str | None, int]:
        """The person a pronoun at ``pos`` most likely refers to, and where it was named.

        Looks back sentence by sentence (outside quotations); in the nearest sentence with
        a compatible person, the first such person (the subject) wins.

        Args:
            pos: Search before this offset.
            gender: ``"m"`` or ``"f"`` to require a compatible person, ``""`` for any.
            lo: Do not look before this offset.

        Returns:
            ``(canonical name, offset of the mention)``, or ``(None, -1)``.
        """
        k = bisect_left(self.starts, pos) - 1
        seen = 0
        group: list[tuple[str, int, bool]] = []
        fallback: tuple[str, int] | None = None
        group_sentence = -1
        while k >= -1 and seen < 14:
            x = self.mentions[k] if k >= 0 else None
            k -= 1
            sent = -2 if x is None or x.start < lo else bisect_right(self.sentence_starts, x.start)
            if sent != group_sentence and group:
                if any(not g[2] for g in group):
                    return _subject_first(group)
                if fallback is not None:
                    return fallback
                fallback = _subject_first(group)  # only objects here: look one sentence further
                group = []
            if x is None or x.start < lo:
                break
            group_sentence = sent
            if self.in_quote(x.start):
                continue
            canon = self.person(x)
            if canon is None:
                continue
            seen += 1
            g = self.gender_of(canon)
            if (
                not gender
                or g == gender
                or (not g and self.evidence(canon) and self._opens_sentence(k + 1, sent))
            ):
                group.append((canon, x.start, _after_preposition(self.text, x.start)))
        if any(not g[2] for g in group):
            return _subject_first(group)
        return fallback or (_subject_first(group) if group else (None, -1))

    def _opens_sentence(self, k: int, sent: int) -> bool:
        """Whether mention ``k`` is the first person-like mention of sentence ``sent``."""
        j = k - 1
        while j >= 0:
            y = self.mentions[j]
            if bisect_right(self.sentence_starts, y.start) != sent:
                return True
            if y.kind != "place" and not self.in_quote(y.start) and self.person(y):
                return False
            j -= 1
        return True

    def with_role(
        self, role: str, pos: int, forward: bool = False, within: int = 1 << 30
    ) -> str | None:
        """The person introduced with ``role`` ("Mayor X", "X, the mayor") nearest ``pos``.

        Args:
            role: A lowercase role word.
            pos: Reference offset.
            forward: Look after ``pos`` (a headline naming a role the story explains).
            within: With ``forward``, how far ahead to look.
        """
        if self._roles is None:
            self._roles = self._collect_roles()
        best: tuple[int, str] | None = None
        entries = self._roles.get(role, []) + self._roles.get(_ROLE_SYNONYMS.get(role, ""), [])
        for canon, where in entries:
            if forward and pos < where < pos + within and (best is None or where < best[0]):
                best = (where, canon)
            if not forward and where < pos and (best is None or where > best[0]):
                best = (where, canon)
        return best[1] if best else None

    def _collect_roles(self) -> dict[str, list[tuple[str, int]]]:
        roles: dict[str, list[tuple[str, int]]] = {}
        for x in self.mentions:
            canon = self.person(x)
            if canon is None:
                continue
            raw = self.text[max(0, x.start - 80) : x.start]
            appos = _ROLE_BEFORE_APPOS.search(raw)
            if appos:  # "the senior coroner for North Argyll, Ruth Abernethy"
                before = appos.group(1).split()
            else:  # "Police Chief Raymond Oduya": the words right before, up to a preposition
                before = re.split(r"\b(?:for|of|at|in|to|from|with|by|and)\b|[,.;:()]", raw)[
                    -1
                ].split()
            after = _ROLE_AFTER.match(self.text, x.end)
            words = [w.lower().strip("’'") for w in before[-3:]]
            if after:
                words += after.group(1).lower().split()
            for w in words:
                roles.setdefault(w, []).append((canon, x.start))
        return roles

    def recent_org(self, pos: int, hints: tuple[str, ...] = ()) -> str | None:
        """The most recent organisation mentioned before ``pos`` (matching a hint if any)."""
        k = bisect_left(self.starts, pos) - 1
        first: str | None = None
        while k >= 0:
            x = self.mentions[k]
            k -= 1
            if x.kind != "org" or self.in_quote(x.start) or x.name.lower() in ORG_ROLES:
                continue
            canon = self.org_canonical(x.name)
            if not hints or any(h in canon.lower() for h in hints):
                return canon
            first = first or canon
        return first


_PREPOSITION = re.compile(
    r"\b(?:by|to|with|for|from|about|at|of|on|in|into|against|than|like|toward|towards|"
    r"par|pour|avec|à|de)\s+(?:the\s+|la\s+|le\s+)?$",
    re.I,
)


def _after_preposition(text: str, pos: int) -> bool:
    return bool(_PREPOSITION.search(text, max(0, pos - 14), pos))


def _subject_first(group: list[tuple[str, int, bool]]) -> tuple[str, int]:
    """Earliest candidate of a sentence (collected backwards), preferring non-objects."""
    plain = [g for g in group if not g[2]]
    name, pos, _obj = (plain or group)[-1]
    return name, pos
