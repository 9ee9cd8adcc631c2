"""Unit tests for the pure parts: sanitising, config, layout, cursor arithmetic, rows."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.document import parse_document
from reader.quotes.records import Quote
from reader.safe_text import UNSAFE_CHARACTERS, for_terminal
from reader.tui.config import Config
from reader.tui.layout import layout_blocks
from reader.tui.library_rows import columns, progress_label, snippet_spans, words_label
from reader.tui.text_index import LineIndex, next_start, quote_spans

BODY = """# Title

A paragraph with *emphasis*, a dash -- and "a quote," she said. It goes on long enough
to wrap at narrow widths, which is the point of this sentence.

- one
- two that is long enough to wrap around at a narrow width for sure

> quoted block
"""


def test_clean_strips_controls_but_keeps_brackets() -> None:
    text = "a\x1b[31mred\x1b[0m\x07 [bold]b[/bold]\x9b\u202etail\tx"
    out = for_terminal(text, one_line=True)
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\u202e" not in out
    # Whole escape sequences go: the old TUI cleaner left "[31m" visible.
    assert "[bold]b[/bold]" in out and "ared" in out and "[31m" not in out and "[0m" not in out
    assert "\t" not in out


def test_config_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    config = Config(theme='odd"theme\\', quote_panel=True, sort="title",
                    keys={"readmark.down": "j,down,ctrl+n"}, path=path)
    config.save()
    loaded = Config.load(path)
    assert (loaded.theme, loaded.quote_panel, loaded.sort, loaded.keys) == (
        'odd"theme\\', True, "title", {"readmark.down": "j,down,ctrl+n"})


def test_config_broken_file_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = [unclosed", encoding="utf-8")
    assert Config.load(path).theme == Config().theme


@given(st.integers(min_value=20, max_value=120))
def test_layout_keeps_every_offset_in_order(width: int) -> None:
    doc = parse_document(BODY, "markdown")
    lines, _ = layout_blocks(doc.blocks, width)
    offsets = [o for line in lines for o in line.offsets]
    assert offsets == sorted(offsets)
    for line in lines:
        assert len(line.text) == len(line.offsets) == len(line.flags)
    shown = "".join(line.text for line in lines)
    assert "emphasis" in shown and "*" not in shown


def test_layout_drops_control_characters_keeping_offsets() -> None:
    body = "ab\x1b[1mcd\x07ef"
    doc = parse_document(body, "text")
    (line,), _ = layout_blocks(doc.blocks, 40)
    assert line.text == "abcdef"  # the whole escape sequence goes, not only its ESC byte
    assert [body[o] for o in line.offsets] == list(line.text)


def test_line_index_and_next_start() -> None:
    doc = parse_document(BODY, "markdown")
    lines, _ = layout_blocks(doc.blocks, 30)
    index = LineIndex()
    index.extend(lines, 0)
    first = index.text_lines[0]
    second = index.step(first, 1)
    assert second is not None and index.step(second, -1) == first
    assert index.line_of(lines[second].offsets[3]) == second
    assert next_start([1, 5, 9], 5, 1) == 9
    assert next_start([1, 5, 9], 5, -1) == 1
    assert next_start([1, 5, 9], 9, 1) is None


def test_quote_spans_innermost_wins() -> None:
    outer = Quote(0, 20, "outer", depth=0)
    inner = Quote(5, 10, "inner", depth=1)
    assert quote_spans([outer, inner]) == [(0, 5, 0), (5, 10, 1), (10, 20, 0)]


def test_row_formatting() -> None:
    assert words_label(812) == "812" and words_label(4210) == "4.2k" and words_label(51000) == "51k"
    assert progress_label(0) == "—" and progress_label(0.5) == "50%" and progress_label(1) == "✓"
    for width in (40, 80, 100, 160):
        cols = columns(width)
        assert sum(c.width for c in cols) + 2 * (len(cols) - 2) == width
    assert snippet_spans("a \ue000hit\ue001 b") == [("a ", False), ("hit", True), (" b", False)]


def test_dropped_characters() -> None:
    assert "\x1b" in UNSAFE_CHARACTERS and "\x85" in UNSAFE_CHARACTERS
    assert "é" not in UNSAFE_CHARACTERS


def test_prefix_first_blocks_match_the_full_parse() -> None:
    from reader.quotes import analyze
    from reader.tui.loading import PREFIX_CHARS, first_blocks, same_start

    body = "\n\n".join(
        f"## Part {i}\n\nParagraph {i} with \"a quote {i},\" said Someone. " + "word " * 60
        for i in range(400)
    )
    assert len(body) > 2 * PREFIX_CHARS
    quick = first_blocks(body, "markdown", None)
    full = analyze(body, "markdown").document.blocks
    assert quick and same_start(full, quick)
