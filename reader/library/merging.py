"""Merging one library file into another: ``readmark sync OTHER.db`` and everything built on it.

The merge (SQL in ``reader.store.merge``; this module checks the file, backs up, runs the
transaction and places the highlights again) is a state-based CRDT: merging is commutative,
associative and idempotent, so any set of copies merged in any order converges.

Semantics:

* **Rows** have the same TEXT key on every machine (articles: canonical URL, else content hash;
  highlights: article + body hash + range; article notes: the article id). A row missing here
  is copied whole. Nothing is ever removed by a merge.
* **Fields** merge last-writer-wins by group, using each row's ``clocks`` (hybrid-logical-clock
  stamps ``<µs>-<counter>-<site>``). Articles: ``title``, ``authors``, ``url``, ``site``,
  ``published``, ``tags``, ``lang``, ``body`` (with ``body_format``, ``words``,
  ``content_hash``), ``position`` (with ``progress``), ``deleted``. Highlights: ``anchor``
  (the text, context and offsets it was made with: ``made_*``), ``color``, ``note``,
  ``deleted``. Article notes: ``text``, ``deleted``. Equal stamps with different values are
  settled by the values, the same way everywhere. First-seen times (``imported``,
  ``created``) take the earliest.
* **Tombstones**: ``deleted`` is an LWW field like any other, so a delete and a later revive
  (re-import, restore) resolve by time. Deleting an article stamps ``deleted`` and the emptied
  ``body`` together, and a revive stamps both again with the body back, so a row that ends up
  live always carries the body of the edit that revived it.
* **Concurrent note edits**: every note edit records the stamp of the text it replaced
  (``clocks["note_base"]`` / ``clocks["text_base"]``). When two copies hold different note
  texts, the later stamp wins; the loser is kept in ``note_revisions`` unless the winner was
  written on top of it (its base is the loser's stamp) or the loser is empty. A revision's id
  hashes target, stamp and text, so revisions merge as a set union. Which edit a revision lost
  to (``replaced_by``) and when it was kept (``saved``) are local bookkeeping. A text can be
  kept as a revision by one merge order and judged superseded by another; never the reverse:
  no order loses a concurrent text.
* **Machine-local** columns are not merged: ``origin_path``, ``source_fields`` (how the file
  was last imported on that machine), and derived sort keys (recomputed).
* **Re-anchoring**: where a highlight is now (``exact``, ``prefix``, ``suffix``, offsets,
  ``state``, ``anchor_hash``) is not merged but derived, after the merge, from the anchor it
  was made with and its article's merged body (on a removed article it rests at its made
  anchor, ``anchor_hash`` ``NULL``). Deriving stamps no clock and reads nothing but the merged
  state, so it never makes copies differ, whatever bodies a copy saw on the way or in which
  order it merged them.
* **Clock**: the local clock moves past every stamp merged from the other file.
* **Distrust**: the other file is someone else's. A schema that is not exactly readmark's
  (views, unknown triggers or virtual tables, changed tables) refuses the whole file; rows
  with wrong types, oversized values, malformed stamps or stamps more than a day ahead of this
  machine's clock, and rows whose article is missing are skipped and counted by reason
  (``skipped``); the merge runs under a time limit. See ``reader.store.merge.validate``.
"""

from __future__ import annotations

import datetime as dt
import glob
import re
import shutil
import tempfile
from pathlib import Path

import platformdirs

from reader.library.highlights import derive_anchors
from reader.library.service import Library
from reader.store import merge, snapshot
from reader.store.errors import StoreError
from reader.store.merge.checks import (
    check_integrity,
    copy_database,
    open_read_only,
    schema_status,
    vacuum_into,
)
from reader.store.merge.checks import synced_state as _synced_state
from reader.store.merge.validate import check_schema, deadline, merge_deadline
from reader.store.records import MergeReport

BACKUPS_KEPT = 10


class SyncError(Exception):
    """A merge was refused or failed; the message is one line naming the file."""


def merge_library(lib: Library, other: Path, *, dry_run: bool = False,
                  seconds: float | None = None) -> MergeReport:
    """Merge the library file ``other`` into ``lib`` in one transaction.

    ``other`` must already have this library's schema, checked (``merge_file`` checks it and
    upgrades older files on a copy first); it is opened read-only and never written. Its rows
    that fail ``find_bad_rows`` are skipped and counted in ``skipped``. Highlights the merge
    may have moved are placed again from their made anchors in the same transaction.

    Args:
        lib: The library to merge into.
        other: The other library file.
        dry_run: Roll everything back at the end.
        seconds: Time limit of the whole merge (default: ``merge_deadline()``).

    Returns:
        The counts (``source``, ``dry_run`` and ``backup`` are left for the caller).

    Raises:
        StoreError: If either file cannot be read or written, or the time limit is reached
            (everything is then rolled back and the write lock released).
    """
    report = MergeReport()
    limit = merge_deadline() if seconds is None else seconds
    db = lib.store
    with merge.transaction(db, other, limit, dry_run=dry_run):
        report.skipped = merge.check_other(db, other)
        work = merge.merge_rows(db, report)
        for article_id, live in merge.to_place(db, work):
            changed = derive_anchors(db, article_id, work.made_anchors).changed
            if live:
                report.reanchored += len(changed)
    return report


def backup_dir() -> Path:
    """Return where backups go: ``<user data dir>/readmark/backups``."""
    return Path(platformdirs.user_data_dir("readmark", appauthor=False)) / "backups"


_BACKUP_STAMP = re.compile(r"\d{8}T\d{12}Z\.db")


