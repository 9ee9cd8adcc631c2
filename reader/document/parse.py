"""Block-level parsing of article bodies into a :class:`Document` with source offsets.

A deliberately small Markdown subset: ATX and setext headings, paragraphs, bullet and
numbered list items (with nesting), block quotes, horizontal rules, fenced and indented
code. Plain-text bodies are split into paragraphs at blank lines; a short headline,
byline or dateline at the top keeps its own lines. Parsing never raises.
"""

from __future__ import annotations

import re

from reader.document.gc_pause import paused_gc
from reader.document.inline import Content, parse_inlines
from reader.document.model import Block, Document, Inline
from reader.document.plain import text_blocks
from reader.document.slices import Line, split_lines, strip_slices, with_newlines

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)[ \t]*")
_HEADING_TAIL = re.compile(r"[ \t]+#+[ \t]*$|[ \t]+$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_QUOTE_PREFIX = re.compile(r"^(?:[ ]{0,3}>[ ]?)+")
_LIST = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_BULLETS = ("•", "◦", "▪")
_BYLINE = re.compile(r"^\s*(?:—|–|--|-)\s*\S")  # "— Jane Doe" under a block quote

class _BlockParser:
    def __init__(self, body: str) -> None:
        self.src = body
        self.lines = split_lines(body)
        self.blocks: list[Block] = []
        self.list_indents: list[int] = []

    def text(self, k: int) -> str:
        s, e = self.lines[k]
        return self.src[s:e]

    def blank(self, k: int) -> bool:
        return not self.text(k).strip()

    def starts_block(self, t: str) -> bool:
        return bool(
            _FENCE.match(t)
            or _HEADING.match(t)
            or _RULE.match(t)
            or _QUOTE_PREFIX.match(t)
            or _LIST.match(t)
        )

    def inlines(self, slices: list[Line]) -> tuple[Inline, ...]:
        return parse_inlines(Content.from_slices(self.src, with_newlines(slices)), True)

    def parse(self) -> list[Block]:
        k = 0
        n = len(self.lines)
        while k < n:
            if self.blank(k):
                k += 1
                continue
            t = self.text(k)
            if _FENCE.match(t):
                k = self.fence(k)
            elif t.startswith(("    ", "\t")) and not self.list_indents:
                k = self.indented_code(k)
            elif _HEADING.match(t):
                k = self.heading(k)
            elif _RULE.match(t):
                s, e = self.lines[k]
                self.blocks.append(Block("rule", s, e))
                self.list_indents = []
                k += 1
            elif _QUOTE_PREFIX.match(t):
                k = self.block_quote(k)
            elif _LIST.match(t):
                k = self.list_item(k)
            else:
                k = self.paragraph(k)
        return self.blocks

    def fence(self, k: int) -> int:
        m = _FENCE.match(self.text(k))
        assert m is not None
        tick, lang = m.group(2), m.group(3)
        end = len(self.lines)
        j = k + 1
        while j < len(self.lines):
            t = self.text(j).strip()
            if t.startswith(tick[0] * len(tick)) and not t.strip(tick[0]):
                end = j
                break
            j += 1
        body_lines = self.lines[k + 1 : end]
        last = self.lines[min(end, len(self.lines) - 1)]
        inl = self.code_inlines(body_lines)
        self.blocks.append(Block("code", self.lines[k][0], last[1], inl, lang=lang))
        self.list_indents = []
        return end + 1

    def code_inlines(self, lines: list[Line]) -> tuple[Inline, ...]:
        if not lines:
            return ()
        s, e = lines[0][0], lines[-1][1]
        text = self.src[s:e]
        if not text:
            return ()
        return (Inline(text, s, e, frozenset({"code"}), None, ((0, len(text), s, e),)),)

    def indented_code(self, k: int) -> int:
        j = k
        last = k
        while j < len(self.lines):
            t = self.text(j)
            if t.strip() and not t.startswith(("    ", "\t")):
                break
            if t.strip():
                last = j
            j += 1
        lines = [(s + min(4, _indent_width(self.src[s:e])), e) for s, e in self.lines[k : last + 1]]
        lines = [(min(s, e), e) for s, e in lines]
        s0, e0 = self.lines[k][0], self.lines[last][1]
        self.blocks.append(Block("code", s0, e0, self.code_inlines(lines)))
        return last + 1

    def heading(self, k: int) -> int:
        s, e = self.lines[k]
        t = self.src[s:e]
        m = _HEADING.match(t)
        assert m is not None
        cs = s + m.end()
        tail = _HEADING_TAIL.search(t, m.end())
        ce = s + tail.start() if tail else e
        self.blocks.append(
            Block("heading", s, e, self.inlines([(cs, max(cs, ce))]), len(m.group(1)))
        )
        self.list_indents = []
        return k + 1

    def block_quote(self, k: int) -> int:
        slices: list[Line] = []
        depth = 0
        start = self.lines[k][0]
        end = start
        j = k
        while j < len(self.lines):
            s, e = self.lines[j]
            t = self.src[s:e]
            m = _QUOTE_PREFIX.match(t)
            if m is None:
                if slices and t.strip() and not self.starts_block(t) and not _BYLINE.match(t):
                    slices.append((s, e))  # lazy continuation
                    end = e
                    j += 1
                    continue
                break
            if not depth:
                depth = m.group(0).count(">")
            if not t[m.end() :].strip():
                if slices:
                    break
                j += 1
                start = self.lines[j][0] if j < len(self.lines) else e
                continue
            slices.append((s + m.end(), e))
            end = e
            j += 1
        if slices:
            self.blocks.append(Block("block_quote", start, end, self.inlines(slices), depth))
        self.list_indents = []
        return max(j, k + 1)

    def list_item(self, k: int) -> int:
        s, e = self.lines[k]
        t = self.src[s:e]
        m = _LIST.match(t)
        assert m is not None
        indent = _indent_width(m.group(1))
        while self.list_indents and indent < self.list_indents[-1]:
            self.list_indents.pop()
        if not self.list_indents or indent > self.list_indents[-1] + 1:
            self.list_indents.append(indent)
        level = len(self.list_indents) - 1
        raw = m.group(2)
        marker = raw if raw[0].isdigit() else _BULLETS[level % len(_BULLETS)]
        slices = [(s + m.end(), e)]
        j = k + 1
        while j < len(self.lines) and not self.blank(j) and not self.starts_block(self.text(j)):
            ls, le = self.lines[j]
            lt = self.src[ls:le]
            slices.append((ls + len(lt) - len(lt.lstrip()), le))
            j += 1
        end = self.lines[j - 1][1]
        self.blocks.append(Block("list_item", s, end, self.inlines(slices), level, marker))
        # a following blank line + unindented paragraph ends the list
        if j < len(self.lines) and self.blank(j):
            nxt = j
            while nxt < len(self.lines) and self.blank(nxt):
                nxt += 1
            if (
                nxt < len(self.lines)
                and not self.text(nxt).startswith((" ", "\t"))
                and not _LIST.match(self.text(nxt))
            ):
                self.list_indents = []
        return j

    def paragraph(self, k: int) -> int:
        slices: list[Line] = []
        j = k
        while j < len(self.lines):
            if self.blank(j):
                break
            t = self.text(j)
            if slices:
                m = _SETEXT.match(t)
                if m:
                    level = 1 if m.group(1)[0] == "=" else 2
                    s0 = self.lines[k][0]
                    inl = self.inlines(strip_slices(self.src, slices))
                    self.blocks.append(Block("heading", s0, self.lines[j][1], inl, level))
                    self.list_indents = []
                    return j + 1
                if self.starts_block(t) and not t.startswith(("    ", "\t")):
                    break
            s, e = self.lines[j]
            slices.append((s, e))
            j += 1
        s0, e0 = slices[0][0], slices[-1][1]
        inl = self.inlines(strip_slices(self.src, slices))
        self.blocks.append(Block("paragraph", s0, e0, inl))
        if not self.text(k).startswith((" ", "\t")):
            self.list_indents = []
        return j


def _indent_width(s: str) -> int:
    w = 0
    for ch in s:
        if ch == " ":
            w += 1
        elif ch == "\t":
            w += 4 - w % 4
        else:
            break
    return w


def parse_document(body: str, body_format: str = "markdown") -> Document:
    """Parse an article body into blocks and inline runs.

    Args:
        body: The stored body (Markdown or plain text), without front matter.
        body_format: ``"markdown"`` or ``"text"``.

    Returns:
        The document; every block and inline carries source offsets into ``body``.
    """
    with paused_gc():
        blocks = _BlockParser(body).parse() if body_format == "markdown" else text_blocks(body)
    return Document(body, tuple(blocks))
