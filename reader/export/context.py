"""What an export shows for one article, gathered in bulk, and the template variables for it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from reader.library import ArticleNote, ArticleSummary, Library, stamp_time
from reader.safe_text import for_terminal, line


class ExportHighlight(NamedTuple):
    """A highlight as export reads it: ``Highlight``'s fields, cheap to build in bulk.

    Attributes:
        id: The highlight's id.
        article_id: Its article.
        text: The highlighted text.
        prefix: Up to 32 characters before it.
        suffix: Up to 32 characters after it.
        start: Start offset into the body, ``None`` when orphaned.
        end: End offset (exclusive), ``None`` when orphaned.
        color: Its colour.
        note: The note on it (empty when none).
        created: ISO 8601 UTC time it was made.
        stamp: The clock stamp of its last change (``updated`` is its ISO 8601 time).
        state: ``anchored``, ``re-anchored`` or ``orphaned``.
    """

    id: str
    article_id: str
    text: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    color: str
    note: str
    created: str
    stamp: str | None
    state: str

    @property
    def updated(self) -> str | None:
        """ISO 8601 UTC time of its last change (worked out only when asked for)."""
        return stamp_time(self.stamp)


@dataclass(frozen=True)
class ArticleExport:
    """One article's exportable content.

    Attributes:
        article: The article (no body).
        highlights: Live anchored highlights in text order.
        orphans: Live highlights whose text left the article.
        note: The note on the article, if any.
        quotes: Quotations found in the body (only when asked for).
        speakers: Who is quoted, most quoted first (only when asked for).
    """

    article: ArticleSummary
    highlights: list[ExportHighlight]
    orphans: list[ExportHighlight]
    note: ArticleNote | None
    quotes: list[dict[str, Any]] = field(default_factory=list)
    speakers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Whether there is nothing of the reader's to export (no highlights, no note)."""
        return not (self.highlights or self.orphans or self.note)


def gather(lib: Library, article_ids: Sequence[str], *, quotes: bool = False
           ) -> list[ArticleExport]:
    """Read what to export for these articles (missing or removed ones are left out).

    Args:
        lib: The library.
        article_ids: Articles, in the order wanted.
        quotes: Whether to run the text engine for quotations and speakers.
    """
    ids = list(dict.fromkeys(article_ids))
    summaries = lib.summaries_of(ids)
    highlights = lib.highlight_rows_of_many(ids)
    notes = lib.notes_of_many(ids)
    out = []
    for aid in ids:
        summary = summaries.get(aid)
        if summary is None:
            continue
        found = [ExportHighlight._make(row) for row in highlights.get(aid, ())]
        # orphans come last in each article's list
        split = next((n for n, h in enumerate(found) if h.state == "orphaned"), len(found))
        item = ArticleExport(
            article=summary, highlights=found[:split], orphans=found[split:],
            note=notes.get(aid),
        )
        if quotes:
            item = _with_quotes(lib, item)
        out.append(item)
    return out


def _with_quotes(lib: Library, item: ArticleExport) -> ArticleExport:
    from reader.quotes import analyze

    stored = lib.get(item.article.id)
    if stored is None:
        return item
    analysis = analyze(stored.body, stored.body_format)

    def quote_vars(q: Any) -> dict[str, Any]:
        return {"text": for_terminal(q.text), "speaker": for_terminal(q.speaker) or None,
                "cue": q.cue,
                "kind": q.kind, "start": q.start, "end": q.end}

    quotes = [quote_vars(q) for q in analysis.quotes if q.kind == "speech"]
    speakers = [{"name": for_terminal(s.name), "count": s.count,
                 "quotes": [quote_vars(q) for q in s.quotes]} for s in analysis.speakers]
    return ArticleExport(item.article, item.highlights, item.orphans, item.note, quotes,
                         speakers)


def block_id(highlight_id: str) -> str:
    """Return the Obsidian block id of a highlight (without the ``^``)."""
    return f"rm-{highlight_id}"


def highlight_vars(h: ExportHighlight) -> dict[str, Any]:
    """Return the template variables of one highlight."""
    return {
        "id": h.id, "block_id": block_id(h.id),
        "text": for_terminal(h.text), "note": for_terminal(h.note),
        "color": h.color, "state": h.state, "start": h.start, "end": h.end,
        "created": h.created, "updated": h.updated, "orphaned": h.state == "orphaned",
    }


def article_vars(a: ArticleSummary) -> dict[str, Any]:
    """Return the template variables of an article."""
    return {
        "id": a.id, "title": line(a.title),
        "authors": [line(x) for x in a.authors],
        "url": a.url, "site": line(a.site) or None,
        "published": a.published, "tags": [line(t) for t in a.tags],
    }


def template_vars(item: ArticleExport, style: str) -> dict[str, Any]:
    """Return every variable a template sees (documented in the README)."""
    note = for_terminal(item.note.text) if item.note else ""
    return {
        "article": article_vars(item.article),
        "highlights": [highlight_vars(h) for h in item.highlights],
        "orphans": [highlight_vars(h) for h in item.orphans],
        "note": note,
        "notes": [note] if note else [],
        "quotes": item.quotes,
        "speakers": item.speakers,
        "style": style,
    }
