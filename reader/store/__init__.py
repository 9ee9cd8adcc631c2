"""Persistence: the only package that speaks SQL (and imports sqlite3 or sqlite-utils).

``db`` opens the file and runs transactions and migrations; one module per entity
(``articles``, ``highlights``, ``notes``, ``notebook``, ``search``, ``merge``) holds its SQL;
``records`` holds the dataclasses the layers above see. Those layers reach all of it through
the library service, ``reader.library``.
"""

from reader.store.errors import Ambiguous, NotFound, StoreError

__all__ = ["Ambiguous", "NotFound", "StoreError"]
