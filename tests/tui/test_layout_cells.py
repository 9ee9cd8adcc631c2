"""The reading layout measures with Rich's widths: lines fit, emoji sequences stay whole."""

from __future__ import annotations

from array import array

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len, split_graphemes

from reader.document import parse_document
from reader.tui.layout import Line, index_at_column, layout_blocks

HEART = "\u2764\ufe0f"  # two cells (VS16), one cell without the selector
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # two cells


def _fits(lines: list[Line], measure: int) -> bool:
    return all(cell_len(line.prefix + line.text) <= measure for line in lines)


def _whole(lines: list[Line]) -> bool:
    """No line starts inside an emoji sequence (with a joiner or a selector)."""
    return not any(line.text[:1] in ("\u200d", "\ufe0f") for line in lines)


def test_a_long_word_of_hearts_is_cut_to_fit() -> None:
    lines, _ = layout_blocks(parse_document(HEART * 40, "markdown").blocks, 20)
    assert len(lines) > 1
    assert _fits(lines, 20)
    assert _whole(lines)


def test_a_code_line_of_hearts_and_families_is_cut_to_fit() -> None:
    body = "```\n" + (HEART + FAMILY + "x") * 12 + "\n```\n"
    lines, _ = layout_blocks(parse_document(body, "markdown").blocks, 24)
    assert len(lines) > 1
    assert _fits(lines, 24)
    assert _whole(lines)
    assert "".join(line.text for line in lines) == (HEART + FAMILY + "x") * 12


def test_column_inside_a_wide_emoji_finds_that_emoji() -> None:
    text = HEART + "x" + FAMILY + "y"
    line = Line(text, array("i", range(len(text))), bytes(len(text)))
    assert [index_at_column(line, c) for c in range(7)] == [0, 0, 2, 3, 3, 10, 10]


_CHARS = st.one_of(
    st.sampled_from([HEART, FAMILY, "\U0001f44d\U0001f3fd", "\U0001f1eb\U0001f1f7", "e\u0301",
                     "\u4e2d", "\u6587", "\uff21", " ", "\n"]),
    st.characters(min_codepoint=0x21, max_codepoint=0x7E),
)


@given(st.lists(_CHARS, max_size=120), st.integers(min_value=20, max_value=50),
       st.sampled_from(["{}", "- {}", "> {}", "```\n{}\n```"]))
def test_layout_never_overflows_and_keeps_clusters(
    parts: list[str], measure: int, shape: str
) -> None:
    text = "".join(parts).strip() or "x"
    if not shape.startswith("```"):
        text = text.replace("\n", " ")
    lines, _ = layout_blocks(parse_document(shape.format(text), "markdown").blocks, measure)
    assert _fits(lines, measure)
    for line in lines:
        spans, _total = split_graphemes(line.text)
        assert all(line.text[a:b] for a, b, _w in spans)
    assert _whole(lines)
