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
    lib: Library, paths: list[str], *, as_json: bool, quiet: bool = False,
    url_files: tuple[str, ...] = (), refresh: tuple[str, ...] = (),
    timeout: float | None = None,
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
        url_files: ``--urls`` files: one URL a line, ``#`` comments.
        refresh: References of articles to extract again from their kept pages.
        timeout: Seconds allowed per network step when fetching URLs.
    """
    from reader.ingest.sources import expand, url_list
    from reader.ingest.web import ProgressLine
    from reader.library.importing import import_sources, refresh_articles

    sources = list(expand(paths))
    for url_file in url_files:
        sources.extend(url_list(url_file))
    bar_wanted = not as_json and not quiet and sys.stdout.isatty() and len(sources) >= PROGRESS_MIN
    fetching = ProgressLine(sys.stderr)
    fetching.active = fetching.active and not as_json and not bar_wanted
    bar = (click.progressbar(length=len(sources), label="Importing", file=sys.stderr)
           if bar_wanted else None)

    def handle(result: ImportResult) -> None:
        fetching.clear()
        if bar is not None:
            bar.update(1)
        if as_json:
            return
        for warning in result.warnings:
            click.echo(f"warning    {line(result.source)}: {line(warning)}", err=True)
        if result.status == "failed":
            click.echo(_result_line(result), err=True)
        elif not quiet and not bar_wanted:
            click.echo(_result_line(result))

    if bar is not None:
        with bar:
            report = import_sources(lib, sources, on_result=handle, timeout=timeout)
    else:
        report = import_sources(lib, sources, on_result=handle, on_progress=fetching,
                                timeout=timeout)
    fetching.clear()
    if refresh and report.error is None:
        again = refresh_articles(lib, refresh, on_result=handle)
        report.results.extend(again.results)
        report.error = again.error
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
@click.argument("paths", nargs=-1)
@click.option("--urls", "url_files", multiple=True, metavar="FILE",
              help="Also fetch the URLs in FILE (one a line, # comments).")
@click.option("--refresh", multiple=True, metavar="REF",
              help="Extract article REF again from its kept web page (no network).")
@click.option("--timeout", type=click.FloatRange(min=0.1, max=600), default=None,
              metavar="SECONDS", help="Time allowed per network step when fetching (20).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems and the totals.")
@click.pass_context
def import_cmd(ctx: click.Context, paths: tuple[str, ...], url_files: tuple[str, ...],
               refresh: tuple[str, ...], timeout: float | None, as_json: bool,
               quiet: bool) -> None:
    """Import articles from PATHS: files, directories (recursive), globs, URLs, or - for stdin.

    Formats: .md, .markdown, .txt (optional YAML/TOML/JSON front matter), .html/.htm/.xhtml
    (saved web pages) and .epub; http(s):// URLs are fetched. Re-importing an article updates
    it in place. Files readmark exported are skipped. Each file's line is printed once it is
    saved. Exit status 1 if any file or URL failed or the library could not be written.
    """
    if not paths and not url_files and not refresh:
        raise click.UsageError("nothing to import: give PATHS, --urls FILE or --refresh REF")
    report = run_import(open_library(ctx), list(paths), as_json=as_json, quiet=quiet,
                        url_files=url_files, refresh=refresh, timeout=timeout)
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
