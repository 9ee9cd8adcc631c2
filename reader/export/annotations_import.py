"""Reading W3C Web Annotation JSON back into a library (``readmark import-annotations``).

Each annotation finds its article by readmark id (the ``urn:readmark:article:`` source, or the
``articles`` list of a readmark export), else by URL, and is anchored again with the text
engine (quote selector, position as a hint). An annotation that cannot be placed is reported
and the rest go on. Importing the same file twice changes nothing the second time: the same
passage highlighted again is the same highlight.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.anchors.anchoring import TextQuote, reanchor
from reader.export.annotations_json import ARTICLE_URN, HIGHLIGHT_URN, NOTE_URN
from reader.export.errors import ExportError
from reader.library import COLORS, Library, StoreError


@dataclass
class ImportReport:
    """What an annotation import did.

    Attributes:
        highlights: ``{"id", "article_id", "state"}`` of each highlight placed.
        notes: Article ids whose note was written.
        problems: One line per annotation that could not be imported.
    """

    highlights: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """Return the JSON form used by ``readmark import-annotations --json``."""
        return {"highlights": self.highlights, "notes": self.notes, "problems": self.problems}


def load(path: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Read an annotation file: its annotations and a map from source IRI to readmark id.

    Accepts a readmark export, a bare list of annotations or a single annotation.

    Raises:
        ExportError: If the file cannot be read or is not annotation JSON (one line).
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ExportError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ExportError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise ExportError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno} "
                          f"column {exc.colno}") from exc
    except RecursionError as exc:
        raise ExportError(f"{path}: not annotation JSON: nested too deeply") from exc
    sources: dict[str, str] = {}
    if isinstance(data, dict) and isinstance(data.get("annotations"), list):
        for entry in data.get("articles") or []:
            if isinstance(entry, dict) and isinstance(entry.get("readmark_id"), str):
                sources.setdefault(str(entry.get("source") or ""), entry["readmark_id"])
        items = data["annotations"]
    elif isinstance(data, list):
        items = data
    elif isinstance(data, dict) and data.get("type") == "Annotation":
        items = [data]
    else:
        raise ExportError(f"{path}: not W3C annotation JSON (no \"annotations\" list)")
    return [a for a in items if isinstance(a, dict)], sources


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _bodies(annotation: dict[str, Any]) -> tuple[str | None, str | None]:
    """Return the note (commenting body) and colour (tagging body) of an annotation."""
    note = color = None
    for body in _list(annotation.get("body")):
        if isinstance(body, str):
            note = body
            continue
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue
        purpose = body.get("purpose")
        if purpose == "tagging" and body["value"].strip().lower() in COLORS:
            color = body["value"].strip().lower()
        elif purpose in (None, "commenting", "describing"):
            note = body["value"]
    return note, color


def _target(annotation: dict[str, Any]) -> tuple[str, list[Any]]:
    target = annotation.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    if isinstance(target, str):
        return target, []
    if isinstance(target, dict):
        return str(target.get("source") or target.get("id") or ""), _list(target.get("selector"))
    return "", []


def _quote(selectors: list[Any]) -> TextQuote | None:
    quote = position = None
    for s in selectors:
        if isinstance(s, dict) and s.get("type") == "TextQuoteSelector":
            quote = s
        elif isinstance(s, dict) and s.get("type") == "TextPositionSelector":
            position = s
    if quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"]:
        return None
    start = position.get("start") if position else None
    end = position.get("end") if position else None
    if not (isinstance(start, int) and isinstance(end, int)):
        start = end = 0
    return TextQuote(quote["exact"], str(quote.get("prefix") or ""),
                     str(quote.get("suffix") or ""), start, end)


class _Importer:
    def __init__(self, lib: Library, sources: dict[str, str]) -> None:
        self.lib = lib
        self.sources = sources
        self.bodies: dict[str, str] = {}
        self.report = ImportReport()

    def article(self, source: str) -> str | None:
        candidates = []
        if source.startswith(ARTICLE_URN):
            candidates.append(source[len(ARTICLE_URN):])
        if source in self.sources:
            candidates.append(self.sources[source])
        for aid in candidates:
            stored = self.lib.get(aid)
            if stored is not None:
                self.bodies.setdefault(aid, stored.body)
                return aid
        found = self.lib.article_id_by_url(source) if source else None
        if found is not None and found not in self.bodies:
            stored = self.lib.get(found)
            self.bodies[found] = stored.body if stored else ""
        return found

    def one(self, annotation: dict[str, Any]) -> None:
        name = str(annotation.get("id") or "annotation")
        source, selectors = _target(annotation)
        aid = self.article(source)
        if aid is None:
            self.report.problems.append(f"{name}: no article in the library for {source!r}")
            return
        note, color = _bodies(annotation)
        created = annotation.get("created")
        if not selectors or name.startswith(NOTE_URN):
            if note is None:
                self.report.problems.append(f"{name}: nothing to import (no note, no selector)")
                return
            self.lib.set_article_note(aid, note)
            if isinstance(created, str) and note.strip():
                self.lib.set_note_created(aid, created)
            self.report.notes.append(aid)
            return
        quote = _quote(selectors)
        if quote is None:
            self.report.problems.append(f"{name}: no TextQuoteSelector with text")
            return
        found = reanchor(quote, self.bodies[aid])
        if found.start is None or found.end is None:
            self.report.problems.append(
                f"{name}: text not found in article {aid}: {quote.exact[:60]!r}")
            return
        h = self.lib.add_highlight(aid, found.start, found.end, color=color, note=note)
        if isinstance(created, str) and created != h.created:
            self.lib.set_highlight_created(h.id, created)
        self.report.highlights.append({"id": h.id, "article_id": aid, "state": found.state})


def import_annotations(lib: Library, path: Path) -> ImportReport:
    """Anchor every annotation in the file at ``path`` in ``lib``; report what could not be.

    Raises:
        ExportError: If the file is unreadable or not annotation JSON (one line, naming it).
    """
    annotations, sources = load(path)
    importer = _Importer(lib, sources)
    for annotation in annotations:
        try:
            importer.one(annotation)
        except StoreError as exc:
            name = str(annotation.get("id") or "annotation")
            importer.report.problems.append(f"{name}: {exc}")
    return importer.report


__all__ = ["HIGHLIGHT_URN", "ImportReport", "import_annotations", "load"]
