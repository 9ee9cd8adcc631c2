"""``readmark sync --dir DIR``: a folder shared by the user's file-sync tool.

Each machine publishes a consistent snapshot of its library as ``DIR/<site>.db`` (``VACUUM
INTO`` a hidden temporary name, then an atomic rename) and merges every other ``*.db`` in DIR
into its library. The live library never sits in DIR (a DIR holding it is refused): a file-sync
tool copying a database while it is written is how libraries get corrupted.

Conflict copies (see ``reader.sync.conflicts``) of the live library beside it, and of any
snapshot in DIR, are merged too and then moved to ``.readmark-trash/`` beside them. A file that
fails to merge (corrupt, or from a newer readmark) is reported and left in place; the others are
still merged.

Each library file has its own site id (``reader.store.replica``), so two libraries never
publish under one name. A snapshot in DIR named as this library's but not written by it (or
holding changes the library lacks) is reported with a warning and merged like any other, then
replaced by this library's. Temporaries left in DIR by a killed run (``.<site>.db.<pid>.tmp``
and its journal) are removed by later runs: this library's own once the process that wrote
them is gone, any other's once untouched for ``STALE_AFTER`` seconds; never another file.
"""

from __future__ import annotations

import os
import re
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reader.library import Library, MergeReport, StoreError, read_file_replica
from reader.library.merging import SyncError, merge_file, write_snapshot
from reader.paths import config_path
from reader.sync.conflicts import TRASH_DIR, conflict_copies, conflict_original, move_to_trash
from reader.sync.conflicts import looks_like_conflict as _marked

COUNTS = ("articles_added", "articles_updated", "highlights_added", "highlights_updated",
          "notes_added", "notes_updated", "revisions_kept", "reanchored")
NOUNS = {name: (noun, noun + "s", verb) for name, noun, verb in (
    ("articles_added", "article", "added"), ("articles_updated", "article", "updated"),
    ("highlights_added", "highlight", "added"), ("highlights_updated", "highlight", "updated"),
    ("notes_added", "note", "added"), ("notes_updated", "note", "updated"),
    ("revisions_kept", "note revision", "kept"), ("reanchored", "highlight", "re-anchored"),
)}


@dataclass
class Moved:
    """A conflict copy moved to the trash after it was merged."""

    path: str
    moved_to: str | None  # None on a dry run


STALE_AFTER = 3600  # seconds: another machine's temporary untouched this long is abandoned
_TEMP = re.compile(r"\.(?P<name>.+\.db)\.(?P<pid>\d{1,10})\.tmp(?P<side>-journal|-wal|-shm)?")


@dataclass
class Cleaned:
    """A stale temporary file found in the sync folder (removed unless on a dry run)."""

    path: str
    reason: str
    removed: bool


@dataclass
class SyncRun:
    """What one ``sync --dir`` run (or the conflict-copy check alone) did.

    Attributes:
        folder: The sync folder, or ``None`` when only conflict copies were looked for.
        published: The snapshot written, if any (none on a dry run or when it was current).
        merges: One report per file merged into the library.
        trashed: Conflict copies merged and moved to the trash.
        cleaned: Stale temporaries left in the folder by killed runs.
        warnings: One line per suspicious file that was still merged (e.g. a snapshot named
            as this library's that another library wrote).
        errors: One line per file that could not be merged or moved (left in place).
        dry_run: Whether nothing was written.
    """

    folder: str | None
    published: str | None = None
    merges: list[MergeReport] = field(default_factory=list)
    trashed: list[Moved] = field(default_factory=list)
    cleaned: list[Cleaned] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    def totals(self) -> dict[str, int]:
        """Sum of every merge's counts (``articles_added`` …)."""
        return {name: sum(int(getattr(m, name)) for m in self.merges) for name in COUNTS}

    def changed(self) -> bool:
        """Whether any merge changed (or, on a dry run, would change) the library."""
        return any(m.changed() for m in self.merges)

    def to_json(self) -> dict[str, object]:
        """The run as JSON-ready data."""
        return {
            "folder": self.folder,
            "published": self.published,
            "dry_run": self.dry_run,
            "changed": self.changed(),
            "totals": self.totals(),
            "merges": [m.to_json() for m in self.merges],
            "conflicts": [{"path": m.path, "moved_to": m.moved_to} for m in self.trashed],
            "cleaned": [{"path": c.path, "reason": c.reason, "removed": c.removed}
                        for c in self.cleaned],
            "warnings": list(self.warnings),
            "errors": list(self.errors),
        }

    def summary(self) -> str:
        """One line for humans, e.g. ``sync: 2 files merged: 3 highlights added; …``."""
        t = self.totals()
        counts = [f"{_count(n, *NOUNS[name][:2])} {NOUNS[name][2]}" for name, n in t.items() if n]
        merged = _count(len(self.merges), "file") + " merged"
        parts = [merged + (": " + ", ".join(counts) if counts else ", nothing new")]
        if self.trashed:
            verb = "to move" if self.dry_run else "moved"
            parts.append(f"{_count(len(self.trashed), 'conflict copy', 'conflict copies')} "
                         f"{verb} to {TRASH_DIR}")
        if self.cleaned:
            verb = "to remove" if self.dry_run else "removed"
            parts.append(f"{_count(len(self.cleaned), 'stale temporary file')} {verb}")
        if self.published:
            parts.append(f"published {self.published}")
        if self.warnings:
            parts.append(_count(len(self.warnings), "warning"))
        if self.errors:
            parts.append(_count(len(self.errors), "error"))
        head = "sync (dry run)" if self.dry_run else "sync"
        return f"{head}: " + "; ".join(parts)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def snapshot_name(site: str) -> str:
    """The file name of a machine's snapshot in the sync folder: ``<site>.db``.

    Characters other than letters, digits, ``.``, ``_`` and ``-`` become ``_`` so any site id
    (``$READMARK_DEVICE`` is free text) gives one plain file name.
    """
    return re.sub(r"[^A-Za-z0-9_.-]", "_", site).strip(".") + ".db"


