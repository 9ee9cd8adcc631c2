"""Markdown export: one file per article in a folder, or every article to one stream.

Re-exporting is idempotent: the file of an article is found again by the ``readmark_id`` in
its front matter (whatever it is called now), only readmark's front matter keys and the
managed block are replaced, and a file whose content would not change is left untouched
(its ``exported`` time and modification time stay as they were).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.export import managed
from reader.export.builtin_styles import RENDERERS
from reader.export.context import ArticleExport, gather, template_vars
from reader.export.errors import ExportError
from reader.export.names import choose_path, inside
from reader.export.templates import Renderer
from reader.export.yaml_text import field
from reader.library import ArticleSummary, Library, fold
from reader.safe_text import line

STREAM_SEPARATOR = "\n* * *\n\n"


@dataclass(frozen=True)
class ExportResult:
    """What exporting one article did.

    Attributes:
        article_id: The article.
        title: Its title.
        path: The file (``None`` when written to a stream).
        written: Whether the file was written (``False``: it already held this export).
        new: Whether the file did not exist before.
    """

    article_id: str
    title: str
    path: Path | None
    written: bool
    new: bool = False

    def to_json(self) -> dict[str, object]:
        """Return the JSON form used by ``readmark export --json``."""
        status = "created" if self.new else "updated" if self.written else "unchanged"
        return {"article_id": self.article_id, "title": self.title,
                "path": str(self.path) if self.path else None, "status": status}


def iso_now(now: dt.datetime | None = None) -> str:
    """Return ``now`` (default: the current time) as ``YYYY-MM-DDTHH:MM:SSZ`` in UTC."""
    when = now or dt.datetime.now(dt.UTC)
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def front_matter(article: ArticleSummary, exported: str) -> str:
    """Return readmark's front matter entries for an article (newline-terminated)."""
    entries = [
        field("title", line(article.title)),
        field("authors", [line(a) for a in article.authors]),
        field("url", article.url),
        field("site", line(article.site) or None),
        field("published", article.published),
        field("tags", [line(t) for t in article.tags]),
        field("readmark_id", article.id),
        f"exported: {exported}",
    ]
    return "\n".join(entries) + "\n"


def render_item(renderer: Renderer, item: ArticleExport) -> str:
    """Return the managed part of one article's export (tidied Markdown).

    The built-in styles are rendered in plain Python (``builtin_styles``, tested equal to
    their templates); a user's template runs in the limited Jinja2 sandbox.

    Raises:
        ExportError: When a user's template fails (one line naming the file and line).
    """
    if renderer.builtin:
        return RENDERERS[renderer.style](item)
    return renderer.render(template_vars(item, renderer.style))


def scan_exports(directory: Path) -> dict[str, Path]:
    """Return the Markdown files in ``directory`` that are exports, by article id.

    Files that cannot be read as UTF-8 are not exports and are left alone. When two files
    claim one article (a copy), the first by name wins.
    """
    found: dict[str, Path] = {}
    if not directory.is_dir():
        return found
    for path in sorted(directory.glob("*.md")):
        try:
            with path.open(encoding="utf-8") as handle:
                head = handle.read(1 << 16)
        except (OSError, UnicodeDecodeError):
            continue
        aid = managed.readmark_id(head)
        if aid and aid not in found and path.is_file():
            found[aid] = path
    return found


class _Folder:
    """An export folder: where each article's file is, and which names are taken."""

    def __init__(self, directory: Path) -> None:
        if directory.exists() and not directory.is_dir():
            raise ExportError(f"{directory}: not a folder")
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"{directory}: cannot create the folder: {exc}") from exc
        self.directory = directory
        self.index = scan_exports(directory)
        self.taken = {p.name.casefold() for p in directory.iterdir()}

    def write(self, item: ArticleExport, renderer: Renderer, exported: str) -> ExportResult:
        a = item.article
        content = managed.defuse(render_item(renderer, item))
        path = self.index.get(a.id)
        existing, old_text = managed.ExportFile(), None
        if path is not None:
            try:
                old_text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ExportError(f"{path}: cannot read the earlier export: {exc}") from exc
            existing = managed.parse(old_text)
            if existing.exported is not None:
                kept = managed.compose(front_matter(a, existing.exported), existing, content)
                if kept == old_text:
                    return ExportResult(a.id, a.title, path, False)
        else:
            path = choose_path(self.directory, a.title, a.id, self.taken)
            self.index[a.id] = path
        text = managed.compose(front_matter(a, exported), existing, content)
        try:
            written = managed.write_if_changed(inside(self.directory, path), text)
        except OSError as exc:
            raise ExportError(f"{path}: cannot write: {exc}") from exc
        return ExportResult(a.id, a.title, path, written, new=old_text is None)


def select_articles(
    lib: Library, *, article_ids: Sequence[str] | None = None, tag: str | None = None,
    since: dt.datetime | None = None, directory: Path | None = None,
) -> list[str]:
    """Return the articles an export covers, in export order.

    Named articles are exported whatever they hold. Otherwise: articles with highlights or a
    note (with ``tag`` and ``since`` as filters), plus, when ``since`` is not given, articles
    already exported to ``directory`` (so an export whose highlights were all removed is
    updated, not left stale).
    """
    if article_ids is not None:
        return list(dict.fromkeys(article_ids))
    ids = lib.annotated_article_ids(tag=tag, since=since)
    if directory is not None and since is None:
        chosen = set(ids)
        extra = [aid for aid in scan_exports(directory) if aid not in chosen]
        for aid, summary in sorted(lib.summaries_of(extra).items(),
                                   key=lambda kv: (fold(kv[1].title), kv[0])):
            if tag is None or any(fold(t) == fold(tag) for t in summary.tags):
                ids.append(aid)
    return ids


def export_articles(
    lib: Library, article_ids: Sequence[str], directory: Path, *, renderer: Renderer,
    quotes: bool = False, now: dt.datetime | None = None,
) -> list[ExportResult]:
    """Write (or leave unchanged) one file per article in ``directory``.

    Raises:
        ExportError: On a template error or a file that cannot be written (one line).
    """
    folder = _Folder(directory)
    exported = iso_now(now)
    return [folder.write(item, renderer, exported)
            for item in gather(lib, article_ids, quotes=quotes)]


def render_stream(
    lib: Library, article_ids: Sequence[str], *, renderer: Renderer, quotes: bool = False,
    now: dt.datetime | None = None,
) -> Iterable[str]:
    """Yield every article's export (front matter and content), separated for one stream."""
    exported = iso_now(now)
    for n, item in enumerate(gather(lib, article_ids, quotes=quotes)):
        content = render_item(renderer, item)
        head = STREAM_SEPARATOR if n else ""
        yield f"{head}---\n{front_matter(item.article, exported)}---\n{content}"
