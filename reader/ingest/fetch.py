"""Fetching web pages over HTTP(S): bounded, concurrent, one line per failure.

Every fetch has a time limit (per network step and for the whole page), follows at most
``MAX_REDIRECTS`` redirects (a loop is named as such), accepts only HTML, stops reading at
``MAX_HTML_BYTES`` (after gzip/deflate/brotli decoding, so a compressed bomb stops too) and
says who it is in its ``User-Agent``. Failures are values (``FetchError``), never exceptions,
so one bad URL does not stop a batch.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from reader import __version__
from reader.ingest.html import MAX_HTML_BYTES

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"readmark/{__version__} (terminal article reader; fetches one page per request)"
TIMEOUT = 20.0
MAX_REDIRECTS = 10
CONCURRENCY = 4
#: Content types accepted as web pages.
HTML_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class FetchResult:
    """A page fetched.

    Attributes:
        url: The URL asked for.
        final_url: Where the page was found after redirects (``url`` when there were none).
        status: The final HTTP status.
        content_type: The media type (``text/html``), without parameters.
        charset: The ``charset`` parameter of ``Content-Type``, if any.
        body: The page bytes (decompressed).
        redirects: Every URL visited before ``final_url``, in order.
    """

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes = field(repr=False)
    redirects: tuple[str, ...] = ()


@dataclass(frozen=True)
class FetchError:
    """A URL that could not be fetched.

    Attributes:
        url: The URL asked for.
        reason: One line: ``HTTP 404 Not Found``, ``timed out after 20s``, ``not HTML
            (application/pdf)``...
    """

    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


class _Failed(Exception):
    """Internal: one fetch failed for ``reason``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_url(text: str) -> bool:
    """Whether ``text`` is an ``http://`` or ``https://`` address with a host."""
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def make_client(
    *, timeout: float = TIMEOUT, concurrency: int = CONCURRENCY, user_agent: str = USER_AGENT
) -> httpx.Client:
    """An HTTP client for ``fetch``: timeouts, pooled connections, no automatic redirects.

    Args:
        timeout: Seconds allowed for each network step (connect, each read, write).
        concurrency: Most connections open at once.
        user_agent: The ``User-Agent`` sent.
    """
    import httpx

    encodings = ["gzip", "deflate"]
    try:
        import brotli  # noqa: F401  (httpx decodes br when it is installed)

        encodings.append("br")
    except ImportError:  # pragma: no cover - brotli is a dependency
        pass
    return httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
        headers={
            "User-Agent": user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Encoding": ", ".join(encodings),
        },
    )


def _network_reason(exc: Exception, timeout: float) -> str:
    """One line for an httpx transport error."""
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {timeout:g}s"
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 10:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    if any(isinstance(e, ssl.SSLError) for e in chain) or "SSL" in str(exc) or "TLS" in str(exc):
        detail = str(next((e for e in chain if isinstance(e, ssl.SSLError)), exc))
        return f"TLS error: {' '.join(detail.split())[:120]}"
    text = " ".join(str(exc).split())
    lowered = text.lower()
    if any(s in lowered for s in ("name or service not known", "nodename nor servname",
                                  "name resolution", "getaddrinfo", "no address associated")):
        return "DNS lookup failed (no such host)"
    if "refused" in lowered:
        return "connection refused"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"bad HTTP response: {text[:120]}"
    return f"network error: {text[:120] or type(exc).__name__}"