def configured_folder(config_file: Path | None = None) -> Path | None:
    """The ``sync_dir`` set in ``config.toml`` (``~`` expanded); ``None`` if unset or unreadable.

    Args:
        config_file: The TOML settings file (default: ``reader.paths.config_path()``).
    """
    path = config_file or config_path()
    try:
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("sync_dir")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return Path(value).expanduser() if isinstance(value, str) and value.strip() else None


def check_folder(library: Path, folder: Path) -> Path:
    """Return ``folder`` resolved, or raise ``SyncError`` if it cannot be a sync folder.

    Raises:
        SyncError: If it is missing, not a folder, or holds the live library.
    """
    if not folder.exists():
        raise SyncError(f"{folder}: no such folder (create it, or share it with your sync tool)")
    if not folder.is_dir():
        raise SyncError(f"{folder}: not a folder")
    resolved = folder.resolve()
    if library.resolve().is_relative_to(resolved):
        raise SyncError(
            f"{folder}: holds the live library {library}; a sync folder must hold only "
            "snapshots (keep the library elsewhere, e.g. the default location, or use another "
            "folder)"
        )
    return resolved


def sync(lib: Library, folder: Path | None, *, dry_run: bool = False) -> SyncRun:
    """Merge conflict copies beside the library, then (with ``folder``) sync through the folder.

    Args:
        lib: The open library.
        folder: The sync folder, or ``None`` to only merge the library's conflict copies.
        dry_run: Report what would change; write nothing and move nothing.

    Returns:
        What was merged, moved and published.

    Raises:
        SyncError: If ``folder`` is unusable (see ``check_folder``).
    """
    resolved = check_folder(lib.path, folder) if folder is not None else None
    run = SyncRun(folder=str(folder) if folder is not None else None, dry_run=dry_run)
    for copy in conflict_copies(lib.path):
        _merge(lib, run, copy, trash=lib.path.parent / TRASH_DIR)
    if resolved is None:
        return run
    site = lib.clock.device
    if not dry_run:
        try:
            # Stored before publishing, so the snapshot's name stays this file's next time.
            site = lib.claim_site()
        except StoreError as exc:
            run.errors.append(str(exc))
    own = snapshot_name(site)
    _clean(run, resolved, own)
    names = sorted(
        p.name for p in resolved.iterdir()
        if p.suffix.lower() == ".db" and not p.name.startswith(".") and p.is_file()
    )
    for name in names:
        if name == own:
            continue
        is_copy = _marked(name) or conflict_original(name, [*names, own]) is not None
        _merge(lib, run, resolved / name, trash=resolved / TRASH_DIR if is_copy else None)
    target = resolved / own
    publish = _stale(lib.path, target)
    reason = _not_ours(lib, target)
    if reason is not None:
        run.warnings.append(
            f"{target}: named as this library's snapshot but {reason}; merging it as another "
            "copy and publishing this library's in its place (another library file may "
            "have used this site id)"
        )
        failed = len(run.errors)
        _merge(lib, run, target, trash=None)
        if len(run.errors) > failed and not dry_run:
            # It cannot be merged: keep it in the trash rather than overwrite it.
            try:
                move_to_trash(target, resolved / TRASH_DIR)
            except OSError as exc:
                run.errors.append(f"{target}: cannot move it to {TRASH_DIR}, not published: "
                                  f"{exc}")
                publish = False
        publish = publish or reason is not None
    if not dry_run and publish:
        try:
            run.published = str(write_snapshot(lib, target))
        except StoreError as exc:
            run.errors.append(str(exc))
    return run


