"""The reading model without Textual: cursor, moves, paging, scrolling, selection, mouse."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library import Highlight
from reader.quotes import Analysis, analyze
from reader.tui.layout import Line, layout_blocks, layout_header
from reader.tui.reading_model import SCROLL_OFF, ReadingModel
from tests.tui.conftest import HARBOUR

MEASURE = 40
# Deterministic: the same examples on every run (no timing: layouts vary in speed).
DETERMINISTIC = settings(derandomize=True, deadline=None, max_examples=60)


@cache
def _laid_out(body: str, header: bool) -> tuple[Analysis, tuple[Line, ...]]:
    analysis = analyze(body, "markdown")
    lines, _ = layout_blocks(analysis.document.blocks, MEASURE)
    top = layout_header("A title", ["Someone"], MEASURE) if header else []
    return analysis, tuple(top + lines)


def model_of(body: str = HARBOUR, at: int = 0, header: bool = True) -> ReadingModel:
    """A model laid out at ``MEASURE`` cells with the body analysed, as the view builds it."""
    analysis, lines = _laid_out(body, header)
    model = ReadingModel()
    model.measure = MEASURE
    model.open(body, at)
    model.add_lines(lines, done=True)
    model.set_analysis(analysis)
    return model


def highlight(hid: str, start: int | None, end: int | None, note: str = "",
              color: str = "yellow") -> Highlight:
    return Highlight(id=hid, article_id="a", text="x", prefix="", suffix="", start=start,
                     end=end, color=color, note=note, created="2026-01-01T00:00:00.000Z",
                     updated=None, state="anchored" if start is not None else "orphaned")


def text_lines(model: ReadingModel) -> list[int]:
    return [i for i, line in enumerate(model.lines) if line.offsets]


def test_open_clamps_the_cursor_and_starts_unselected() -> None:
    model = model_of(at=10**6)
    assert model.position == len(HARBOUR)
    assert model.selection is None and not model.caret


def test_line_steps_walk_text_lines_and_stop_at_the_ends() -> None:
    model = model_of()
    lines = text_lines(model)
    assert model.top() is not None and model.cursor_line == lines[0]
    assert model.line_step(-1) is None  # nothing above the first text line
    for expected in lines[1:4]:
        move = model.line_step(1)
        assert move is not None and move.offset == model.lines[expected].offsets[0]
        assert model.cursor_line == expected
    assert model.bottom() is not None and model.cursor_line == lines[-1]
    assert model.line_step(1) is None


def test_sentence_paragraph_and_quote_jumps_land_on_starts() -> None:
    model = model_of()
    assert model.analysis is not None
    model.sentence(1)
    assert model.position in {s for s, _ in model.analysis.sentences}
    model.paragraph(1)
    assert model.position in {b.start for b in model.analysis.document.blocks}
    model.move_to(0)
    first = model.quote(1)
    assert first is not None and model.position == model.analysis.quotes[0].start
    assert model.current_quote is model.analysis.quotes[0]
    model.quote(1)
    assert model.position == model.analysis.quotes[1].start
    assert model.quote(-1) is not None and model.position == first.offset


def test_far_jumps_ask_to_center() -> None:
    model = model_of()
    near = model.jump([model.position + 5], 1)  # on the same line
    assert near is not None and not near.center
    model.top()
    last_quote = model.text.quote_starts[-1]
    far = model.jump([last_quote], 1)
    assert far is not None and far.center


def test_paragraphs_before_analysis_come_from_gaps_in_the_layout() -> None:
    model = ReadingModel()
    lines, _ = layout_blocks(analyze(HARBOUR, "markdown").document.blocks, MEASURE)
    model.open(HARBOUR, 0)
    model.add_lines(lines, done=False)
    assert model.analysis is None
    model.paragraph(1)
    assert model.position == model.index.paragraph_starts[1]


def test_progress_counts_source_characters_and_the_last_line_as_the_end() -> None:
    model = model_of()
    assert model.progress == 0.0
    model.move_to(len(HARBOUR) // 2)
    assert model.progress == (len(HARBOUR) // 2) / len(HARBOUR)
    model.bottom()
    assert model.progress == 1.0
    assert ReadingModel().progress == 0.0  # no article yet


def test_word_moves_draw_the_caret_and_extend_a_selection_to_the_end() -> None:
    model = model_of(body="One two three.\n", header=False)
    assert model.word(1) is not None and model.position == 4 and model.caret
    model.toggle_selection()
    assert model.selection == (4, 4)
    model.word(1)
    assert model.selection == (4, 8)
    model.word(1)  # past the last word: the end of the text
    assert model.selection == (4, len("One two three."))
    assert model.selected_words() == (4, len("One two three."))
    assert model.clear_selection() is not None and model.selection is None
    assert model.clear_selection() is None


def test_selected_words_widen_to_whole_words_and_skip_blank_spans() -> None:
    body = 'He said "slow bread" twice.\n'
    model = model_of(body=body, header=False)
    model.move_to(body.index("low"))
    model.toggle_selection()
    model.move_to(body.index("rea") + 2)
    start, end = model.selected_words()  # type: ignore[misc]
    assert body[start:end] == '"slow bread"'
    model.clear_selection()
    model.move_to(body.index(" "))
    model.toggle_selection()
    model.move_to(body.index(" ") + 1)
    assert model.selected_words() is None  # only a space


def test_paging_keeps_the_cursor_row_and_moves_by_a_screen_at_the_ends() -> None:
    model = model_of()
    height = 8
    model.top()
    row = model.cursor_line - 0
    move = model.page(1, height, before=0, after=6, row=row)
    assert move is not None and model.cursor_line >= 6 + row
    line = model.cursor_line
    # At the bottom the view cannot scroll: the cursor moves a screen instead.
    move = model.page(1, height, before=10, after=10, row=line - 10)
    assert move is not None and model.cursor_line >= min(line + 6, text_lines(model)[-1])
    model.bottom()
    assert model.page(1, height, before=10, after=10, row=0) is not None
    assert model.cursor_line == text_lines(model)[-1]


@given(st.integers(min_value=0, max_value=len(HARBOUR)),
       st.integers(min_value=2 * SCROLL_OFF + 1, max_value=30),
       st.integers(min_value=0, max_value=60))
@DETERMINISTIC
def test_scroll_for_cursor_keeps_it_off_the_edges(at: int, height: int, top: int) -> None:
    model = model_of(at=at)
    target = model.scroll_for_cursor(top, height)
    first = top if target is None else target
    line = model.cursor_line
    assert line - first >= min(SCROLL_OFF, line)  # rows above (fewer only at the very top)
    assert first + height - 1 - line >= SCROLL_OFF  # rows below
    centred = model.scroll_for_cursor(top, height, center=True)
    assert centred == max(line - height // 3, 0)


@given(st.integers(min_value=0, max_value=len(HARBOUR)),
       st.integers(min_value=2 * SCROLL_OFF + 1, max_value=20),
       st.integers(min_value=0, max_value=40))
@DETERMINISTIC
def test_follow_scroll_keeps_the_cursor_on_screen(at: int, height: int, top: int) -> None:
    model = model_of(at=at)
    top = min(top, max(len(model.lines) - height, 0))
    before = model.cursor_line
    moved = model.follow_scroll(top, height)
    line = model.cursor_line
    assert moved == (line != before)
    assert line in text_lines(model)
    window = range(top + SCROLL_OFF, top + height - SCROLL_OFF)
    if any(i in window for i in text_lines(model)):
        assert top <= line < top + height
    if top <= before < top + height and moved:
        assert top <= line < top + height


def test_drag_selects_from_press_to_release_inclusive_either_way() -> None:
    model = model_of(body="One two three.\n", header=False)
    assert model.press(4)
    assert model.drag_to(4) is None  # no movement yet
    model.drag_to(6)
    move, dragged = model.release(6)
    assert dragged and model.selection == (4, 7) and model.drag_from is None
    assert move is not None
    model.click(0)
    assert model.selection is None
    model.press(6)
    model.drag_to(2)
    assert model.selection == (2, 7)
    assert not model.press(None)


def test_offset_at_maps_columns_to_source_offsets() -> None:
    model = model_of()
    width = 100
    left = model.text_left(width)
    line_no = next(i for i, line in enumerate(model.lines) if line.text.startswith("The harbour"))
    line = model.lines[line_no]
    assert model.offset_at(left, line_no, width) == line.offsets[0]
    assert model.offset_at(left + 4, line_no, width) == line.offsets[4]
    assert model.offset_at(0, line_no, width) == line.offsets[0]  # left of the text
    assert model.offset_at(left, -1, width) is None  # above every text line


def test_highlights_give_marks_note_markers_and_the_one_under_the_cursor() -> None:
    model = model_of()
    long = highlight("long", 10, 60)
    short = highlight("short", 20, 30, note="see this", color="green")
    orphan = highlight("gone", None, None)
    model.set_highlights([long, short, orphan])
    assert model.marks == [(10, 20, "hl-yellow"), (20, 30, "hl-green"), (30, 60, "hl-yellow")]
    assert model.has_note_marker(15, 25) and not model.has_note_marker(31, 70)
    model.move_to(25)
    assert model.highlight_under_cursor() is short
    model.move_to(50)
    assert model.highlight_under_cursor() is long
    model.move_to(0)
    assert model.highlight(1) is not None and model.position == 10
    assert model.highlight(1) is not None and model.position == 20
    assert model.highlight(1) is None
