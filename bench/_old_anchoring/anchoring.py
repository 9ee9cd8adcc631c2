"""Highlight anchors that survive edits to the article body.

A highlight is stored as a W3C Web Annotation ``TextQuoteSelector`` (the quoted text with
up to :data:`CONTEXT` characters of prefix and suffix) together with a
``TextPositionSelector`` (its ``start``/``end`` offsets: Python ``str`` indices into the
Markdown source of the body). :func:`reanchor` finds it again in a changed body the way
Hypothesis does: offsets first, then the exact text (context decides between duplicates),
then the closest approximate match, scored on text distance, prefix and suffix similarity
and nearness to the old position with Hypothesis's weights (50, 20, 20 and 2; each context
weight scaled by how much context was stored, since a one-character suffix at the end of
a body says little).

The fuzzy bound is :func:`max_distance`: at most one edit per four characters of the quote
(``max(1, len(exact) // 4)``). Hypothesis searches with up to half the quote's length in
errors and lets the score decide; a quarter still absorbs typo fixes, re-punctuation and
a reworded phrase or two, while anything found keeps three characters in four and so is
recognisably the same passage. Chance matches are likeliest for short quotes, so the
bound alone is trusted only from :data:`FREE` characters up; shorter quotes also need at
least :data:`MIN_CONTEXT` characters of stored context, at least half of it intact around
the match, and quotes under :data:`SHORT` characters are re-placed only between a prefix
and suffix found verbatim.

A fuzzy match's ends are then put on word boundaries (:func:`_snap`): an end that falls
inside a word, where the stored highlight's did not, is moved out to the whole word (or,
if that breaks the edit bound, in to the previous whole word), so a re-anchored highlight
never shows a cut word such as ``they ha`` for ``they have``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from bench._old_anchoring.editdistance import (
    Match,
    common_prefix,
    common_suffix,
    levenshtein,
    similarity,
)
from bench._old_anchoring.fuzzy import candidates
from bench._old_anchoring.lenient import find_visible

CONTEXT = 32  # chars of prefix/suffix
SHORT = 4  # shorter quotes are re-placed fuzzily only between verbatim context
FREE = 16  # from this length the edit bound alone accepts a fuzzy match
MIN_CONTEXT = 8  # stored context chars a quote under FREE needs for a fuzzy match
_PREFIX_HITS = 8  # occurrences of the stored prefix tried as a start

ANCHORED = "anchored"
REANCHORED = "re-anchored"
ORPHANED = "orphaned"


@dataclass(frozen=True)
class TextQuote:
    """A highlight's selectors.

    Attributes:
        exact: The highlighted text.
        prefix: Up to :data:`CONTEXT` characters before ``start``.
        suffix: Up to :data:`CONTEXT` characters after ``end``.
        start: Source offset of the first highlighted character.
        end: Source offset just after the last one.
    """

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Anchoring:
    """Where a highlight lies in a body, if anywhere.

    Attributes:
        start: Source offset of the highlight, ``None`` when orphaned.
        end: Offset just after it, ``None`` when orphaned.
        state: ``"anchored"`` (the exact text was found), ``"re-anchored"`` (a close
            approximation was) or ``"orphaned"``.
    """

    start: int | None
    end: int | None
    state: str


_ORPHAN = Anchoring(None, None, ORPHANED)


def max_distance(length: int) -> int:
    """Largest edit distance a fuzzy match of a ``length``-character quote may have."""
    return max(1, length // 4)


def describe(body: str, start: int, end: int) -> TextQuote:
    """Selector for ``body[start:end]``.

    Args:
        body: The article body (Markdown source).
        start: Offset of the first highlighted character.
        end: Offset just after the last one.

    Returns:
        The quote with its context and offsets.

    Raises:
        ValueError: If the range is empty or does not lie within ``body``.
    """
    if not 0 <= start < end <= len(body):
        raise ValueError(f"invalid highlight range {start}:{end} for a body of {len(body)}")
    prefix = body[max(0, start - CONTEXT) : start]
    return TextQuote(body[start:end], prefix, body[end : end + CONTEXT], start, end)


def reanchor(quote: TextQuote, body: str) -> Anchoring:
    """Find the quote in a (possibly changed) body.

    In order: the stored offsets if they still hold the exact text with its context; the
    occurrence of the exact text whose surroundings best agree with the stored prefix and
    suffix (ties to the one nearest the old start); the best approximate match within
    :func:`max_distance` (``"re-anchored"``); otherwise orphaned. Never raises.

    Args:
        quote: The stored selectors.
        body: The current body.

    Returns:
        The highlight's new place and how it was found.
    """
    exact = quote.exact
    if not exact:
        return _ORPHAN
    start = quote.start
    if start >= 0 and quote.end - start == len(exact) and body.startswith(exact, start):
        before, after = _context_agreement(body, quote, start)
        if (before == len(quote.prefix) and after == len(quote.suffix)
                and not _cuts_word(body, quote, start)):
            return Anchoring(start, quote.end, ANCHORED)
    found = _best_exact(body, quote)
    if found is not None:
        return Anchoring(found, found + len(exact), ANCHORED)
    match = _best_fuzzy(body, quote)
    if match is not None:
        match = _snap(body, quote, match)
    if match is None:
        return _ORPHAN
    return Anchoring(match.start, match.end, REANCHORED)


def find_quote(body: str, text: str) -> list[tuple[int, int]]:
    """Every place in ``body`` where the user-typed ``text`` occurs.

    Matching is on what a reader sees: runs of whitespace (newlines included) are equal,
    straight and typographic quotes are equal (double-like and single-like marks form two
    classes), runs of hyphens and dashes are equal, and Markdown inline markup in either
    string is ignored (``*``, ``_``, backticks, link and image brackets, a link's
    ``(url)``, the angle brackets of autolinks, backslash escapes, line-start markers of
    quotes, headings and lists), as are soft hyphens and zero-width characters; HTML
    entities match the character they stand for.
    Otherwise the comparison is case-sensitive. Leading and trailing whitespace of
    ``text`` is ignored.

    Args:
        body: The article body (Markdown source).
        text: What the user typed.

    Returns:
        Non-overlapping ``(start, end)`` source spans, in order; each runs from the first
        to just after the last visible character matched (markup wrapped around the
        match, such as a closing ``**``, is not included). Empty for empty ``text``.
    """
    return find_visible(body, text)


def _context_agreement(body: str, quote: TextQuote, start: int) -> tuple[int, int]:
    """How many stored context characters agree next to ``body[start:...]``: before, after."""
    prefix, suffix = quote.prefix, quote.suffix
    end = start + len(quote.exact)
    before = after = 0
    if prefix and start > 0 and body[start - 1] == prefix[-1]:
        before = common_suffix(prefix, body[max(0, start - len(prefix)) : start])
    if suffix and end < len(body) and body[end] == suffix[0]:
        after = common_prefix(suffix, body[end : end + len(suffix)])
    return before, after


def _cuts_word(body: str, quote: TextQuote, start: int) -> bool:
    """Whether the exact text at ``start`` begins or ends inside a word where the stored
    highlight did not (``they do`` inside ``they don't``)."""
    end = start + len(quote.exact)
    return (inside_word(body, start) and not inside_word(quote.prefix + quote.exact,
                                                          len(quote.prefix))) or (
        inside_word(body, end) and not inside_word(quote.exact + quote.suffix, len(quote.exact)))


def _best_exact(body: str, quote: TextQuote) -> int | None:
    """Start of the occurrence of the exact text best agreeing with the stored context.

    Occurrences that would cut a word (see :func:`_cuts_word`) are not considered: the
    fuzzy search then places the highlight on whole words.
    """
    exact = quote.exact
    whole = quote.prefix + exact + quote.suffix
    i = body.find(whole)
    if i >= 0:  # all the context agrees: nothing can beat it, only ties
        hits: list[int] = []
        while i >= 0:
            if not _cuts_word(body, quote, i + len(quote.prefix)):
                hits.append(i + len(quote.prefix))
            i = body.find(whole, i + 1)
        if hits:
            return min(hits, key=lambda h: abs(h - quote.start))
    best: tuple[int, int] | None = None
    best_at: int | None = None
    i = body.find(exact)
    while i >= 0:
        if not _cuts_word(body, quote, i):
            before, after = _context_agreement(body, quote, i)
            key = (before + after, -abs(i - quote.start))
            if best is None or key > best:
                best, best_at = key, i
        i = body.find(exact, i + 1)
    return best_at


def _between_context(body: str, quote: TextQuote, bound: int) -> list[Match]:
    """Matches lying between a verbatim copy of the stored prefix and of the suffix."""
    prefix, suffix, exact = quote.prefix, quote.suffix, quote.exact
    if not prefix and not suffix:
        return []
    shortest, longest = max(1, len(exact) - bound), len(exact) + bound
    starts: list[int] = []
    if prefix:
        i = body.find(prefix)
        while i >= 0 and len(starts) < _PREFIX_HITS:
            starts.append(i + len(prefix))
            i = body.find(prefix, i + 1)
    else:
        starts.append(0)
    out: list[Match] = []
    for s in starts:
        if suffix:
            e = body.find(suffix, s + shortest, s + longest + len(suffix))
        else:
            e = len(body) if shortest <= len(body) - s <= longest else -1
        if e >= 0:
            d = levenshtein(exact, body[s:e])
            if d <= bound:
                out.append(Match(s, e, d))
    return out


def _best_fuzzy(body: str, quote: TextQuote) -> Match | None:
    """The best-scoring acceptable approximate match, or ``None``."""
    m = len(quote.exact)
    bound = max_distance(m)
    placed = _between_context(body, quote, bound)
    if m < SHORT:
        if len(quote.prefix) + len(quote.suffix) < MIN_CONTEXT:
            return None
        rounds: Iterable[list[Match]] = [placed]
    else:
        rounds = candidates(body, quote.exact, quote.prefix, quote.suffix, quote.start, bound)
    best: tuple[float, Match] | None = None
    for found in rounds:
        for match in {*found, *placed}:
            score = _score(body, quote, match)
            if score is not None and (best is None or score > best[0]):
                best = (score, match)
        if best is not None:
            return best[1] if m < SHORT else _polish(body, quote, *best)
        placed = []
    return None


def _polish(body: str, quote: TextQuote, score: float, match: Match) -> Match:
    """The match or a neighbour one boundary character away, whichever scores best.

    Equally close spans often differ by a character at either end (a changed last
    character can be substituted or dropped); the stored context tells them apart.
    """
    best = (score, match)
    bound = max_distance(len(quote.exact))
    for ds, de in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        s, e = match.start + ds, match.end + de
        if not 0 <= s < e <= len(body):
            continue
        # moving a boundary by one changes the distance by one at most: skip hopeless ones
        hope = _score(body, quote, Match(s, e, max(0, match.distance - 1)))
        if hope is None or hope <= best[0]:
            continue
        d = levenshtein(quote.exact, body[s:e])
        near = _score(body, quote, Match(s, e, d)) if d <= bound else None
        if near is not None and near > best[0]:
            best = (near, Match(s, e, d))
    return best[1]


def _score(body: str, quote: TextQuote, match: Match) -> float | None:
    """Hypothesis-style weighted score of an approximate match; ``None`` if unacceptable."""
    prefix, suffix = quote.prefix, quote.suffix
    before = body[max(0, match.start - len(prefix)) : match.start]
    after = body[match.end : match.end + len(suffix)]
    psim, ssim = similarity(prefix, before), similarity(suffix, after)
    m = len(quote.exact)
    stored = len(prefix) + len(suffix)
    if m < FREE and (
        stored < MIN_CONTEXT or psim * len(prefix) + ssim * len(suffix) < 0.5 * stored
    ):
        return None
    pw, sw = min(1.0, len(prefix) / CONTEXT), min(1.0, len(suffix) / CONTEXT)
    near = 1.0 - abs(match.start - quote.start) / max(1, len(body), abs(quote.start))
    return 50.0 * (1.0 - match.distance / m) + 20.0 * (pw * psim + sw * ssim) + 2.0 * near


_APOSTROPHES = "'\u2019"


def _word_char(text: str, j: int) -> bool:
    """Whether ``text[j]`` belongs to a word: a letter, digit or combining mark, or an
    apostrophe between two letters (``don't``)."""
    c = text[j]
    if c.isalnum() or unicodedata.category(c).startswith("M"):
        return True
    return (c in _APOSTROPHES and 0 < j < len(text) - 1
            and text[j - 1].isalnum() and text[j + 1].isalnum())


def inside_word(text: str, i: int) -> bool:
    """Whether offset ``i`` of ``text`` falls between two characters of one word."""
    return 0 < i < len(text) and _word_char(text, i - 1) and _word_char(text, i)


def _word_start(text: str, i: int) -> int:
    while inside_word(text, i):
        i -= 1
    return i


def _word_end(text: str, i: int) -> int:
    while inside_word(text, i):
        i += 1
    return i


def _snap(body: str, quote: TextQuote, match: Match) -> Match | None:
    """The match with its ends on word boundaries, within the edit bound; ``None`` if none is.

    An end is left alone when it is already on a boundary or when the stored highlight's
    own end fell inside a word. Otherwise it is first widened to the whole word, then
    narrowed to the previous whole word (skipping the whitespace between).
    """
    starts, ends = [match.start], [match.end]
    if inside_word(body, match.start) and not inside_word(
        quote.prefix + quote.exact, len(quote.prefix)
    ):
        inward = _word_end(body, match.start)
        while inward < len(body) and body[inward].isspace():
            inward += 1
        starts = [_word_start(body, match.start), inward]
    if inside_word(body, match.end) and not inside_word(
        quote.exact + quote.suffix, len(quote.exact)
    ):
        inward = _word_start(body, match.end)
        while inward > 0 and body[inward - 1].isspace():
            inward -= 1
        ends = [_word_end(body, match.end), inward]
    if len(starts) == len(ends) == 1:
        return match
    bound = max_distance(len(quote.exact))
    for start in starts:
        for end in ends:
            if start < end:
                d = levenshtein(quote.exact, body[start:end])
                if d <= bound:
                    return Match(start, end, d)
    return None
