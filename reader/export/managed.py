"""Export files with a managed part: readmark rewrites only what lies between its markers.

A file is YAML front matter, then the reader's own text, the managed block between
:data:`BEGIN` and :data:`END`, and more of the reader's text. On re-export the front matter keys
readmark writes (:data:`OWN_KEYS`) and the managed block are replaced; the reader's other front
matter entries (kept as written) and everything outside the markers stay as they are.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BEGIN = "<!-- readmark:begin (exported highlights: edits inside this block are replaced) -->"
END = "<!-- readmark:end -->"
ID_KEY = "readmark_id"  # the front matter key naming the exported article
EXPORTED_KEY = "exported"  # the front matter key holding the export time
OWN_KEYS = ("title", "authors", "url", "site", "published", "tags", ID_KEY, EXPORTED_KEY)
_ID_LINE = re.compile(r"^readmark_id:[ \t]*[\"']?([0-9A-Za-z_-]+)[\"']?[ \t]*$", re.MULTILINE)
_EXPORTED_LINE = re.compile(r"^exported:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_KEY_LINE = re.compile(r"""^(?:"[^"]*"|'[^']*'|[^\s#'"\-][^:]*?)[ \t]*:(?:[ \t]|$)""")
_MARKER_LINE = re.compile(r"^<!-- readmark:(begin|end)\b.*-->[ \t]*$", re.MULTILINE)


@dataclass
class ExportFile:
    """An export file split into its parts.

    Attributes:
        user_front: The reader's own front matter entries, as written (each ends in a newline).
        before: Text between the front matter and the managed block.
        managed: The managed block's content, or ``None`` when the markers are missing.
        after: Text after the managed block.
        exported: The raw ``exported`` value in the front matter, if any.
    """

    user_front: list[str] = field(default_factory=list)
    before: str = ""
    managed: str | None = None
    after: str = "\n"
    exported: str | None = None


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Return the front matter text (without its ``---`` lines) and the rest of ``text``."""
    if not text.startswith("---\n"):
        return None, text
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            return text[4 : len(text) - 3], ""
        return None, text
    return text[4 : end + 1], text[end + 5 :]


def readmark_id(text: str) -> str | None:
    """Return the ``readmark_id`` in the front matter of a file's text, if any."""
    front, _ = split_front_matter(text)
    if front is None:
        return None
    found = _ID_LINE.search(front)
    return found.group(1) if found else None


def _entries(front: str) -> list[tuple[str | None, str]]:
    """Split front matter into top-level entries ``(key, text)``; comments stay attached."""
    entries: list[tuple[str | None, str]] = []
    for line in front.splitlines(keepends=True):
        match = _KEY_LINE.match(line)
        if match:
            entries.append((line.split(":", 1)[0].strip().strip("'\""), line))
        elif entries:
            key, previous = entries[-1]
            entries[-1] = (key, previous + line)
        else:
            entries.append((None, line))
    return entries


def parse(text: str) -> ExportFile:
    """Split an existing export file into the reader's parts and readmark's."""
    front, rest = split_front_matter(text)
    out = ExportFile()
    if front is not None:
        for key, entry in _entries(front):
            if key in OWN_KEYS:
                if key == EXPORTED_KEY:
                    found = _EXPORTED_LINE.match(entry)
                    out.exported = found.group(1) if found else None
                continue
            out.user_front.append(entry if entry.endswith("\n") else entry + "\n")
    begin = end = None
    for match in _MARKER_LINE.finditer(rest):
        if match.group(1) == "begin" and begin is None:
            begin = match
        elif match.group(1) == "end" and begin is not None:
            end = match
            break
    if begin is None or end is None:
        out.before, out.managed, out.after = rest, None, ""
        return out
    out.before = rest[: begin.start()]
    out.managed = rest[begin.end() + 1 : end.start()]
    out.after = rest[end.end() :]
    return out


def defuse(content: str) -> str:
    """Make marker-like lines in exported content inert (``\\<!--`` shows the same text)."""
    return _MARKER_LINE.sub(lambda m: "\\" + m.group(0), content)


def compose(own_front: str, existing: ExportFile, managed: str) -> str:
    """Return the file text: readmark's front matter, the reader's, and the managed block.

    Args:
        own_front: readmark's front matter entries (newline-terminated).
        existing: The parts of the file already there (a fresh ``ExportFile`` for a new one).
        managed: The new managed content (newline-terminated).
    """
    front = own_front + "".join(existing.user_front)
    block = f"{BEGIN}\n\n{managed}\n{END}"
    if existing.managed is None and existing.before.strip():
        # The markers were removed: keep all of the reader's text and add the block after it.
        body = existing.before.rstrip("\n") + "\n\n" + block + "\n"
    else:
        body = existing.before + block + (existing.after or "\n")
    return f"---\n{front}---\n{body}"


def current_umask() -> int:
    """The process's file mode creation mask (read from ``/proc`` where it can be, so that
    no other thread ever sees a changed mask)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically unless it already holds exactly that.

    A new file gets the usual mode for the umask (``0o666 & ~umask``); an existing file keeps
    its own mode (the temporary file it is replaced with is given that mode first).
    """
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.read_text(encoding="utf-8") == text:
            return False
    except FileNotFoundError:
        mode = 0o666 & ~current_umask()
    fd, tmp = tempfile.mkstemp(prefix=".readmark-", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
