"""Consistent snapshots of a library file, for sync folders (``VACUUM INTO`` + atomic rename).

A snapshot is written to a hidden temporary name in the target's folder, flushed to disk, then
renamed over the target, so a file-sync tool (or another machine) only ever sees a complete
database under the snapshot's name.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from reader.store.errors import StoreError

if TYPE_CHECKING:
    from reader.store.db import Db


def temp_name(target: Path) -> Path:
    """The hidden temporary file a snapshot of ``target`` is first written to."""
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def write_snapshot(db: Db, target: Path) -> Path:
    """Write a consistent copy of ``db`` to ``target`` (replacing it atomically).

    Args:
        db: The open library (no transaction may be open on it).
        target: The snapshot file to create or replace.

    Returns:
        ``target``.

    Raises:
        StoreError: If the copy cannot be written (the old snapshot, if any, is left as it was).
    """
    tmp = temp_name(target)
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        with db.lock:  # the store's own connection, held so no transaction starts
            db.conn.execute("VACUUM INTO ?", [str(tmp)])
        _fsync(tmp)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StoreError(f"{target}: cannot write snapshot: {exc}") from exc
    return target


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (where directories can be opened; not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
