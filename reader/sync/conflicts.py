"""Conflict copies made by file-sync tools: find them, and move merged ones to a trash folder.

When two machines change a synced file before the sync tool catches up, the tool keeps both and
renames one. The names, for a file ``library.db``:

* Syncthing: ``library.sync-conflict-20240101-120000-ABCDEFG.db``
* Dropbox: ``library (Ana's conflicted copy 2024-01-01).db`` (also ``… (1)).db`` and the newer
  ``library (conflicted copy 2024-01-01 120000).db``)
* iCloud Drive: ``library 2.db``, ``library 3.db`` …

readmark merges such a copy into the library and then moves it to ``.readmark-trash/`` beside
it. Copies are never deleted: a copy that fails to merge stays where it is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

TRASH_DIR = ".readmark-trash"

_SYNCTHING = r"\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+"
_DROPBOX = r" \([^()]*conflicted copy[^()]*(?:\(\d+\))?[^()]*\)"
_ICLOUD = r" \d+"


def split_name(name: str) -> tuple[str, str]:
    """Split a file name into stem and extension the way sync tools do (last dot only).

    Args:
        name: A file name such as ``library.db``.

    Returns:
        ``("library", ".db")``; a name without a dot gives an empty extension.
    """
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return name, ""
    return stem, "." + ext


def conflict_kind(name: str, original: str) -> str | None:
    """Tell whether ``name`` is a sync tool's conflict copy of the file named ``original``.

    Args:
        name: The candidate's file name.
        original: The name of the file it may be a copy of (e.g. ``library.db``).

    Returns:
        ``"syncthing"``, ``"dropbox"`` or ``"icloud"``, or ``None`` if it is no conflict copy
        of ``original``.
    """
    stem, ext = split_name(original)
    for kind, marker in (("syncthing", _SYNCTHING), ("dropbox", _DROPBOX), ("icloud", _ICLOUD)):
        if re.fullmatch(re.escape(stem) + marker + re.escape(ext), name, flags=re.IGNORECASE):
            return kind
    return None


def conflict_original(name: str, candidates: Iterable[str]) -> str | None:
    """Return which of ``candidates`` (file names) ``name`` is a conflict copy of, if any."""
    for original in candidates:
        if original != name and conflict_kind(name, original):
            return original
    return None


def looks_like_conflict(name: str) -> bool:
    """Whether ``name`` carries a Syncthing or Dropbox conflict marker, whatever the original.

    iCloud's ``name 2.db`` is only recognisable next to its original (see ``conflict_kind``).
    """
    stem = split_name(name)[0]
    return bool(
        re.search(_SYNCTHING + "$", stem, flags=re.IGNORECASE)
        or re.search(_DROPBOX + "$", stem, flags=re.IGNORECASE)
    )


def conflict_copies(library: Path) -> list[Path]:
    """Return the conflict copies of ``library`` sitting beside it, sorted by name.

    Args:
        library: The live library file.

    Returns:
        Paths of the copies (regular files only), sorted by name.
    """
    folder = library.parent
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = [
        Path(entry.path)
        for entry in entries
        if entry.is_file() and conflict_kind(entry.name, library.name) is not None
    ]
    return sorted(found)


def move_to_trash(path: Path, trash: Path | None = None) -> Path:
    """Move ``path`` into a trash folder (created if needed), never overwriting anything there.

    Args:
        path: The file to move.
        trash: The trash folder; default ``.readmark-trash`` beside ``path``.

    Returns:
        The file's new path.

    Raises:
        OSError: If the move fails (the file is then left where it was).
    """
    folder = trash or path.parent / TRASH_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    stem, ext = split_name(path.name)
    target = folder / path.name
    n = 1
    while target.exists():
        target = folder / f"{stem}.trashed-{stamp}-{n}{ext}"
        n += 1
    os.replace(path, target)
    return target
