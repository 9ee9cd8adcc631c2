"""Article metadata: front matter first, then what the text itself says."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from typing import Any

from dateutil import parser as dateparser

from reader.ingest.decoding import clean_field
from reader.ingest.identity import canonical_url, site_from_url

_TZINFOS = {
    name: int(offset * 3600)
    for name, offset in {
        "UTC": 0, "GMT": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
        "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10, "IST": 5.5, "JST": 9,
    }.items()
}
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:de|da|van|von|der|del|la|le|bin|al)\s+)?{_NAME_WORD}){{1,3}}"
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_BYLINE = re.compile(r"^\s*(?:\*{1,2}|_)?by\s+(.+?)(?:\*{1,2}|_)?\s*$", re.I)
_SOURCE = re.compile(r"^\s*(?:\*{1,2}|_)?source\s*:\s*(.+?)(?:\*{1,2}|_)?\s*$", re.I)
_ROLE = r"(?:staff |senior |contributing |freelance |political |national |investigative )*"
_BIO = re.compile(
    rf"^\s*(?P<name>{_NAME}) is an? {_ROLE}"
    r"(?:writer|reporter|correspondent|editor|journalist|contributor|columnist|critic)"
    r"\b[^.]*?\b(?:for|at|with)\s+(?P<site>(?:the\s+)?[A-Z0-9][\w&'’-]*(?:\.[a-z]{2,})*"
    r"(?:\s+[A-Z][\w&'’-]*)*)"
)
_URLISH = re.compile(r"^(?:https?://|www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/|$))", re.I)
_DATEISH = re.compile(r"\d")
_SPLIT_AUTHORS = re.compile(r"\s*(?:,?\s+and\s+|\s*&\s*|;\s*)\s*")


def _lines(body: str) -> list[str]:
    return [line for line in body.splitlines() if line.strip()]


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" .,;:*_")


def split_authors(value: Any) -> list[str]:
    """Turn an ``author``/``authors``/``byline`` value (string, list or mapping) into names."""
    if value is None:
        return []
    if isinstance(value, dict):
        value = value.get("name") or value.get("display_name") or ""
    if isinstance(value, list | tuple):
        names: list[str] = []
        for item in value:
            names.extend(split_authors(item))
        return names
    if not _scalar(value):
        return []
    text = re.sub(r"^\s*by\s+", "", str(value), flags=re.I)
    parts: list[str] = []
    for part in _SPLIT_AUTHORS.split(text):
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) == 2 and all(len(p.split()) == 1 for p in pieces):
            parts.append(f"{pieces[1]} {pieces[0]}")  # "Doe, Jane"
        elif all(len(p.split()) >= 2 for p in pieces):
            parts.extend(pieces)  # "Jane Doe, John Roe"
        elif pieces:
            parts.append(pieces[0])  # "Jane Doe, Reuters"
    return [n for n in (_clean_name(p) for p in parts) if n]


def parse_date(value: Any) -> str | None:
    """Return ``value`` (date, datetime or any common date string) as ISO 8601, else ``None``."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not _DATEISH.search(text):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = dateparser.parse(text, default=dt.datetime(2000, 1, 1), tzinfos=_TZINFOS)
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    has_time = bool(re.search(r"\d:\d", text))
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def normalise_tags(values: list[str]) -> list[str]:
    """Clean tags (NFC, no controls, spaces folded, no leading ``#``) and drop duplicates
    that differ only in case, keeping the first spelling and the order."""
    tags: list[str] = []
    seen: set[str] = set()
    for value in values:
        tag = clean_field(str(value)).lstrip("#").strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


def split_tags(*values: Any) -> list[str]:
    """Merge ``tags``/``categories``/``keywords`` values (strings or lists), keeping order.

    Items that are not text or numbers (nested lists, mappings, null, booleans) are skipped.
    """
    items: list[str] = []
    for value in values:
        if _scalar(value):
            text = str(value)
            items.extend(text.split(",") if "," in text else text.split())
        elif isinstance(value, list | tuple):
            items.extend(str(item) for item in value if _scalar(item))
    return normalise_tags(items)


