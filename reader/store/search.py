"""Turning what a user types into a safe FTS5 query, and running it."""

from __future__ import annotations

import re

SNIPPET_START = "\ue000"
SNIPPET_END = "\ue001"

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def fts_query(text: str, *, prefix_last: bool = True) -> str | None:
    """Build an FTS5 MATCH expression from free text that can never be a syntax error.

    Every word becomes a quoted FTS5 string (so ``AND``, ``NEAR``, ``*``, ``:`` or a stray
    quote are just text); ``"a phrase"`` in double quotes stays a phrase; all terms must match;
    the last bare word also matches as a prefix, for search as you type.

    Args:
        text: What the user typed.
        prefix_last: Whether the last bare word matches as a prefix.

    Returns:
        The MATCH expression, or ``None`` when ``text`` holds no searchable word.
    """
    terms: list[str] = []
    last_bare = -1
    for match in _TOKEN.finditer(_CONTROL.sub(" ", text)):
        phrase, word = match.group(1), match.group(2)
        raw = phrase if phrase is not None else word
        if not raw or not _WORD.search(raw):
            continue
        terms.append('"' + raw.replace('"', '""') + '"')
        if word is not None:
            last_bare = len(terms) - 1
    if not terms:
        return None
    if prefix_last and last_bare == len(terms) - 1:
        terms[-1] += " *"
    return " ".join(terms)
