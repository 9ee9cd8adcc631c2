"""Helpers shared by the subcommands: opening the library, JSON and safe terminal output."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from reader.library import Library, StoreError
from reader.safe_text import escape_in_json, line


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``readmark: error: MESSAGE`` (one line) to stderr and exit."""
    click.echo(f"readmark: error: {line(message).strip()}", err=True)
    sys.exit(code)


def db_path(ctx: click.Context) -> Path:
    """Return the library path chosen by ``--db``, ``READMARK_DB`` or the default."""
    root = ctx.find_root()
    return Path(root.obj["db_path"])


def open_library(ctx: click.Context) -> Library:
    """Open the library for this invocation and close it when the command ends."""
    try:
        lib = Library(db_path(ctx))
    except StoreError as exc:
        fail(str(exc))
    ctx.call_on_close(lib.close)
    return lib


def emit_json(data: Any) -> None:
    """Print ``data`` as indented JSON (UTF-8, not ASCII-escaped; unsafe characters escaped)."""
    click.echo(escape_in_json(json.dumps(data, ensure_ascii=False, indent=2)))


def term_width(default: int = 100) -> int:
    """Return the terminal width, or ``default`` when not a terminal."""
    return shutil.get_terminal_size((default, 24)).columns


def clip(text: str, width: int) -> str:
    """Clip ``text`` to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
