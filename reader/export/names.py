"""File names for exports: slugs from titles that never leave the export folder.

A name is the title slugified (lower case, letters and digits of any script, runs of anything
else as one ``-``), at most :data:`MAX_STEM` characters, never empty (``untitled``) and never
a Windows device name (``con`` becomes ``con-article``). When the name is taken by another
file the article id is added (``title-1a2b3c4d.md``), which keeps names stable whatever order
articles are exported in.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from reader.safe_text import for_terminal

MAX_STEM = 80
MAX_STEM_BYTES = 200  # most file systems allow 255 bytes per name
SUFFIX = ".md"
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{dev}{i}" for dev in ("com", "lpt") for i in range(10)]
)
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)


def slugify(title: str) -> str:
    """Return the file-name stem for ``title``: safe on every platform, never empty."""
    text = unicodedata.normalize("NFKC", for_terminal(title)).lower()
    stem = _SEPARATORS.sub("-", text).strip("-")[:MAX_STEM].strip("-")
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1].rstrip("-")
    if not stem:
        return "untitled"
    if stem in _RESERVED:
        return f"{stem}-article"
    return stem


def choose_path(directory: Path, title: str, article_id: str, taken: set[str]) -> Path:
    """Return a new file path in ``directory`` for an article, and mark its name taken.

    Args:
        directory: The export folder.
        title: The article's title.
        article_id: Its readmark id (added to the name on a collision).
        taken: Case-folded names already used in the folder (updated here).
    """
    stem = slugify(title)
    candidates = [stem, f"{stem}-{article_id[:8]}"]
    n = 2
    while True:
        for candidate in candidates:
            name = candidate + SUFFIX
            path = directory / name
            if name.casefold() not in taken and not path.exists():
                taken.add(name.casefold())
                return inside(directory, path)
        candidates = [f"{stem}-{article_id[:8]}-{n}"]
        n += 1


def inside(directory: Path, path: Path) -> Path:
    """Return ``path`` if it lies directly in ``directory``; raise ``ValueError`` otherwise."""
    if path.resolve().parent != directory.resolve():
        raise ValueError(f"{path}: not inside the export folder {directory}")
    return path
