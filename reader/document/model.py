"""Immutable records of a parsed article body: documents, blocks and inline runs.

Every record keeps source offsets into the stored article body, so anything shown on
screen can be mapped back to the exact characters it came from.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

# One segment of an inline's offset map: (display_start, display_end, source_start, source_end).
# A segment whose display and source lengths are equal maps character for character; any
# other segment is a replacement (e.g. ``---`` shown as ``—``) and maps as a unit.
Segment = tuple[int, int, int, int]


@dataclass(frozen=True)
class Inline:
    """A run of displayed text sharing one set of styles.

    Attributes:
        text: Display text (dashes replaced, Markdown markup removed).
        start: Source offset of the first displayed character.
        end: Source offset just after the source of the last displayed character.
        styles: Subset of ``{"em", "strong", "code", "link"}``.
        href: Link target when ``"link"`` is among the styles.
    """

    text: str
    start: int
    end: int
    styles: frozenset[str] = frozenset()
    href: str | None = None
    segments: tuple[Segment, ...] = field(default=(), repr=False, compare=False)

    def source_offset(self, i: int) -> int:
        """Map a display index to a source offset.

        Args:
            i: Display index, ``0 <= i <= len(text)``; values outside are clamped.

        Returns:
            The source offset of display character ``i`` (``end`` for ``len(text)``).
        """
        if i <= 0 or not self.segments:
            return self.start if i <= 0 or not self.text else self.end
        if i >= len(self.text):
            return self.end
        k = bisect_right(self.segments, (i, 1 << 62)) - 1
        d0, d1, s0, s1 = self.segments[k]
        if d1 - d0 == s1 - s0:
            return s0 + (i - d0)
        return s0 if i == d0 else s1

    def display_index(self, offset: int) -> int:
        """Map a source offset back to a display index (the inverse of ``source_offset``).

        Args:
            offset: A source offset; offsets outside ``[start, end]`` are clamped.

        Returns:
            The display index of the character whose source contains ``offset``.
        """
        if offset <= self.start or not self.segments:
            return 0 if offset <= self.start else len(self.text)
        if offset >= self.end:
            return len(self.text)
        for d0, d1, s0, s1 in self.segments:
            if offset < s1:
                if offset <= s0:
                    return d0
                if d1 - d0 == s1 - s0:
                    return d0 + (offset - s0)
                return d0
        return len(self.text)


_new_object = object.__new__


def make_inline(
    text: str,
    start: int,
    end: int,
    styles: frozenset[str],
    href: str | None,
    segments: tuple[Segment, ...],
) -> Inline:
    """An :class:`Inline` with every field given, made without the frozen ``__init__``.

    The same object as ``Inline(text, start, end, styles, href, segments)``; the frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__``, which is most
    of the cost when a long paragraph of markup makes hundreds of thousands of runs.
    """
    run = _new_object(Inline)
    vars(run).update(text=text, start=start, end=end, styles=styles, href=href,
                     segments=segments)
    return run


@dataclass(frozen=True)
class Block:
    """One block of a document.

    Attributes:
        kind: ``"heading"``, ``"paragraph"``, ``"list_item"``, ``"block_quote"``,
            ``"rule"`` or ``"code"``.
        start: Source offset of the block's first character (markup included).
        end: Source offset just after the block's last character.
        inlines: Display runs, in order.
        level: Heading level, list nesting (0 = top) or block-quote depth.
        marker: List bullet or number as displayed (``"•"``, ``"1."``).
        lang: Info string of a fenced code block.
    """

    kind: str
    start: int
    end: int
    inlines: tuple[Inline, ...] = ()
    level: int = 0
    marker: str = ""
    lang: str = ""

    @property
    def text(self) -> str:
        """The block's display text."""
        return "".join(i.text for i in self.inlines)


@dataclass(frozen=True)
class Document:
    """A parsed article body.

    Attributes:
        source: The body exactly as stored.
        blocks: Blocks in source order.
    """

    source: str
    blocks: tuple[Block, ...]
