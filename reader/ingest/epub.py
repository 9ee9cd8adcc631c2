"""EPUB books to one article each, with the standard library (zip + the OPF package file).

The chapters are read in spine order and each becomes a section under a heading; title,
authors, language and date come from the package metadata. Images become links (a terminal
does not show them). Books whose content is encrypted (DRM) are refused with one line.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

from reader.ingest import metadata as md
from reader.ingest.article import Article
from reader.ingest.decoding import clean_field
from reader.ingest.html import _MD_TARGET, decode_html
from reader.ingest.reader import MAX_BYTES, IngestError, printable_path
from reader.safe_text import for_storage

#: Largest book file, and most text read out of one (a guard against zip bombs).
MAX_EPUB_BYTES = 64 * 1024 * 1024
MAX_TEXT_BYTES = 32 * 1024 * 1024

_NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "enc": "http://www.w3.org/2001/04/xmlenc#",
}
# Font obfuscation is not DRM: the text stays readable.
_FONT_OBFUSCATION = {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
_XHTML_TYPES = {"application/xhtml+xml", "text/html", "application/x-dtbook+xml"}


def _xml(data: bytes, what: str) -> ElementTree.Element:
    if b"<!ENTITY" in data[:4096]:
        raise IngestError(f"broken EPUB: {what} declares entities; refused")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise IngestError(f"broken EPUB: {what} is not valid XML ({exc})") from exc


def _read(book: zipfile.ZipFile, name: str, budget: list[int]) -> bytes:
    try:
        info = book.getinfo(name)
    except KeyError as exc:
        raise IngestError(f"broken EPUB: {name!r} is missing") from exc
    if info.file_size > budget[0]:
        raise IngestError(f"book too large (over {MAX_TEXT_BYTES:,} bytes of text)")
    data = book.read(info)
    budget[0] -= len(data)
    return data


def _check_drm(book: zipfile.ZipFile) -> None:
    names = set(book.namelist())
    if "META-INF/rights.xml" in names:
        raise IngestError("DRM-protected EPUB (rights.xml); cannot be read")
    if "META-INF/encryption.xml" not in names:
        return
    root = _xml(book.read("META-INF/encryption.xml")[:1_000_000], "encryption.xml")
    for data in root.iter(f"{{{_NS['enc']}}}EncryptedData"):
        method = data.find("enc:EncryptionMethod", _NS)
        algorithm = method.get("Algorithm", "") if method is not None else ""
        if algorithm not in _FONT_OBFUSCATION:
            raise IngestError("DRM-protected EPUB (encrypted content); cannot be read")


def _text(elem: ElementTree.Element | None) -> str | None:
    if elem is None or not (elem.text or "").strip():
        return None
    return clean_field(elem.text or "") or None


def _chapter_markdown(data: bytes, href: str) -> str:
    """One chapter's XHTML as Markdown (all of its text: a book has no boilerplate)."""
    import trafilatura
    from trafilatura.utils import load_html
    from trafilatura.xml import xmltotxt

    text, _ = decode_html(data)
    tree = load_html(text)
    if tree is None:
        return ""
    doc = trafilatura.bare_extraction(
        tree, favor_recall=True, include_comments=False, include_formatting=True,
        include_links=False, include_images=True, include_tables=True,
        output_format="markdown",
    )
    body = getattr(doc, "body", None)
    markdown = xmltotxt(body, True) if body is not None else ""
    if not markdown or len(markdown.split()) < 3:
        # trafilatura drops very short pages (a part title, an epigraph): keep their text.
        markdown = "\n\n".join(
            " ".join(str(t).split()) for t in tree.xpath(
                "//body//*[self::h1 or self::h2 or self::h3 or self::p or self::li]"
                "//text()[normalize-space()]")
        )

    def image_link(match: re.Match[str]) -> str:
        bang, alt, angled, bare, _ = match.groups()
        if not bang:
            return match.group(0)
        target = unquote(angled if angled is not None else bare)
        src = posixpath.normpath(posixpath.join(posixpath.dirname(href), target))
        return f"[Image: {alt or posixpath.basename(src)}]({src})"

    return _MD_TARGET.sub(image_link, markdown)


def _heading_for(markdown: str, title: str | None, index: int) -> str:
    first = next((line for line in markdown.splitlines() if line.strip()), "")
    if first.startswith("#"):
        return markdown
    return f"## {title or f'Chapter {index}'}\n\n{markdown}"


