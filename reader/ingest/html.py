"""Web pages to articles: the main text of an HTML page as Markdown, with its metadata.

Extraction is trafilatura's (navigation, ads, share widgets, comments and cookie banners are
left out). When that finds little text for the size of the page, a second, recall-oriented
pass runs and the longer result is kept; when neither finds any, the page is refused with
``NO_TEXT``. Links and images come out as Markdown with absolute URLs.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from reader.ingest import metadata as md
from reader.ingest.article import Article
from reader.ingest.decoding import clean_field
from reader.ingest.identity import canonical_url, site_from_url
from reader.ingest.reader import MAX_BYTES, IngestError, printable_path
from reader.safe_text import for_storage

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: Largest page accepted, fetched or read from a file.
MAX_HTML_BYTES = 10 * 1024 * 1024
#: File name endings read as HTML.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: The one-line reason a page without an article is refused.
NO_TEXT = "no article text found"
#: Fewer words than this after both passes is not an article.
MIN_WORDS = 15
#: The main pass is retried for recall when it keeps less than this share of the page's words.
RECALL_SHARE = 0.4

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_HTML_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)",
                         re.IGNORECASE | re.DOTALL)
# Markdown link or image targets: ``[text](target)`` or ``![alt](target "title")``.
_MD_TARGET = re.compile(
    r"(!?)\[((?:[^\]\\]|\\.)*)\]\(\s*(?:<([^>\n]*)>|((?:[^()\s]|\([^()\s]*\))*))"
    r"((?:\s+\"[^\"]*\")?)\s*\)"
)
_WORD = re.compile(r"\w+")
_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>#|]")
# WHATWG: these labels mean windows-1252 in HTML.
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii",
                 "iso_8859-1", "cp819", "ibm819", "x-cp1252"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` starts like an HTML document (a doctype or an ``<html>`` tag).

    Args:
        data: The first bytes of a file or of standard input.
    """
    head = data[:4096]
    for bom, _ in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    return bool(_HTML_START.match(head))


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or ``None`` when the label is unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes, charset: str | None = None) -> tuple[str, str | None]:
    """Decode page bytes: a byte-order mark, else the HTTP charset, else ``<meta charset>``.

    Without any of these, UTF-8 is tried and Windows-1252 is the fallback (as browsers do).

    Args:
        data: The page as bytes.
        charset: The ``charset`` parameter of the ``Content-Type`` header, if any.

    Returns:
        ``(text, warning)``; the warning names an unknown charset or undecodable bytes.
    """
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(bom_encoding, errors="replace"), None
    warning = None
    encoding = _codec(charset)
    if charset and encoding is None:
        warning = f"unknown charset {charset[:40]!r} in the HTTP header; ignored"
    if encoding is None:
        match = _META_CHARSET.search(data[:16384])
        label = match.group(1).decode("ascii", "replace") if match else None
        encoding = _codec(label)
        if label and encoding is None:
            warning = f"unknown charset {label[:40]!r} in the page; ignored"
        if encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
            encoding = "utf-8"  # a page that can declare it in ASCII is not UTF-16
    if encoding is None:
        try:
            return data.decode("utf-8"), warning
        except UnicodeDecodeError:
            encoding = "cp1252"
    text = data.decode(encoding, errors="replace")
    if "\ufffd" in text and "\ufffd".encode(encoding, "ignore") not in data:
        warning = warning or f"bytes that are not {encoding} were replaced"
    return text, warning


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _page_words(tree: HtmlElement) -> int:
    """Words of visible text in the page body (scripts, styles and templates left out)."""
    hidden = "//body//script | //body//style | //body//noscript | //body//template"
    return _words(str(tree.xpath("string(//body)"))) - sum(
        _words(el.text_content()) for el in tree.xpath(hidden))


def _resolve_links(tree: HtmlElement, where: str) -> None:
    """Make the link and image addresses trafilatura reads absolute, against ``<base href>``
    joined to ``where`` (trafilatura alone would keep only the host of a relative path)."""
    bases = tree.xpath("//head/base/@href")
    base = urljoin(where, str(bases[0]).strip()) if bases else where
    for el in tree.xpath("//a[@href] | //img[@src or @data-src]"):
        for attr in ("href", "src", "data-src"):
            value = el.get(attr)
            if value is not None and "://" not in value[:12]:
                try:
                    el.set(attr, urljoin(base, value.strip()))
                except ValueError:  # an address urljoin cannot read: drop it
                    del el.attrib[attr]


def _lang(tree: HtmlElement) -> str | None:
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    candidates += [str(v) for v in tree.xpath(
        "//meta[translate(@http-equiv,'CONTENLAGU','contenlagu')='content-language']/@content"
        " | //meta[@property='og:locale']/@content")]
    for value in candidates:
        text = (value or "").strip().replace("_", "-")
        if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", text):
            return text
    return None


