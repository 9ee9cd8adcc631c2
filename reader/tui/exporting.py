"""Export from the TUI: ``e`` exports the open article, the palette exports everything.

The export runs in a thread worker (it reads the library and writes files); a notification
says where the files went. The folder is ``export_dir`` from the config file, else a
``readmark`` folder in the user's documents folder (see ``default_export_dir``) — never the
working directory, where a later ``readmark import .`` would find the exports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs
from textual.app import App
from textual.content import Content

from reader.library import Library
from reader.paths import APP_NAME
from reader.tui.config import Config


def default_export_dir() -> Path:
    """Return the export folder used when ``export_dir`` is not set.

    Returns:
        ``<documents>/readmark`` when the user has a documents folder, else
        ``<user data dir>/readmark/exports``; either is made on the first export.
    """
    documents = Path(platformdirs.user_documents_dir())
    if documents.is_dir():
        return documents / APP_NAME
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "exports"


def export_folder(config: Config) -> Path:
    """Return the folder exports go to: ``export_dir`` if set, else ``default_export_dir()``."""
    configured = getattr(config, "export_dir", None)
    return Path(configured).expanduser() if configured else default_export_dir()


def _run(app: App[Any], library: Library, config: Config, article_id: str | None) -> None:
    from reader.export import ExportError, export_all, export_article

    folder = export_folder(config)
    try:
        if article_id is not None:
            result = export_article(library, article_id, folder)
            verb = "Exported to" if result.written else "Up to date:"
            message = f"{verb} {result.path}"
        else:
            results = export_all(library, folder, "obsidian")
            written = sum(1 for r in results if r.written)
            message = (f"Exported {written} of {len(results)} annotated article(s) to {folder}"
                       if results else "Nothing to export: no highlights or notes yet")
    except (ExportError, OSError) as exc:
        app.call_from_thread(app.notify, Content(f"Export failed: {exc}"), severity="error")
        return
    app.call_from_thread(app.notify, Content(message), title="Export")


def export_in_background(
    app: App[Any], library: Library, config: Config, article_id: str | None
) -> None:
    """Export one article (or, with ``None``, every annotated article) in a thread worker.

    Args:
        app: The running app (runs the worker, shows the notification).
        library: The library to export from.
        config: Settings (``export_dir``).
        article_id: The article, or ``None`` for every annotated article.
    """
    app.run_worker(lambda: _run(app, library, config, article_id), thread=True, group="export",
                   exit_on_error=False)