def backup_prefix(library: Path) -> str:
    """Return the name prefix of ``library``'s backups: ``<stem>-<8 hex of its path>-``."""
    import hashlib

    where = hashlib.sha256(str(library.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{library.stem}-{where[:8]}-"


def backup_library(lib: Library, directory: Path | None = None) -> Path:
    """Write a snapshot of ``lib`` to the backups folder, keeping the newest ``BACKUPS_KEPT``.

    Returns:
        The backup's path, ``<name>-<path hash>-<UTC timestamp>.db``: the hash of the
        library's absolute path keeps the backups of two libraries with one file name apart,
        so pruning one library's backups never removes another's.

    Raises:
        SyncError: If the backup cannot be written.
    """
    folder = directory or backup_dir()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    prefix = backup_prefix(lib.path)
    dest = folder / f"{prefix}{stamp}.db"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        vacuum_into(lib.store, dest)
    except (OSError, StoreError) as exc:
        raise SyncError(f"{lib.path}: cannot back up to {folder}: {exc}") from exc
    mine = sorted(p for p in folder.glob(f"{glob.escape(prefix)}*.db")
                  if _BACKUP_STAMP.fullmatch(p.name[len(prefix):]))
    for old in mine[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return dest


def _checked(other: Path, scratch: Path) -> Path:
    """Check ``other`` (integrity, exact schema) and return the file to merge from.

    A file from an older readmark is copied into ``scratch`` and upgraded there; the original
    is never written.
    """
    try:
        conn = open_read_only(other)
    except StoreError as exc:
        raise SyncError(str(exc)) from exc
    try:
        with deadline(conn, merge_deadline(), other):
            check_integrity(conn, other)
            check_schema(conn, other)
            status = schema_status(conn, other)
        if status == "newer":
            raise SyncError(
                f"{other}: made by a newer readmark (its schema is ahead of this one); "
                "upgrade readmark here first"
            )
        if status == "same":
            return other
        copy = scratch / "upgraded.db"
        copy_database(conn, copy)
    except StoreError as exc:
        raise SyncError(str(exc)) from exc
    finally:
        conn.close()
    try:
        Library(copy).close()  # opening applies the missing migrations
    except StoreError as exc:
        raise SyncError(f"{other}: cannot upgrade a copy of it: {exc}") from exc
    return copy


def merge_file(lib: Library, other: Path, *, dry_run: bool = False,
               backup: bool = True) -> MergeReport:
    """Merge the library file ``other`` into ``lib`` (``other`` is never written).

    Checks ``other`` first (``PRAGMA quick_check``, schema: a newer one is refused, an older
    one upgraded on a temporary copy), backs ``lib`` up (unless ``backup`` is false or this is a
    dry run), then merges in one transaction: a crash leaves ``lib`` as it was.

    Args:
        lib: The library to merge into.
        other: Another readmark library file.
        dry_run: Compute the report, then roll everything back.
        backup: Snapshot ``lib`` to the backups folder before writing.

    Raises:
        SyncError: One line naming the file: missing, not a database, damaged, newer schema,
            the same file as ``lib``, or a failed write.
    """
    other = Path(other)
    if other.exists() and lib.path.exists() and other.resolve() == lib.path.resolve():
        raise SyncError(f"{other}: is this library itself")
    with tempfile.TemporaryDirectory(prefix="readmark-merge-") as scratch:
        source = _checked(other, Path(scratch))
        saved = backup_library(lib) if backup and not dry_run else None
        try:
            report = merge_library(lib, source, dry_run=dry_run)
        except StoreError as exc:
            raise SyncError(str(exc)) from exc
    report.source = str(other)
    report.dry_run = dry_run
    report.backup = str(saved) if saved else None
    return report


def merge_both(lib: Library, other: Path, *, dry_run: bool = False,
               backup: bool = True) -> tuple[MergeReport, MergeReport]:
    """Merge ``other`` into ``lib``, then ``lib``'s merged state back into ``other`` (--both).

    Returns:
        The report for ``lib`` and the report for ``other``.

    Raises:
        SyncError: As ``merge_file``; also when ``other`` cannot be opened for writing.
    """
    into_lib = merge_file(lib, other, dry_run=dry_run, backup=backup)
    if dry_run:
        # Nothing was written to lib: what other would gain is lib's current state.
        with tempfile.TemporaryDirectory(prefix="readmark-merge-") as scratch:
            copy = Path(scratch) / "other.db"
            shutil.copyfile(other, copy)
            into_other = _merge_into_path(copy, lib, dry_run=True, backup=False)
            into_other.source = str(lib.path)
        return into_lib, into_other
    return into_lib, _merge_into_path(Path(other), lib, dry_run=False, backup=backup)


def _merge_into_path(target: Path, lib: Library, *, dry_run: bool,
                     backup: bool) -> MergeReport:
    try:
        other_lib = Library(target, clock=lib.clock)
    except StoreError as exc:
        raise SyncError(str(exc)) from exc
    try:
        return merge_file(other_lib, lib.path, dry_run=dry_run, backup=backup)
    finally:
        other_lib.close()


def synced_state(lib: Library) -> dict[str, object]:
    """Return a canonical, comparable dump of everything that syncs (for convergence tests).

    Articles, highlights, notes (with decoded clocks) and note revisions, sorted by key,
    without machine-local columns.
    """
    return _synced_state(lib.store)


def write_snapshot(lib: Library, target: Path) -> Path:
    """Write a consistent copy of ``lib`` to ``target``, replacing it atomically.

    Args:
        lib: The open library (no transaction may be open on it).
        target: The snapshot file to create or replace.

    Returns:
        ``target``.

    Raises:
        StoreError: If the copy cannot be written (the old snapshot, if any, is left as it was).
    """
    return snapshot.write_snapshot(lib.store, target)
