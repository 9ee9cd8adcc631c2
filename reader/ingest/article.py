"""The ``Article`` record that ingest produces and the store saves."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """One article as read from a file, before it is stored.

    Attributes:
        title: The article's title.
        body: The body as imported (Markdown or plain text source), without front matter.
        body_format: ``"markdown"`` or ``"text"``.
        authors: Author names in byline order.
        url: Canonical source URL, if known.
        site: Site or publication name, if known.
        published: Publication date as ISO 8601 (``YYYY-MM-DD`` or a full timestamp).
        tags: Tags, in the order given, without duplicates.
        origin_path: Absolute path of the file the article came from (``None`` for stdin).
        lang: Language tag from front matter (``lang``/``language``), if given.
        warnings: Problems met while reading that did not stop the import.
        description: The page's own summary (``<meta name="description">``), if any.
        aliases: Other addresses the article was found at (a URL that redirected to ``url``).
        raw_html: The page as fetched or read, for extracting it again later without the
            network; ``None`` for articles that did not come from HTML.
    """

    title: str
    body: str
    body_format: str = "markdown"
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    site: str | None = None
    published: str | None = None
    tags: list[str] = field(default_factory=list)
    origin_path: str | None = None
    lang: str | None = None
    warnings: list[str] = field(default_factory=list)
    description: str | None = None
    aliases: list[str] = field(default_factory=list)
    raw_html: bytes | None = field(default=None, repr=False)
