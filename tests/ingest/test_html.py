"""Web pages to articles: extraction, metadata, charsets, links, the recall pass."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.html import (
    NO_TEXT,
    absolute_targets,
    decode_html,
    looks_like_html,
    parse_html,
    read_html_file,
    same_site,
)
from reader.ingest.reader import IngestError
from reader.safe_text import is_safe

WEB = Path(__file__).resolve().parent.parent / "fixtures" / "web"
EXPECTED = json.loads((WEB / "expected" / "meta.json").read_text(encoding="utf-8"))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def word_f1(got: str, meant: str) -> float:
    """Word-level F1 of ``got`` against ``meant`` (bags of words)."""
    from collections import Counter

    a, b = Counter(_words(got)), Counter(_words(meant))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_fixture_pages_extract_the_text_and_metadata_meant(page: str) -> None:
    article = read_html_file(WEB / page)
    meant = EXPECTED[page]
    body_meant = (WEB / "expected" / page.replace(".html", ".txt")).read_text(encoding="utf-8")
    assert word_f1(article.body, body_meant) >= 0.95, article.body
    assert article.title == meant["title"]
    assert article.authors == meant["authors"]
    assert article.published == meant["published"]
    assert article.url == meant["url"]
    assert article.site == meant["site"]
    assert article.lang == meant["lang"]
    assert article.body_format == "markdown"
    assert article.origin_path == str((WEB / page).resolve())


def test_boilerplate_is_left_out() -> None:
    news = read_html_file(WEB / "news.html").body
    for junk in ("cookies", "Share on", "ADVERTISEMENT", "Related stories", "newsletter",
                 "All rights reserved", "Subscribe today", "trackers"):
        assert junk not in news
    blog = read_html_file(WEB / "blog-comments.html").body
    for junk in ("Great post", "Leave a Reply", "thoughts on", "Pinterest", "Powered by"):
        assert junk not in blog


def test_markdown_structure_and_absolute_urls() -> None:
    article = read_html_file(WEB / "news.html")
    body = article.body
    assert body.startswith("# Harbour town votes to keep its last ferry\n")
    assert "\n## A lifeline, or a luxury?\n" in body
    assert "**2,914 votes to 1,102**" in body and "*rising cost of fuel*" in body
    assert "\n- a bid to the regional transport fund;\n" in body
    assert ("![The ferry Alder Queen leaving the harbour at dawn]"
            "(https://courier.example.org/media/ferry-at-dawn.jpg)") in body
    assert ("[available on the council website]"
            "(https://courier.example.org/documents/ferry-report.pdf)") in body
    assert article.description == ("Residents of Port Alder voted by a wide margin to fund "
                                   "the ferry for another decade.")
    table = read_html_file(WEB / "table.html").body
    assert "| City | Monthly pass | Single fare | Break-even trips |" in table
    assert "| Esterby | €45 | €2.50 | 18 |" in table
    blog = read_html_file(WEB / "blog-comments.html").body
    assert "1. Buy a filter for the tap" in blog and "`06:00, 20 min, every 2 days`" in blog


def test_relative_links_resolve_against_the_url_given() -> None:
    html = ("<html><body><article><h1>Notes on tides</h1>"
            + "<p>The tide rose quickly over the flats that evening, as it often does. " * 4
            + '<a href="../maps/tides.html">the map</a>.</p>'
            '<p><img src="img/flats.png" alt="Flats"> <a href="javascript:alert(1)">x</a></p>'
            "</article></body></html>")
    body = parse_html(html, "https://tides.example/guide/notes/").body
    assert "[the map](https://tides.example/guide/maps/tides.html)" in body
    assert "javascript:" not in body


def test_absolute_targets_drops_unsafe_schemes() -> None:
    text = "[a](/x) ![b](data:image/png;base64,AAAA) [c](mailto:me@example.org) [d](javascript:x)"
    assert absolute_targets(text, "https://s.example/p/q") == (
        "[a](https://s.example/x) b [c](mailto:me@example.org) d")


def test_page_without_an_article_is_one_line() -> None:
    with pytest.raises(IngestError) as info:
        read_html_file(WEB / "nav-only.html")
    assert str(info.value) == NO_TEXT == "no article text found"
    with pytest.raises(IngestError, match="empty page"):
        parse_html(b"   ")


def test_recall_pass_finds_the_text_behind_a_teaser() -> None:
    # The page shows one paragraph and a paywall; its structured data holds the article.
    import trafilatura

    page = (WEB / "paywall.html").read_bytes()
    alone = trafilatura.extract(page, output_format="markdown") or ""
    assert "track time" not in alone  # what the second pass is for
    article = parse_html(page)
    assert "What worries the staff is not demand but track time." in article.body
    assert "Subscribe to keep reading" not in article.body
    assert article.body.count("\n\n") == 3  # its four paragraphs kept apart
    assert article.warnings == ["little text in the main pass; used the page's structured data"]


def test_a_full_page_does_not_take_the_structured_teaser() -> None:
    html = ('<html><head><script type="application/ld+json">{"articleBody": "Short."}</script>'
            "</head><body><article><h1>Long enough</h1>"
            + "".join(f"<p>Plenty of visible article text is in paragraph {i}, really.</p>"
                      for i in range(12))
            + "</article></body></html>")
    article = parse_html(html)
    assert article.body.count("Plenty of visible") >= 1 and "Short." not in article.body
    assert article.warnings == []


def test_markup_and_control_sequences_are_data() -> None:
    html = ("<html><body><article><h1>Escape \x1b[31mred\x1b[0m</h1>"
            + "<p>[bold red]Not markup[/bold red] but text that is long enough to keep. " * 5
            + "\x1b]8;;http://evil\x07link\x1b]8;;\x07</p></article></body></html>")
    article = parse_html(html)
    assert "\x1b" not in article.body and "\x07" not in article.body
    assert "\x1b" not in article.title
    # Brackets stay text: escaped for Markdown, never read as console markup.
    assert "\\[bold red\\]Not markup\\[/bold red\\]" in article.body


@pytest.mark.parametrize(("data", "charset", "text"), [
    ("café".encode("cp1252"), "iso-8859-1", "café"),  # latin-1 label means windows-1252
    ("“quote”".encode("cp1252"), None, "“quote”"),  # no label, not UTF-8: windows-1252
    (b'<meta charset="koi8-r">' + "мир".encode("koi8-r"), None, "мир"),
    (b'<meta charset="koi8-r">' + "naïve".encode(), "utf-8", "naïve"),  # header wins
    (b"\xef\xbb\xbf<p>caf\xc3\xa9", "cp1252", "<p>café"),  # BOM wins over everything
])
def test_decode_html(data: bytes, charset: str | None, text: str) -> None:
    decoded, _ = decode_html(data, charset)
    assert decoded.endswith(text)


def test_decode_html_names_unknown_charsets() -> None:
    _, warning = decode_html(b"<p>hello", "x-no-such-charset")
    assert warning == "unknown charset 'x-no-such-charset' in the HTTP header; ignored"


def test_looks_like_html() -> None:
    assert looks_like_html(b"\n<!DOCTYPE html><html>")
    assert looks_like_html(b"\xef\xbb\xbf<html lang='en'>")
    assert looks_like_html(b"<!-- saved from url=(0022)https://x.example/ -->\n<html>")
    assert not looks_like_html(b"# A Markdown title\n\n<p>inline html</p>")


def test_browser_saved_page_uses_its_saved_from_address(tmp_path: Path) -> None:
    page = (WEB / "cp1252.html").read_bytes()
    saved = tmp_path / "Le café.html"
    saved.write_bytes(b"<!-- saved from url=(0039)https://gazette.example/port/cafe?utm_x=1 -->\n"
                      + page)
    article = read_html_file(saved)
    assert article.url == "https://gazette.example/port/cafe"


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body><p>" + b"x" * (10 * 1024 * 1024) + b"</p></body></html>")
    with pytest.raises(IngestError, match=r"^file too large \("):
        read_html_file(big)


_PIECES = st.sampled_from([
    "<p>", "</p>", "<h1>", "</h1>", "<a href='", "'>", "</a>", "<img src='", "' alt='", "'>",
    "<script>", "</script>", "<table><tr><td>", "</td></tr></table>", "<!--", "-->",
    "javascript:x()", "../up", "\x1b[2J", "\x9b31m", "\u202e", "[b]", "&amp;", "&#0;", "\x00",
    " word ", "the harbour ferry sailed at dawn and returned at dusk ", "\n",
])


@settings(max_examples=60)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60),
       st.sampled_from([None, "https://s.example/a/b", "http://[bad"]))
def test_any_page_gives_an_article_or_one_line(pieces: list[str], url: str | None) -> None:
    html = "<html><body><article>" + "".join(pieces) + "</article></body></html>"
    try:
        article = parse_html(html.encode("utf-8", "surrogatepass"), url)
    except IngestError as exc:
        assert "\n" not in str(exc)
        return
    for text in (article.body, article.title, *article.authors, article.site or ""):
        assert is_safe(text), text
    for target in re.findall(r"(?<!\\)\]\(([^)\s]*)", article.body):
        assert target.startswith(("http://", "https://", "mailto:")), target


def test_same_site() -> None:
    assert same_site("https://www.example.com/a", "https://example.com/b")
    assert same_site("https://amp.example.com/a", "https://example.com/b")
    assert same_site("https://news.bbc.co.uk/a", "https://bbc.co.uk/b")
    assert not same_site("https://evil.co.uk/a", "https://bbc.co.uk/b")
    assert not same_site("https://example.com.evil.net/a", "https://example.com/b")
