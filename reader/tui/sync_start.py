"""Sync at start: merge the configured sync folder and any conflict copies, in a thread worker.

With ``sync_dir`` set in ``config.toml`` the app runs what ``readmark sync --dir`` does once it
has painted; without it, it still merges conflict copies a sync tool left beside the library.
The outcome is one notification; the library list refreshes when something changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from reader.library import Library, StoreError
from reader.sync.conflicts import conflict_copies
from reader.tui.config import Config
from reader.tui.messages import LibraryChanged

if TYPE_CHECKING:
    from reader.sync.folder import SyncRun


def start_sync(app: App[Any], library: Library, config: Config) -> None:
    """Start the sync worker if there is a sync folder or a conflict copy to merge.

    Args:
        app: The running app (runs the worker, shows the outcome).
        library: The open library.
        config: Settings (``sync_dir``).
    """
    folder = Path(config.sync_dir).expanduser() if config.sync_dir else None
    if folder is None and not conflict_copies(library.path):
        return

    def job() -> None:
        from reader.library.merging import SyncError
        from reader.sync.folder import sync

        try:
            run = sync(library, folder)
        except (SyncError, StoreError) as exc:
            app.call_from_thread(app.notify, f"sync: {exc}", title="Sync", severity="error",
                                 markup=False, timeout=10)
            return
        app.call_from_thread(_show, app, run)

    app.run_worker(job, thread=True, group="sync", exit_on_error=False)


def _show(app: App[Any], run: SyncRun) -> None:
    """Notify the outcome (the first error or warning too) and refresh the screens if anything
    changed."""
    problem = (run.errors or run.warnings or [""])[0]
    message = run.summary() + (f" — {problem}" if problem else "")
    app.notify(message, title="Sync", severity="warning" if problem else "information",
               markup=False, timeout=8 if problem else 5)
    if run.changed():
        app.post_message(LibraryChanged())
