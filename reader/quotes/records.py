"""Immutable records of quote analysis: quotes, speakers and the analysis of one body.

Quote offsets are source offsets into the stored article body, like the document records.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.document.model import Document


@dataclass(frozen=True)
class Quote:
    """One quotation in an article.

    Attributes:
        start: Source offset of the opening mark (or of the block for block quotes).
        end: Source offset just after the closing mark.
        text: The words inside the marks; paragraphs joined by a blank line.
        speaker: Canonical speaker name, or ``None`` if unattributed.
        cue: The attributing phrase (``"said"``, ``"told Rolling Stone"``, ...).
        kind: ``"speech"``, ``"scare"``, ``"title"`` or ``"term"``.
        depth: 0 for an outer quote, 1 for a quote nested in another, ...
    """

    start: int
    end: int
    text: str
    speaker: str | None = None
    cue: str | None = None
    kind: str = "speech"
    depth: int = 0

    def to_json(self) -> dict[str, object]:
        """Return the JSON-ready form used by ``readmark quotes --json``."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "cue": self.cue,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Speaker:
    """A speaker and the quotes attributed to them.

    Attributes:
        name: Canonical name.
        quotes: Their quotes in order of appearance.
    """

    name: str
    quotes: tuple[Quote, ...]

    @property
    def count(self) -> int:
        """Number of quotes attributed to this speaker."""
        return len(self.quotes)


@dataclass(frozen=True)
class Analysis:
    """Everything the text engine knows about one body.

    Attributes:
        document: The parsed document.
        quotes: Quotes in order of start offset.
        sentences: Sentence spans as ``(start, end)`` source offsets.
        speakers: Speakers, most quoted first.
    """

    document: Document
    quotes: tuple[Quote, ...]
    sentences: tuple[tuple[int, int], ...]
    speakers: tuple[Speaker, ...]
