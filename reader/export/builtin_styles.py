"""The built-in export styles (``obsidian``, ``plain``) rendered in plain Python.

Rendering an article through Jinja2 costs more than reading its highlights from SQLite, so the
two styles readmark ships are also written out here, string by string. The output is byte for
byte what ``templates/<style>.md.j2`` renders from ``context.template_vars`` (tidied): a
property test renders varied articles both ways and compares them, so the templates stay the
reference (and the starting point for a user's own ``--template``, which still runs in the
limited Jinja2 sandbox).
"""

from __future__ import annotations

from collections.abc import Callable

from reader.export.context import ArticleExport, ExportHighlight
from reader.export.templates import blockquote, link_target, tag, tidy
from reader.safe_text import for_terminal as clean
from reader.safe_text import is_safe, line

_SEP = " · "
_TAGS: dict[str, str] = {}  # colour -> tag word: a handful of colours, one per highlight


def _color_tag(color: str) -> str:
    """``tag(color)``, remembered for the few short colour names a library uses."""
    found = _TAGS.get(color)
    if found is None:
        found = tag(color)
        if len(_TAGS) < 64 and len(color) <= 32:
            _TAGS[color] = found
    return found


def _header(item: ArticleExport, fix: bool) -> str:
    """The title and byline lines (``# title``, then authors · site · date · source)."""
    a = item.article
    # One-line fields are folded always (a title may hold a line break), as the templates do.
    authors = [line(x) for x in a.authors]
    site = line(a.site)
    title = line(a.title)
    parts = [", ".join(authors), site, a.published or "",
             f"[Source]({link_target(a.url)})" if a.url else ""]
    byline = _SEP.join([p for p in parts if p])
    return f"# {title}\n\n{byline}\n\n"


def _note(item: ArticleExport, fix: bool) -> str:
    """The article note's paragraph, or nothing."""
    if item.note is None:
        return ""
    note = clean(item.note.text) if fix else item.note.text
    return f"{note}\n\n" if note else ""


def _quotes(item: ArticleExport, out: list[str]) -> None:
    """Append the Quotes section (same in both styles; its text is cleaned when gathered)."""
    if not item.quotes:
        return
    out.append("## Quotes\n\n")
    for q in item.quotes:
        out.append(blockquote(f"“{q['text']}”"))
        out.append("\n")
        speaker = q["speaker"]
        if speaker:
            out.append(f"> — {speaker}\n")
        out.append("\n")


def _quote(text: str) -> str:
    """``blockquote`` with its common case (one non-blank line) inline."""
    if "\n" not in text and text.strip():
        return "> " + text
    return blockquote(text)


def _text_and_note(h: ExportHighlight, fix: bool) -> tuple[str, str]:
    """A highlight's text and its note paragraph (with its blank line, or empty); ``fix``:
    cleaned."""
    text, note = (clean(h.text), clean(h.note)) if fix else (h.text, h.note)
    return text, f"{note}\n\n" if note else ""


def _obsidian(item: ArticleExport, fix: bool) -> str:
    """The Obsidian style; ``fix``: clean every string first (``^rm-…`` is ``block_id``)."""
    out = [_header(item, fix), _note(item, fix)]
    if item.highlights or item.orphans:
        out.append("## Highlights\n\n")
        for h in item.highlights:
            text, note = _text_and_note(h, fix)
            out.append(f"{_quote(text)}\n\n^rm-{h.id}\n\n{note}"
                       f"#highlight/{_color_tag(h.color)}\n\n")
        if item.orphans:
            out.append("### Orphaned\n\n")
            for h in item.orphans:
                text, note = _text_and_note(h, fix)
                out.append(f"{_quote(text)}\n\n^rm-{h.id}\n\n{note}"
                           f"#highlight/{_color_tag(h.color)} #highlight/orphaned\n\n")
    _quotes(item, out)
    return tidy("".join(out))


def _plain(item: ArticleExport, fix: bool) -> str:
    """The plain style; ``fix``: clean every string first."""
    out = [_header(item, fix), _note(item, fix)]
    if item.highlights or item.orphans:
        out.append("## Highlights\n\n")
        for h in item.highlights:
            text, note = _text_and_note(h, fix)
            out.append(f"{_quote(text)}\n\n{note}*({h.color})*\n\n")
        if item.orphans:
            out.append("### Orphaned\n\nNo longer found in the article:\n\n")
            for h in item.orphans:
                text, note = _text_and_note(h, fix)
                out.append(f"{_quote(text)}\n\n{note}*({h.color})*\n\n")
    _quotes(item, out)
    return tidy("".join(out))


def render_obsidian(item: ArticleExport) -> str:
    """Return the managed part of an export in the Obsidian style (block ids, colour tags).

    Args:
        item: The article's exportable content.

    Returns:
        Byte for byte what ``templates/obsidian.md.j2`` renders from ``template_vars``, tidied.
    """
    return _rendered(_obsidian, item)


def render_plain(item: ArticleExport) -> str:
    """Return the managed part of an export in the plain style (Markdown any reader shows).

    Args:
        item: The article's exportable content.

    Returns:
        Byte for byte what ``templates/plain.md.j2`` renders from ``template_vars``, tidied.
    """
    return _rendered(_plain, item)


def _rendered(style: Callable[[ArticleExport, bool], str], item: ArticleExport) -> str:
    """Render ``item`` as stored, and again with every string cleaned only if that held
    anything to clean: ``clean`` changes only such strings, and every string shown reaches
    the output, so one scan of it tells (rarely so)."""
    text = style(item, False)
    return style(item, True) if not is_safe(text) else text


RENDERERS: dict[str, Callable[[ArticleExport], str]] = {
    "obsidian": render_obsidian,
    "plain": render_plain,
}
