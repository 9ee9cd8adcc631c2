"""Pathological quote text: sane answers, the same as the slow reference, and a lazy import."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.quotes import cues
from reader.quotes.analysis import analyze_uncached
from reader.quotes.builder import Builder

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
