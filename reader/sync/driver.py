"""A git merge driver for library files: ``readmark merge-driver %O %A %B``.

Set it up once per repository::

    echo '*.db merge=readmark' >> .gitattributes
    git config merge.readmark.name "readmark library merge"
    git config merge.readmark.driver "readmark merge-driver %O %A %B"

git calls the driver with three temporary files: the common ancestor (%O), ours (%A) and theirs
(%B). The merge keeps, field by field, the newer edit, so the ancestor is not needed; it is only
checked to be readable when present. The merged library is written into %A, and the exit status
tells git whether the merge worked (0) or must be resolved by hand (1).
"""

from __future__ import annotations

from pathlib import Path

from reader.library import Clock, Library, MergeReport, StoreError
from reader.library.merging import SyncError, merge_file

GITATTRIBUTES_LINE = "*.db merge=readmark"
DRIVER_COMMAND = "readmark merge-driver %O %A %B"


def merge_driver(base: Path, ours: Path, theirs: Path) -> MergeReport:
    """Merge ``theirs`` into ``ours`` in place (git's %B into %A).

    Args:
        base: The common ancestor (%O); unused by the merge, and may be empty or missing.
        ours: Our version (%A): the merged library is written here.
        theirs: Their version (%B): read only.

    Returns:
        The merge report.

    Raises:
        SyncError: If either side is not a readmark library (``ours`` is then left as it was).
    """
    del base  # per-field clocks decide every conflict; the ancestor adds nothing
    for side in (ours, theirs):
        if not side.is_file():
            raise SyncError(f"{side}: no such file")
    if theirs.stat().st_size == 0:  # their side deleted or emptied the file: keep ours
        raise SyncError(f"{theirs}: empty file, not a readmark library")
    if ours.stat().st_size == 0:
        raise SyncError(f"{ours}: empty file, not a readmark library")
    try:
        # Our clock, not the file's own site id: git's temporary copy is no replica, and
        # claiming one would write to ``ours`` before ``theirs`` is known to be good.
        lib = Library(ours, clock=Clock())
    except StoreError as exc:
        raise SyncError(str(exc)) from exc
    try:
        # git keeps both versions in its object store: a backup file would only litter the tree.
        return merge_file(lib, theirs, backup=False)
    finally:
        lib.close()
