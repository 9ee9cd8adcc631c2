"""Reading one file (or stdin) into an ``Article``."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any, BinaryIO

from reader.ingest import metadata as md
from reader.ingest.article import Article
from reader.ingest.decoding import DecodeError, clean_field, decode
from reader.ingest.frontmatter_io import split_front_matter
from reader.ingest.identity import canonical_url
from reader.safe_text import for_storage

MAX_BYTES = 4 * 1024 * 1024  # ten times the longest real article; a book is not an article
FORMATS = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".txt": "text"}


EXPORT_REASON = "readmark export"
# An export is recognised by its ``readmark_id`` key or its block markers, which all contain
# this word: files without it are not exports, and only files with it pay for loading the
# export module (Jinja2 and all).
_EXPORT_HINT = "readmark"


class IngestError(Exception):
    """A file that cannot be imported; the message is one line naming the problem."""


class NotAnArticle(IngestError):
    """A file that is left alone on purpose (not an error); the message is the reason."""


def is_readmark_export(text: str, meta: dict[str, Any] | None = None) -> bool:
    """Whether ``text`` is a file readmark exported (so importing it would replace the article).

    An export carries readmark's front matter (``readmark_id`` with ``exported``) or its managed
    block (the begin and end markers); either is enough, so a file whose front matter was
    edited away, or a streamed export without a block, is still recognised.

    Args:
        text: The file's text (line endings already ``\\n``).
        meta: Its front matter as parsed, if already parsed.
    """
    if _EXPORT_HINT not in text:
        return False
    from reader.ingest import export_format as managed  # only for files that may be exports

    keys = meta or {}
    if managed.ID_KEY in keys and managed.EXPORTED_KEY in keys:
        return True
    parsed = managed.parse(text)
    if parsed.managed is not None:
        return True
    return parsed.exported is not None and managed.readmark_id(text) is not None


def body_format_for(path: Path) -> str | None:
    """Return ``"markdown"`` or ``"text"`` for a supported file name, else ``None``."""
    return FORMATS.get(path.suffix.lower())


def _title_from_name(name: str) -> str | None:
    stem = md.strip_file_date(Path(name).stem)
    words = [w for w in re.split(r"[-_\s]+", stem) if w]
    if not any(re.search(r"[a-zA-Z]{3,}", w) and re.search(r"[aeiouy]", w, re.I)
               for w in words if not re.search(r"\d", w)):
        return None
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _first_sentence(body: str) -> str | None:
    for line in body.splitlines():
        text = re.sub(r"[*_#>`]", "", line).strip()
        if len(text.split()) >= 3:
            sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
            if len(sentence) > 90:
                sentence = sentence[:90].rsplit(" ", 1)[0] + "…"
            return sentence
    return None


def _text_value(value: object, field: str, warnings: list[str]) -> str | None:
    """A front matter value that must be text: a scalar is taken, anything else is dropped."""
    if value is None:
        return None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return clean_field(str(value)) or None
    warnings.append(f"front matter {field!r} is not text; ignored")
    return None


def parse_article(text: str, *, name: str, origin: str | None, body_format: str) -> Article:
    """Build an ``Article`` from decoded file text.

    Line endings become ``\\n``; terminal escape sequences and control characters are removed
    from the body and every field (article text is data, never terminal input).

    Args:
        text: The file's text.
        name: File name (used for messages and as a last-resort title).
        origin: Absolute origin path, or ``None`` for stdin.
        body_format: ``"markdown"`` or ``"text"``.

    Raises:
        NotAnArticle: When the file is a readmark export (see ``is_readmark_export``).
        IngestError: When there is no article text.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text, removed = for_storage(text.lstrip("\ufeff"))
    meta, body, warning = split_front_matter(text)
    if is_readmark_export(text, meta):
        raise NotAnArticle(EXPORT_REASON)
    warnings = [warning] if warning else []
    if removed:
        warnings.append(f"removed {removed} control character(s) or escape sequence(s)")
    if meta and body_format == "text":
        body_format = "markdown"  # a .txt with front matter is a Jekyll-style Markdown post
    if not body.strip():
        raise IngestError("no article text" + (" after the front matter" if meta else ""))
    source_authors, source_url, source_site = md.source_line(body)
    bio_author, bio_site = md.bio_line(body)
    if bio_author and md.is_credit(source_url, source_site, bio_site):
        # A rewrite by the bio line's writer: its "Source:" line credits the original article,
        # whose URL and author are not this article's.
        source_authors, source_url, source_site = [], None, None

    title = _text_value(md.first_value(meta, "title", "headline"), "title", warnings)
    title = (
        title or md.title_from_text(body) or _title_from_name(name) or _first_sentence(body)
        or clean_field(name) or "Untitled"
    )
    authors = md.split_authors(md.first_value(meta, "author", "authors", "byline"))
    authors = authors or md.byline_from_text(body) or source_authors
    if not authors and bio_author:
        authors = [bio_author]
    url_value = _text_value(
        md.first_value(meta, "url", "link", "source", "canonical_url", "canonical"), "url",
        warnings,
    )
    url = canonical_url(url_value) if url_value else None
    if url_value and not url:
        warnings.append(f"url {url_value!r} is not an http(s) address; ignored")
    url = url or source_url
    site_value = _text_value(md.first_value(meta, "site", "site_name", "publication"), "site",
                             warnings)
    site = md.infer_site(url, bio_site or source_site, site_value)
    date_value = md.first_value(meta, "date", "published", "published_at", "pubdate")
    published = md.parse_date(date_value)
    if date_value is not None and published is None:
        warnings.append(f"date {str(date_value)[:40]!r} not understood; ignored")
    published = published or md.date_from_filename(name) or md.dateline_from_text(body)
    tags = md.split_tags(
        md.first_value(meta, "tags"), md.first_value(meta, "categories", "category"),
        md.first_value(meta, "keywords"),
    )
    return Article(
        title=title,
        body=body,
        body_format=body_format,
        authors=[clean_field(a) for a in authors if clean_field(a)],
        url=url,
        site=clean_field(site) if site else None,
        published=published,
        tags=tags,
        origin_path=origin,
        lang=_lang(md.first_value(meta, "lang", "language", "locale")),
        warnings=warnings,
    )


