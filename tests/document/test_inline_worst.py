"""Pathological inline Markdown: same result as the bounded scans it replaced, any size."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.document import inline
from reader.document.model import Inline, make_inline
from reader.document.parse import parse_document
from reader.document.slices import with_newlines


class _ScanningParser(inline._InlineParser):
    """Reference: the earlier parser, which rescanned the text for every opener."""

    def match(self, i: int, hi: int, open_: str) -> int:
        close = inline._CLOSER[open_]
        depth = 0
        c = self.c
        for k in range(i, min(hi, i + inline._MAX_SEARCH)):
            ch = c[k]
            if ch == "\\":
                continue
            if ch == open_:
                depth += 1
            elif ch == close:
                depth -= 1
                if depth == 0:
                    return k
            elif ch == "\n" and k + 1 < hi and c[k + 1] == "\n":
                return -1
        return -1

    def closer(self, ch: str, i: int, n: int, hi: int) -> int:
        c = self.c
        j = i + n + 1
        limit = min(hi, i + n + inline._MAX_SEARCH)
        while j < limit:
            j = c.find(ch, j, limit)
            if j < 0:
                break
            run = 1
            while j + run < hi and c[j + run] == ch:
                run += 1
            after = c[j + run] if j + run < hi else " "
            if not c[j - 1].isspace() and not (ch == "_" and after.isalnum()) and run >= n:
                return j
            j += run
        return -1


def _pieces(parser_cls: type[inline._InlineParser], text: str) -> list[inline.Piece]:
    p = parser_cls(text, True)
    p.run(0, len(text), frozenset(), None)
    return p.out


def _units(size: int) -> list[str]:
    units = ["[", "[a](", "*a_", "*a ", "_a ", "**a *", "[[a](", "`a``", "[a]((", "](["]
    return [(u * (size // len(u) + 1))[:size] for u in units]


@pytest.mark.parametrize("text", _units(3000))
def test_repeated_openers_match_the_scanning_reference(text: str) -> None:
    assert _pieces(inline._InlineParser, text) == _pieces(_ScanningParser, text)


@given(st.text(alphabet="[]()*_`\\\n ab!", max_size=80))
def test_any_markup_matches_the_scanning_reference(text: str) -> None:
    assert _pieces(inline._InlineParser, text) == _pieces(_ScanningParser, text)


@given(st.text(alphabet="[]()*_a \n", max_size=60))
def test_search_window_is_honoured(text: str) -> None:
    saved = inline._MAX_SEARCH
    inline._MAX_SEARCH = 7  # the window is part of the answer: a tiny one makes it show
    try:
        assert _pieces(inline._InlineParser, text) == _pieces(_ScanningParser, text)
    finally:
        inline._MAX_SEARCH = saved


def test_large_pathological_paragraphs_parse_sanely() -> None:
    body = "[" * 200_000
    doc = parse_document(body)
    assert "".join(i.text for b in doc.blocks for i in b.inlines) == body
    links = parse_document("[a](" * 50_000).blocks[0].inlines
    assert all("link" not in i.styles for i in links)
    em = parse_document("*a_" * 50_000).blocks[0].inlines
    assert sum("em" in i.styles for i in em) == 25_000


class _OneByOne(inline._InlineParser):
    """Reference: each special character handled on its own, each piece of text kept apart."""

    def literal(self, i: int, hi: int, styles: frozenset[str]) -> int:
        return i

    def verbatim(self, lo: int, hi: int, styles: frozenset[str], href: str | None) -> None:
        self.out.append((self.c[lo:hi], lo, hi, styles, href))


def _runs(parser_cls: type[inline._InlineParser], content: inline.Content, markdown: bool) -> list:
    hi = len(content.text.rstrip("\r\n"))
    p = parser_cls(content.text, markdown, frozenset(content.starts))
    p.run(0, hi, frozenset(), None)
    return [(r.text, r.start, r.end, r.styles, r.href, r.segments)
            for r in inline._group(p.out, content)]


_LINE = st.text(alphabet="[]()*_`\\ ab!-&<>\r", max_size=30)


@given(st.lists(st.tuples(st.sampled_from(["", "> ", "  ", "- "]), _LINE), min_size=1,
                max_size=5), st.booleans())
def test_merged_pieces_give_the_same_runs_as_one_piece_per_character(
    lines: list[tuple[str, str]], markdown: bool
) -> None:
    source, slices = "", []
    for prefix, text in lines:
        start = len(source) + len(prefix)
        source += prefix + text + "\n"
        slices.append((start, start + len(text)))
    content = inline.Content.from_slices(source, with_newlines(slices))
    want = _runs(_OneByOne, content, markdown)
    assert _runs(inline._InlineParser, content, markdown) == want
    got = inline.parse_inlines(content, markdown)
    assert [(r.text, r.start, r.end, r.styles, r.href, r.segments) for r in got] == want


@pytest.mark.parametrize("text", _units(3000))
def test_repeated_openers_make_the_same_runs_as_one_piece_per_character(text: str) -> None:
    content = inline.Content.from_slices(text, [(0, len(text))])
    assert _runs(inline._InlineParser, content, True) == _runs(_OneByOne, content, True)


def test_unclosed_brackets_and_intraword_underscores_stay_one_run() -> None:
    runs = parse_document("a [[[ b_c_d - e\nf [g] [h](i) *j*").blocks[0].inlines
    assert [(r.text, r.styles) for r in runs] == [
        ("a [[[ b_c_d - e f [g] ", frozenset()),
        ("h", frozenset({"link"})),
        (" ", frozenset()),
        ("j", frozenset({"em"})),
    ]
    assert runs[0].segments == ((0, 22, 0, 22),)


def test_make_inline_is_the_same_frozen_inline() -> None:
    segs = ((0, 2, 5, 7), (2, 3, 7, 10))
    made = make_inline("ab—", 5, 10, frozenset({"em"}), "https://example.org/", segs)
    built = Inline("ab—", 5, 10, frozenset({"em"}), "https://example.org/", segs)
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert vars(made) == vars(built)
    assert made.source_offset(2) == built.source_offset(2) == 7
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "changed"  # type: ignore[misc]