def _not_ours(lib: Library, snapshot: Path) -> str | None:
    """Why the file under this library's snapshot name is not its snapshot; ``None`` if it is.

    A snapshot records the owner fingerprint of the library file it was written from. When
    either side has none (an older readmark, or a library opened with an explicit clock), the
    content decides: this library's own snapshot never holds a change the library lacks.
    """
    if not snapshot.is_file():
        return None
    _site, owner = read_file_replica(snapshot)
    mine = lib.replica.owner if lib.replica is not None else None
    if owner is not None and mine is not None:
        return None if owner == mine else "was written by another library file"
    try:
        report = merge_file(lib, snapshot, dry_run=True, backup=False)
    except (SyncError, StoreError):
        return "cannot be read as a library"
    return "holds changes this library does not have" if report.changed() else None


def stale_temporaries(folder: Path, own: str, *, now: float | None = None,
                      max_age: float = STALE_AFTER) -> list[tuple[Path, str]]:
    """Find temporaries left in ``folder`` by killed snapshot writes, and why each is stale.

    Only names made by ``reader.store.snapshot.temp_name`` (``.<site>.db.<pid>.tmp``, and its
    ``-journal``, ``-wal`` or ``-shm``) are considered; a temporary and its side files go
    together. This library's own (``own`` is its snapshot name) are stale when the process
    that wrote them is no longer running here (or is this one); any are stale when none of
    their files changed for ``max_age`` seconds (another machine's, or a reused pid).

    Args:
        folder: The sync folder.
        own: This library's snapshot name (``<site>.db``).
        now: The current time (default: the system clock).
        max_age: Seconds after which an untouched temporary counts as abandoned.

    Returns:
        ``(path, reason)`` for each stale file, sorted by path.
    """
    groups: dict[str, list[tuple[Path, float]]] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _TEMP.fullmatch(entry.name)
        if match is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            mtime = entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        base = entry.name[: len(entry.name) - len(match["side"] or "")]
        groups.setdefault(base, []).append((Path(entry.path), mtime))
    current = time.time() if now is None else now
    stale: list[tuple[Path, str]] = []
    for base, files in groups.items():
        match = _TEMP.fullmatch(base)
        assert match is not None
        pid = int(match["pid"])
        age = current - max(mtime for _, mtime in files)
        reason = None
        if match["name"] == own and (pid == os.getpid() or not _running(pid)):
            reason = f"left by process {pid}, no longer running"
        elif age > max_age:
            reason = f"untouched for {int(age // 60)} minutes"
        if reason is not None:
            stale.extend((path, reason) for path, _ in files)
    return sorted(stale)


def _running(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (assumed so where it cannot be told)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill would end it there
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except OSError:  # e.g. another user's process
        return True
    return True


def _clean(run: SyncRun, folder: Path, own: str) -> None:
    """Remove (or, on a dry run, list) the stale temporaries in ``folder``."""
    for path, reason in stale_temporaries(folder, own):
        if run.dry_run:
            run.cleaned.append(Cleaned(str(path), reason, removed=False))
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue  # another run removed it first
        except OSError as exc:
            run.errors.append(f"{path}: stale temporary, cannot remove it: {exc}")
            continue
        run.cleaned.append(Cleaned(str(path), reason, removed=True))


def _merge(lib: Library, run: SyncRun, path: Path, *, trash: Path | None) -> None:
    """Merge one file into ``lib``; then move it to ``trash`` (if given and not a dry run)."""
    try:
        # A dry run first: the library is backed up (once per run) only when a merge will
        # change what it holds, not at every start of the reader.
        report = merge_file(lib, path, dry_run=True, backup=False)
        if not run.dry_run:
            backup = report.changed() and all(m.backup is None for m in run.merges)
            report = merge_file(lib, path, backup=backup)
    except (SyncError, StoreError) as exc:
        run.errors.append(str(exc))
        return
    run.merges.append(report)
    if trash is None:
        return
    if run.dry_run:
        run.trashed.append(Moved(str(path), None))
        return
    try:
        run.trashed.append(Moved(str(path), str(move_to_trash(path, trash))))
    except OSError as exc:
        run.errors.append(f"{path}: merged, but cannot move it to {trash}: {exc}")


def _stale(library: Path, snapshot: Path) -> bool:
    """Whether the snapshot is missing or older than the library's last write."""
    try:
        return library.stat().st_mtime_ns >= snapshot.stat().st_mtime_ns
    except FileNotFoundError:
        return True
