"""Import arguments of the new kinds (pages, books, URLs, URL lists) and reading them."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from reader.ingest.article import Article
from reader.ingest.reader import IngestError
from reader.ingest.sources import Source, expand, url_list
from reader.ingest.web import ProgressLine, read_sources
from tests.ingest.conftest import WEB, Site
from tests.ingest.test_epub import _book, make_epub


def test_folder_of_saved_pages_skips_the_files_folders(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    (folder / "Harbour ferry_files").mkdir(parents=True)
    (folder / "Harbour ferry_files" / "frame.html").write_text("<html>ad frame</html>")
    (folder / "Harbour ferry_files" / "style.css").write_text("p{}")
    (folder / "Café-Dateien").mkdir()
    (folder / "Café-Dateien" / "x.htm").write_text("<html></html>")
    shutil.copy(WEB / "news.html", folder / "Harbour ferry.html")
    shutil.copy(WEB / "cp1252.html", folder / "Café.htm")
    (folder / "notes").mkdir()
    (folder / "notes" / "kept.xhtml").write_text("<html></html>")
    make_epub(folder / "book.epub", _book())
    (folder / "paper.pdf").write_bytes(b"%PDF")
    names = sorted(Path(s.name).relative_to(folder).as_posix() for s in expand([str(folder)]))
    assert names == ["Café.htm", "Harbour ferry.html", "book.epub", "notes/kept.xhtml"]


def test_kinds_of_sources(tmp_path: Path) -> None:
    shutil.copy(WEB / "news.html", tmp_path / "a.HTML")
    make_epub(tmp_path / "b.epub", _book())
    (tmp_path / "c.md").write_text("# C\n\ntext\n")
    args = [str(tmp_path / "a.HTML"), str(tmp_path / "b.epub"), str(tmp_path / "c.md"), "-",
            "https://example.org/x", "https://example.org/x", "http://bad host/"]
    sources = list(expand(args))
    assert [s.kind for s in sources] == ["html", "epub", "text", "stdin", "url", "error"]
    assert sources[4].url == "https://example.org/x" and sources[4].explicit
    assert sources[5].error == "not a valid http(s) URL"


def test_url_list_skips_comments_and_names_bad_lines(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("\ufeff# reading list\n\nhttps://a.example/one\n"
                       "  https://a.example/two   # from the newsletter\n"
                       "notes.html\nhttps://a.example/one\nftp://a.example/three\n")
    sources = url_list(str(listing))
    assert [(s.url, s.error) for s in sources] == [
        ("https://a.example/one", None),
        ("https://a.example/two", None),
        (None, "not an http(s) URL: 'notes.html'"),
        (None, "not an http(s) URL: 'ftp://a.example/three'"),
    ]
    assert sources[2].name == f"{listing}:5"
    missing = url_list(str(tmp_path / "nope.txt"))
    assert missing == [Source(str(tmp_path / "nope.txt"), error="no such file or directory")]


def test_read_sources_mixes_files_stdin_and_urls_in_order(site: Site, tmp_path: Path) -> None:
    page = tmp_path / "blog.html"
    shutil.copy(WEB / "blog-comments.html", page)
    sources = [
        Source("r1", url=site.url("/r1")),
        Source(str(page), page),
        Source("missing", url=site.url("/missing")),
        Source("<stdin>"),
        Source("pdf", url=site.url("/paper.pdf")),
        Source("app", url=site.url("/empty-app")),
        Source("bad", error="no such file or directory"),
    ]
    seen: list[tuple[int, int]] = []
    stdin = io.BytesIO((WEB / "table.html").read_bytes())
    out = list(read_sources(sources, stdin, timeout=5, concurrency=2,
                            on_progress=lambda d, t: seen.append((d, t))))
    assert [s.name for s, _ in out] == [s.name for s in sources]
    results = [r if isinstance(r, Article) else str(r) for _, r in out]
    news = results[0]
    assert isinstance(news, Article)
    # The final URL names the article (its canonical one is on another site); the addresses
    # on the way are kept as aliases.
    assert news.url == site.url("/news?from=r3")
    assert news.aliases == [site.url("/r1"), site.url("/r2"), site.url("/r3")]
    assert news.raw_html == (WEB / "news.html").read_bytes()
    assert isinstance(results[1], Article) and results[1].title.startswith("Why I switched")
    assert results[1].raw_html is None or isinstance(results[1].raw_html, bytes)
    assert results[2] == "HTTP 404 Not Found"
    table = results[3]
    assert isinstance(table, Article) and "| Esterby | €45 | €2.50 | 18 |" in table.body
    assert table.raw_html is not None
    assert results[4] == "not HTML (application/pdf)"
    assert results[5] == "no article text found"
    assert results[6] == "no such file or directory"
    assert sorted(seen) == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_page_without_canonical_url_is_named_by_its_final_url(site: Site) -> None:
    [(_, article)] = list(read_sources([Source("x", url=site.url("/cp1252"))], timeout=5))
    assert isinstance(article, Article)
    assert article.url == site.url("/cp1252") and article.aliases == []


def test_stdin_markdown_is_still_markdown() -> None:
    [(_, article)] = list(read_sources([Source("<stdin>")], io.BytesIO(b"# Plain\n\nJust text.\n")))
    assert isinstance(article, Article) and article.title == "Plain" and article.raw_html is None


def test_read_sources_reports_ingest_errors_as_values(tmp_path: Path) -> None:
    bad = tmp_path / "bad.epub"
    bad.write_text("not a zip")
    [(_, error)] = list(read_sources([Source(str(bad), bad)]))
    assert isinstance(error, IngestError) and str(error) == "broken EPUB: not a zip archive"


def test_progress_line_draws_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    plain, tty = io.StringIO(), Tty()
    ProgressLine(plain)(1, 2)
    line = ProgressLine(tty)
    line(1, 4)
    line.clear()
    assert plain.getvalue() == ""
    assert tty.getvalue() == "\rfetching [#####...............] 1/4\r\x1b[2K"
