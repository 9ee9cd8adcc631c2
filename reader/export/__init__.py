"""Exporting the reader's highlights and notes: Markdown files (Obsidian or plain, or a Jinja2
template) and W3C Web Annotation JSON-LD, which ``import_annotations`` reads back.

The functions the CLI and the TUI call are here: ``export_article``, ``export_all``,
``export_json`` and ``import_annotations``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reader.export.errors import ExportError
from reader.export.markdown import ExportResult, export_articles, select_articles
from reader.export.templates import STYLES, Renderer
from reader.library import Library


def export_article(
    lib: Library, article_id: str, directory: str | Path, style: str = "obsidian", *,
    template: Path | None = None, quotes: bool = False, now: dt.datetime | None = None,
) -> ExportResult:
    """Export one article's highlights and notes to its Markdown file in ``directory``.

    The file is found again by its front matter on later exports, keeps whatever the reader
    wrote outside the managed block, and is not rewritten when nothing changed.

    Args:
        lib: The library.
        article_id: The article (exported even when it has no highlights).
        directory: The export folder (made if missing).
        style: ``obsidian`` or ``plain``.
        template: A Jinja2 template file to use instead of the style.
        quotes: Whether to add a Quotes section (quotations and speakers).
        now: The export time (default: now; tests pass a fixed one).

    Raises:
        ExportError: On an unknown article, a template error, or a file that cannot be written.
    """
    if lib.get(article_id) is None:
        raise ExportError(f"no article with id {article_id!r}")
    renderer = Renderer(style, template)
    results = export_articles(lib, [article_id], Path(directory), renderer=renderer,
                              quotes=quotes, now=now)
    return results[0]


def export_all(
    lib: Library, directory: str | Path, style: str = "obsidian", *,
    article_ids: Sequence[str] | None = None, tag: str | None = None,
    since: dt.datetime | None = None, template: Path | None = None, quotes: bool = False,
    now: dt.datetime | None = None,
) -> list[ExportResult]:
    """Export every article with highlights or a note (or the ones named) to ``directory``.

    Args:
        lib: The library.
        directory: The export folder (made if missing).
        style: ``obsidian`` or ``plain``.
        article_ids: Only these articles (exported even without highlights).
        tag: Only articles with this tag.
        since: Only articles whose highlights or note changed since this time.
        template: A Jinja2 template file to use instead of the style.
        quotes: Whether to add a Quotes section.
        now: The export time (default: now).

    Raises:
        ExportError: On a template error or a file that cannot be written (one line).
    """
    renderer = Renderer(style, template)
    folder = Path(directory)
    ids = select_articles(lib, article_ids=article_ids, tag=tag, since=since, directory=folder)
    return export_articles(lib, ids, folder, renderer=renderer, quotes=quotes, now=now)


__all__ = ["STYLES", "ExportError", "ExportResult", "Renderer", "export_all", "export_article"]
