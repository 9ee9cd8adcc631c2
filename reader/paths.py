"""Where readmark keeps its files (platformdirs), and the ``READMARK_DB`` override."""

from __future__ import annotations

import os
from pathlib import Path

# platformdirs is imported by the functions that need it: a command given ``--db`` never does.

APP_NAME = "readmark"
DB_ENV = "READMARK_DB"


def default_library_path() -> Path:
    """Return ``$READMARK_DB`` if set, else ``<user data dir>/readmark/library.db``.

    Returns:
        The path of the SQLite library file (it may not exist yet).
    """
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library.db"


def config_path() -> Path:
    """Return the TOML config file path in the user config dir (it may not exist yet)."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def cache_dir() -> Path:
    """Return the user cache dir for readmark (not created here)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def sample_articles_dir() -> Path | None:
    """Return the bundled ``sample_articles`` directory, if it can be found.

    Installed wheels carry it as ``reader/sample_articles``; a source checkout has it at
    the repository root.

    Returns:
        The directory, or ``None`` when neither location exists.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "sample_articles", here.parent / "sample_articles"):
        if candidate.is_dir():
            return candidate
    return None
