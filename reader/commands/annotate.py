"""Commands for the reader's own work: ``highlight``, ``highlights``, ``note``, ``unhighlight``."""

from __future__ import annotations

import sys

import click

from reader.commands.common import clip, emit_json, fail, open_library, term_width
from reader.library import (
    COLORS,
    ArticleNote,
    Highlight,
    Library,
    NotebookQuery,
    StoredArticle,
    StoreError,
)
from reader.safe_text import line


def _locate(article: StoredArticle, quote: str) -> tuple[int, int]:
    """Find the one place ``quote`` occurs in the article, or fail with a clear line."""
    from reader.anchors.anchoring import find_quote

    if not quote.strip():
        fail("--quote is empty; give the exact text to highlight")
    places = find_quote(article.body, quote)
    if not places:
        fail(f"quote not found in {article.id} {article.title!r}: {clip(quote, 60)!r}")
    if len(places) > 1:
        fail(f"quote occurs {len(places)} times in {article.id} {article.title!r}; "
             "quote more words to pick one")
    return places[0]


def _line(h: Highlight, width: int | None) -> str:
    """One line per highlight: id, colour, state, text and note."""
    state = "" if h.state == "anchored" else f" [{h.state}]"
    head = f"{h.id[:8]}  {h.color:<6}{state}  "
    rest = f"“{line(h.text)}”" + (
        f" — {line(h.note)}" if h.note else ""
    )
    return head + (clip(rest, max(width - len(head), 20)) if width else rest)


@click.command("highlight")
@click.argument("ref")
@click.option("--quote", "-q", required=True, help="The exact text to highlight, as shown.")
@click.option("--note", "-n", help="A note on the highlight.")
@click.option("--color", "-c", type=click.Choice(COLORS, case_sensitive=False),
              help="Colour (new highlights: yellow).")
@click.option("--json", "as_json", is_flag=True, help="Print the highlight as JSON.")
@click.pass_context
def highlight_cmd(ctx: click.Context, ref: str, quote: str, note: str | None,
                  color: str | None, as_json: bool) -> None:
    """Highlight the text QUOTE in article REF (id, id prefix or title words).

    Spacing, curly or straight quotes and Markdown emphasis in the article need not be typed
    exactly. Highlighting the same text again changes that highlight's note or colour.
    """
    lib = open_library(ctx)
    try:
        article = lib.resolve(ref)
        start, end = _locate(article, quote)
        h = lib.add_highlight(article.id, start, end, color=color, note=note)
    except StoreError as exc:
        fail(str(exc))
    if as_json:
        emit_json(h.to_json())
    else:
        click.echo(f"highlighted {h.id} in {article.id} "
                   f"{line(article.title)}: "
                   f"“{clip(line(h.text), 60)}” ({h.color})")


def _entries(lib: Library, ref: str | None, query: NotebookQuery,
             with_deleted: bool) -> tuple[list[Highlight | ArticleNote], StoredArticle | None]:
    if ref is None:
        return lib.notebook(query, limit=1_000_000), None
    article = lib.resolve(ref)
    found: list[Highlight | ArticleNote] = [
        h for h in lib.highlights_of(article.id, include_deleted=with_deleted)
        if (not query.color or h.color == query.color)
        and (not query.orphaned or h.state == "orphaned")
    ]
    return found, article


