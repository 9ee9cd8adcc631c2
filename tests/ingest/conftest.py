"""A real HTTP server on localhost, in a thread, serving the pages in ``tests/fixtures/web``."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parent.parent / "fixtures" / "web"
HUGE_BYTES = 11 * 1024 * 1024


def _page(name: str) -> bytes:
    return (WEB / name).read_bytes()


class Site:
    """The running server: its base URL and the requests it has seen."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.overrides: dict[str, bytes] = {}  # path -> page served instead (tests set these)
        self.in_flight = 0
        self.most_in_flight = 0

    def url(self, path: str) -> str:
        return self.base + path


class _Handler(BaseHTTPRequestHandler):
    site: Site
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None, length: bool = True) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)
        if not length:
            self.close_connection = True

    def _redirect(self, status: int, location: str) -> None:
        self._send(status, b"", headers={"Location": location})

    def do_GET(self) -> None:
        self.site.requests.append((self.path, dict(self.headers.items())))
        path = self.path.split("?")[0]
        if path in self.site.overrides:
            self._send(200, self.site.overrides[path])
            return
        pages = {"/news": "news.html", "/blog": "blog-comments.html", "/live": "liveblog.html",
                 "/table": "table.html", "/empty-app": "nav-only.html"}
        if path in pages:
            self._send(200, _page(pages[path]))
        elif path == "/cp1252":  # charset only in <meta>
            self._send(200, _page("cp1252.html"), ctype="text/html")
        elif path == "/header-charset":  # charset only in the header; the page says nothing
            body = _page("cp1252.html").replace(
                b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', b"")
            self._send(200, body, ctype="text/html; charset=windows-1252")
        elif path == "/gzip":
            self._send(200, gzip.compress(_page("news.html")),
                       headers={"Content-Encoding": "gzip"})
        elif path == "/br":
            import brotli

            self._send(200, brotli.compress(_page("blog-comments.html")),
                       headers={"Content-Encoding": "br"})
        elif path == "/r1":
            self._redirect(302, "/r2")
        elif path == "/r2":
            self._redirect(301, self.site.url("/r3"))
        elif path == "/r3":
            self._redirect(307, "news?from=r3")
        elif path == "/loop-a":
            self._redirect(302, "/loop-b")
        elif path == "/loop-b":
            self._redirect(302, "/loop-a")
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            if n > 0:
                self._redirect(302, f"/hop/{n - 1}")
            else:
                self._send(200, _page("table.html"))
        elif path.startswith("/counted/"):  # holds each request a moment, counting overlap
            with self.site.lock:
                self.site.in_flight += 1
                self.site.most_in_flight = max(self.site.most_in_flight, self.site.in_flight)
            time.sleep(0.15)
            with self.site.lock:
                self.site.in_flight -= 1
            self._send(200, _page("table.html"))
        elif path == "/gzip-bomb":  # 20 MB of spaces, a few kB on the wire
            self._send(200, gzip.compress(b"<html><body>" + b" " * (20 * 1024 * 1024)),
                       headers={"Content-Encoding": "gzip"})
        elif path == "/no-type":
            self._send(200, _page("news.html"), ctype="")
        elif path == "/slow":
            time.sleep(2.0)
            self._send(200, _page("news.html"))
        elif path == "/huge":
            self._send(200, b"<html><body><p>" + b"word " * (HUGE_BYTES // 5) + b"</p>")
        elif path == "/huge-unsized":
            self._send(200, b"<html><body><p>" + b"word " * (HUGE_BYTES // 5) + b"</p>",
                       length=False)
        elif path == "/paper.pdf":
            self._send(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
                       ctype="application/pdf")
        elif path == "/server-error":
            self._send(500, b"<h1>Oops</h1>")
        else:
            self._send(404, b"<html><body><h1>Not found</h1></body></html>")


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (a timeout test, a TLS hello) is expected here: no traceback."""


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    """A local web server serving the fixture pages (no network needed)."""
    handler = type("Handler", (_Handler,), {})
    server = _QuietServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    host, port = server.server_address[:2]
    the_site = Site(f"http://{host}:{port}")
    handler.site = the_site
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield the_site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
