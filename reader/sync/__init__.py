"""Sync: sync folders (``folder``), conflict copies (``conflicts``) and the git merge driver
(``driver``). Merging one file into another is the library service's
(``reader.library.merging``)."""