@click.command("highlights")
@click.argument("ref", required=False)
@click.option("--search", "-s", "text", help="Only highlights and notes matching these words.")
@click.option("--color", "-c", type=click.Choice(COLORS, case_sensitive=False))
@click.option("--tag", help="Only from articles with this tag.")
@click.option("--orphaned", is_flag=True, help="Only highlights whose text left the article.")
@click.option("--deleted", "with_deleted", is_flag=True,
              help="With REF: include removed highlights.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_context
def highlights_cmd(ctx: click.Context, ref: str | None, text: str | None, color: str | None,
                   tag: str | None, orphaned: bool, with_deleted: bool, as_json: bool) -> None:
    """List highlights: of article REF in text order, else every one, newest first.

    Without REF the list is the Notebook: article notes are included (unless --color or
    --orphaned), and --search looks through highlight text and notes.
    """
    lib = open_library(ctx)
    query = NotebookQuery(text=text, color=color.lower() if color else None, tag=tag,
                          orphaned=orphaned)
    try:
        entries, article = _entries(lib, ref, query, with_deleted)
        if article is not None and text:
            wanted = {h.id for h in lib.notebook(NotebookQuery(text=text, article_id=article.id),
                                                  limit=1_000_000) if isinstance(h, Highlight)}
            entries = [e for e in entries if isinstance(e, Highlight) and e.id in wanted]
    except StoreError as exc:
        fail(str(exc))
    if as_json:
        emit_json([{"kind": "highlight" if isinstance(e, Highlight) else "note", **e.to_json()}
                   for e in entries])
        return
    width = term_width() if sys.stdout.isatty() else None
    last_title: str | None = None
    for e in entries:
        title = e.article_title or (article.title if article else "")
        if article is None and title != last_title:
            click.echo(f"# {line(title)} ({e.article_id})")
            last_title = title
        if isinstance(e, Highlight):
            click.echo(_line(e, width))
        else:
            click.echo(f"{'note':<8}  {line(e.text)}")
    if not entries:
        click.echo("No highlights." if not (text or color or tag or orphaned)
                   else "No highlights match.", err=True)


@click.command("note")
@click.argument("ref")
@click.option("--text", "-t", "text", required=True,
              help="The note on the whole article ('-' reads stdin; '' removes it).")
@click.option("--json", "as_json", is_flag=True, help="Print the note as JSON.")
@click.pass_context
def note_cmd(ctx: click.Context, ref: str, text: str, as_json: bool) -> None:
    """Write the note on article REF (id, id prefix or title words)."""
    if text == "-":
        text = sys.stdin.read()
    lib = open_library(ctx)
    try:
        article = lib.resolve(ref)
        note = lib.set_article_note(article.id, text)
    except StoreError as exc:
        fail(str(exc))
    if as_json:
        emit_json(note.to_json() if note else {"article_id": article.id, "text": ""})
    elif note:
        click.echo(f"noted {article.id} {line(article.title)}")
    else:
        click.echo(f"removed the note on {article.id} {line(article.title)}")


@click.command("unhighlight")
@click.argument("ids", nargs=-1, required=True)
@click.option("--undo", is_flag=True, help="Bring removed highlights back instead.")
@click.option("--json", "as_json", is_flag=True, help="Print what changed as JSON.")
@click.pass_context
def unhighlight_cmd(ctx: click.Context, ids: tuple[str, ...], undo: bool, as_json: bool) -> None:
    """Remove highlights by id (or unique id prefix); --undo brings them back.

    A removed highlight is kept as a tombstone (so the removal reaches other machines on sync)
    and its note is kept with it.
    """
    lib = open_library(ctx)
    done: list[dict[str, object]] = []
    errors: list[str] = []
    for ref in ids:
        try:
            h = lib.resolve_highlight(ref)
            if undo:
                changed = h.deleted
                h = lib.restore_highlight(h.id)
            else:
                changed = lib.delete_highlight(h.id)
            if changed:
                done.append(h.to_json() if undo else {"id": h.id, "text": h.text})
        except StoreError as exc:
            errors.append(str(exc))
    if as_json:
        emit_json({"restored" if undo else "removed": done, "errors": errors})
    else:
        verb = "restored" if undo else "removed"
        for item in done:
            shown = clip(line(str(item["text"])), 60)
            click.echo(f"{verb} {item['id']} “{shown}”")
        for error in errors:
            click.echo(f"readmark: error: {line(error)}", err=True)
    if errors:
        ctx.exit(1)


COMMANDS = [highlight_cmd, highlights_cmd, note_cmd, unhighlight_cmd]
