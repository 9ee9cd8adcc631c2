"""Reading one file (or stdin) into an ``Article``."""

from __future__ import annotations

import os
import re
from pathlib import Path

from reader.ingest import metadata as md
from reader.ingest.article import Article
from reader.ingest.frontmatter_io import split_front_matter
from reader.ingest.identity import canonical_url

MAX_BYTES = 20 * 1024 * 1024
FORMATS = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".txt": "text"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class IngestError(Exception):
    """A file that cannot be imported; the message is one line naming the problem."""


def body_format_for(path: Path) -> str | None:
    """Return ``"markdown"`` or ``"text"`` for a supported file name, else ``None``."""
    return FORMATS.get(path.suffix.lower())


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode file bytes: UTF-8 (BOM allowed), else Windows-1252 with a warning.

    Raises:
        IngestError: For binary data.
    """
    sample = data[:8192]
    if b"\x00" in sample:
        raise IngestError("binary file (contains NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        warning = f"not valid UTF-8 (byte {exc.start}); decoded as Windows-1252"
    text = data.decode("cp1252", errors="replace")
    if len(_CONTROL.findall(text[:8192])) > max(8, len(text[:8192]) // 20):
        raise IngestError("binary file (mostly control bytes), not an article")
    return text, warning


def _title_from_name(name: str) -> str | None:
    stem = Path(name).stem
    words = re.split(r"[-_\s]+", stem)
    if not words or not any(re.search(r"[a-zA-Z]{3,}", w) and re.search(r"[aeiouy]", w, re.I)
                            for w in words if not re.search(r"\d", w)):
        return None
    text = " ".join(w for w in words if w)
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


def _lang(value: object) -> str | None:
    text = str(value).strip().replace("_", "-") if value else ""
    return text if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", text) else None


def parse_article(text: str, *, name: str, origin: str | None, body_format: str) -> Article:
    """Build an ``Article`` from decoded file text.

    Args:
        text: The file's text.
        name: File name (used for messages and as a last-resort title).
        origin: Absolute origin path, or ``None`` for stdin.
        body_format: ``"markdown"`` or ``"text"``.

    Raises:
        IngestError: When there is no article text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body, warning = split_front_matter(text)
    warnings = [warning] if warning else []
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

    title = md.first_value(meta, "title", "headline")
    title = (
        str(title).strip()
        if title
        else md.title_from_text(body) or _title_from_name(name) or _first_sentence(body) or name
    )
    authors = md.split_authors(md.first_value(meta, "author", "authors", "byline"))
    authors = authors or md.byline_from_text(body) or source_authors
    if not authors and bio_author:
        authors = [bio_author]
    url_value = md.first_value(meta, "url", "link", "source", "canonical_url", "canonical")
    url = canonical_url(str(url_value)) if url_value else None
    url = url or source_url
    site = md.infer_site(url, bio_site or source_site, md.first_value(meta, "site", "site_name",
                                                                     "publication"))
    published = md.parse_date(
        md.first_value(meta, "date", "published", "published_at", "pubdate")
    ) or md.dateline_from_text(body)
    tags = md.split_tags(
        md.first_value(meta, "tags"), md.first_value(meta, "categories", "category"),
        md.first_value(meta, "keywords"),
    )
    return Article(
        title=title,
        body=body,
        body_format=body_format,
        authors=authors,
        url=url,
        site=site,
        published=published,
        tags=tags,
        origin_path=origin,
        lang=_lang(md.first_value(meta, "lang", "language", "locale")),
        warnings=warnings,
    )


def read_bytes(data: bytes, *, name: str, origin: str | None, body_format: str) -> Article:
    """Decode and parse file bytes; see ``parse_article``.

    Raises:
        IngestError: For empty, oversized or binary data, or no article text.
    """
    if not data.strip():
        raise IngestError("empty file")
    if len(data) > MAX_BYTES:
        raise IngestError(f"file too large ({len(data):,} bytes; limit {MAX_BYTES:,})")
    text, warning = decode(data)
    article = parse_article(text, name=name, origin=origin, body_format=body_format)
    if warning:
        article.warnings.insert(0, warning)
    return article


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
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise IngestError(f"file too large ({size:,} bytes; limit {MAX_BYTES:,})")
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise IngestError("is a directory") from exc
    except PermissionError as exc:
        raise IngestError("permission denied") from exc
    except OSError as exc:
        raise IngestError(exc.strerror or str(exc)) from exc
    return read_bytes(data, name=path.name, origin=os.path.realpath(path), body_format=fmt)
