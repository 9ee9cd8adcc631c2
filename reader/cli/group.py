"""The ``readmark`` click group: the lazy command table, global ``--db``, opening the reader.

``readmark [PATH...]`` imports PATHs (if any) and opens the reader; every other action is a
subcommand with ``--json`` output.

Start-up is lazy: a command's module (and what it needs: the store, the text engine, Jinja,
Textual) is imported only when that command runs. ``readmark --help`` lists every command from
the summaries in :data:`LAZY_COMMANDS` without importing any of them.
"""

from __future__ import annotations

import glob
import importlib
import os
import sys
from pathlib import Path
from typing import NamedTuple

import click

from reader import __version__
from reader.paths import DB_ENV, default_library_path

OPEN = "open"


class LazyCommand(NamedTuple):
    """Where a subcommand lives and its one-line help, so listing it imports nothing.

    Attributes:
        target: ``"module:attribute"`` of the ``click.Command``.
        summary: The first sentence of its help (what ``readmark --help`` shows).
    """

    target: str
    summary: str


LAZY_COMMANDS: dict[str, LazyCommand] = {
    "export": LazyCommand(
        "reader.commands.export:export_cmd",
        "Export highlights and notes: one Markdown file per article in a folder."),
    "highlight": LazyCommand(
        "reader.commands.annotate:highlight_cmd",
        "Highlight the text QUOTE in article REF (id, id prefix or title words)."),
    "highlights": LazyCommand(
        "reader.commands.annotate:highlights_cmd",
        "List highlights: of article REF in text order, else every one, newest first."),
    "import": LazyCommand(
        "reader.commands.manage:import_cmd",
        "Import articles from PATHS: files, directories (recursive), globs, URLs, or - for stdin."),
    "import-annotations": LazyCommand(
        "reader.commands.export:import_annotations_cmd",
        "Anchor the W3C Web Annotations in FILE (a readmark JSON export) in the library."),
    "info": LazyCommand(
        "reader.commands.browse:info_cmd",
        "Show the library's path, counts, schema version and SQLite version."),
    "list": LazyCommand(
        "reader.commands.browse:list_cmd",
        "List articles: id, date, words, progress, title, authors, site."),
    "merge-driver": LazyCommand(
        "reader.commands.sync:merge_driver_cmd",
        "git merge driver for library files: merge THEIRS (%B) into OURS (%A) in place."),
    "note": LazyCommand(
        "reader.commands.annotate:note_cmd",
        "Write the note on article REF (id, id prefix or title words)."),
    "quotes": LazyCommand(
        "reader.commands.text:quotes",
        "List the quotations in TARGET (article id, id prefix, title, or file path)."),
    "rm": LazyCommand(
        "reader.commands.manage:rm_cmd",
        "Remove articles (REF: id, unique id prefix, or title words)."),
    "search": LazyCommand(
        "reader.commands.browse:search_cmd",
        "Full-text search over titles, authors and bodies; best matches first."),
    "show": LazyCommand(
        "reader.commands.browse:show_cmd",
        "Print an article with its quotes coloured."),
    "speakers": LazyCommand(
        "reader.commands.text:speakers",
        "List who is quoted in TARGET, most quoted first."),
    "sync": LazyCommand(
        "reader.commands.sync:sync_cmd",
        "Merge library OTHER into this one, or sync through a shared folder with --dir."),
    "tag": LazyCommand(
        "reader.commands.manage:tag_cmd",
        "Change an article's tags: +TAG (or TAG) adds, -TAG removes."),
    "unhighlight": LazyCommand(
        "reader.commands.annotate:unhighlight_cmd",
        "Remove highlights by id (or unique id prefix); --undo brings them back."),
}
"""Every public subcommand: name → where it is defined and its summary."""


def load_command(name: str) -> click.Command:
    """Import and return the subcommand ``name`` from :data:`LAZY_COMMANDS`.

    Args:
        name: A key of :data:`LAZY_COMMANDS`.

    Raises:
        KeyError: ``name`` is not a lazy command.
        TypeError: The target is not a ``click.Command`` of that name (a wrong mapping).
    """
    module_name, _, attr = LAZY_COMMANDS[name].target.partition(":")
    command = getattr(importlib.import_module(module_name), attr)
    if not isinstance(command, click.Command) or command.name != name:
        raise TypeError(f"{LAZY_COMMANDS[name].target} is not the {name!r} command")
    return command


def summary_command(name: str) -> click.Command:
    """A stand-in for the lazy command ``name`` carrying only its summary, for help listings."""
    return click.Command(name, help=LAZY_COMMANDS[name].summary)


class ReadmarkGroup(click.Group):
    """The top-level group: lazy subcommands, and ``readmark [PATH...]`` to open the reader.

    A first positional argument that is not a command name is a PATH to open.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, the lazy ones included, sorted."""
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return the command ``cmd_name``, importing its module on first use."""
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in LAZY_COMMANDS:
            command = load_command(cmd_name)
            self.add_command(command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the visible commands with their summaries, without importing them."""
        names = [name for name in self.list_commands(ctx)
                 if name in LAZY_COMMANDS or not self.commands[name].hidden]
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            command = self.commands.get(name) or summary_command(name)
            rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Route ``readmark [PATH...]`` (and bare ``readmark``) to the hidden ``open`` command."""
        names = self.list_commands(ctx)
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
        elif rest and rest[0] not in names and not _looks_like_path(rest[0]):
            import difflib

            matches = difflib.get_close_matches(rest[0], names, n=1)
            hint = f" Did you mean {matches[0]!r}?" if matches else ""
            ctx.fail(f"No such command or file {rest[0]!r}.{hint}")
        if not rest or rest[0] not in names:
            args = [*args[:i], OPEN, *rest]
        return super().parse_args(ctx, args)


def _looks_like_path(arg: str) -> bool:
    """Whether ``readmark ARG`` means a file to import rather than a mistyped command."""
    return arg == "-" or os.sep in arg or "." in arg or glob.has_magic(arg) or Path(arg).exists()


class DbOption(click.Option):
    """``--db``, whose help names the default library file only when help is shown.

    Finding the default location imports platformdirs; a command run with ``--db`` (or
    ``READMARK_DB``) never needs it.
    """

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        """The help line, with the default library path filled in."""
        self.help = f"Library file (default: ${DB_ENV}, else {default_library_path()})."
        return super().get_help_record(ctx)


@click.group(cls=ReadmarkGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db",
    cls=DbOption,
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=DB_ENV,
    help=f"Library file (default: ${DB_ENV}, else the user data folder's library.db).",
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
    from reader.commands.common import db_path, open_library

    failed = False
    if paths:
        from reader.commands.manage import run_import

        lib = open_library(ctx)
        failed = run_import(lib, list(paths), as_json=False, quiet=True).failed
        lib.close()
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # No terminal to draw on (a pipe or a file): print the library instead.
        list_cmd = cli.get_command(ctx, "list")
        assert list_cmd is not None
        ctx.invoke(list_cmd)
    else:
        from reader.tui import run_tui

        run_tui(db_path(ctx))
    if failed:  # the import lines were printed before the reader took the screen
        click.echo("readmark: some files could not be imported (see above)", err=True)
        ctx.exit(1)
