"""Document model: blocks, inline styles, offsets and typographic dashes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.document import Document, parse_document

BODY = """# Harbor vote

The board met *Tuesday* and **approved** the plan --- narrowly. See [the memo](
https://example.org/m "t").

- first item with `code --x`
  continued line
    - nested item
1. numbered

> A quoted line
> and its lazy continuation

---

```python
x = "not a quote"
```

Pages 10--12 cover it.
"""


def kinds(doc: Document) -> list[tuple[str, int]]:
    return [(b.kind, b.level) for b in doc.blocks]


def test_blocks_and_levels() -> None:
    doc = parse_document(BODY)
    assert kinds(doc) == [
        ("heading", 1),
        ("paragraph", 0),
        ("list_item", 0),
        ("list_item", 1),
        ("list_item", 0),
        ("block_quote", 1),
        ("rule", 0),
        ("code", 0),
        ("paragraph", 0),
    ]
    assert doc.blocks[0].text == "Harbor vote"
    assert doc.blocks[2].marker == "•" and doc.blocks[3].marker == "◦"
    assert doc.blocks[4].marker == "1."
    assert doc.blocks[7].lang == "python"
    assert doc.blocks[7].text == 'x = "not a quote"'


def test_inline_styles_links_and_dashes() -> None:
    doc = parse_document(BODY)
    para = doc.blocks[1]
    assert para.text == "The board met Tuesday and approved the plan — narrowly. See the memo."
    styled = {i.text: (i.styles, i.href) for i in para.inlines if i.styles}
    assert styled["Tuesday"] == (frozenset({"em"}), None)
    assert styled["approved"] == (frozenset({"strong"}), None)
    assert styled["the memo"] == (frozenset({"link"}), "https://example.org/m")
    assert doc.blocks[-1].text == "Pages 10–12 cover it."
    item = doc.blocks[2]
    code = [i for i in item.inlines if "code" in i.styles]
    assert [i.text for i in code] == ["code --x"]  # no dash replacement inside code
    assert item.text == "first item with code --x continued line"


def test_block_quote_text_and_offsets() -> None:
    doc = parse_document(BODY)
    bq = doc.blocks[5]
    assert bq.text == "A quoted line and its lazy continuation"
    assert BODY[bq.start : bq.end].startswith("> A quoted line")


def test_plain_text_format_ignores_markup() -> None:
    body = "First *para* -- one.\nsame para\n\n# not a heading"
    doc = parse_document(body, "text")
    assert kinds(doc) == [("paragraph", 0), ("paragraph", 0)]
    assert doc.blocks[0].text == "First *para* – one. same para"
    assert doc.blocks[1].text == "# not a heading"


def test_setext_heading_and_escapes() -> None:
    doc = parse_document("Title here\n==========\n\nA \\*literal\\* star and snake_case_name.")
    assert kinds(doc) == [("heading", 1), ("paragraph", 0)]
    assert doc.blocks[1].text == "A *literal* star and snake_case_name."


def check_offsets(body: str, fmt: str) -> None:
    doc = parse_document(body, fmt)
    last_block_end = 0
    for b in doc.blocks:
        assert 0 <= b.start <= b.end <= len(body)
        assert b.start >= last_block_end
        last_block_end = b.end
        prev = b.start
        for inl in b.inlines:
            assert b.start <= inl.start <= inl.end <= b.end
            assert inl.start >= prev
            prev = inl.end
            mapped = [inl.source_offset(i) for i in range(len(inl.text) + 1)]
            assert mapped == sorted(mapped), "display→source must be monotonic"
            assert mapped[0] == inl.start and mapped[-1] == inl.end
            for i, ch in enumerate(inl.text):
                s = inl.source_offset(i)
                e = inl.source_offset(i + 1)
                src = body[s:e]
                if ch in "—–":
                    assert src in ("---", "--", ch)
                elif ch == " " and ("\n" in src or "\r" in src):
                    pass  # soft line break shown as a space
                else:
                    assert ch in src, (ch, src)
                assert inl.display_index(s) == i or src in ("---", "--")


def test_offsets_map_back_to_source() -> None:
    check_offsets(BODY, "markdown")
    check_offsets("A -- b --- c\n\nnext *x* para", "text")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab *_`[]()#>-=\n\\!\"'“”1. \t:")), max_size=120))
def test_parser_never_crashes_and_offsets_hold(body: str) -> None:
    check_offsets(body, "markdown")
    check_offsets(body, "text")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_parser_never_crashes_on_any_unicode(body: str) -> None:
    parse_document(body, "markdown")
    parse_document(body, "text")


def test_plain_text_long_lines_are_paragraphs() -> None:
    line = "x" * 120
    doc = parse_document(f"{line}\n{line}\n\n{line}", "text")
    assert [b.kind for b in doc.blocks] == ["paragraph"] * 3
    wrapped = parse_document("short line one\nshort line two\n\nnext", "text")
    assert [b.text for b in wrapped.blocks] == ["short line one short line two", "next"]


def test_plain_text_header_lines_stay_separate() -> None:
    """A wrapped plain-text brief keeps its headline, byline and dateline as separate blocks."""
    prose = (
        "BRANTFORD -- The City Council approved a $212 million operating budget for\n"
        "2027 on Monday night by a 6-3 vote, closing a $7.4 million gap in part by\n"
        "cutting Sunday hours at two branch libraries."
    )
    head = "Council passes $212M budget, trims library hours to fund police overtime\n"
    body = head + "By Priya Castellanos\nNov. 18, 2026\n\n" + prose
    texts = [b.text for b in parse_document(body, "text").blocks]
    assert texts[:3] == [head.strip(), "By Priya Castellanos", "Nov. 18, 2026"]
    assert texts[3].startswith("BRANTFORD") and texts[3].endswith("libraries.")
    # wrapped prose with no short line before its last stays one paragraph
    assert len(parse_document(prose, "text").blocks) == 1
