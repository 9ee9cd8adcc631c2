"""Pronoun resolution, in one place: who "he", "she", "it" and "they" refer to.

:class:`Antecedents` finds the person a pronoun refers to among the name mentions of a text
(sentence by sentence, subjects before objects); :func:`he_or_she`, :func:`it_document_writer`
and :func:`they_referent` add what attribution knows (who was quoted last, families and
organisations named just before). The attribution rules in :mod:`reader.quotes.resolve` call
these; nothing else resolves pronouns.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from reader.quotes.entities import Names
from reader.quotes.lazy import lazy
from reader.quotes.person_names import NAME, clean_name, name_kind

if TYPE_CHECKING:
    from reader.quotes.references import References

FAMILY_RE = lazy(r"\b([A-Z][\w’'-]+)\s+family\b")
# "Rourke's assistant, Tomasz Wierzbicki, ...": the owner is not who "he" refers to
_OWNER_APPOS = lazy(rf"{NAME}['’]s\s+(?:[\w-]+\s+){{0,3}}?[\w-]+,\s+(?P<who>{NAME})")
_OWNED_DOC = lazy(
    rf"(?P<who>{NAME})['’]s?\s+(?:[\w-]+\s+)?(?:email|letter|statement|post|memo|note|message)\b"
)
_SENTENCE_PRONOUN = lazy(r"[\W_]*(He|She|Il|Elle)\b")
_GENDERED = {"m": ("he", "il"), "f": ("she", "elle")}


class Antecedents(Names):
    """Name mentions plus antecedent search: the person a pronoun at an offset refers to."""

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


_PREPOSITION = lazy(
    r"\b(?:by|to|with|for|from|about|at|of|on|in|into|against|than|like|toward|towards|"
    r"par|pour|avec|à|de)\s+(?:the\s+|la\s+|le\s+)?$",
    re.I,
)


# a mention inside a leading subordinate clause ("After Jones left, Smith ...") is not the
# sentence's subject
_SUBORDINATE = lazy(
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


def he_or_she(
    refs: References, spoken: list[tuple[int, str]], gender: str, pos: int
) -> str | None:
    """Resolve he/she: the nearest named person, unless someone quoted since is a fit.

    Args:
        refs: The names of the text.
        spoken: ``(quote end, speaker)`` of the quotes attributed so far, in order.
        gender: ``"m"`` or ``"f"``.
        pos: Offset of the pronoun.
    """
    starts = refs.sentence_starts
    k = bisect_right(starts, pos) - 1
    if k >= 0 and starts[k] < pos:
        opener = _SENTENCE_PRONOUN.match(refs.text, starts[k])
        if opener and opener.end() <= pos and (opener.group(1).lower() in _GENDERED[gender]):
            pos = starts[k]  # "He ... , and he suggested": same subject as the sentence
    name, named_at = refs.antecedent(pos, gender)
    owned = _OWNER_APPOS.match(refs.text, named_at) if name is not None else None
    if owned is not None and owned.end() < pos:
        raw, _t, g = clean_name(owned.group("who"))
        other = refs.canonical(raw, owned.start("who"), g) if raw else None
        if other and other != name and refs.gender_of(other) in ("", gender):
            name, named_at = other, owned.start("who")
    for end, speaker in reversed(spoken):
        if end > pos:
            continue
        if end <= named_at or pos - end > 2500:
            break
        if refs.gender_of(speaker) in ("", gender):
            return speaker
        break
    if name is None:  # nobody of that gender: the nearest person of unknown gender
        anyone, _at = refs.antecedent(pos, "")
        if anyone is not None and not refs.gender_of(anyone):
            return anyone
    return name


def it_document_writer(refs: References, pos: int) -> re.Match[str] | None:
    """The writer of an email (letter, statement...) named in this or the previous sentence.

    "Sykes's email ... . '...,' it said": "it" is the email, so its writer speaks.
    """
    k = bisect_right(refs.sentence_starts, pos) - 1
    prev = refs.sentence_starts[k - 1] if k >= 1 else 0
    owned = list(_OWNED_DOC.finditer(refs.text, max(prev, pos - 300), pos))
    return owned[-1] if owned else None


def it_referent(refs: References, pos: int) -> str | None:
    """"..., it said in a statement": the organisation just named."""
    return refs.recent_org(pos, within=600)


def they_referent(refs: References, spoken: list[tuple[int, str]], pos: int) -> str | None:
    """An organisation or family named just before ("the Hale family ... They said")."""
    starts = refs.sentence_starts
    k = bisect_right(starts, pos) - 1
    lo = starts[k - 1] if k >= 1 else 0
    fam = list(FAMILY_RE.finditer(refs.text, lo, pos))
    if fam:
        return f"{fam[-1].group(1)} family"
    org = refs.recent_org(pos, within=max(0, pos - lo))
    if org is None and spoken and pos - spoken[-1][0] < 300:
        last = spoken[-1][1]  # '"...," the union said. They added ...'
        org = last if name_kind(last) == "org" else None
    return org
