"""Importing a batch of sources into the library, one result per file."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from reader.ingest.reader import IngestError, NotAnArticle, read_bytes, read_file, read_limited
from reader.ingest.sources import Source, expand
from reader.library.service import Library
from reader.store.errors import StoreError

STATUSES = ("new", "updated", "unchanged", "skipped", "failed")


@dataclass(frozen=True)
class ImportResult:
    """What happened to one file.

    Attributes:
        source: The file as the user named it.
        status: ``new``, ``updated``, ``unchanged``, ``skipped`` or ``failed``.
        id: Article id (``None`` when skipped or failed).
        title: Article title (``None`` when skipped or failed).
        message: Why it failed, for ``failed``; why it was left alone, for ``skipped``.
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
            "error": self.message if self.status == "failed" else None,
            "reason": self.message if self.status == "skipped" else None,
            "warnings": list(self.warnings),
            "changed": list(self.changed),
            "highlights_moved": self.moved,
            "highlights_orphaned": self.orphaned,
        }


@dataclass
class ImportReport:
    """The results of a batch that are saved, in order, with totals per status.

    Attributes:
        results: One per file, each added only once its batch is committed.
        error: Why the import stopped early (the library could not be written), else ``None``;
            files read since the last commit were rolled back and are not in ``results``.
    """

    results: list[ImportResult] = field(default_factory=list)
    error: str | None = None

    @property
    def totals(self) -> dict[str, int]:
        """Return a count for each status (zeros included)."""
        counts = Counter(r.status for r in self.results)
        return {status: counts.get(status, 0) for status in STATUSES}

    @property
    def failed(self) -> bool:
        """Return whether any file failed or the import stopped early."""
        return self.error is not None or any(r.status == "failed" for r in self.results)


class LibraryFault(StoreError):
    """The library cannot be written (full disk, I/O error, read-only): the import stops."""


def import_source(lib: Library, source: Source, stdin: BinaryIO | None = None) -> ImportResult:
    """Read and store one source; never raises for bad input.

    A removed article comes back only when its file is named explicitly (not when found in a
    directory or by a glob), so re-importing a folder does not undo removals. A file readmark
    exported is ``skipped``: importing it would replace the article with its own export.

    Raises:
        LibraryFault: When the library cannot be written (not the file's fault).
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
    except NotAnArticle as exc:
        return ImportResult(source.name, "skipped", message=str(exc))
    except StoreError as exc:
        if lib.is_library_fault(exc):
            raise LibraryFault(str(exc)) from exc
        return ImportResult(source.name, "failed", message=str(exc))
    except IngestError as exc:
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

    A bad file fails alone; see ``import_sources`` for when results are reported.

    Args:
        lib: The library to import into.
        args: Paths as the user gave them.
        on_result: Called for each file once it is saved (for progress output).
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
    """Import already expanded sources, committing in batches (see ``Library.batch``).

    Each file is a savepoint: a bad file is undone alone and the batch goes on. A file's result
    is reported (``on_result``, ``report.results``) only after the commit that saved it, so
    whatever was reported is in the library even if the process dies right after. When the
    library cannot be written (full disk, I/O error), the import stops: ``report.error`` says
    why, and the results are those of the files committed before.

    Args:
        lib: The library to import into.
        sources: The files to import, in order.
        on_result: Called for each file once it is saved (for progress output).
        stdin: Stream to read ``-`` from (default: the process's stdin).
    """
    report = ImportReport()
    pending: list[ImportResult] = []

    def saved() -> None:
        for result in pending:
            report.results.append(result)
            if on_result:
                on_result(result)
        pending.clear()

    try:
        with lib.batch(on_commit=saved) as tick:
            for source in sources:
                pending.append(import_source(lib, source, stdin))
                tick()
    except StoreError as exc:
        pending.clear()  # rolled back: never reported
        report.error = str(exc)
    return report
