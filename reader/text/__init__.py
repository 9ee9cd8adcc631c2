"""The article text engine: document model, sentences, quotes and attribution.

Pure Python (stdlib + Pygments); nothing here imports Textual.
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
