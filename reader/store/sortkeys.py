"""Derived sort columns: how dates, titles and authors order in lists."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import Any

_ARTICLE = re.compile(r"^(?:the|a|an|le|la|les|l'|el|los|las|der|die|das)\s+", re.I)
_SUFFIX = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_PARTICLES = {"de", "da", "di", "van", "von", "der", "del", "la", "le", "du", "bin", "al"}


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text`` for sorting and matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def sort_date(published: str | None, imported: str) -> str:
    """Return a sortable UTC timestamp: ``published`` (times with offsets moved to UTC),
    else the import time."""
    if published and "T" in published:
        try:
            moment = dt.datetime.fromisoformat(published)
        except ValueError:
            return published
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    return published or imported.rstrip("Z")


def title_key(title: str) -> str:
    """Title sort key: accents and case ignored, a leading article skipped."""
    lowered = title.casefold().strip()
    return fold(_ARTICLE.sub("", lowered, count=1) or lowered)


def author_key(authors: list[str]) -> str:
    """Author sort key: the first author's family name, then given names ("Doe Jane")."""
    if not authors:
        return "\uffff"  # no author sorts last
    words = authors[0].split()
    while len(words) > 1 and words[-1].casefold().strip(",") in _SUFFIX:
        words.pop()
    if len(words) < 2:
        return fold(" ".join(words))
    i = len(words) - 1
    while i > 1 and words[i - 1].casefold() in _PARTICLES:
        i -= 1
    return fold(" ".join(words[i:] + words[:i]))


def derived_columns(row: dict[str, Any]) -> dict[str, Any]:
    """Return the derived sort columns for an ``articles`` row."""
    authors = json.loads(row["authors"] or "[]")
    return {
        "sort_date": sort_date(row["published"], row["imported"]),
        "author_sort": author_key(authors),
        "title_sort": title_key(row["title"]),
    }
