"""Expanding import arguments (files, directories, globs, ``-``) into sources to read."""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.ingest.html import HTML_SUFFIXES
from reader.ingest.reader import FORMATS, printable_path

STDIN = "-"
#: Every file name ending ``readmark import`` reads: Markdown and text, web pages, EPUB.
EPUB_SUFFIX = ".epub"
IMPORTABLE = (*FORMATS, *HTML_SUFFIXES, EPUB_SUFFIX)


@dataclass(frozen=True)
class Source:
    """One thing to import: a file path, ``-`` for stdin, or a problem found while expanding.

    Attributes:
        name: What to call it in messages (the path as the user will recognise it).
        path: The file, or ``None`` for stdin and for errors.
        error: Why this argument yields nothing to import, if so.
        explicit: Named by the user (not found in a directory or by a glob): importing it
            restores an article that was removed.
        url: The web address to fetch, for a URL source.
    """

    name: str
    path: Path | None = None
    error: str | None = None
    explicit: bool = False
    url: str | None = None

    @property
    def kind(self) -> str:
        """``"error"``, ``"url"``, ``"stdin"``, ``"html"``, ``"epub"`` or ``"text"``."""
        if self.error is not None:
            return "error"
        if self.url is not None:
            return "url"
        if self.path is None:
            return "stdin"
        suffix = self.path.suffix.lower()
        if suffix in HTML_SUFFIXES:
            return "html"
        return "epub" if suffix == EPUB_SUFFIX else "text"


def is_web_address(arg: str) -> bool:
    """Whether an import argument is an ``http://`` or ``https://`` URL."""
    head = arg[:8].lower()
    return head.startswith(("http://", "https://"))


def _saved_page_folders(filenames: list[str]) -> set[str]:
    """Stems of the web pages in a folder: ``Page_files/`` beside ``Page.html`` is not read.

    Browsers save a page's images and scripts in a folder named after the page (``_files``,
    or a translation such as ``-Dateien``); those are not articles.
    """
    return {Path(f).stem for f in filenames if Path(f).suffix.lower() in HTML_SUFFIXES}


def _is_saved_page_folder(dirname: str, stems: set[str]) -> bool:
    return any(dirname.startswith(stem) and dirname[len(stem):len(stem) + 1] in ("_", "-")
               and " " not in dirname[len(stem) + 1:] for stem in stems)


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
        stems = _saved_page_folders(filenames)
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and not _is_saved_page_folder(d, stems))
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if filename.startswith(".") or path.suffix.lower() not in IMPORTABLE:
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
    if is_web_address(arg):
        from reader.ingest.identity import canonical_url

        if canonical_url(arg) is None or any(c.isspace() for c in arg.strip()):
            return [Source(arg, error="not a valid http(s) URL")]
        return [Source(arg, url=arg.strip(), explicit=True)]
    path = Path(arg).expanduser()
    if path.is_dir():
        return list(_walk(path))
    if path.exists() or path.is_symlink():
        if path.exists() and not path.is_file():
            return [Source(arg, error="not a regular file (device, pipe or socket)")]
        if path.suffix.lower() not in IMPORTABLE:
            kinds = ", ".join(IMPORTABLE)
            return [Source(arg, error=f"unsupported file type (readmark imports {kinds})")]
        return [Source(arg, path, explicit=True)]
    if glob.has_magic(arg):
        found: list[Source] = []
        for match in sorted(glob.glob(os.path.expanduser(arg), recursive=True)):
            mpath = Path(match)
            if mpath.is_dir():
                found.extend(_walk(mpath))
            elif mpath.suffix.lower() in IMPORTABLE:
                found.append(Source(printable_path(match), mpath))
        return found or [Source(arg, error="no files match this pattern")]
    return [Source(arg, error="no such file or directory")]


def expand(args: list[str]) -> Iterator[Source]:
    """Yield a ``Source`` for every file named by ``args``, in order, each once.

    Directories are searched recursively for Markdown, text, HTML and EPUB files (hidden
    files and the ``_files`` folders of saved web pages skipped, symlink loops reported,
    devices and pipes refused); an ``http(s)://`` argument is a URL to fetch; an argument that
    does not exist is tried as a glob pattern; ``-`` is standard input (read once).
    """
    yielded: set[str] = set()
    for arg in args:
        if arg == STDIN:
            if STDIN not in yielded:
                yielded.add(STDIN)
                yield Source("<stdin>", explicit=True)
            continue
        for source in _one(arg):
            if source.url is not None:
                if source.url not in yielded:
                    yielded.add(source.url)
                    yield source
                continue
            if source.error or source.path is None:
                yield source
                continue
            key = os.path.realpath(source.path)
            if key not in yielded:
                yielded.add(key)
                yield source


def url_list(path: str) -> list[Source]:
    """Read a ``--urls`` file: one URL a line; blank lines and ``#`` comments are skipped.

    A line that is not an http(s) URL becomes an error source naming the file and line, so the
    rest of the list is still imported. A file that cannot be read is one error source.

    Args:
        path: The file (``-`` for standard input is not accepted here).
    """
    name = printable_path(path)
    try:
        with open(os.path.expanduser(path), "rb") as handle:
            data = handle.read(1024 * 1024 + 1)
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        return [Source(name, error=reason)]
    if len(data) > 1024 * 1024:
        return [Source(name, error="URL list too large (over 1 MB)")]
    sources: list[Source] = []
    seen: set[str] = set()
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not entry:
            continue
        found = _one(entry) if is_web_address(entry) else []
        if not found or found[0].error:
            shown = printable_path(entry)[:80]
            sources.append(Source(f"{name}:{number}", error=f"not an http(s) URL: {shown!r}"))
        elif entry not in seen:
            seen.add(entry)
            sources.append(found[0])
    return sources
