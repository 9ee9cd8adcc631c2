"""Cell widths agree with Rich (which Textual draws with), and wrapped lines never overflow.

Run this module (``python -m tests.document.test_cells``) to regenerate
``reader/document/_cell_table.py`` from the installed Rich after a Rich upgrade.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich._unicode_data import load
from rich.cells import cell_len as rich_cell_len
from rich.cells import split_graphemes

from reader.document.cells import break_points, cell_len, clusters
from reader.document.tokens import MARKUP, TEXT
from reader.document.wrap import wrap

TABLE = Path(__file__).resolve().parents[2] / "reader" / "document" / "_cell_table.py"


def table_source() -> str:
    """The text of ``_cell_table.py`` for the installed Rich's latest width table."""
    table = load("latest")
    out = [
        f'"""Terminal cell widths of Unicode {table.unicode_version}, as the TUI\'s renderer'
        " (Rich) measures them.",
        "",
        "Generated from Rich's width table (``rich._unicode_data``, itself built from the"
        " wcwidth",
        "project's data); both are MIT licensed (Rich: Copyright (c) 2020 Will McGugan)."
        " The test",
        "``tests/document/test_cells.py`` checks it still equals the installed Rich's table"
        " (run it",
        "as a module to regenerate this file).",
        '"""',
        "",
        f'UNICODE_VERSION = "{table.unicode_version}"',
        "",
        "# Ranges (first, last, cells) of code points not one cell wide, sorted and disjoint.",
        "WIDTHS: tuple[tuple[int, int, int], ...] = (",
        *(f"    (0x{a:05X}, 0x{b:05X}, {w})," for a, b, w in table.widths),
        ")",
        "",
        "# Characters that VS16 (U+FE0F, emoji presentation) widens from one cell to two.",
        "NARROW_TO_WIDE: frozenset[str] = frozenset(",
        "    (",
    ]
    line = "       "
    for ch in sorted(table.narrow_to_wide):
        item = f' "\\U{ord(ch):08X}",' if ord(ch) > 0xFFFF else f' "\\u{ord(ch):04X}",'
        if len(line) + len(item) > 99:
            out.append(line)
            line = "       "
        line += item
    out += [line, "    )", ")", ""]
    return "\n".join(out)


def test_table_is_the_installed_rich_table() -> None:
    assert TABLE.read_text(encoding="utf-8") == table_source(), (
        "Rich's width table changed: run `python -m tests.document.test_cells`"
    )


# Characters that make widths interesting: ASCII, controls, Latin with combining marks,
# CJK and fullwidth, Hangul jamo, emoji (with and without VS16, skin tones, ZWJ sequences,
# flags), zero-width characters, and code points past the table.
_SPECIAL = st.sampled_from([
    "\u200d", "\ufe0f", "\ufe0e", "\u0301", "\u20e3", "\u1160", "\u200b", "\x00", "\x1b",
    "\x7f", "\x85", "\t", " ", "\u00ad", "\U0001f3fd", "\U000e0001", "\U000e0100",
])
_CHARS = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0x00, max_codepoint=0x2FF),
    st.characters(min_codepoint=0x300, max_codepoint=0x36F),
    st.characters(min_codepoint=0x1100, max_codepoint=0x11FF),
    st.characters(min_codepoint=0x2600, max_codepoint=0x27BF),
    st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
    st.characters(min_codepoint=0x1F1E6, max_codepoint=0x1F1FF),
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    st.characters(),
    _SPECIAL,
)
_TEXT = st.text(_CHARS, max_size=40)


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("\u2764\ufe0f", 2),  # red heart with VS16
        ("\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466", 2),  # ZWJ family
        ("\U0001f44d\U0001f3fd", 2),  # thumbs up, skin tone
        ("\U0001f1eb\U0001f1f7", 2),  # a flag
        ("e\u0301", 1),
        ("中文", 4),
        ("\u263a\ufe0f", 2),
        ("a\ufe0f", 1),
        ("plain words", 11),
    ],
)
def test_known_widths(text: str, cells: int) -> None:
    assert cell_len(text) == cells == rich_cell_len(text, "latest")


@given(_TEXT)
def test_width_is_rich_cell_len(text: str) -> None:
    assert cell_len(text) == rich_cell_len(text, "latest")


@given(_TEXT)
def test_clusters_are_rich_graphemes(text: str) -> None:
    spans, _total = split_graphemes(text, "latest")
    assert clusters(text) == spans


@given(st.text(_CHARS.filter(lambda c: not c.isspace()), min_size=1, max_size=40))
def test_break_points_fall_between_clusters(word: str) -> None:
    starts = {start for start, _end, _cells in clusters(word)}
    points = break_points(word)
    assert points == sorted(points)
    assert all(0 < i < len(word) and i in starts for i in points)


_WORDS = st.lists(st.text(_CHARS.filter(lambda c: c not in " \n"), min_size=1, max_size=30),
                  min_size=1, max_size=30)


@given(_WORDS, st.integers(min_value=12, max_value=60), st.sampled_from(["", "> ", "• "]))
def test_wrapped_lines_never_overflow(words: list[str], width: int, first: str) -> None:
    text = " ".join(words)
    runs = list(wrap([(TEXT, text)], width, first, " " * len(first), MARKUP))
    lines = "".join(t for _tok, t in runs).split("\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        assert rich_cell_len(line, "latest") <= width, line
    words_out = "".join(t for tok, t in runs if tok is not MARKUP)
    assert "".join(words_out.split()) == "".join(text.split())


if __name__ == "__main__":
    TABLE.write_text(table_source(), encoding="utf-8")
    sys.stdout.write(f"wrote {TABLE}\n")