def _page_address(tree: HtmlElement) -> str | None:
    """The page's own idea of its address: ``<link rel=canonical>`` or ``og:url``."""
    for value in tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        if canonical_url(str(value)):
            return str(value).strip()
    return None


def absolute_targets(markdown: str, base: str | None) -> str:
    """Make every Markdown link and image target absolute against ``base``.

    Targets that are not http(s) or ``mailto:`` after joining (``javascript:``, ``data:``, a
    relative path with no base) lose the link and keep the text; an image without a usable
    source keeps only its alt text.

    Args:
        markdown: Markdown text.
        base: The page's address (its ``<base href>`` joined to where it came from), if known.
    """

    def fix(match: re.Match[str]) -> str:
        bang, text, angled, bare, title = match.groups()
        target = angled if angled is not None else bare
        joined = urljoin(base, target) if base else target
        scheme = urlsplit(joined).scheme.lower()
        if scheme in ("http", "https") or (scheme == "mailto" and not bang):
            return f"{bang}[{text}]({joined}{title})"
        return text

    return _MD_TARGET.sub(fix, markdown)


@dataclass(frozen=True)
class Extracted:
    """What one extraction pass found.

    Attributes:
        markdown: The main text as Markdown.
        words: Its word count.
        meta: trafilatura's metadata document (title, author, date, ...), or ``None``.
        kind: ``"main"``, ``"recall"`` or ``"structured"``.
    """

    markdown: str
    words: int
    meta: Any
    kind: str = "main"


def _extract(tree: HtmlElement, url: str | None, *, recall: bool) -> Extracted:
    """Run one trafilatura pass over ``tree`` (which is not changed).

    The metadata is read in the main pass only; a recall pass needs just the text.
    """
    import trafilatura  # loaded only when a page is imported (it takes a while)
    from trafilatura.xml import xmltotxt

    doc = trafilatura.bare_extraction(
        tree, url=url, favor_recall=recall, with_metadata=not recall, include_comments=False,
        include_formatting=True, include_links=True, include_images=True, include_tables=True,
        output_format="markdown",
    )
    kind = "recall" if recall else "main"
    body = getattr(doc, "body", None)
    if body is None:
        return Extracted("", 0, doc, kind)
    text = xmltotxt(body, True) or ""
    return Extracted(text, _words(text), doc, kind)


def _ld_bodies(value: Any, depth: int = 0) -> Iterator[str]:
    """Every ``articleBody`` string in parsed JSON-LD (objects, lists and ``@graph``)."""
    if depth > 8:
        return
    if isinstance(value, dict):
        body = value.get("articleBody")
        if isinstance(body, str):
            yield body
        for item in value.values():
            if isinstance(item, dict | list):
                yield from _ld_bodies(item, depth + 1)
    elif isinstance(value, list):
        for item in value[:200]:
            yield from _ld_bodies(item, depth + 1)


def structured_body(tree: HtmlElement) -> Extracted:
    """The article text a page declares in its JSON-LD ``articleBody``, as Markdown paragraphs.

    Pages that show only a teaser (a paywall, text filled in by scripts) often carry the whole
    text there for search engines. Paragraph breaks are kept; any HTML in it is reduced to
    text and Markdown characters are escaped, so it reads as it was written.
    """
    import json

    from lxml.html import fragment_fromstring

    best = ""
    for script in tree.xpath("//script[@type='application/ld+json']/text()")[:20]:
        try:
            data = json.loads(str(script))
        except ValueError:
            continue
        for body in _ld_bodies(data):
            if "<" in body and ">" in body:
                body = fragment_fromstring(body, create_parent="div").text_content()
            if len(body) > len(best):
                best = body
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", best)]
    text = "\n\n".join(_MD_SPECIAL.sub(r"\\\g<0>", p) for p in paragraphs if p)
    return Extracted(text, _words(text), None, "structured")


