"""The people and organisations of one text: mentions, canonical names, genders."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from reader.quotes.lazy import lazy
from reader.quotes.lexicon import (
    FEMALE_ROLES,
    KIN_GENDER,
    KIN_WORDS,
    MALE_PRONOUNS,
    MALE_ROLES,
    NICKNAMES,
    STOP_WORDS,
)
from reader.quotes.person_names import (
    NAME,
    NAME_RE,
    clean_name,
    is_initial,
    name_kind,
    split_names,
    token_key,
)

_NICKNAME = lazy(
    r"(?=[A-Z])\b([A-Z][a-z]+)\s+[\"“'‘]([A-Z][\w.]*)[\"”'’]\s+((?:[A-Z][\w’'-]+\s+)*[A-Z][\w’'-]+)"
)
_GENDERED_APPOS = lazy(
    r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?P<role>"
    + "|".join(sorted(MALE_ROLES | FEMALE_ROLES, key=len, reverse=True))
    + r")\b"
)
_ACRONYM = lazy(r"\((?P<acr>[A-Z][A-Z&]{1,7})\)")
_PRONOUN_RE = lazy(r"(?=[hHsSiIeE])\b(he|his|him|she|her|il|elle)\b", re.I)
_OWNER = lazy(
    r"(?:\b([A-Z][\w’'-]+)['’]s|\b(?:his|her|their|His|Her|Their|su|Su|sus|Sus|seine|Seine|ihre|"
    r"Ihre|son|Son|sa|Sa))\s+(?:\w+\s+)?$"
)
_KIN_APPOS = lazy(
    r"(?=[fdmghwbspaeVMGBSTEh])\b("
    + "|".join(w for ws in KIN_WORDS.values() for w in ws)
    + rf")\b,?\s+(?P<name>{NAME})"
)


@dataclass(frozen=True)
class Mention:
    """One occurrence of a name: offsets, cleaned name, kind, and gender if stated."""

    start: int
    end: int
    name: str
    kind: str
    gender: str
    derived: bool = False  # inferred ("her husband, Tomás" -> "Tomás Ybarra"), not written


def _preferred(forms: list[Mention]) -> str:
    def key(x: Mention) -> tuple[int, int, int]:
        toks = x.name.split()
        return (-sum(not is_initial(t) for t in toks), len(toks), x.start)

    return min(forms, key=key).name


class Names:
    """All name mentions of one text: canonical forms, genders, quoted regions."""

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
        self._name_tokens: dict[str, list[str]] = {}  # name -> its lowercase non-initials
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
                # "de Joseph Gauthier", "After Tom Jones": the mention starts at the name
                start += max(0, part.find(name.split()[0]))
                self.mentions.append(Mention(start, end, name, kind, gender))
                if titled:
                    self.titled.add(name)
        self.nicknames: dict[str, str] = {}
        for m in _NICKNAME.finditer(text):  # Harold "Hal" Jennings -> Harold Jennings
            name = f"{m.group(1)} {m.group(3)}"
            self.nicknames[m.group(2).lower()] = name
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
        self._family_names()
        self.starts = [x.start for x in self.mentions]
        self.identities: dict[tuple[str, str], list[Mention]] = {}
        for x in self.mentions:
            toks = [t for t in x.name.split() if not is_initial(t)]
            if x.kind == "person" and len(toks) >= 2:
                self.identities.setdefault((toks[0].lower(), toks[-1].lower()), []).append(x)
        self.preferred = {k: _preferred(v) for k, v in self.identities.items()}
        self.id_starts = {k: sorted(x.start for x in v) for k, v in self.identities.items()}
        self.id_written = {
            k: int(not all(x.derived for x in v)) for k, v in self.identities.items()
        }
        self.words = {
            k: {t.lower() for x in v for t in x.name.split()} for k, v in self.identities.items()
        }
        self.by_last: dict[str, list[tuple[str, str]]] = {}
        self.by_first: dict[str, list[tuple[str, str]]] = {}
        for key in self.identities:
            self.by_last.setdefault(key[1], []).append(key)
            self.by_first.setdefault(key[0], []).append(key)
        self._roles: dict[str, list[tuple[str, int]]] | None = None
        self._org_cache: dict[str, str] = {}
        self.orgs = [x for x in self.mentions if x.kind == "org"]
        self.acronyms: dict[str, str] = {}
        by_end = {x.end: x for x in self.mentions}
        for m in _ACRONYM.finditer(text):
            named = by_end.get(len(text[: m.start()].rstrip()))
            if named is not None and len(named.name.split()) >= 2:
                self.acronyms[m.group("acr")] = named.name
        self.speakers: dict[str, int] = {}  # quotes attributed so far, per name
        self.counts: dict[str, int] = {}
        self.genders: dict[str, dict[str, int]] = {}
        self._vote_genders()

    def _family_names(self) -> None:
        """ "Dunleavy's father, Frank" / "her husband, Tomás": the relative takes the surname."""
        added: list[Mention] = []
        starts = [x.start for x in self.mentions]
        for m in self.kin_matches:
            name = clean_name(m.group("name"))[0]
            if not name or " " in name or self.in_quote(m.start()):
                continue
            owner = _OWNER.search(self.text, max(0, m.start() - 40), m.start())
            surname = ""
            if owner and owner.group(1):
                surname = clean_name(owner.group(1))[0].split()[-1:][0] if owner.group(1) else ""
            elif owner:  # his/her: the person most recently named
                k = bisect_left(starts, m.start()) - 1
                floor = k - 200
                while (
                    k > floor
                    and k >= 0
                    and not (
                        self.mentions[k].kind == "person"
                        and " " in self.mentions[k].name
                        and not self.in_quote(self.mentions[k].start)
                    )
                ):
                    k -= 1
                surname = self.mentions[k].name.split()[-1] if k > max(floor, -1) else ""
            if surname and surname[0].isupper():
                start = m.start("name")
                full = f"{name} {surname}"
                added.append(Mention(start, start + len(name), full, "person", "", derived=True))
        if added:
            self.mentions = sorted([*self.mentions, *added], key=lambda x: x.start)

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
        ends = {x.end: x for x in self.mentions}
        for m in _GENDERED_APPOS.finditer(self.text):  # "Ann Lee, the chairwoman of ..."
            named = ends.get(m.start())
            word = m.group("role").lower()
            g = "m" if word in MALE_ROLES else "f" if word in FEMALE_ROLES else ""
            canon = self.person(named) if named is not None else None
            if g and canon in self.genders:
                self.genders[canon][g] += 2
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
        toks = self._name_tokens.get(name)
        if toks is None:  # a story repeats its names: split each once
            toks = self._name_tokens[name] = [t.lower() for t in name.split() if not is_initial(t)]
        if not toks:
            return name
        if len(toks) == 1 and toks[0] in self.nicknames:
            return self.nicknames[toks[0]]  # "Hal" -> "Harold Jennings"
        if name_kind(name) == "org":
            return self.org_canonical(name)
        ids = [k for k in self.by_last.get(toks[-1], []) if all(t in self.words[k] for t in toks)]
        if not ids and len(toks) == 1:
            ids = list(self.by_first.get(toks[0], []))
        if not ids and len(toks) == 1 and toks[0] in NICKNAMES:
            ids = list(self.by_first.get(NICKNAMES[toks[0]], []))  # "Peg" -> Margaret ...
        if not ids:
            return name
        if len(ids) > 1:

            def rank(k: tuple[str, str]) -> tuple[int, int, int, int, int]:
                starts = self.id_starts[k]
                if pos is None:
                    recent = starts[-1]
                else:
                    j = bisect_left(starts, pos) - 1
                    recent = starts[j] if j >= 0 else -1
                fit = int(bool(gender) and self.gender_of(self.preferred[k]) == gender)
                spoke = self.speakers.get(self.preferred[k], 0)
                return (fit, self.id_written[k], spoke, len(starts), recent)

            ids.sort(key=rank, reverse=True)
        return self.preferred[ids[0]]

    def org_canonical(self, name: str) -> str:
        """Longest organisation mention ending with the same words as ``name``.

        An acronym introduced in parentheses maps to its full name: "Environmental
        Protection Agency (EPA)" makes "EPA" canonical as the agency's full name.
        """
        hit = self._org_cache.get(name)
        if hit is not None:
            return hit
        if name in self.acronyms:
            self._org_cache[name] = self.acronyms[name]
            return self.acronyms[name]
        toks = name.split()
        best = name
        for x in self.orgs:
            xt = x.name.split()
            if len(xt) > len(best.split()) and xt[-len(toks) :] == toks:
                best = x.name
        self._org_cache[name] = best
        return best

    def org_starting(self, word: str) -> str | None:
        """The longest organisation whose name starts with ``word`` ("Nordhavn Board")."""
        best: str | None = None
        for x in self.orgs:
            xt = x.name.split()
            if len(xt) > 1 and xt[0] == word and (best is None or len(x.name) > len(best)):
                best = x.name
        return best

    def evidence(self, canon: str) -> bool:
        """Whether a name is known to be a person (gender, title or a bare-surname use)."""
        if self.gender_of(canon) or any(canon.endswith(t) for t in self.titled):
            return True
        return self.counts.get(canon, 0) > 1 or canon in self.speakers
