"""Article documents: blocks and inline runs with source offsets, and terminal layout.

Pure Python (stdlib + Pygments token types); imports nothing else from ``reader``.
``parse`` parses Markdown bodies into blocks (``inline`` maps every display character
back to the body; plain-text bodies are split by ``plain``, line helpers in ``slices``).
``wrap`` wraps styled runs by terminal cells (``cells``: widths, break points);
``tokens`` and ``style`` are the Pygments token types and colours of an article.
"""

from reader.document.model import Block, Document, Inline
from reader.document.parse import parse_document

__all__ = ["Block", "Document", "Inline", "parse_document"]
