"""Command palette: find and open articles by title or text (searched in a thread)."""

from __future__ import annotations

import asyncio
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from reader.store.models import ArticleSummary, ListQuery
from reader.tui.sanitize import clean

LIMIT = 12


def _help(article: ArticleSummary) -> str:
    parts = [", ".join(article.authors), article.site or "", (article.published or "")[:10]]
    return escape(clean(" · ".join(p for p in parts if p)))


class ArticleCommands(Provider):
    """``Open: <title>`` for articles matching what is typed (full-text, ranked)."""

    async def discover(self) -> Hits:
        """Offer the newest articles before anything is typed."""
        library = self.app.library  # type: ignore[attr-defined]
        articles = await asyncio.to_thread(library.page, ListQuery(sort="newest"), 0, 6)
        for article in articles:
            yield DiscoveryHit(
                Text("Open: " + clean(article.title)),
                partial(self.app.open_article, article.id),  # type: ignore[attr-defined]
                text="Open: " + clean(article.title),
                help=_help(article),
            )

    async def search(self, query: str) -> Hits:
        """Search the library for ``query`` and offer the best matches."""
        if len(query.strip()) < 2:
            return
        library = self.app.library  # type: ignore[attr-defined]
        try:
            hits = await asyncio.to_thread(library.search, query, LIMIT)
        except Exception:  # a search error must not break the palette
            return
        for rank, hit in enumerate(hits):
            title = "Open: " + clean(hit.article.title)
            yield Hit(
                1.0 - rank / (LIMIT * 2),
                Text(title),
                partial(self.app.open_article, hit.article.id),  # type: ignore[attr-defined]
                text=title,
                help=_help(hit.article),
            )