def title_from_text(body: str) -> str | None:
    """Return the first Markdown heading, or a short headline-like first line, or ``None``."""
    lines = body.splitlines()
    for i, line in enumerate(lines[:200]):
        match = _HEADING.match(line)
        if match:
            return _clean_name(match.group(1).replace("*", "").replace("_", " "))
        underlined = line.strip() and i + 1 < len(lines) and _SETEXT.match(lines[i + 1])
        if underlined and (lines[i + 1].strip().startswith("=") or len(line.split()) <= 15):
            return _clean_name(line)
    for line in lines:
        text = line.strip()
        if not text:
            continue
        words = text.split()
        if (
            len(text) <= 120
            and 2 <= len(words) <= 16
            and not text.endswith((".", ",", ";", ":"))
            and not _BYLINE.match(text)
            and not text.startswith(("-", "*", ">", "|"))
        ):
            return _clean_name(text.strip("*_ "))
        return None
    return None


def byline_from_text(body: str) -> list[str]:
    """Return authors named by a "By …" line among the first lines of ``body``."""
    for line in _lines(body)[:6]:
        match = _BYLINE.match(line)
        if match and len(match.group(1).split()) <= 12:
            names = split_authors(match.group(1))
            # "By the time the council met, …" is prose, not a byline.
            if names and all(n[:1].isupper() and len(n.split()) <= 5 for n in names):
                return names
    return []


_DATELINE = re.compile(
    r"^\s*(?:(?:published|updated|posted)\s*:?\s*)?"
    r"((?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})|(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})"
    r"|(?:\d{4}-\d{2}-\d{2}))\s*$",
    re.I,
)


_FILE_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?=[-_.\s]|$)")


def date_from_filename(name: str) -> str | None:
    """Return the date a Jekyll/Hugo post's file name starts with (``2024-03-01-slug.md``).

    Args:
        name: The file name (a path is reduced to its last part).

    Returns:
        ``YYYY-MM-DD``, or ``None`` when the name does not start with a real date.
    """
    match = _FILE_DATE.match(re.split(r"[\\/]", name)[-1])
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


def strip_file_date(stem: str) -> str:
    """Return a file name stem without a leading ``YYYY-MM-DD-`` date."""
    return _FILE_DATE.sub("", stem).lstrip("-_. ") if _FILE_DATE.match(stem) else stem


def dateline_from_text(body: str) -> str | None:
    """Return the date of a line among the first few that is only a date ("Nov. 18, 2026")."""
    for line in _lines(body)[:6]:
        match = _DATELINE.match(line.strip("*_ "))
        if match:
            return parse_date(match.group(1).replace(".", ""))
    return None


def source_line(body: str) -> tuple[list[str], str | None, str | None]:
    """Parse a trailing ``Source: NAME, URL`` line.

    Returns:
        ``(authors, url, site)`` where a bare name that is not a person (one word) is a site.
    """
    for line in reversed(_lines(body)[-6:]):
        match = _SOURCE.match(line)
        if not match:
            continue
        authors: list[str] = []
        url: str | None = None
        site: str | None = None
        for part in (p.strip() for p in match.group(1).split(",")):
            if not part:
                continue
            if _URLISH.match(part) and " " not in part:
                url = canonical_url(part) or url
            elif len(part.split()) >= 2 and re.fullmatch(_NAME, part):
                authors.append(_clean_name(part))
            elif site is None:
                site = _clean_name(part)
        return authors, url, site
    return [], None, None


def bio_line(body: str) -> tuple[str | None, str | None]:
    """Parse a closing "NAME is a staff writer for SITE." line into ``(author, site)``."""
    for line in reversed(_lines(body)[-8:]):
        match = _BIO.match(line)
        if match:
            site = re.sub(r"^the\s+", "", match.group("site")).rstrip(".")
            return _clean_name(match.group("name")), site or None
    return None, None


def is_credit(source_url: str | None, source_site: str | None, bio_site: str | None) -> bool:
    """Return whether a ``Source:`` line names another publication than the bio line's site."""
    if not bio_site:
        return False
    own = bio_site.casefold().removeprefix("www.")
    other = (site_from_url(source_url) or source_site or "").casefold()
    return bool(other) and other != own


def first_value(meta: dict[str, Any], *keys: str) -> Any:
    """Return the first present, non-empty value among ``keys`` (case-insensitive keys)."""
    lowered = {str(k).lower(): v for k, v in meta.items()}
    for key in keys:
        value = lowered.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def infer_site(url: str | None, bio_site: str | None, meta_site: Any) -> str | None:
    """Pick the site: front matter, then the bio line, then the URL's host."""
    if meta_site:
        return str(meta_site).strip() or None
    return bio_site or site_from_url(url)
