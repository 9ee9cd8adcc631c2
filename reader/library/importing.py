"""Importing a batch of sources into the library, one result per file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from reader.ingest.article import Article
from reader.ingest.reader import IngestError, NotAnArticle
from reader.ingest.sources import Source, expand
from reader.ingest.web import ProgressFn, read_sources
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
    """Read and store one source (a file, ``-`` or a URL); never raises for bad input.

    A removed article comes back only when its file is named explicitly (not when found in a
    directory or by a glob), so re-importing a folder does not undo removals. A file readmark
    exported is ``skipped``: importing it would replace the article with its own export.

    Raises:
        LibraryFault: When the library cannot be written (not the file's fault).
    """
    [(_, got)] = list(read_sources([source], stdin))
    return store_read(lib, source, got)


def store_read(lib: Library, source: Source, got: Article | IngestError) -> ImportResult:
    """Store what reading ``source`` gave (see ``read_sources``); never raises for bad input.

    A page that was fetched or read as HTML is kept with the article (see
    ``Library.keep_page``), so it can be extracted again later without the network.

    Raises:
        LibraryFault: When the library cannot be written (not the file's fault).
    """
    if isinstance(got, NotAnArticle):
        return ImportResult(source.name, "skipped", message=str(got))
    if isinstance(got, IngestError):
        return ImportResult(source.name, "failed", message=str(got))
    article = got
    try:
        outcome = lib.import_article(article, revive=source.explicit)
        if article.raw_html is not None:
            lib.keep_page(outcome.id, article.raw_html, url=article.url,
                          aliases=article.aliases)
    except StoreError as exc:
        if lib.is_library_fault(exc):
            raise LibraryFault(str(exc)) from exc
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
    on_progress: ProgressFn | None = None,
    timeout: float | None = None,
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
        on_progress: Called with ``(done, total)`` as each URL is fetched (URLs are fetched
            concurrently ahead of the import; see ``reader.ingest.web.read_sources``).
        timeout: Seconds allowed per network step when fetching URLs.
    """
    pairs = read_sources(sources, stdin, on_progress=on_progress, timeout=timeout)
    return _store_all(lib, pairs, on_result)


def _store_all(
    lib: Library,
    pairs: Iterable[tuple[Source, Article | IngestError]],
    on_result: Callable[[ImportResult], None] | None,
) -> ImportReport:
    """Store what was read, in batches; see ``import_sources``."""
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
            for source, got in pairs:
                pending.append(store_read(lib, source, got))
                tick()
    except StoreError as exc:
        pending.clear()  # rolled back: never reported
        report.error = str(exc)
    return report


def _refreshed(lib: Library, refs: Iterable[str]
               ) -> Iterator[tuple[Source, Article | IngestError]]:
    from reader.ingest.html import parse_html

    for ref in refs:
        source = Source(ref, explicit=True)
        try:
            article_id = lib.resolve(ref).id
        except StoreError as exc:
            yield source, IngestError(str(exc))
            continue
        page = lib.page_of(article_id)
        if page is None:
            yield source, IngestError("no web page kept for this article (pages are kept for "
                                      "URLs and HTML on stdin; import its file again)")
            continue
        html, url = page
        try:
            yield source, parse_html(html, url, name=ref)
        except IngestError as exc:
            yield source, exc


def refresh_articles(
    lib: Library,
    refs: Iterable[str],
    *,
    on_result: Callable[[ImportResult], None] | None = None,
) -> ImportReport:
    """Extract articles again from their kept web pages, without the network.

    Each article is updated in place as a re-import would (position, tags and highlights
    kept, highlights placed again when the text changed). An article without a kept page fails
    alone with one line.

    Args:
        lib: The library.
        refs: Article references (id, id prefix, title words or URL).
        on_result: Called for each article once it is saved.
    """
    return _store_all(lib, _refreshed(lib, refs), on_result)
