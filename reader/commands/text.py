"""Text-engine commands: ``quotes`` and ``speakers`` for a library article or a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from reader.commands.common import clip, emit_json, fail, open_library, term_width
from reader.library import StoreError
from reader.safe_text import line

if TYPE_CHECKING:  # the text engine loads when a command runs, not for --help
    from reader.quotes import Quote


def _load(ctx: click.Context, target: str) -> tuple[str, str]:
    """Body and format of TARGET: an existing file path, else a library reference."""
    path = Path(target)
    if path.is_file():
        try:
            from reader.ingest.reader import read_file
        except ImportError:  # pragma: no cover - ingest is part of every build
            import frontmatter

            text = path.read_text(encoding="utf-8", errors="replace")
            fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
            return frontmatter.loads(text).content, fmt
        try:
            article = read_file(path)
        except Exception as exc:  # IngestError and friends: report, never traceback
            fail(f"{target}: {exc}")
        return article.body, article.body_format
    lib = open_library(ctx)
    try:
        stored = lib.resolve(target)
    except StoreError as exc:
        fail(str(exc))
    return stored.body, stored.body_format


def _quote_row(q: Quote, width: int) -> str:
    who = line(q.speaker) if q.speaker else ("—" if q.kind == "speech" else f"({q.kind})")
    head = f"{q.start:>7}  {clip(who, 24):<24}  "
    text = line(q.text)
    indent = "  " * q.depth
    return head + indent + clip(f"“{text}”", max(width - len(head) - len(indent), 20))


@click.command("quotes")
@click.argument("target")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_context
def quotes(ctx: click.Context, target: str, as_json: bool) -> None:
    """List the quotations in TARGET (article id, id prefix, title, or file path)."""
    from reader.quotes import analyze

    body, fmt = _load(ctx, target)
    found = analyze(body, fmt).quotes
    if as_json:
        emit_json([q.to_json() for q in found])
        return
    if not found:
        click.echo("No quotations found.", err=True)
        return
    width = term_width()
    click.echo(f"{'offset':>7}  {'speaker':<24}  quote")
    for q in found:
        click.echo(_quote_row(q, width))


@click.command("speakers")
@click.argument("target")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_context
def speakers(ctx: click.Context, target: str, as_json: bool) -> None:
    """List who is quoted in TARGET, most quoted first."""
    from reader.quotes import analyze

    body, fmt = _load(ctx, target)
    index = analyze(body, fmt).speakers
    if as_json:
        emit_json(
            [
                {"speaker": s.name, "count": s.count, "quotes": [q.to_json() for q in s.quotes]}
                for s in index
            ]
        )
        return
    if not index:
        click.echo("No attributed quotations.", err=True)
        return
    width = term_width()
    for s in index:
        click.echo(f"{s.count:>4}  {line(s.name)}")
        for q in s.quotes:
            click.echo("      " + clip(f"“{line(q.text)}”", max(width - 6, 20)))


COMMANDS = [quotes, speakers]
