"""The Textual app (the only package that imports Textual).

``run_tui`` is imported by the CLI; Textual itself loads only when it is called.
"""

from __future__ import annotations

from pathlib import Path


def run_tui(db_path: Path) -> None:
    """Open the library at ``db_path``, run the app until the user quits, close the library.

    Args:
        db_path: The SQLite library file (created if missing).
    """
    from reader.paths import config_path
    from reader.tui.config import Config
    from reader.tui.page_sources import open_in_background, start_query

    config = Config.load(config_path())
    # Open the library and fetch the first rows while Textual is imported.
    opening, prefetch = open_in_background(db_path, start_query(config))
    from reader.tui.app import ReadmarkApp

    library = opening.result()
    try:
        app = ReadmarkApp(library, config, prefetch)
        app.run()
        for article_id, (position, progress) in list(app.unsaved.items()):
            library.save_position(article_id, position, progress)
    finally:
        library.close()


__all__ = ["run_tui"]
