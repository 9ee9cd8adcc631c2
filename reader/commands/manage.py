"""Commands that change the library: ``import``, ``tag``, ``rm``."""

from __future__ import annotations

import sys

import click

from reader.commands.common import emit_json, fail, open_library
from reader.ingest.sources import expand
from reader.safe_text import for_terminal
from reader.store import Library, StoreError
from reader.store.importing import ImportReport, ImportResult, import_sources

PROGRESS_MIN = 20  # batches at least this long get a progress bar on a terminal


def _result_line(result: ImportResult) -> str:
    if result.status == "failed":
        return (f"failed     {for_terminal(result.source, one_line=True)}: "
                f"{for_terminal(result.message, one_line=True)}")
    text = (f"{result.status:<10} {for_terminal(result.source, one_line=True)} → {result.id} "
            f"{for_terminal(result.title, one_line=True)}")
    return text


def run_import(
    lib: Library, paths: list[str], *, as_json: bool, quiet: bool = False
) -> ImportReport:
    """Import ``paths`` printing one line per file (or a progress bar), then totals.

    Args:
        lib: The library.
        paths: Files, directories, globs or ``-``.
        as_json: Print the JSON report instead of lines.
        quiet: Print only failures, warnings and the totals line.
    """
    sources = list(expand(paths))
    report = ImportReport()
    bar_wanted = not as_json and not quiet and sys.stdout.isatty() and len(sources) >= PROGRESS_MIN

    def handle(result: ImportResult) -> None:
        report.results.append(result)
        if as_json:
            return
        for warning in result.warnings:
            click.echo(f"warning    {for_terminal(result.source, one_line=True)}: "
                       f"{for_terminal(warning, one_line=True)}", err=True)
        if result.status == "failed":
            click.echo(_result_line(result), err=True)
        elif not quiet and not bar_wanted:
            click.echo(_result_line(result))

    try:
        if bar_wanted:
            with click.progressbar(sources, label="Importing", file=sys.stderr) as bar:
                import_sources(lib, bar, on_result=handle)
        else:
            import_sources(lib, sources, on_result=handle)
    except StoreError as exc:
        fail(str(exc))
    totals = report.totals
    if as_json:
        emit_json({"results": [r.to_json() for r in report.results], "totals": totals})
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
    article updates it in place. Exit status 1 if any file failed.
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
        click.echo(f"{article.id} {for_terminal(article.title, one_line=True)}: "
                   f"{', '.join(tags) or '(no tags)'}")


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
            click.echo(f"removed {item['id']} {for_terminal(item['title'], one_line=True)}")
    for error in errors:
        click.echo(f"readmark: error: {for_terminal(error, one_line=True)}", err=True)
    if errors:
        ctx.exit(1)


COMMANDS = [import_cmd, tag_cmd, rm_cmd]
