"""Reference resolution over the names of one text: pronouns, roles, organisations."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from reader.quotes.entities import Names
from reader.quotes.lexicon import KIN_REVERSE, KIN_WORDS, ORG_ROLES
from reader.quotes.person_names import NAME, NAME_RE, clean_name, name_kind

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


class References(Names):
    """Names plus the lookups attribution needs: antecedents, role holders, organisations."""

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
                sent_lo = self.sentence_starts[sent - 1] if sent > 0 else 0
                weak = _after_preposition(self.text, x.start) or bool(
                    _SUBORDINATE.match(self.text, sent_lo, x.start)
                )
                group.append((canon, x.start, weak))
        if any(not g[2] for g in group):
            return _subject_first(group)
        return fallback or (_subject_first(group) if group else (None, -1))

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


_PREPOSITION = re.compile(
    r"\b(?:by|to|with|for|from|about|at|of|on|in|into|against|than|like|toward|towards|"
    r"par|pour|avec|à|de)\s+(?:the\s+|la\s+|le\s+)?$",
    re.I,
)


# a mention inside a leading subordinate clause ("After Jones left, Smith ...") is not the
# sentence's subject
_SUBORDINATE = re.compile(
    r"[\W_]*(?:After|When|Before|Although|Though|While|Because|Since|If|As|Once|Until|Unless|"
    r"Despite|Following|Unlike|Whereas)\b[^,.;]*$"
)


def _after_preposition(text: str, pos: int) -> bool:
    return bool(_PREPOSITION.search(text, max(0, pos - 14), pos))


def _subject_first(group: list[tuple[str, int, bool]]) -> tuple[str, int]:
    """Earliest candidate of a sentence (collected backwards), preferring non-objects."""
    plain = [g for g in group if not g[2]]
    name, pos, _obj = (plain or group)[-1]
    return name, pos
