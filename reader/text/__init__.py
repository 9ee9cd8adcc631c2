"""The article text engine: document model, sentences, quotes and attribution.

Pure Python (stdlib + Pygments); nothing here imports Textual.

Pipeline (``analyze``): ``document`` parses blocks and inline runs with source offsets
(``inline`` maps every display character back to the body); ``quotes`` finds quotation
spans on a masked copy of the body (markup blanked, same length); ``builder`` attributes
each span using ``attribution`` (cue patterns from ``cues``) and ``resolve`` (names,
pronouns, roles, kin), backed by ``entities``/``references`` (name mentions, canonical
forms, gender, antecedents). ``lexer``, ``style`` and ``terminal`` present the result;
``terminal`` wraps with ``wrap`` by terminal cells (``cells``: widths, control stripping).
Plain-text bodies are split into blocks by ``plain`` (line helpers in ``slices``).
"""

from reader.text.analysis import analyze, clear_cache, find_quotes, speakers_index
from reader.text.document import parse_document
from reader.text.model import Analysis, Block, Document, Inline, Quote, Speaker
from reader.text.sentences import sentences

__all__ = [
    "Analysis",
    "Block",
    "Document",
    "Inline",
    "Quote",
    "Speaker",
    "analyze",
    "clear_cache",
    "find_quotes",
    "parse_document",
    "sentences",
    "speakers_index",
]