def extract_passes(tree: HtmlElement, url: str | None) -> Iterator[Extracted]:
    """Yield the main pass and the recall passes it needs.

    trafilatura's ``favor_recall`` mode runs when the main pass kept less than
    ``RECALL_SHARE`` of the page's words (or almost nothing); the page's structured data
    (``structured_body``) is read whenever the page declares an ``articleBody``.
    """
    main = _extract(tree, url, recall=False)
    yield main
    if main.words < MIN_WORDS or main.words < RECALL_SHARE * _page_words(tree):
        yield _extract(tree, url, recall=True)
    if tree.xpath("boolean(//script[@type='application/ld+json']"
                  "[contains(text(), 'articleBody')])"):
        yield structured_body(tree)


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on one site: the same host, ignoring ``www.``, or one a subdomain
    of the other (``amp.example.com`` and ``example.com``; never ``a.co.uk`` and ``b.co.uk``).
    """
    hosts = [(urlsplit(u).hostname or "").removeprefix("www.") for u in (a, b)]
    one, two = hosts
    return bool(one) and (one == two or one.endswith("." + two) or two.endswith("." + one))


def _field(doc: Any, name: str) -> str | None:
    value = getattr(doc, name, None) if doc is not None else None
    return clean_field(value) or None if isinstance(value, str) else None


def _tidy(markdown: str) -> str:
    """Fold runs of blank lines and trailing spaces trafilatura leaves (table rows, quotes)."""
    lines = [line.rstrip() for line in markdown.replace("\r\n", "\n").split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip() + "\n"


def parse_html(
    html: bytes | str,
    url: str | None = None,
    *,
    charset: str | None = None,
    name: str = "<html>",
    origin: str | None = None,
) -> Article:
    """Extract the article from an HTML page.

    Args:
        html: The page, as bytes (decoded with ``charset``, a BOM or ``<meta charset>``) or text.
        url: Where the page came from (the final URL after redirects), if known: relative links
            are resolved against it and it is the article's URL when the page names no
            canonical one.
        charset: The ``charset`` of the HTTP ``Content-Type`` header, if any.
        name: What to call the page in messages.
        origin: Absolute path of the file it was read from (``None`` for URLs and stdin).

    Returns:
        The article: Markdown body, title, authors, site, date, canonical URL, language and
        description; ``warnings`` says when the recall pass was needed.

    Raises:
        IngestError: ``NO_TEXT`` when no article text is found; another one-line reason when
            the page is not HTML at all.
    """
    warnings: list[str] = []
    if isinstance(html, bytes):
        if len(html) > MAX_HTML_BYTES:
            raise IngestError(f"page too large (over {MAX_HTML_BYTES:,} bytes)")
        if not url:
            saved = _SAVED_FROM.search(html[:4096])
            found = saved.group(1).decode("ascii", "replace") if saved else None
            url = found if found and canonical_url(found) else None
        text, warning = decode_html(html, charset)
        if warning:
            warnings.append(warning)
    else:
        text = html
    if not text.strip():
        raise IngestError("empty page")
    text, removed = for_storage(text)
    from trafilatura.utils import load_html

    tree = load_html(text)
    if tree is None:
        raise IngestError("not an HTML page (cannot be parsed)")
    where = url or _page_address(tree)
    if where:
        _resolve_links(tree, where)
    passes = list(extract_passes(tree, where))
    # Structured text must clearly beat the page's (a teaser is often part of it); a recall
    # pass must find more than the main one.
    best = max(passes, key=lambda p: p.words * (0.8 if p.kind == "structured" else 1.0))
    if best.words < MIN_WORDS:
        raise IngestError(NO_TEXT)
    if best is not passes[0]:
        how = "the page's structured data" if best.kind == "structured" else "the recall pass"
        warnings.append(f"little text in the main pass; used {how}")
    doc = passes[0].meta
    page_url = canonical_url(_field(doc, "url")) or canonical_url(url)
    fetched = canonical_url(url)
    if fetched and page_url and not same_site(fetched, page_url):
        # A page names the article: it may not claim another site's address (and so replace
        # an article from there on import).
        warnings.append(f"canonical URL on another site ignored: {page_url[:100]}")
        page_url = fetched
    body, body_removed = for_storage(_tidy(absolute_targets(best.markdown, where)))
    if len(body.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise IngestError(f"article text too long (over {MAX_BYTES:,} bytes)")
    if removed or body_removed:
        warnings.append(f"removed {removed + body_removed} control character(s)")

    title = (_field(doc, "title") or md.title_from_text(body) or clean_field(name) or "Untitled")
    authors = [clean_field(a) for a in md.split_authors(_field(doc, "author")) if clean_field(a)]
    published = md.parse_date(_field(doc, "date"))
    site = _field(doc, "sitename") or site_from_url(page_url)
    return Article(
        title=title,
        body=body,
        body_format="markdown",
        authors=authors or md.byline_from_text(body),
        url=page_url,
        site=site,
        published=published,
        tags=md.split_tags(getattr(doc, "tags", None) or [],
                           getattr(doc, "categories", None) or []) if doc is not None else [],
        origin_path=origin,
        lang=_lang(tree),
        description=_field(doc, "description"),
        warnings=warnings,
    )


def read_html_file(path: Path) -> Article:
    """Read a saved web page (``.html``, ``.htm``, ``.xhtml``) into an article.

    A page saved by a browser keeps its ``saved from url=`` comment; that address is used for
    links and as the URL when the page names no canonical one.

    Args:
        path: The file.

    Raises:
        IngestError: With a one-line reason (too large, unreadable, no article text).
    """
    import os

    try:
        size = os.stat(path).st_size
        if size > MAX_HTML_BYTES:
            raise IngestError(f"file too large ({size:,} bytes; limit {MAX_HTML_BYTES:,})")
        with open(path, "rb") as handle:
            data = handle.read(MAX_HTML_BYTES + 1)
    except PermissionError as exc:
        raise IngestError("permission denied") from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise IngestError(reason[:1].lower() + reason[1:]) from exc
    origin = printable_path(os.path.realpath(path))
    return parse_html(data, None, name=printable_path(path.name), origin=origin)