def _toc_titles(book: zipfile.ZipFile, opf_dir: str, manifest: dict[str, tuple[str, str]],
                spine_toc: str | None, budget: list[int]) -> dict[str, str]:
    """Chapter titles from the EPUB 2 NCX table of contents, by file path (best effort)."""
    if not spine_toc or spine_toc not in manifest:
        return {}
    path = posixpath.join(opf_dir, manifest[spine_toc][0])
    try:
        root = _xml(_read(book, path, budget), "the table of contents")
    except IngestError:
        return {}
    titles: dict[str, str] = {}
    ncx = "{http://www.daisy.org/z3986/2005/ncx/}"
    for point in root.iter(f"{ncx}navPoint"):
        label = point.find(f"{ncx}navLabel/{ncx}text")
        content = point.find(f"{ncx}content")
        if label is not None and content is not None and label.text:
            src = unquote(content.get("src", "").split("#")[0])
            titles.setdefault(posixpath.normpath(posixpath.join(opf_dir, src)),
                              clean_field(label.text))
    return titles


def read_epub(path: Path) -> Article:
    """Read an EPUB book into one article: chapters in spine order, each under a heading.

    Args:
        path: The ``.epub`` file.

    Returns:
        The article, with title, authors, language, date and tags from the OPF metadata.

    Raises:
        IngestError: One line for a DRM-protected, broken, empty or oversized book.
    """
    try:
        size = os.stat(path).st_size
        if size > MAX_EPUB_BYTES:
            raise IngestError(f"file too large ({size:,} bytes; limit {MAX_EPUB_BYTES:,})")
        book = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise IngestError("broken EPUB: not a zip archive") from exc
    except PermissionError as exc:
        raise IngestError("permission denied") from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise IngestError(reason[:1].lower() + reason[1:]) from exc
    with book:
        try:
            return _read_book(book, path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError,
                RuntimeError, NotImplementedError) as exc:
            # RuntimeError: an encrypted zip member; NotImplementedError: unknown compression.
            raise IngestError(f"broken EPUB: {' '.join(str(exc).split())[:100]}") from exc


def _read_book(book: zipfile.ZipFile, path: Path) -> Article:
    budget = [MAX_TEXT_BYTES]
    _check_drm(book)
    container = _xml(_read(book, "META-INF/container.xml", budget), "container.xml")
    rootfile = container.find("c:rootfiles/c:rootfile", _NS)
    opf_path = rootfile.get("full-path") if rootfile is not None else None
    if not opf_path:
        raise IngestError("broken EPUB: container.xml names no package file")
    opf = _xml(_read(book, opf_path, budget), opf_path)
    opf_dir = posixpath.dirname(opf_path)
    meta = opf.find("opf:metadata", _NS)
    manifest: dict[str, tuple[str, str]] = {}
    for item in opf.iterfind("opf:manifest/opf:item", _NS):
        if item.get("id") and item.get("href"):
            manifest[item.get("id", "")] = (unquote(item.get("href", "")),
                                            item.get("media-type", ""))
    spine = opf.find("opf:spine", _NS)
    if spine is None:
        raise IngestError("broken EPUB: the package has no spine")
    toc = _toc_titles(book, opf_dir, manifest, spine.get("toc"), budget)

    sections: list[str] = []
    for ref in spine.iterfind("opf:itemref", _NS):
        entry = manifest.get(ref.get("idref", ""))
        if entry is None or entry[1] not in _XHTML_TYPES or ref.get("linear") == "no":
            continue
        member = posixpath.normpath(posixpath.join(opf_dir, entry[0]))
        markdown = _chapter_markdown(_read(book, member, budget), member).strip()
        if markdown:
            sections.append(_heading_for(markdown, toc.get(member), len(sections) + 1))
    if not sections:
        raise IngestError("no article text found (the book has no readable chapters)")

    def dc(name: str) -> list[str]:
        if meta is None:
            return []
        return [v for v in (_text(e) for e in meta.iterfind(f"dc:{name}", _NS)) if v]

    title = next(iter(dc("title")), None) or clean_field(path.stem) or "Untitled"
    body, removed = for_storage("\n\n".join(sections).strip() + "\n")
    if len(body.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise IngestError(f"book too long for one article (over {MAX_BYTES:,} bytes of text)")
    lang = next(iter(dc("language")), None)
    warnings = [f"removed {removed} control character(s)"] if removed else []
    return Article(
        title=title,
        body=body,
        body_format="markdown",
        authors=dc("creator"),
        published=md.parse_date(next(iter(dc("date")), None)),
        site=next(iter(dc("publisher")), None),
        tags=md.split_tags(dc("subject")),
        origin_path=printable_path(os.path.realpath(path)),
        lang=lang if lang and re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", lang) else None,
        description=next(iter(dc("description")), None),
        warnings=warnings,
    )
