"""W3C Web Annotation JSON-LD export (https://www.w3.org/TR/annotation-model/).

The document is one object: ``{"@context", "type": "readmark-export", "version", "generated",
"articles": [...], "annotations": [...]}``. Each annotation is a complete W3C ``Annotation``
(with its own ``@context``), so a consumer can take the list as it is:

* a highlight: ``id`` ``urn:readmark:highlight:<id>``, ``motivation`` ``highlighting``,
  ``created``, ``modified``, ``body`` (a ``TextualBody`` with the note, purpose
  ``commenting``, and one with the colour, purpose ``tagging``) and ``target``
  ``{source, selector: [TextQuoteSelector, TextPositionSelector]}`` (an orphaned highlight
  has only the quote selector);
* an article note: ``id`` ``urn:readmark:note:<article id>``, ``motivation`` ``commenting``,
  a ``TextualBody`` and the article as ``target`` (no selector).

``source`` is the article's URL when it has one, else ``urn:readmark:article:<id>``; the
``articles`` list maps each source to the readmark id and metadata.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reader import __version__
from reader.export.context import ArticleExport, ExportHighlight, gather
from reader.export.markdown import iso_now
from reader.library import ArticleNote, ArticleSummary, Highlight, Library

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
KIND = "readmark-export"
VERSION = 1
HIGHLIGHT_URN = "urn:readmark:highlight:"
NOTE_URN = "urn:readmark:note:"
ARTICLE_URN = "urn:readmark:article:"


def source_of(article: ArticleSummary) -> str:
    """Return the IRI annotations on ``article`` target: its URL, else its readmark URN."""
    return article.url or f"{ARTICLE_URN}{article.id}"


def article_json(article: ArticleSummary) -> dict[str, Any]:
    """Return an article's entry in the ``articles`` list."""
    return {
        "id": f"{ARTICLE_URN}{article.id}", "readmark_id": article.id,
        "source": source_of(article), "title": article.title,
        "authors": list(article.authors), "url": article.url, "site": article.site,
        "published": article.published, "tags": list(article.tags),
    }


def highlight_annotation(h: Highlight | ExportHighlight, source: str) -> dict[str, Any]:
    """Return a highlight as a W3C Annotation."""
    body: list[dict[str, Any]] = []
    if h.note:
        body.append({"type": "TextualBody", "value": h.note, "format": "text/markdown",
                     "purpose": "commenting"})
    body.append({"type": "TextualBody", "value": h.color, "purpose": "tagging"})
    selector: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": h.text, "prefix": h.prefix, "suffix": h.suffix}
    ]
    if h.start is not None and h.end is not None:
        selector.append({"type": "TextPositionSelector", "start": h.start, "end": h.end})
    data: dict[str, Any] = {
        "@context": CONTEXT, "id": f"{HIGHLIGHT_URN}{h.id}", "type": "Annotation",
        "motivation": "highlighting", "created": h.created,
    }
    if h.updated:
        data["modified"] = h.updated
    data.update(body=body, target={"source": source, "selector": selector})
    return data


def note_annotation(note: ArticleNote, source: str) -> dict[str, Any]:
    """Return an article note as a W3C Annotation on the whole article."""
    data: dict[str, Any] = {
        "@context": CONTEXT, "id": f"{NOTE_URN}{note.article_id}", "type": "Annotation",
        "motivation": "commenting", "created": note.created,
    }
    if note.updated:
        data["modified"] = note.updated
    data.update(body={"type": "TextualBody", "value": note.text, "format": "text/markdown",
                      "purpose": "commenting"}, target=source)
    return data


def annotations_of(item: ArticleExport) -> list[dict[str, Any]]:
    """Return the annotations of one article: its note first, then highlights in text order."""
    source = source_of(item.article)
    out = [note_annotation(item.note, source)] if item.note else []
    out.extend(highlight_annotation(h, source) for h in (*item.highlights, *item.orphans))
    return out


def export_json(lib: Library, article_ids: Sequence[str], *,
                now: dt.datetime | None = None) -> dict[str, Any]:
    """Return the JSON-LD export document of these articles' highlights and notes."""
    items = gather(lib, article_ids)
    return {
        "@context": CONTEXT,
        "type": KIND,
        "version": VERSION,
        "generator": f"readmark {__version__}",
        "generated": iso_now(now),
        "articles": [article_json(item.article) for item in items],
        "annotations": [a for item in items for a in annotations_of(item)],
    }
