"""Sentence boundaries that survive newsroom abbreviations, initials and quotes."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr sen sens rep reps gov govs gen lt col capt cpt sgt adm cmdr maj prof rev
    hon pres supt det insp jr sr st mt ft inc corp co ltd llc bros vs
    jan feb apr jun jul aug sep sept oct nov dec tues thur thurs
    ave blvd dept univ assn approx cf messrs mmes atty gens
    ark ala ariz calif colo conn fla kan kans ky md mich minn mont neb nev okla penn tenn
    tex vt wis wyo
    """.split()
)
# abbreviations only when a number follows ("No. 1", "Vol. 2")
NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "vol", "fig", "figs", "op", "art"})
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")
_TERMINAL = re.compile(r"[.!?]+")
_CLOSERS = "\"'”’)]*_»"
_OPENERS = "\"'“‘([*_#«"
_BREAK = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]*(?:#|>|[-*+][ \t]|\d{1,9}[.)][ \t]))")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` closes an abbreviation rather than a sentence."""
    k = dot
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    token = text[k:dot].lstrip("(\"'“‘[*_")
    if not token:
        return False
    if _INITIALS.match(token):
        return True  # J. R. R., U.S., a.m., p.m.
    if token.lower() in ABBREVIATIONS:
        return True
    if token.lower() in NUMBER_ABBREVIATIONS:
        rest = text[dot + 1 : dot + 4].lstrip()
        return bool(rest) and rest[0].isdigit()
    if "-" in token:
        tail = token.rsplit("-", 1)[1].replace(".", "")
        if tail and (tail.lower() in ABBREVIATIONS or (tail.isupper() and len(tail) <= 3)):
            return True  # party tags such as R-Ark. or R-S.C.
    return False


def _ends_at(text: str, m: re.Match[str]) -> int | None:
    """Return the sentence end after terminal punctuation ``m``, or None if no boundary."""
    end = m.end()
    n = len(text)
    while end < n and text[end] in _CLOSERS:
        end += 1
    if end < n and not text[end].isspace():
        return None
    k = end
    while k < n and text[k].isspace():
        k += 1
    if k >= n:
        return end
    nxt = text[k]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return None
    punct = m.group(0)
    if punct == "." and _is_abbreviation(text, m.start()):
        return None
    if punct.startswith("..") or "…" in punct:
        return None
    return end


def sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentences.

    Args:
        text: Article text (source form; Markdown markup is tolerated).

    Returns:
        ``(start, end)`` offsets of each sentence, leading/trailing whitespace excluded.
        Paragraph breaks always end a sentence; abbreviations, initials and party tags
        never do; a quotation ending with ``."`` does when a new sentence follows.
    """
    cuts: list[int] = []
    for m in _BREAK.finditer(text):
        cuts.append(m.start())
    for m in _TERMINAL.finditer(text):
        e = _ends_at(text, m)
        if e is not None:
            cuts.append(e)
    cuts.sort()
    out: list[tuple[int, int]] = []
    pos = 0
    for c in [*cuts, len(text)]:
        if c <= pos:
            continue
        s, e = pos, c
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        pos = c
    return out
