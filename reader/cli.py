"""The ``readmark`` command line (click): a thin layer over the library and the text engine.

``readmark [PATH...]`` imports PATHs (if any) and opens the reader; every other action is a
subcommand with ``--json`` output.
"""

from __future__ import annotations

import difflib
import glob
import os
import sys
from pathlib import Path

import click

from reader import __version__
from reader.commands import annotate, browse, manage, sync
from reader.commands.common import db_path, open_library
from reader.paths import DB_ENV, default_library_path

OPEN = "open"


class ReadmarkGroup(click.Group):
    """A group whose first positional argument, if not a command name, is a PATH to open."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Route ``readmark [PATH...]`` (and bare ``readmark``) to the hidden ``open`` command."""
        i = 0
        while i < len(args):
            arg = args[i]
            if arg in ("--help", "-h", "--version"):
                return super().parse_args(ctx, args)
            if arg == "--db":
                i += 2
                continue
            if arg.startswith("--db="):
                i += 1
                continue
            if arg == "--" or not arg.startswith("-") or arg == "-":
                break
            i += 1
        rest = args[i:]
        if rest and rest[0] == "--":
            rest = rest[1:]
        elif rest and rest[0] not in self.commands and not _looks_like_path(rest[0]):
            matches = difflib.get_close_matches(rest[0], list(self.commands), n=1)
            hint = f" Did you mean {matches[0]!r}?" if matches else ""
            ctx.fail(f"No such command or file {rest[0]!r}.{hint}")
        if not rest or rest[0] not in self.commands:
            args = [*args[:i], OPEN, *rest]
        return super().parse_args(ctx, args)


def _looks_like_path(arg: str) -> bool:
    """Whether ``readmark ARG`` means a file to import rather than a mistyped command."""
    return arg == "-" or os.sep in arg or "." in arg or glob.has_magic(arg) or Path(arg).exists()


@click.group(cls=ReadmarkGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=DB_ENV,
    help=f"Library file (default: ${DB_ENV}, else {default_library_path()}).",
)
@click.version_option(__version__, prog_name="readmark")
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """readmark: read articles closely, with quotes highlighted and attributed.

    \b
    readmark [PATH...]        import PATHs (if any), then open the reader
    readmark COMMAND --help   help on a command
    """
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = (db or default_library_path()).expanduser()


@cli.command(OPEN, hidden=True)
@click.argument("paths", nargs=-1)
@click.pass_context
def open_cmd(ctx: click.Context, paths: tuple[str, ...]) -> None:
    """Import PATHS (if any), then open the reader."""
    failed = False
    if paths:
        lib = open_library(ctx)
        failed = manage.run_import(lib, list(paths), as_json=False, quiet=True).failed
        lib.close()
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # No terminal to draw on (a pipe or a file): print the library instead.
        ctx.invoke(browse.list_cmd)
    else:
        from reader.tui import run_tui

        run_tui(db_path(ctx))
    if failed:  # the import lines were printed before the reader took the screen
        click.echo("readmark: some files could not be imported (see above)", err=True)
        ctx.exit(1)


def _register() -> None:
    from reader.commands import text as text_commands  # written alongside the text engine

    for module_commands in (
        manage.COMMANDS, browse.COMMANDS, annotate.COMMANDS, text_commands.COMMANDS,
        sync.COMMANDS,
    ):
        for command in module_commands:
            cli.add_command(command)


try:
    _register()
except ImportError:
    for _command in (*manage.COMMANDS, *browse.COMMANDS, *annotate.COMMANDS, *sync.COMMANDS):
        cli.add_command(_command)


def _register_export() -> None:
    from reader.commands import export as export_commands  # export and import-annotations

    for command in export_commands.COMMANDS:
        cli.add_command(command)


_register_export()


def main() -> None:
    """Run the ``readmark`` console script."""
    cli(prog_name="readmark")
