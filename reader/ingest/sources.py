"""Expanding import arguments (files, directories, globs, ``-``) into sources to read."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.ingest.reader import FORMATS

STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One thing to import: a file path, ``-`` for stdin, or a problem found while expanding.

    Attributes:
        name: What to call it in messages (the path as the user will recognise it).
        path: The file, or ``None`` for stdin and for errors.
        error: Why this argument yields nothing to import, if so.
    """

    name: str
    path: Path | None = None
    error: str | None = None


def _walk(root: Path) -> Iterator[Source]:
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=None):
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            yield Source(dirpath, error=exc.strerror or str(exc))
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield Source(dirpath, error="symlink loop; directory already visited")
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            path = Path(dirpath) / filename
            if path.suffix.lower() in FORMATS:
                yield Source(str(path), path)


def expand(args: list[str]) -> Iterator[Source]:
    """Yield a ``Source`` for every file named by ``args``, in order, each once.

    Directories are searched recursively for ``.md``, ``.markdown`` and ``.txt`` files
    (hidden files skipped, symlink loops detected); an argument that does not exist is
    tried as a glob pattern; ``-`` is standard input.
    """
    yielded: set[str] = set()
    for arg in args:
        if arg == STDIN:
            yield Source("<stdin>")
            continue
        path = Path(arg).expanduser()
        candidates: list[Source]
        if path.is_dir():
            candidates = list(_walk(path))
        elif path.exists() or path.is_symlink():
            candidates = [Source(arg, path)]
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(os.path.expanduser(arg), recursive=True))
            candidates = []
            for match in matches:
                mpath = Path(match)
                if mpath.is_dir():
                    candidates.extend(_walk(mpath))
                elif mpath.suffix.lower() in FORMATS:
                    candidates.append(Source(match, mpath))
            if not candidates:
                candidates = [Source(arg, error="no files match this pattern")]
        else:
            candidates = [Source(arg, error="no such file or directory")]
        for source in candidates:
            key = os.path.realpath(source.path) if source.path and not source.error else source.name
            if source.error or key not in yielded:
                yielded.add(key)
                yield source
