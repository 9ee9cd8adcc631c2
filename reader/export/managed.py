"""Export files with a managed part: readmark rewrites only what lies between its markers.

A file is YAML front matter, then the reader's own text, the managed block between
:data:`BEGIN` and :data:`END`, and more of the reader's text. On re-export the front matter keys
readmark writes (:data:`OWN_KEYS`) and the managed block are replaced; the reader's other front
matter entries (kept as written) and everything outside the markers stay as they are.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from reader.ingest.export_format import (
    BEGIN,
    END,
    EXPORTED_KEY,
    ID_KEY,
    MARKER_LINE,
    OWN_KEYS,
    ExportFile,
    parse,
    readmark_id,
    split_front_matter,
)

__all__ = [
    "BEGIN",
    "END",
    "EXPORTED_KEY",
    "ID_KEY",
    "OWN_KEYS",
    "ExportFile",
    "compose",
    "current_umask",
    "defuse",
    "parse",
    "readmark_id",
    "split_front_matter",
    "write_if_changed",
]


def defuse(content: str) -> str:
    """Make marker-like lines in exported content inert (``\\<!--`` shows the same text)."""
    return MARKER_LINE.sub(lambda m: "\\" + m.group(0), content)


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
