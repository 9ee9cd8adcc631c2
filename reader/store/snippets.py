"""Search snippets built in Python from the few bodies on a results page.

FTS5's ``snippet()`` is computed for every matching row before the ``LIMIT`` applies, which on
a common term costs far more than the search itself; building the excerpt here for the rows
actually shown keeps a search of a 100,000-article library close to the bare FTS5 query.
"""

from __future__ import annotations

import re

# Matched terms in a snippet sit between these two private-use characters.
SNIPPET_START = "\ue000"
SNIPPET_END = "\ue001"

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")
WINDOW_TOKENS = 14
_SCAN_LIMIT = 400  # matches looked at when choosing the window


def _stem(word: str) -> str:
    """A prefix that matches the word's inflections, as the porter stemmer would fold them."""
    word = word.lower()
    return word if len(word) <= 4 else word[: max(4, len(word) - 2)]


def term_pattern(text: str) -> re.Pattern[str] | None:
    """Return a regex matching the words of a search (prefixes, any case), or ``None``."""
    stems = {
        _stem(w)
        for m in _TERM.finditer(text)
        for w in _WORD.findall(m.group(1) if m.group(1) is not None else m.group(2))
    }
    if not stems:
        return None
    alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def make_snippet(body: str, pattern: re.Pattern[str] | None) -> str:
    """Return about ``WINDOW_TOKENS`` words of ``body`` around its densest run of matches.

    Matched words are wrapped in ``SNIPPET_START``/``SNIPPET_END``; ``…`` marks cut ends.
    """
    hits = []
    if pattern is not None:
        for i, m in enumerate(pattern.finditer(body)):
            if i >= _SCAN_LIMIT:
                break
            hits.append(m)
    start = 0
    if hits:
        best, best_score = hits[0].start(), 0
        for i, m in enumerate(hits):
            seen = {h.group(0).lower() for h in hits[i:i + 8] if h.start() - m.start() < 120}
            if len(seen) > best_score:
                best, best_score = m.start(), len(seen)
        start = best
        back = list(_WORD.finditer(body, max(0, start - 40), start))
        if len(back) >= 3:
            start = back[-3].start()
        elif back:
            start = back[0].start()
    words = []
    for i, m in enumerate(_WORD.finditer(body, start)):
        if i >= WINDOW_TOKENS:
            break
        words.append(m)
    if not words:
        return ""
    end = words[-1].end()
    hit_spans = [(h.start(), h.end()) for h in hits if start <= h.start() < end]
    out, pos = [], start
    for a, b in hit_spans:
        out += [body[pos:a], SNIPPET_START, body[a:min(b, end)], SNIPPET_END]
        pos = min(b, end)
    out.append(body[pos:end])
    text = "".join(out)
    head = "…" if body[:start].strip() else ""
    tail = "…" if body[end:].strip() else ""
    return head + text + tail