def _get(client: httpx.Client, url: str, *, timeout: float, max_bytes: int,
         max_redirects: int) -> FetchResult:
    """Fetch one page, following redirects by hand so loops and hops are counted."""
    import httpx

    deadline = time.monotonic() + timeout * 3
    visited: list[str] = []
    current = url
    while True:
        if current in visited:
            raise _Failed(f"redirect loop (back to {current})")
        if len(visited) > max_redirects:
            raise _Failed(f"too many redirects (more than {max_redirects})")
        visited.append(current)
        try:
            with client.stream("GET", current) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    current = urljoin(current, response.headers["location"].strip())
                    if not is_url(current):
                        raise _Failed(f"redirected to a non-web address: {current[:80]}")
                    continue
                if response.status_code >= 400 or response.status_code < 200:
                    phrase = response.reason_phrase or ""
                    raise _Failed(f"HTTP {response.status_code} {phrase}".rstrip())
                ctype = response.headers.get("content-type", "").partition(";")[0]
                ctype = ctype.strip().lower()
                if ctype and ctype not in HTML_TYPES:
                    raise _Failed(f"not HTML ({ctype[:60]})")
                length = response.headers.get("content-length", "")
                if length.isdigit() and int(length) > max_bytes:
                    raise _Failed(f"too large ({int(length):,} bytes; limit {max_bytes:,})")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise _Failed(f"too large (over {max_bytes:,} bytes)")
                    if time.monotonic() > deadline:
                        raise _Failed(f"timed out after {timeout * 3:g}s (page too slow)")
                    chunks.append(chunk)
                charset = response.charset_encoding
                return FetchResult(
                    url=url, final_url=current, status=response.status_code,
                    content_type=ctype or "text/html", charset=charset, body=b"".join(chunks),
                    redirects=tuple(visited[:-1]),
                )
        except httpx.DecodingError as exc:
            raise _Failed(f"cannot decode the response ({' '.join(str(exc).split())[:80]})"
                          ) from exc
        except httpx.InvalidURL as exc:
            raise _Failed(f"invalid URL ({exc})") from exc
        except httpx.TransportError as exc:
            raise _Failed(_network_reason(exc, timeout)) from exc


def fetch_one(client: httpx.Client, url: str, *, timeout: float = TIMEOUT,
              max_bytes: int = MAX_HTML_BYTES,
              max_redirects: int = MAX_REDIRECTS) -> FetchResult | FetchError:
    """Fetch ``url`` with ``client`` (see ``make_client``); failures are returned, not raised."""
    if not is_url(url):
        return FetchError(url, "not an http(s) URL")
    try:
        return _get(client, url.strip(), timeout=timeout, max_bytes=max_bytes,
                    max_redirects=max_redirects)
    except _Failed as exc:
        return FetchError(url, exc.reason)


def fetch(
    urls: Iterable[str],
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_HTML_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    concurrency: int = CONCURRENCY,
    user_agent: str = USER_AGENT,
    on_done: Callable[[str, FetchResult | FetchError], None] | None = None,
) -> Iterator[tuple[str, FetchResult | FetchError]]:
    """Fetch many pages, ``concurrency`` at a time, yielding results in the order given.

    Args:
        urls: The addresses (``http://`` or ``https://``).
        timeout: Seconds allowed for each network step; a whole page gets three times this.
        max_bytes: Largest page accepted (after decompression).
        max_redirects: Most redirects followed for one URL.
        concurrency: Most pages fetched at once.
        user_agent: The ``User-Agent`` sent.
        on_done: Called (from a worker thread) as each fetch finishes, in finishing order,
            for progress display.

    Yields:
        ``(url, FetchResult)`` or ``(url, FetchError)`` for every URL, in input order.
    """
    todo = list(urls)
    if not todo:
        return
    workers = max(1, min(concurrency, len(todo)))
    with make_client(timeout=timeout, concurrency=workers, user_agent=user_agent) as client, \
            ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:

        def work(url: str) -> FetchResult | FetchError:
            outcome = fetch_one(client, url, timeout=timeout, max_bytes=max_bytes,
                                max_redirects=max_redirects)
            if on_done is not None:
                on_done(url, outcome)
            return outcome

        futures: list[Future[FetchResult | FetchError]] = [pool.submit(work, u) for u in todo]
        try:
            for url, future in zip(todo, futures, strict=True):
                yield url, future.result()
        finally:
            for future in futures:
                future.cancel()
