"""Commands that read the library: ``list``, ``show``, ``search``, ``info``."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import click

from reader.commands.common import clip, emit_json, fail, open_library, term_width
from reader.library import (
    SNIPPET_END,
    SNIPPET_START,
    SORT_ORDERS,
    ArticleSummary,
    ListQuery,
    StoredArticle,
    StoreError,
)
from reader.safe_text import for_terminal, line


def _words(n: int) -> str:
    return f"{n:>6}w" if n < 100_000 else f"{n / 1000:>5.0f}kw"


def _row(article: ArticleSummary, width: int | None) -> str:
    """One line per article; clipped to ``width`` on a terminal, whole when piped."""
    date = (article.published or "")[:10] or "undated"
    byline = ", ".join(article.authors)
    site = f" · {line(article.site)}" if article.site else ""
    progress = f"{round(article.progress * 100):>3}%" if article.progress else "    "
    head = f"{article.id[:8]}  {date:<10} {_words(article.words)} {progress}  "
    rest = (
        line(article.title)
        + (f" — {line(byline)}" if byline else "")
        + site
    )
    return head + (clip(rest, max(width - len(head), 20)) if width else rest)


@click.command("list")
@click.option("--tag", help="Only articles with this tag.")
@click.option("--author", help="Only articles by this author (exact name, any case).")
@click.option("--site", help="Only articles from this site (any case).")
@click.option("--sort", type=click.Choice(SORT_ORDERS), default="newest", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=0, help="At most N (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_context
def list_cmd(ctx: click.Context, tag: str | None, author: str | None, site: str | None,
             sort: str, limit: int, as_json: bool) -> None:
    """List articles: id, date, words, progress, title, authors, site."""
    lib = open_library(ctx)
    query = ListQuery(sort=sort, tag=tag, author=author, site=site)
    rows: list[ArticleSummary] = []
    last: ArticleSummary | None = None
    size = min(limit, 500) if limit else 500  # never read more rows than are shown
    while True:  # keyset pages: constant memory per page however large the library
        page = lib.page_after(query, last, size)
        rows.extend(page)
        if len(page) < size or (limit and len(rows) >= limit):
            break
        last = page[-1]
    if limit:
        rows = rows[:limit]
    if as_json:
        emit_json([a.to_json() for a in rows])
        return
    width = term_width() if sys.stdout.isatty() else None
    for article in rows:
        click.echo(_row(article, width))
    if not rows and (tag or author or site):
        click.echo("No articles match these filters.", err=True)
    elif not rows:
        click.echo("No articles. Import some with: readmark import PATH...", err=True)


def _header(article: StoredArticle) -> str:
    lines = [line(article.title)]
    meta = [", ".join(article.authors), article.site or "", (article.published or "")[:10]]
    byline = " · ".join(line(m) for m in meta if m)
    minutes = max(1, round(article.words / 230))
    lines.append((byline + " · " if byline else "") + f"{article.words} words, {minutes} min")
    if article.url:
        lines.append(line(article.url))
    if article.tags:
        lines.append("tags: " + ", ".join(line(t) for t in article.tags))
    return "\n".join(lines)


def render_body(article: StoredArticle, *, color: bool, width: int) -> str:
    """Render an article body for the terminal, quotes coloured when ``color``.

    Uses the text engine's renderer; article text is always sanitised first.
    """
    try:
        from reader.quotes.terminal import render_terminal
    except ImportError:  # pragma: no cover - the text engine ships with readmark
        return for_terminal(article.body)
    return render_terminal(
        article.body, article.body_format, color=color, width=width, title=article.title
    )


@click.command("show")
@click.argument("ref")
@click.option("--plain", is_flag=True, help="No colour.")
@click.option("--width", type=click.IntRange(min=20), help="Wrap at this width.")
@click.option("--pager/--no-pager", default=None, help="Page long output (default: on a terminal).")
@click.option("--json", "as_json", is_flag=True, help="Print the article (body included) as JSON.")
@click.pass_context
def show_cmd(ctx: click.Context, ref: str, plain: bool, width: int | None, pager: bool | None,
             as_json: bool) -> None:
    """Print an article with its quotes coloured. REF: id, unique id prefix, or title words."""
    lib = open_library(ctx)
    try:
        article = lib.resolve(ref)
    except StoreError as exc:
        fail(str(exc))
    if as_json:
        emit_json(article.to_json())
        return
    tty = sys.stdout.isatty()
    color = not plain and tty
    width = width or min(term_width(), 88)
    text = _header(article) + "\n\n" + render_body(article, color=color, width=width)
    if pager if pager is not None else tty:
        page(text, color=color)
    else:
        click.echo(text, color=color)


def page(text: str, *, color: bool) -> None:
    """Show ``text`` through the pager, with its colours only where the pager shows them.

    ``less`` (the default pager) shows escape codes as text, and counts them when it wraps
    lines, unless it runs with ``-R``: when ``LESS`` is unset (the default on most systems)
    it is set to ``-R`` for the pager; when ``LESS`` or the ``PAGER`` command line already
    asks for raw control characters colours are kept; otherwise, and for any other pager,
    the text is paged without colour.
    """
    if not color:
        click.echo_via_pager(text, color=False)
        return
    try:
        command = shlex.split(os.environ.get("PAGER", "")) or ["less"]
    except ValueError:
        command = ["less"]
    less_env = os.environ.get("LESS")
    if Path(command[0]).stem != "less":
        click.echo_via_pager(text, color=False)
    elif not less_env:
        os.environ["LESS"] = "-R"
        try:
            click.echo_via_pager(text, color=True)
        finally:
            if less_env is None:
                del os.environ["LESS"]
            else:
                os.environ["LESS"] = less_env
    else:
        click.echo_via_pager(text, color=_raw_mode([*less_env.split(), *command[1:]]))


def _raw_mode(options: list[str]) -> bool:
    """Whether ``less`` options ask for raw control characters (``-R``, ``-r``, ``-XR``...)."""
    return any(
        opt.casefold() == "--raw-control-chars"
        or (opt.startswith("-") and not opt.startswith("--") and "r" in opt[1:].casefold())
        for opt in options
    )


def _snippet_text(snippet: str, *, color: bool) -> tuple[str, list[list[int]]]:
    """Return the snippet as display text and the [start, end) of each matched term."""
    out: list[str] = []
    spans: list[list[int]] = []
    pos = 0
    start = 0
    for ch in for_terminal(snippet.replace("\n", " ")):
        if ch == SNIPPET_START:
            start = pos
            if color:
                out.append("\x1b[1;33m")
        elif ch == SNIPPET_END:
            spans.append([start, pos])
            if color:
                out.append("\x1b[0m")
        else:
            out.append(ch)
            pos += 1
    return "".join(out), spans


# Words like "-harbor" are search text, not options: only --help, --limit and --json are.
@click.command(
    "search", context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]}
)
@click.argument("query", nargs=-1, required=True, type=click.UNPROCESSED)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print hits as JSON.")
@click.pass_context
def search_cmd(ctx: click.Context, query: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Full-text search over titles, authors and bodies; best matches first.

    Words must all match; "a phrase" in quotes matches as a phrase; the last word also matches
    as a prefix. Any text is accepted.
    """
    lib = open_library(ctx)
    text = " ".join(query)
    try:
        hits = lib.search(text, limit=limit)
    except StoreError as exc:
        fail(str(exc))
    if as_json:
        data = []
        for hit in hits:
            snippet, spans = _snippet_text(hit.snippet, color=False)
            data.append({**hit.article.to_json(), "snippet": snippet, "matches": spans,
                         "rank": hit.rank})
        emit_json(data)
        return
    color = sys.stdout.isatty()
    width = term_width() if color else None
    for hit in hits:
        click.echo(_row(hit.article, width))
        snippet, _ = _snippet_text(hit.snippet, color=color)
        click.echo("          " + snippet, color=color)
    if not hits:
        click.echo(f"No matches for {line(text)!r}.", err=True)


@click.command("info")
@click.argument("ref", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def info_cmd(ctx: click.Context, ref: str | None, as_json: bool) -> None:
    """Show the library's path, counts, schema version and SQLite version.

    With REF: that article's id, title, URL, words and the size of its kept web page.
    """
    lib = open_library(ctx)
    if ref is not None:
        try:
            article = lib.resolve(ref)
        except StoreError as exc:
            fail(str(exc))
        info: dict[str, object] = {"id": article.id, "title": article.title, "url": article.url,
                                   "words": article.words, **lib.page_facts(article.id)}
        info.pop("pages")
    else:
        info = lib.info()
    if as_json:
        emit_json(info)
        return
    for key, value in info.items():
        click.echo(f"{key.replace('_', ' '):<15} {line(str(value))}")


COMMANDS = [list_cmd, show_cmd, search_cmd, info_cmd]
