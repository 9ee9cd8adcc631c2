"""Importing a batch of sources into the library, one result per file."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from reader.ingest.reader import IngestError, read_bytes, read_file, read_limited
from reader.ingest.sources import Source, expand
from reader.store.errors import StoreError
from reader.store.library import Library

STATUSES = ("new", "updated", "unchanged", "failed")


@dataclass(frozen=True)
class ImportResult:
    """What happened to one file.

    Attributes:
        source: The file as the user named it.
        status: ``new``, ``updated``, ``unchanged`` or ``failed``.
        id: Article id (``None`` when failed).
        title: Article title (``None`` when failed).
        message: Why it failed, for ``failed``.
        warnings: Problems that did not stop the import.
        changed: Fields that changed, for ``updated``.
        moved: Highlights placed anew because the text changed (moved or re-anchored).
        orphaned: Highlights whose text left the article with this import.
    """

    source: str
    status: str
    id: str | None = None
    title: str | None = None
    message: str | None = None
    warnings: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    moved: int = 0
    orphaned: int = 0

    def to_json(self) -> dict[str, object]:
        """Return the documented JSON form."""
        return {
            "source": self.source,
            "status": self.status,
            "id": self.id,
            "title": self.title,
            "error": self.message,
            "warnings": list(self.warnings),
            "changed": list(self.changed),
            "highlights_moved": self.moved,
            "highlights_orphaned": self.orphaned,
        }


@dataclass
class ImportReport:
    """All results of a batch, in order, with totals per status."""

    results: list[ImportResult] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, int]:
        """Return a count for each status (zeros included)."""
        counts = Counter(r.status for r in self.results)
        return {status: counts.get(status, 0) for status in STATUSES}

    @property
    def failed(self) -> bool:
        """Return whether any file failed."""
        return any(r.status == "failed" for r in self.results)


def import_source(lib: Library, source: Source, stdin: BinaryIO | None = None) -> ImportResult:
    """Read and store one source; never raises for bad input.

    A removed article comes back only when its file is named explicitly (not when found in a
    directory or by a glob), so re-importing a folder does not undo removals.
    """
    if source.error:
        return ImportResult(source.name, "failed", message=source.error)
    try:
        if source.path is None:
            data = read_limited(stdin or sys.stdin.buffer)
            article = read_bytes(data, name="stdin", origin=None, body_format="markdown")
        else:
            article = read_file(source.path)
        outcome = lib.import_article(article, revive=source.explicit)
    except (IngestError, StoreError) as exc:
        return ImportResult(source.name, "failed", message=str(exc))
    return ImportResult(
        source.name,
        outcome.status,
        id=outcome.id,
        title=article.title,
        warnings=tuple(article.warnings),
        changed=tuple(outcome.changed),
        moved=outcome.moved,
        orphaned=outcome.orphaned,
    )


def import_paths(
    lib: Library,
    args: list[str],
    *,
    on_result: Callable[[ImportResult], None] | None = None,
    stdin: BinaryIO | None = None,
) -> ImportReport:
    """Import every file named by ``args`` (files, directories, globs, ``-``).

    Each file is its own transaction: a failure affects only that file.

    Args:
        lib: The library to import into.
        args: Paths as the user gave them.
        on_result: Called after each file (for progress output).
        stdin: Stream to read ``-`` from (default: the process's stdin).
    """
    return import_sources(lib, list(expand([str(a) for a in args])), on_result=on_result,
                          stdin=stdin)


def import_sources(
    lib: Library,
    sources: Iterable[Source],
    *,
    on_result: Callable[[ImportResult], None] | None = None,
    stdin: BinaryIO | None = None,
) -> ImportReport:
    """Import already expanded sources, committing in batches (see ``Library.batch``)."""
    report = ImportReport()
    with lib.batch() as tick:
        for source in sources:
            result = import_source(lib, source, stdin)
            report.results.append(result)
            if on_result:
                on_result(result)
            tick()
    return report
