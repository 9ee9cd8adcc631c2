"""The library service: the one facade over the store for every layer above it.

``Library`` opens a library file and offers every action (reading, importing, highlights,
notes, the Notebook); ``importing`` imports batches of files; ``merging`` checks, backs up and
merges another library file. Records and errors are re-exported here, so the commands, the
reader, export and sync never import ``reader.store``.
"""

from reader.library.service import Library
from reader.store.clock import Clock
from reader.store.errors import Ambiguous, NotFound, StoreError
from reader.store.records import (
    COLORS,
    SORT_ORDERS,
    STATES,
    ArticleNote,
    ArticleSummary,
    Highlight,
    ImportOutcome,
    ListQuery,
    MergeReport,
    NotebookQuery,
    NoteRevision,
    SearchHit,
    SortOrder,
    StoredArticle,
    stamp_time,
)
from reader.store.replica import read_file_replica
from reader.store.search import SNIPPET_END, SNIPPET_START, SearchCancelled
from reader.store.sortkeys import fold

__all__ = [
    "COLORS",
    "SNIPPET_END",
    "SNIPPET_START",
    "SORT_ORDERS",
    "STATES",
    "Ambiguous",
    "ArticleNote",
    "ArticleSummary",
    "Clock",
    "Highlight",
    "ImportOutcome",
    "Library",
    "ListQuery",
    "MergeReport",
    "NotFound",
    "NoteRevision",
    "NotebookQuery",
    "SearchCancelled",
    "SearchHit",
    "SortOrder",
    "StoreError",
    "StoredArticle",
    "fold",
    "read_file_replica",
    "stamp_time",
]
