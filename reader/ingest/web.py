"""Reading any import source into an article: files of every kind, stdin and URLs.

``read_sources`` is what an import loops over: it reads the sources in order and fetches the
URL ones concurrently ahead of time, so a batch of URLs takes about as long as its slowest
few pages rather than the sum of all of them.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, TextIO

from reader.ingest import fetch as web
from reader.ingest.article import Article
from reader.ingest.fetch import FetchError, FetchResult
from reader.ingest.reader import IngestError, read_bytes, read_file, read_limited
from reader.ingest.sources import Source

#: Called as each URL finishes fetching: ``(done, total)``.
ProgressFn = Callable[[int, int], None]


def read_source(source: Source, stdin: BinaryIO | None = None) -> Article:
    """Read one source that is not a URL (a file of any kind, or ``-``).

    Standard input that starts like an HTML document is read as a web page; anything else
    as Markdown.

    Raises:
        IngestError: With a one-line reason (including ``NotAnArticle`` for exports).
    """
    if source.error:
        raise IngestError(source.error)
    if source.kind == "url":
        raise IngestError("a URL must be fetched (see read_sources)")
    if source.path is None:
        data = read_limited(stdin or sys.stdin.buffer)
        from reader.ingest.html import looks_like_html

        if looks_like_html(data):
            from reader.ingest.html import parse_html

            article = parse_html(data, None, name="stdin")
            article.raw_html = data
            return article
        return read_bytes(data, name="stdin", origin=None, body_format="markdown")
    if source.kind == "html":
        from reader.ingest.html import read_html_file

        return read_html_file(source.path)
    if source.kind == "epub":
        from reader.ingest.epub import read_epub

        return read_epub(source.path)
    return read_file(source.path)


def article_from_page(result: FetchResult) -> Article:
    """Turn a fetched page (a ``FetchResult``) into an article, keeping the page and its URLs.

    The article's URL is the page's canonical URL, else the final URL after redirects; every
    other address on the way (the URL asked for, each redirect) is kept in ``aliases`` so the
    article is found again by any of them.

    Raises:
        IngestError: ``no article text found`` and the like.
    """
    from reader.ingest.html import parse_html
    from reader.ingest.identity import canonical_url

    article = parse_html(result.body, result.final_url, charset=result.charset,
                         name=result.final_url)
    own = article.url
    aliases: list[str] = []
    for address in (result.url, *result.redirects, result.final_url):
        key = canonical_url(address)
        if key and key != own and key not in aliases:
            aliases.append(key)
    article.aliases = aliases
    article.raw_html = result.body
    return article


def read_sources(
    sources: Iterable[Source],
    stdin: BinaryIO | None = None,
    *,
    timeout: float | None = None,
    concurrency: int | None = None,
    on_progress: ProgressFn | None = None,
) -> Iterator[tuple[Source, Article | IngestError]]:
    """Read every source in order; URLs are fetched concurrently in the background.

    Failures are yielded, never raised, so one bad file or URL does not stop the batch.

    Args:
        sources: What to import (see ``sources.expand`` and ``sources.url_list``).
        stdin: Stream to read ``-`` from (default: the process's stdin).
        timeout: Seconds allowed per network step (default ``fetch.TIMEOUT``).
        concurrency: Most pages fetched at once (default ``fetch.CONCURRENCY``).
        on_progress: Called with ``(done, total)`` as each URL finishes (from a worker thread).

    Yields:
        ``(source, article)`` or ``(source, error)``.
    """
    todo = list(sources)
    urls = [s.url for s in todo if s.url is not None and not s.error]
    fetched: Iterator[tuple[str, FetchResult | FetchError]] = iter(())
    if urls:
        lock = threading.Lock()
        count = [0]

        def done(_url: str, _outcome: object) -> None:
            with lock:
                count[0] += 1
                if on_progress is not None:
                    on_progress(count[0], len(urls))

        fetched = web.fetch(urls, timeout=web.TIMEOUT if timeout is None else timeout,
                            concurrency=concurrency or web.CONCURRENCY, on_done=done)
    try:
        for source in todo:
            if source.url is not None and not source.error:
                _, outcome = next(fetched)
                if isinstance(outcome, FetchError):
                    yield source, IngestError(outcome.reason)
                    continue
                try:
                    yield source, article_from_page(outcome)
                except IngestError as exc:
                    yield source, exc
                continue
            try:
                yield source, read_source(source, stdin)
            except IngestError as exc:
                yield source, exc
    finally:
        close = getattr(fetched, "close", None)
        if close is not None:
            close()


class ProgressLine:
    """A one-line ``fetching 3/10`` counter on a terminal (nothing when not a terminal).

    Args:
        stream: Where to draw (standard error).
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.active = bool(getattr(self.stream, "isatty", lambda: False)())
        self._lock = threading.Lock()
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        """Draw ``done`` of ``total``."""
        if not self.active:
            return
        width = 20
        filled = width * done // max(total, 1)
        with self._lock:
            self.stream.write(f"\rfetching [{'#' * filled}{'.' * (width - filled)}] "
                              f"{done}/{total}")
            self.stream.flush()
            self._drawn = True

    def clear(self) -> None:
        """Erase the line (before other output, and at the end)."""
        with self._lock:
            if self._drawn:
                self.stream.write("\r\x1b[2K")
                self.stream.flush()
                self._drawn = False
