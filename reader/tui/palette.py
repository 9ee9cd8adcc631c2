"""Command palette: find and open articles by title or text (searched in a thread), and the
Notebook and tag commands."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from functools import partial
from typing import Any, Protocol, runtime_checkable

from rich.text import Text
from textual.app import App, SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from reader.library import ArticleSummary, Library, ListQuery
from reader.safe_text import line
from reader.tui.messages import OpenArticle

LIMIT = 12


@runtime_checkable
class ShowsLibrary(Protocol):
    """A screen that works on a library (the library, reading and Notebook screens)."""

    library: Library


def _help(article: ArticleSummary) -> str:
    parts = [", ".join(article.authors), article.site or "", (article.published or "")[:10]]
    return escape(line(" · ".join(p for p in parts if p)))


class ArticleCommands(Provider):
    """``Open: <title>`` for articles matching what is typed (full-text, ranked)."""

    @property
    def library(self) -> Library | None:
        """The library of the screen the palette was opened on."""
        screen = self.screen
        return screen.library if isinstance(screen, ShowsLibrary) else None

    def _open(self, article_id: str) -> None:
        self.app.post_message(OpenArticle(article_id))

    async def discover(self) -> Hits:
        """Offer the newest articles before anything is typed."""
        library = self.library
        if library is None:
            return
        articles = await asyncio.to_thread(library.page, ListQuery(sort="newest"), 0, 6)
        for article in articles:
            yield DiscoveryHit(
                Text("Open: " + line(article.title)),
                partial(self._open, article.id),
                text="Open: " + line(article.title),
                help=_help(article),
            )

    async def search(self, query: str) -> Hits:
        """Search the library for ``query`` and offer the best matches."""
        library = self.library
        if len(query.strip()) < 2 or library is None:
            return
        try:
            hits = await asyncio.to_thread(library.search, query, LIMIT)
        except Exception:  # a search error must not break the palette
            return
        for rank, hit in enumerate(hits):
            title = "Open: " + line(hit.article.title)
            yield Hit(
                1.0 - rank / (LIMIT * 2),
                Text(title),
                partial(self._open, hit.article.id),
                text=title,
                help=_help(hit.article),
            )


def notebook_commands(app: App[Any], library: Library, screen: Any) -> Iterator[SystemCommand]:
    """Palette commands: the Notebook, its orphans view, and editing the current article's tags.

    Args:
        app: The running app.
        library: The open library.
        screen: The screen the palette was opened on.
    """

    def notebook(orphaned: bool = False) -> None:
        from reader.tui.notebook_screen import open_notebook

        open_notebook(app, library, orphaned=orphaned)

    yield SystemCommand("Notebook", "Every highlight and note, newest first", notebook)
    yield SystemCommand("Notebook: orphaned highlights",
                        "Highlights whose text left their article",
                        partial(notebook, orphaned=True))
    article_id = _article_on(screen)
    if article_id is not None:
        from reader.tui.tag_screen import edit_tags

        yield SystemCommand("Edit tags", "Change the tags of this article",
                            partial(edit_tags, app, library, article_id))


def _article_on(screen: Any) -> str | None:
    """The article a screen is about: the one being read, or the library's current row."""
    if screen.id == "reading":
        return getattr(screen, "article_id", None)
    if screen.id == "library":
        from reader.tui.article_list import ArticleList

        row = screen.query_one(ArticleList).current
        return row.article.id if row is not None else None
    return None
