"""Quotes: sentences, quotation spans, attribution to speakers, and quote-aware rendering.

Pure Python (stdlib + Pygments); nothing here imports Textual. Builds on
:mod:`reader.document` (parsed blocks with source offsets); never imported by it.

Pipeline (``analyze``): :func:`reader.document.parse_document` parses the body; ``spans``
finds quotation spans on a masked copy of the body (markup blanked, same length);
``builder`` attributes each span with an ordered table of named rules
(``ATTRIBUTION_RULES``) using ``attribution`` (cue patterns from ``cues``) and ``resolve``
(``WHO_RULES``: who a subject phrase means), backed by ``pronouns`` (the one place pronouns
are resolved), ``references`` (role holders, organisations, kin), ``entities`` (name
mentions, canonical forms, gender) and ``person_names`` (what a name looks like).
``lexer`` (the Pygments ``article`` lexer) and ``terminal`` (``readmark show``) present the
result using the document package's ``style``, ``tokens`` and ``wrap``.
"""

from reader.quotes.analysis import analyze, clear_cache, find_quotes, speakers_index
from reader.quotes.records import Analysis, Quote, Speaker
from reader.quotes.sentences import sentences

__all__ = [
    "Analysis",
    "Quote",
    "Speaker",
    "analyze",
    "clear_cache",
    "find_quotes",
    "sentences",
    "speakers_index",
]
