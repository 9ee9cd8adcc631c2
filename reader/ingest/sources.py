"""Expanding import arguments (files, directories, globs, ``-``) into sources to read."""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.ingest.reader import FORMATS, printable_path

STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One thing to import: a file path, ``-`` for stdin, or a problem found while expanding.

    Attributes:
        name: What to call it in messages (the path as the user will recognise it).
        path: The file, or ``None`` for stdin and for errors.
        error: Why this argument yields nothing to import, if so.
        explicit: Named by the user (not found in a directory or by a glob): importing it
            restores an article that was removed.
    """

    name: str
    path: Path | None = None
    error: str | None = None
    explicit: bool = False


def _is_loop(dirpath: str) -> bool:
    """Whether ``dirpath`` is (a link to) one of its own ancestors."""
    real = os.path.realpath(dirpath)
    parent = os.path.realpath(os.path.dirname(os.path.abspath(dirpath)))
    return parent == real or parent.startswith(real.rstrip(os.sep) + os.sep)


def _walk(root: Path) -> Iterator[Source]:
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            yield Source(printable_path(dirpath), error=(exc.strerror or str(exc)).lower())
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            if _is_loop(dirpath):
                yield Source(printable_path(dirpath), error="symlink loop; not followed")
            dirnames[:] = []  # else a second link to a folder already read: nothing new
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if filename.startswith(".") or path.suffix.lower() not in FORMATS:
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                yield Source(printable_path(str(path)), error=(exc.strerror or str(exc)).lower())
                continue
            if stat.S_ISREG(mode):
                yield Source(printable_path(str(path)), path)
            else:
                yield Source(printable_path(str(path)), error="not a regular file; skipped")


def _one(arg: str) -> list[Source]:
    path = Path(arg).expanduser()
    if path.is_dir():
        return list(_walk(path))
    if path.exists() or path.is_symlink():
        if path.exists() and not path.is_file():
            return [Source(arg, error="not a regular file (device, pipe or socket)")]
        if path.suffix.lower() not in FORMATS:
            kinds = ", ".join(FORMATS)
            return [Source(arg, error=f"unsupported file type (readmark imports {kinds})")]
        return [Source(arg, path, explicit=True)]
    if glob.has_magic(arg):
        found: list[Source] = []
        for match in sorted(glob.glob(os.path.expanduser(arg), recursive=True)):
            mpath = Path(match)
            if mpath.is_dir():
                found.extend(_walk(mpath))
            elif mpath.suffix.lower() in FORMATS:
                found.append(Source(printable_path(match), mpath))
        return found or [Source(arg, error="no files match this pattern")]
    return [Source(arg, error="no such file or directory")]


def expand(args: list[str]) -> Iterator[Source]:
    """Yield a ``Source`` for every file named by ``args``, in order, each once.

    Directories are searched recursively for ``.md``, ``.markdown`` and ``.txt`` files
    (hidden files skipped, symlink loops reported, devices and pipes refused); an argument
    that does not exist is tried as a glob pattern; ``-`` is standard input (read once).
    """
    yielded: set[str] = set()
    for arg in args:
        if arg == STDIN:
            if STDIN not in yielded:
                yielded.add(STDIN)
                yield Source("<stdin>", explicit=True)
            continue
        for source in _one(arg):
            if source.error or source.path is None:
                yield source
                continue
            key = os.path.realpath(source.path)
            if key not in yielded:
                yielded.add(key)
                yield source
