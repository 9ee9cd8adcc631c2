"""Messages the screens send up to the app (screens never import the app).

A screen posts one of these; it bubbles to ``ReadmarkApp``, which acts on it.
"""

from __future__ import annotations

from textual.message import Message


class OpenArticle(Message):
    """Show the reading screen for an article.

    Attributes:
        article_id: The article.
        at: Open at this character offset of the body instead of the saved position.
    """

    def __init__(self, article_id: str, at: int | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.at = at


class ConfigChanged(Message):
    """A screen changed a setting in the shared ``Config``: write the config file."""


class LibraryChanged(Message):
    """The library changed under the app (another process, a sync, a tag edit):
    every screen refreshes what it shows."""
