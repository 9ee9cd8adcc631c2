"""The ``readmark`` command line: the entry point, and the click group behind it.

``main`` opens the reader straight away for a bare ``readmark`` (or ``readmark --db FILE``)
on a terminal, without importing click: that is the start-up users wait for. Everything
else goes through the click group in :mod:`reader.cli.group` (the command table, ``--help``,
``readmark [PATH...]``); its names (``cli``, ``LAZY_COMMANDS``...) are importable from here.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.cli.group import (
        LAZY_COMMANDS,
        OPEN,
        DbOption,
        LazyCommand,
        ReadmarkGroup,
        cli,
        load_command,
        summary_command,
    )

__all__ = [
    "LAZY_COMMANDS",
    "OPEN",
    "DbOption",
    "LazyCommand",
    "ReadmarkGroup",
    "bare_reader_db",
    "cli",
    "load_command",
    "main",
    "summary_command",
]


def __getattr__(name: str) -> Any:
    """The click group's names (``cli``, ``LAZY_COMMANDS``...), imported on first use."""
    if name.startswith("__") or name == "group":
        raise AttributeError(name)
    group = importlib.import_module("reader.cli.group")
    try:
        return getattr(group, name)
    except AttributeError:
        raise AttributeError(f"module 'reader.cli' has no attribute {name!r}") from None


def bare_reader_db(args: list[str]) -> Path | None:
    """The library to open when ``args`` only open the reader: none, or only ``--db FILE``.

    Args:
        args: The command line after the program name.

    Returns:
        The library file (``--db``, else ``$READMARK_DB``, else the default), or ``None``
        when ``args`` ask for anything else (a command, a path, an option) and the click
        group must handle them.
    """
    if not args:
        db = ""
    elif len(args) == 2 and args[0] == "--db" and args[1] and not args[1].startswith("-"):
        db = args[1]
    elif len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > len("--db="):
        db = args[0][len("--db="):]
    else:
        return None
    if db:
        return Path(db).expanduser()
    from reader.paths import default_library_path

    return default_library_path().expanduser()


def main() -> None:
    """Run the ``readmark`` console script."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        db = bare_reader_db(sys.argv[1:])
        if db is not None:
            from reader.tui import run_tui

            run_tui(db)
            return
    from reader.cli.group import cli

    cli(prog_name="readmark")