def _lang(value: object) -> str | None:
    text = str(value).strip().replace("_", "-") if isinstance(value, str) else ""
    return text if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", text) else None


def read_bytes(data: bytes, *, name: str, origin: str | None, body_format: str) -> Article:
    """Decode and parse file bytes; see ``parse_article``.

    Raises:
        IngestError: For empty, oversized or binary data, or no article text.
    """
    if len(data) > MAX_BYTES:
        raise IngestError(f"file too large (over {MAX_BYTES:,} bytes)")
    if not data.strip():
        raise IngestError("empty file")
    try:
        text, warning = decode(data)
    except DecodeError as exc:
        raise IngestError(str(exc)) from exc
    article = parse_article(text, name=name, origin=origin, body_format=body_format)
    if warning:
        article.warnings.insert(0, warning)
    return article


def read_limited(stream: BinaryIO) -> bytes:
    """Read at most ``MAX_BYTES + 1`` bytes, so an endless stream cannot exhaust memory."""
    return stream.read(MAX_BYTES + 1)


def printable_path(path: str) -> str:
    """Return ``path`` as valid UTF-8 text (undecodable bytes in file names become �)."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_file(path: Path, *, body_format: str | None = None) -> Article:
    """Read one article file.

    Args:
        path: The file.
        body_format: Override the format implied by the suffix.

    Raises:
        IngestError: With a one-line reason when the file cannot be imported.
    """
    fmt = body_format or body_format_for(path) or "text"
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise IngestError("is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise IngestError("not a regular file (device, pipe or socket)")
        if st.st_size > MAX_BYTES:
            raise IngestError(f"file too large ({st.st_size:,} bytes; limit {MAX_BYTES:,})")
        with open(path, "rb") as handle:
            data = read_limited(handle)
    except PermissionError as exc:
        raise IngestError("permission denied") from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise IngestError(reason[:1].lower() + reason[1:]) from exc
    origin = printable_path(os.path.realpath(path))
    return read_bytes(data, name=printable_path(path.name), origin=origin, body_format=fmt)
