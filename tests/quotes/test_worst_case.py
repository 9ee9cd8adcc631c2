"""Pathological quote text: sane answers, the same as the slow reference, and a lazy import."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.quotes import cues
from reader.quotes.analysis import analyze_uncached
from reader.quotes.builder import Builder
from reader.quotes.spans import RawQuote

UNITS = {
    "after": '"Yes," said Ana Ruiz, "no," said Ben Ode, ',
    "before": 'Ana Ruiz said "yes" and Ben Ode said "no" and ',
    "bare": 'and "yes" or "no" ',
    "colon": 'Ana Ruiz said: "yes" and ',
    "according": 'according to "yes" and ',
}


def _repeat(unit: str, times: int) -> str:
    return unit * times


@pytest.mark.parametrize("name", UNITS)
def test_one_long_sentence_of_quotes_finds_every_quote(name: str) -> None:
    unit = UNITS[name]
    marks = unit.count('"') // 2
    quotes = analyze_uncached(_repeat(unit, 400)).quotes
    assert len(quotes) == 400 * marks
    assert all(q.depth == 0 for q in quotes)
    assert [q.text for q in quotes[:marks]] == unit.split('"')[1::2]


def test_alternating_speakers_without_full_stops() -> None:
    quotes = analyze_uncached(_repeat(UNITS["after"], 300)).quotes
    assert [q.speaker for q in quotes[:4]] == ["Ana Ruiz", "Ben Ode"] * 2
    assert {q.speaker for q in quotes} == {"Ana Ruiz", "Ben Ode"}


@pytest.mark.parametrize("name", UNITS)
def test_indexed_previous_speech_equals_the_walk_back(name: str) -> None:
    b = Builder(_repeat(UNITS[name], 60), "markdown")
    done = b.build()
    for q in done:
        for lo in (0, q.start // 2, q.start):
            prefix = [d for d in done if (d.start, -d.end) < (q.start, -q.end)]
            b.done = prefix  # the indexed answer over the quotes built so far
            b.speech_at = {}
            for i, d in enumerate(prefix):
                if d.kind == "speech":
                    b.speech_at.setdefault(d.depth, []).append(i)
            fast = b.previous_speech(q, prefix, lo)  # type: ignore[arg-type]  # reads start, depth
            slow = b.previous_speech(q, list(prefix), lo)  # type: ignore[arg-type]
            assert fast == slow


@given(st.text(alphabet=" ,;:(—and butwhile\nx", max_size=40), st.booleans())
def test_opens_clause_equals_searching_the_whole_prefix(text: str, main: bool) -> None:
    pattern = cues.MAIN_CLAUSE_START if main else cues.CLAUSE_START
    for pos in range(len(text) + 1):
        assert cues.opens_clause(text, pos, main) == bool(pattern.search(text[:pos]))


def test_importing_the_text_engine_compiles_no_cue_pattern() -> None:
    code = (
        "import reader.quotes\n"
        "from reader.quotes import cues\n"
        "print(cues.CUE_RE.is_compiled, cues.AFTER_NORMAL.is_compiled)\n"
        "reader.quotes.find_quotes('\"Yes,\" she said.')\n"
        "print(cues.AFTER_NORMAL.is_compiled)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "True"]


def _context_kind_reference(text: str, start: int, lo: int, inner: str, end: int) -> str | None:
    """``context_kind`` searching every pattern, without ruling any out first."""
    if end >= 0 and len(inner.split()) <= 2 and cues._TERM_AFTER.match(text, end):
        return "term"
    seg = text[max(lo, start - 100) : start]
    if cues.TITLE_BEFORE.search(seg):
        return "title"
    call = cues.CALL_BEFORE.search(seg)
    if cues.TERM_BEFORE.search(seg) or (
        call and (call.group("strong") or len(inner.split()) <= 3)
    ):
        return "term"
    if cues.SCARE_BEFORE.search(seg):
        return "scare"
    return None


_CONTEXT_WORDS = [
    "the", "a", "new", "book", "Book", "BOOK", "report", "op-ed", "titled", "entitled",
    "headline", "under", "intitulée", "intitulé", "word", "term", "known", "as", "referred",
    "to", "nicknamed", "dubbed", "la", "mention", "le", "mot", "sign", "t-shirt", "that",
    "reads", "saying", "so-called", "so", "called", "self-described", "supposedly", "call",
    "CALLED", "calls", "it", "what", "idea", "Ana", "said", "5report", "xbook", "booK",
    "boo\u212a", "\u017fo-called", "série", "show", "exhibition", "coined",
]  # fmt: skip
_CONTEXT_GAPS = [" ", "  ", ", ", ": ", ",", ":", "\n", " \t", "-", ". ", "\u00a0", "_"]


@given(
    st.lists(st.tuples(st.sampled_from(_CONTEXT_WORDS), st.sampled_from(_CONTEXT_GAPS)),
             max_size=12),
    st.sampled_from(["yes", "a b", "Three words here", "one two three four"]),
)
def test_context_kind_equals_searching_every_pattern(
    parts: list[tuple[str, str]], inner: str
) -> None:
    before = "".join(w + gap for w, gap in parts)
    text = f'{before}"{inner}" rating'
    start = len(before)
    end = start + len(inner) + 2
    for lo in (0, start // 2):
        for e in (end, -1):
            want = _context_kind_reference(text, start, lo, inner, e)
            assert cues.context_kind(text, start, lo, inner, e) == want


def test_context_kind_finds_each_kind_after_trailing_punctuation() -> None:
    cases = {
        'a new book, "Dust"': "title",
        'the op-ed, "Dust"': "title",
        'the phrase:  "dust"': "term",
        'what she calls "the dust"': "term",
        'the so-called "dust"': "scare",
        'Ana said "dust"': None,
    }
    for text, kind in cases.items():
        start = text.index('"')
        assert cues.context_kind(text, start, 0, "dust", -1) == kind, text


_OPENING = [
    '"Yes," she said.\n\n',
    '  *"Yes,"* she said.\n\n',
    '# "Title" of a heading\n\n',
    '> "Quoted," she said.\n\n',
    'She said "yes" and "no".\n\n',
    '- "Item," he said, "again."\n\n',
    '--- "Dash" then text\n\n',
    '_ _ "odd" and "even"\n\n',
]


@given(st.lists(st.sampled_from(_OPENING), min_size=1, max_size=6))
def test_opens_paragraph_equals_stripping_the_text_before(paras: list[str]) -> None:
    b = Builder("".join(paras), "markdown")
    quotes = b.build()
    assert quotes
    for q in quotes:
        para = b.para_of(q.start)
        assert para is not None
        rq = RawQuote(q.start, q.end)
        want = not b.m[para.start : q.start].strip(" \t\n#*_>-")
        assert b.opens_paragraph(rq, para.start) == want


_AFTER_WORDS = [
    "said", "Said", "says", "told", "added", "according", "Ana", "Ruiz", "she", "he", "the",
    "mayor", "a", "spokesperson", "for", "Lee", "Jr.", "(D)", "it", "officials", "who",
    "has", "also", "will", "reporters", "o'clock", "well-said", "said-so", "5said", "_said",
]  # fmt: skip
_AFTER_GAPS = [" ", ", ", ",", "  ", "\n", " — ", "-", "; ", ". ", "\u00a0", "\t"]


@given(st.lists(st.tuples(st.sampled_from(_AFTER_GAPS), st.sampled_from(_AFTER_WORDS)),
                max_size=10))
def test_after_normal_only_matches_when_a_verb_follows_words(parts: list[tuple[str, str]]) -> None:
    seg = "".join(gap + word for gap, word in parts) + "."
    if cues.AFTER_NORMAL.match(seg):
        assert cues.verb_after_words(seg)


def test_inverted_attribution_skips_the_subject_first_pattern() -> None:
    assert not cues.verb_after_words(", said Ana Ruiz, ")
    assert not cues.verb_after_words(" — said the mayor.")
    assert cues.verb_after_words(", Ana Ruiz said.")
    assert cues.verb_after_words(" he said.") and cues.AFTER_NORMAL.match(" he said.")
    assert cues.verb_after_words(", the mayor, who was late, told reporters.")


_TRIE_WORDS = st.lists(st.text(alphabet="saidye", min_size=1, max_size=5), min_size=1, max_size=8)


@given(
    _TRIE_WORDS,
    st.text(alphabet="saidye -", max_size=12),
    st.sampled_from(["", "(?![a-z])", r"\s"]),
)
def test_word_trie_matches_as_the_longest_first_alternation(
    words: list[str], text: str, after: str
) -> None:
    longest_first = "(?:" + "|".join(sorted(set(words), key=len, reverse=True)) + ")"
    trie = cues.word_trie(sorted(set(words)))
    for pos in range(len(text) + 1):
        want = re.compile(f"({longest_first}){after}").match(text, pos)
        got = re.compile(f"({trie}){after}").match(text, pos)
        assert (got and got.span(1)) == (want and want.span(1))


def test_cue_pattern_is_a_prefix_tree_of_the_verbs() -> None:
    assert cues.word_trie(["say", "said", "says"]) == "(?:sa(?:id|y(?:s)?))"
    assert cues.CUE_RE.match("says Ana").group("cue") == "says"
    assert cues.CUE_RE.match("said, Ana").group("cue") == "said"
    assert cues.CUE_RE.match("sayso") is None
