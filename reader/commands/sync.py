"""``readmark sync`` (merge another library file, or sync through a folder) and ``merge-driver``."""

from __future__ import annotations

from pathlib import Path

import click

from reader.commands.common import db_path, emit_json, fail, open_library
from reader.library import StoreError
from reader.safe_text import line


@click.command("sync")
@click.argument("other", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="Sync folder shared by Syncthing, Dropbox, iCloud…: publish this library's "
                   "snapshot there and merge every other machine's.")
@click.option("--both", is_flag=True, help="Also write the merged state back into OTHER.")
@click.option("--dry-run", "-n", is_flag=True, help="Show what would change; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def sync_cmd(ctx: click.Context, other: Path | None, folder: Path | None, both: bool,
             dry_run: bool, as_json: bool) -> None:
    """Merge library OTHER into this one, or sync through a shared folder with --dir.

    \b
    readmark sync OTHER.db [--both]   merge OTHER (read only unless --both)
    readmark sync --dir DIR           publish DIR/<site>.db, merge the other *.db in DIR
    readmark sync                     the folder set as sync_dir in config.toml, if any

    Conflict copies made by sync tools (Syncthing, Dropbox, iCloud) of the library, and of the
    snapshots in DIR, are merged and moved to .readmark-trash/ beside them. Nothing is lost: per
    field the newer edit wins, and a note edited on two machines keeps the other text as a
    revision. Each library file has its own site id (a copied file gets a fresh one), and
    temporaries left in DIR by a killed run are removed by later runs.
    """
    if other is not None and folder is not None:
        fail("give OTHER.db or --dir DIR, not both")
    if both and other is None:
        fail("--both needs OTHER.db (a sync folder is always two-way)")
    if other is not None:
        _sync_file(ctx, other, both=both, dry_run=dry_run, as_json=as_json)
        return
    from reader.sync.folder import configured_folder

    _sync_folder(ctx, folder or configured_folder(), dry_run=dry_run, as_json=as_json)


def _sync_file(ctx: click.Context, other: Path, *, both: bool, dry_run: bool,
               as_json: bool) -> None:
    from reader.library.merging import SyncError, merge_both, merge_file

    if not other.is_file():
        fail(f"{other}: no such file")
    here = db_path(ctx)
    if here.exists() and other.resolve() == here.resolve():
        fail(f"{other}: is this library itself; give another library file")
    lib = open_library(ctx)
    try:
        reports = (list(merge_both(lib, other, dry_run=dry_run)) if both
                   else [merge_file(lib, other, dry_run=dry_run)])
    except (SyncError, StoreError) as exc:
        fail(str(exc))
    if as_json:
        emit_json({"merges": [r.to_json() for r in reports], "dry_run": dry_run,
                   "changed": any(r.changed() for r in reports)})
        return
    for report in reports:
        click.echo(line(report.summary()))


def _sync_folder(ctx: click.Context, folder: Path | None, *, dry_run: bool,
                 as_json: bool) -> None:
    from reader.library.merging import SyncError
    from reader.sync.folder import sync

    lib = open_library(ctx)
    try:
        run = sync(lib, folder.expanduser() if folder else None, dry_run=dry_run)
    except (SyncError, StoreError) as exc:
        fail(str(exc))
    if as_json:
        emit_json(run.to_json())
    else:
        if folder is None:
            click.echo("no sync folder (give --dir DIR or set sync_dir in config.toml); "
                       "looked for conflict copies beside the library only")
        for report in run.merges:
            click.echo(line(report.summary()))
        for moved in run.trashed:
            click.echo(line(f"conflict copy {moved.path} → {moved.moved_to or '(dry run)'}"))
        for cleaned in run.cleaned:
            verb = "removed" if cleaned.removed else "would remove"
            click.echo(line(f"{verb} stale temporary {cleaned.path} ({cleaned.reason})"))
        click.echo(line(run.summary()))
    for warning in run.warnings:
        click.echo(f"readmark: warning: {line(warning)}", err=True)
    for error in run.errors:
        click.echo(f"readmark: error: {line(error)}", err=True)
    if run.errors:
        ctx.exit(1)


@click.command("merge-driver")
@click.argument("base", type=click.Path(path_type=Path))
@click.argument("ours", type=click.Path(path_type=Path))
@click.argument("theirs", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the merge report as JSON.")
def merge_driver_cmd(base: Path, ours: Path, theirs: Path, as_json: bool) -> None:
    """git merge driver for library files: merge THEIRS (%B) into OURS (%A) in place.

    \b
    .gitattributes:  *.db merge=readmark
    git config merge.readmark.driver "readmark merge-driver %O %A %B"
    """
    from reader.library.merging import SyncError
    from reader.sync.driver import merge_driver

    try:
        report = merge_driver(base, ours, theirs)
    except (SyncError, StoreError) as exc:
        fail(str(exc))
    if as_json:
        emit_json(report.to_json())
    else:
        click.echo(line(f"readmark: {report.summary()}"), err=True)


COMMANDS = [sync_cmd, merge_driver_cmd]
