"""Fetching pages from a real HTTP server on localhost (see ``conftest.site``)."""

from __future__ import annotations

import pytest

from reader.ingest.fetch import (
    USER_AGENT,
    FetchError,
    FetchResult,
    fetch,
    fetch_one,
    is_url,
    make_client,
)
from reader.ingest.html import MAX_HTML_BYTES, parse_html
from tests.ingest.conftest import Site


def _one(site: Site, path: str, **kwargs: float) -> FetchResult | FetchError:
    with make_client(timeout=kwargs.get("timeout", 5.0)) as client:
        return fetch_one(client, site.url(path), **kwargs)  # type: ignore[arg-type]


def test_fetches_a_page_and_says_who_it_is(site: Site) -> None:
    result = _one(site, "/news")
    assert isinstance(result, FetchResult)
    assert result.status == 200 and result.content_type == "text/html"
    assert result.final_url == site.url("/news") and result.redirects == ()
    assert b"Harbour town votes" in result.body
    headers = next(h for p, h in site.requests if p == "/news")
    assert headers["User-Agent"] == USER_AGENT and "readmark" in USER_AGENT
    assert "gzip" in headers["Accept-Encoding"] and "br" in headers["Accept-Encoding"]


@pytest.mark.parametrize("path", ["/gzip", "/br"])
def test_compressed_pages_are_decoded(site: Site, path: str) -> None:
    result = _one(site, path)
    assert isinstance(result, FetchResult)
    assert result.body.lstrip().lower().startswith(b"<!doctype html>")


def test_redirect_chain_keeps_the_final_url_and_every_hop(site: Site) -> None:
    result = _one(site, "/r1")
    assert isinstance(result, FetchResult)
    assert result.url == site.url("/r1")
    assert result.final_url == site.url("/news?from=r3")
    assert result.redirects == (site.url("/r1"), site.url("/r2"), site.url("/r3"))


def test_redirects_are_bounded(site: Site) -> None:
    ok = _one(site, "/hop/3", max_redirects=3)
    assert isinstance(ok, FetchResult) and ok.final_url == site.url("/hop/0")
    too_many = _one(site, "/hop/4", max_redirects=3)
    assert isinstance(too_many, FetchError)
    assert too_many.reason == "too many redirects (more than 3)"


def test_redirect_loop_is_named(site: Site) -> None:
    result = _one(site, "/loop-a")
    assert isinstance(result, FetchError)
    assert result.reason.startswith("redirect loop")
    assert str(result).startswith(site.url("/loop-a") + ": redirect loop")


def test_slow_response_times_out(site: Site) -> None:
    result = _one(site, "/slow", timeout=0.3)
    assert isinstance(result, FetchError)
    assert result.reason == "timed out after 0.3s"


@pytest.mark.parametrize(("path", "reason"), [
    ("/missing", "HTTP 404 Not Found"),
    ("/server-error", "HTTP 500 Internal Server Error"),
    ("/paper.pdf", "not HTML (application/pdf)"),
])
def test_failures_are_one_line(site: Site, path: str, reason: str) -> None:
    result = _one(site, path)
    assert isinstance(result, FetchError)
    assert result.reason == reason
    assert "\n" not in str(result)


def test_huge_page_is_refused_by_its_length(site: Site) -> None:
    result = _one(site, "/huge")
    assert isinstance(result, FetchError)
    assert result.reason.startswith("too large (") and f"limit {MAX_HTML_BYTES:,}" in result.reason


def test_huge_page_without_a_length_stops_at_the_limit(site: Site) -> None:
    result = _one(site, "/huge-unsized")
    assert isinstance(result, FetchError)
    assert result.reason == f"too large (over {MAX_HTML_BYTES:,} bytes)"


def test_refused_connection_and_bad_urls(site: Site) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with make_client(timeout=2) as client:
        refused = fetch_one(client, f"http://127.0.0.1:{port}/x")
        assert isinstance(refused, FetchError) and refused.reason == "connection refused"
        bad = fetch_one(client, "ftp://example.com/file")
        assert isinstance(bad, FetchError) and bad.reason == "not an http(s) URL"


def test_dns_failure_is_named() -> None:
    # ``.invalid`` never resolves (RFC 2606), so no network is needed to fail.
    with make_client(timeout=5) as client:
        result = fetch_one(client, "http://no-such-host.invalid/page")
    assert isinstance(result, FetchError)
    assert result.reason == "DNS lookup failed (no such host)"


def test_tls_failure_is_named(site: Site) -> None:
    # An https:// request to a plain-HTTP server fails the TLS handshake.
    with make_client(timeout=2) as client:
        tls = fetch_one(client, site.url("/news").replace("http://", "https://"))
    assert isinstance(tls, FetchError)
    assert tls.reason.startswith("TLS error")


def test_batch_keeps_order_and_goes_on_after_failures(site: Site) -> None:
    urls = [site.url(p) for p in ("/missing", "/news", "/paper.pdf", "/blog", "/table")]
    done: list[str] = []
    results = list(fetch(urls, timeout=5, concurrency=3, on_done=lambda u, _: done.append(u)))
    assert [u for u, _ in results] == urls
    kinds = [type(r).__name__ for _, r in results]
    assert kinds == ["FetchError", "FetchResult", "FetchError", "FetchResult", "FetchResult"]
    assert sorted(done) == sorted(urls)


def test_charset_from_the_header_or_the_page(site: Site) -> None:
    for path in ("/header-charset", "/cp1252"):
        result = _one(site, path)
        assert isinstance(result, FetchResult)
        article = parse_html(result.body, result.final_url, charset=result.charset)
        assert "René Duval a servi son dernier café" in article.body, path
        assert article.title == "Le café du port ferme ses portes après quarante ans"
        assert not article.warnings


def test_is_url() -> None:
    assert is_url("https://example.com/a") and is_url("HTTP://x.org")
    assert not is_url("example.com/a") and not is_url("notes.html") and not is_url("https://")


def test_concurrency_is_bounded(site: Site) -> None:
    urls = [site.url(f"/counted/{i}") for i in range(9)]
    results = list(fetch(urls, timeout=5, concurrency=3))
    assert all(isinstance(r, FetchResult) for _, r in results)
    assert 2 <= site.most_in_flight <= 3


def test_compressed_bomb_stops_at_the_limit(site: Site) -> None:
    result = _one(site, "/gzip-bomb")
    assert isinstance(result, FetchError)
    assert result.reason == f"too large (over {MAX_HTML_BYTES:,} bytes)"


def test_missing_content_type_is_read_as_html(site: Site) -> None:
    result = _one(site, "/no-type")
    assert isinstance(result, FetchResult) and result.content_type == "text/html"
