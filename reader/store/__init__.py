"""The readmark library: the only package that speaks SQL.

Use ``Library``; records live in ``reader.store.models``.
"""

from reader.store.errors import Ambiguous, NotFound, StoreError
from reader.store.library import Library
from reader.store.search import SNIPPET_END, SNIPPET_START

__all__ = ["SNIPPET_END", "SNIPPET_START", "Ambiguous", "Library", "NotFound", "StoreError"]
