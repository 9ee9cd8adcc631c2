"""Sync: merging library files (``merge``), sync folders (``folder``), conflict copies
(``conflicts``) and the git merge driver (``driver``). The SQL lives in ``reader.store``."""
