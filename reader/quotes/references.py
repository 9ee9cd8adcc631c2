"""Lookups over the names of one text: role holders, organisations, kin, named subjects.

Pronouns are resolved in :mod:`reader.quotes.pronouns`, which this class builds on.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from reader.quotes.lexicon import KIN_REVERSE, KIN_WORDS, ORG_ROLES
from reader.quotes.person_names import NAME, NAME_RE, clean_name, name_kind
from reader.quotes.pronouns import Antecedents

_ROLE_AFTER = re.compile(
    r"(?:\s*\([^)]{1,20}\))?,\s*(?:the|a|an|its|their)\s+((?:[\w-]+\s+){0,4}[\w-]+)"
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


class References(Antecedents):
    """Names plus the lookups attribution needs: role holders, organisations, kin."""

    def named_subject_before(self, pos: int) -> str | None:
        """The person named first in the sentence before the one at ``pos``, same paragraph."""
        starts = self.sentence_starts
        k = bisect_right(starts, pos) - 1
        if k < 1:
            return None
        s0 = starts[k - 1]
        if "\n\n" in self.text[s0:pos]:
            return None
        m = NAME_RE.match(self.text, s0 + len(self.text[s0:pos]) - len(self.text[s0:pos].lstrip()))
        if m is None or self.in_quote(m.start()):
            return None
        name, _t, gender = clean_name(m.group(0))
        name = re.split(r"\s+(?:of|from|at|for)\s+", name)[0]  # "Maria Vance of Texas"
        if not name or name_kind(name) not in ("person", "other"):
            return None
        canon = self.canonical(name, m.start(), gender)
        opens = re.match(r"\s*(?:,|[a-z])", self.text[m.end() : m.end() + 3])  # "Smith, 34,"
        return canon if self.evidence(canon) or " " in canon or opens else None

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
        return self.canonical(name, pos) if name else None

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

    def next_org(self, pos: int, within: int) -> str | None:
        """The first organisation named after ``pos`` (within ``within`` characters)."""
        k = bisect_right(self.starts, pos)
        while k < len(self.mentions) and self.mentions[k].start < pos + within:
            x = self.mentions[k]
            k += 1
            if x.kind == "org" and not self.in_quote(x.start) and x.name.lower() not in ORG_ROLES:
                return self.org_canonical(x.name)
        return None

    def recent_org(self, pos: int, hints: tuple[str, ...] = (), within: int = 20000) -> str | None:
        """The most recent organisation mentioned before ``pos`` (matching a hint if any)."""
        k = bisect_left(self.starts, pos) - 1
        first: str | None = None
        floor = k - 150
        while k >= 0 and k > floor:
            x = self.mentions[k]
            k -= 1
            if pos - x.start > within:
                break
            if x.kind != "org" or self.in_quote(x.start) or x.name.lower() in ORG_ROLES:
                continue
            canon = self.org_canonical(x.name)
            if not hints or any(h in canon.lower() for h in hints):
                return canon
            first = first or canon
        return first
