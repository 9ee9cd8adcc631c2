"""Pathological inline Markdown: same result as the bounded scans it replaced, any size."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.document import inline
from reader.document.parse import parse_document


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
