"""Export commands: ``export`` (Markdown or W3C annotation JSON), ``import-annotations``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from reader.commands.common import emit_json, fail, open_library
from reader.export import STYLES, ExportError, Renderer
from reader.export.markdown import export_articles, render_stream, select_articles
from reader.library import Library, StoreError
from reader.safe_text import line

JSON_FILE_NAME = "readmark-annotations.json"


def _since(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    from dateutil import parser

    try:
        when = parser.isoparse(value.strip())
    except (ValueError, OverflowError):
        fail(f"--since: not an ISO 8601 date or time: {value!r}")
    return when if when.tzinfo else when.astimezone()  # a bare date means local time


def _articles(lib: Library, refs: tuple[str, ...], every: bool, tag: str | None,
              since: dt.datetime | None, directory: Path | None) -> list[str]:
    if refs and (every or tag or since):
        fail("name articles or give --all/--tag/--since, not both")
    if not (refs or every or tag or since):
        fail("name the articles to export, or give --all (or --tag/--since)")
    try:
        ids = [lib.resolve(ref).id for ref in refs] if refs else None
    except StoreError as exc:
        fail(str(exc))
    return select_articles(lib, article_ids=ids, tag=tag, since=since, directory=directory)


def _json_target(to: str | None) -> Path | None:
    if to is None or to == "-":
        return None
    path = Path(to)
    return path / JSON_FILE_NAME if path.is_dir() else path


@click.command("export")
@click.argument("articles", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Every article with highlights or a note.")
@click.option("--tag", help="Only articles with this tag.")
@click.option("--since", help="Only articles whose highlights or note changed since this "
              "ISO date or time.")
@click.option("--to", "to", help="Folder for the files (default: here); '-' prints them all. "
              "With --format json: the file (default: print).")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown",
              show_default=True, help="Markdown files, or W3C Web Annotation JSON-LD.")
@click.option("--style", type=click.Choice(STYLES), default="obsidian", show_default=True)
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path),
              help="A Jinja2 template for the exported part (instead of --style).")
@click.option("--quotes", is_flag=True, help="Add a Quotes section: quotations and speakers.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report of files written.")
@click.pass_context
def export_cmd(ctx: click.Context, articles: tuple[str, ...], every: bool, tag: str | None,
               since: str | None, to: str | None, fmt: str, style: str,
               template: Path | None, quotes: bool, as_json: bool) -> None:
    """Export highlights and notes: one Markdown file per article in a folder.

    Re-exporting updates the files in place: text written outside the readmark markers is
    kept, and files with nothing new are not touched.
    """
    when = _since(since)
    lib = open_library(ctx)
    if fmt == "json":
        _export_json(lib, _articles(lib, articles, every, tag, when, None), to, as_json)
        return
    stream = to == "-"
    directory = None if stream else Path(to or ".")
    ids = _articles(lib, articles, every, tag, when, directory)
    try:
        renderer = Renderer(style, template)
        if directory is None:
            if as_json:
                fail("--json reports on files written; it cannot be used with --to -")
            for chunk in render_stream(lib, ids, renderer=renderer, quotes=quotes):
                click.echo(chunk, nl=False)
            return
        results = export_articles(lib, ids, directory, renderer=renderer, quotes=quotes)
    except ExportError as exc:
        fail(str(exc))
    if as_json:
        emit_json({
            "directory": str(directory),
            "written": [r.to_json() for r in results if r.written],
            "unchanged": [r.to_json() for r in results if not r.written],
        })
        return
    for r in results:
        verb = "created" if r.new else "updated" if r.written else "unchanged"
        click.echo(f"{verb:<9} {line(str(r.path))}")
    changed = sum(r.written for r in results)
    click.echo(f"{changed} written, {len(results) - changed} unchanged", err=True)


def _export_json(lib: Library, ids: list[str], to: str | None, as_json: bool) -> None:
    from reader.export.annotations_json import export_json

    document = export_json(lib, ids)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    target = _json_target(to)
    if target is None:
        if as_json:
            fail("--json reports on the file written; give --to FILE")
        click.echo(text, nl=False)
        return
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{target}: cannot write: {exc.strerror or exc}")
    count = len(document["annotations"])
    if as_json:
        emit_json({"path": str(target), "articles": len(document["articles"]),
                   "annotations": count})
    else:
        click.echo(f"wrote {count} annotations on {len(document['articles'])} articles "
                   f"to {line(str(target))}")


@click.command("import-annotations")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report.")
@click.pass_context
def import_annotations_cmd(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Anchor the W3C Web Annotations in FILE (a readmark JSON export) in the library.

    Articles are found by readmark id, else by URL. Annotations whose text is no longer in
    the article are reported one per line; the rest are imported. Importing twice is safe.
    """
    from reader.export.annotations_import import import_annotations  # loads the text engine

    lib = open_library(ctx)
    try:
        report = import_annotations(lib, file)
    except ExportError as exc:
        fail(str(exc))
    if as_json:
        emit_json(report.to_json())
    else:
        click.echo(f"imported {len(report.highlights)} highlights and "
                   f"{len(report.notes)} notes from {line(str(file))}")
        for problem in report.problems:
            click.echo(f"readmark: {line(problem)}", err=True)
    if report.problems:
        ctx.exit(1)


COMMANDS = [export_cmd, import_annotations_cmd]
