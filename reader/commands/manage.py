"""Commands that change the library: ``import``, ``tag``, ``rm``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from reader.commands.common import emit_json, fail, open_library
from reader.library import Library, StoreError
from reader.safe_text import line

if TYPE_CHECKING:  # the importer (and the parsers it needs) loads only for ``import``
    from reader.library.importing import ImportReport, ImportResult

PROGRESS_MIN = 20  # batches at least this long get a progress bar on a terminal


def _result_line(result: ImportResult) -> str:
    if result.status in ("failed", "skipped"):
        return f"{result.status:<10} {line(result.source)}: {line(result.message)}"
    text = f"{result.status:<10} {line(result.source)} → {result.id} {line(result.title)}"
    placed = _placed(result.moved, result.orphaned)
    return f"{text} ({placed})" if placed else text


def _placed(moved: int, orphaned: int) -> str:
    """``2 highlights moved, 1 orphaned`` (empty when neither happened)."""
    parts: list[str] = []
    for count, what in ((moved, "moved"), (orphaned, "orphaned")):
        if count:
            noun = "" if parts else f" highlight{'' if count == 1 else 's'}"
            parts.append(f"{count}{noun} {what}")
    return ", ".join(parts)


def run_import(
    lib: Library, paths: list[str], *, as_json: bool, quiet: bool = False
) -> ImportReport:
    """Import ``paths`` printing one line per file (or a progress bar), then totals.

    A file's line is printed once the batch holding it is committed, never before: whatever
    was printed as ``new`` or ``updated`` is in the library. When the library cannot be
    written (a full disk), one error line says so and the totals count what was saved.

    Args:
        lib: The library.
        paths: Files, directories, globs or ``-``.
        as_json: Print the JSON report instead of lines.
        quiet: Print only failures, warnings and the totals line.
    """
    from reader.ingest.sources import expand
    from reader.library.importing import import_sources

    sources = list(expand(paths))
    bar_wanted = not as_json and not quiet and sys.stdout.isatty() and len(sources) >= PROGRESS_MIN

    def handle(result: ImportResult) -> None:
        if as_json:
            return
        for warning in result.warnings:
            click.echo(f"warning    {line(result.source)}: {line(warning)}", err=True)
        if result.status == "failed":
            click.echo(_result_line(result), err=True)
        elif not quiet and not bar_wanted:
            click.echo(_result_line(result))

    if bar_wanted:
        with click.progressbar(sources, label="Importing", file=sys.stderr) as bar:
            report = import_sources(lib, bar, on_result=handle)
    else:
        report = import_sources(lib, sources, on_result=handle)
    totals = report.totals
    error = None
    if report.error is not None:
        error = (f"{report.error}; import stopped: {len(report.results)} file(s) saved, "
                 "the rest not imported")
        if not as_json:
            click.echo(f"readmark: error: {line(error)}", err=True)
    if as_json:
        emit_json({"results": [r.to_json() for r in report.results], "totals": totals,
                   "error": error})
    else:
        summary = ", ".join(f"{n} {status}" for status, n in totals.items())
        click.echo(f"{len(report.results)} file(s): {summary}")
    return report


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems and the totals.")
@click.pass_context
def import_cmd(ctx: click.Context, paths: tuple[str, ...], as_json: bool, quiet: bool) -> None:
    """Import articles from PATHS: files, directories (recursive), globs, or - for stdin.

    Formats: .md, .markdown, .txt, with optional YAML/TOML/JSON front matter. Re-importing an
    article updates it in place. Files readmark exported are skipped. Each file's line is
    printed once it is saved. Exit status 1 if any file failed or the library could not be
    written.
    """
    report = run_import(open_library(ctx), list(paths), as_json=as_json, quiet=quiet)
    if report.failed:
        ctx.exit(1)


# -TAG must not be read as short options (-h in "-health" would be --help): only --help here.
@click.command(
    "tag", context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]}
)
@click.argument("ref")
@click.argument("changes", nargs=-1, type=click.UNPROCESSED)
@click.option("--json", "as_json", is_flag=True, help="Print the article's tags as JSON.")
@click.pass_context
def tag_cmd(ctx: click.Context, ref: str, changes: tuple[str, ...], as_json: bool) -> None:
    """Change an article's tags: +TAG (or TAG) adds, -TAG removes. No changes: print tags.

    REF is an id, a unique id prefix, or words from the title.
    """
    lib = open_library(ctx)
    add = [c[1:] if c.startswith("+") else c for c in changes if not c.startswith("-")]
    remove = [c[1:] for c in changes if c.startswith("-")]
    if any(not t.strip() for t in add + remove):
        fail("empty tag name")
    try:
        article = lib.resolve(ref)
        tags = lib.update_tags(article.id, add, remove)
    except StoreError as exc:
        fail(str(exc))
    if as_json:
        emit_json({"id": article.id, "title": article.title, "tags": tags})
    else:
        click.echo(f"{article.id} {line(article.title)}: {', '.join(tags) or '(no tags)'}")


@click.command("rm")
@click.argument("refs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print what was removed as JSON.")
@click.pass_context
def rm_cmd(ctx: click.Context, refs: tuple[str, ...], as_json: bool) -> None:
    """Remove articles (REF: id, unique id prefix, or title words).

    The article leaves a tombstone so that the removal reaches other machines on sync.
    """
    lib = open_library(ctx)
    removed: list[dict[str, str]] = []
    errors: list[str] = []
    chosen: dict[str, str] = {}  # resolve every REF first: "rm ID ID" removes ID once
    for ref in refs:
        try:
            article = lib.resolve(ref)
            chosen.setdefault(article.id, article.title)
        except StoreError as exc:
            errors.append(str(exc))
    for article_id, title in chosen.items():
        try:
            if lib.delete(article_id):
                removed.append({"id": article_id, "title": title})
        except StoreError as exc:
            errors.append(str(exc))
    if as_json:
        emit_json({"removed": removed, "errors": errors})
    else:
        for item in removed:
            click.echo(f"removed {item['id']} {line(item['title'])}")
    for error in errors:
        click.echo(f"readmark: error: {line(error)}", err=True)
    if errors:
        ctx.exit(1)


COMMANDS = [import_cmd, tag_cmd, rm_cmd]
