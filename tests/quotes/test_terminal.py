"""The terminal renderer: linear cost, cell-width wrapping, links, hard breaks, titles."""

from __future__ import annotations

from reader.document.cells import cell_len, char_width
from reader.document.wrap import wrap
from reader.quotes import analyze
from reader.quotes.terminal import _speakers_by_block, render_terminal


def _plain(body: str, fmt: str = "markdown", width: int = 40, **kw: object) -> str:
    return render_terminal(body, fmt, color=False, width=width, **kw)  # type: ignore[arg-type]


def test_cell_widths() -> None:
    assert char_width("a") == 1 and char_width("界") == 2 and char_width("😀") == 2
    assert char_width("\u0301") == 0 and char_width("\u200d") == 0 and char_width("\ufe0f") == 0
    family = "👩\u200d👩\u200d👧"  # drawn as one emoji: two cells, as Rich counts it
    assert cell_len(family) == 2 and cell_len("e\u0301") == 1


def test_wrap_counts_cells_not_characters() -> None:
    body = " ".join(["日本語"] * 20)  # each word 6 cells
    for line in _plain(body, "text", width=20).splitlines():
        assert cell_len(line) <= 20
    cjk = "東京都議会は本日予算案を可決した。" * 6  # no spaces at all
    lines = _plain(cjk, "text", width=20).splitlines()
    assert len(lines) > 3 and all(cell_len(x) <= 20 for x in lines)
    assert "".join(lines) == cjk


def test_wrap_never_splits_emoji_sequences() -> None:
    family = "👩\u200d👩\u200d👧\u200d👦"
    runs = [(None, family * 12)]
    out = "".join(t for _tok, t in wrap(runs, 20))  # type: ignore[arg-type]
    for line in out.splitlines():
        assert not line.startswith("\u200d") and not line.endswith("\u200d")
    assert out.replace("\n", "") == family * 12


def test_link_targets_are_shown() -> None:
    out = _plain("See [the report](https://ex.org/r) and <https://ex.org/a>.", width=80)
    assert "the report (https://ex.org/r)" in out
    assert out.count("https://ex.org/a") == 1


def test_entities_are_decoded() -> None:
    out = _plain("Salt &amp; pepper &mdash; &lt;b&gt; &#8220;x&#8221;", width=80)
    assert "Salt & pepper — <b> “x”" in out


def test_markdown_hard_breaks() -> None:
    out = _plain("First line  \nsecond line\\\nthird line\nsame line", width=80)
    assert out.splitlines()[:3] == ["First line", "second line", "third line same line"]


def test_duplicate_title_heading_is_skipped() -> None:
    body = "# Harbor  Vote\n\nThe council voted."
    assert "Harbor Vote" not in _plain(body, title="Harbor vote")
    assert "Harbor Vote" in _plain(body, title="Something else")
    assert "Harbor Vote" in _plain(body)


def test_block_speakers_bucketed_once() -> None:
    paras = [f'"Words {i}," said Ann Berg{i % 3}.' for i in range(50)]
    a = analyze("\n\n".join(paras), "markdown")
    by_block = _speakers_by_block(a)
    assert len(by_block) == 50 and all(len(v) == 1 for v in by_block.values())


def test_render_cost_is_linear() -> None:
    """Four times the paragraphs must cost about four times the renderer's executed lines."""
    import sys
    from types import FrameType

    para = '"We voted," said Ann Berg. The council met on Monday to talk about the harbor.'
    mine = ("terminal.py", "wrap.py", "cells.py")

    def lines(n: int) -> int:
        body = "\n\n".join(f"{para} {i}" for i in range(n))
        analyze(body, "markdown")  # cached: only the renderer is traced
        count = 0

        def local(frame: FrameType, event: str, arg: object) -> object:
            nonlocal count
            count += event == "line"
            return local

        def glob(frame: FrameType, event: str, arg: object) -> object:
            return local if frame.f_code.co_filename.endswith(mine) else None

        sys.settrace(glob)
        try:
            render_terminal(body, "markdown", color=True, width=60)
        finally:
            sys.settrace(None)
        return count

    small, large = lines(60), lines(240)
    assert large < 4.6 * small
