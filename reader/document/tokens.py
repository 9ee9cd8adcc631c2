"""Pygments token types for articles.

Each type hangs under a standard Pygments type (``String``, ``Name``, ``Keyword``...), so any
Pygments style colours an article sensibly; :class:`reader.document.style.ArticleStyle`
refines them.
"""

from __future__ import annotations

from pygments.token import (
    Comment,
    Generic,
    Keyword,
    Literal,
    Name,
    Number,
    Punctuation,
    String,
    Text,
)

QUOTE = String.Quote
QUOTE_MARK = String.Quote.Mark
QUOTE_NESTED = String.Quote.Nested
QUOTE_SCARE = String.Quote.Scare
QUOTE_TITLE = String.Quote.Title
QUOTE_TERM = String.Quote.Term
BLOCK_QUOTE = String.Quote.Block
SPEAKER = Name.Entity.Speaker
CUE = Keyword.Cue
MARKUP = Punctuation.Markup
LINK = Name.Tag.Link
CODE = String.Backtick
HEADING = Generic.Heading
EMPH = Generic.Emph
STRONG = Generic.Strong
NUMBER = Number
DATE = Literal.Date
TEXT = Text
RULE = Comment.Rule
ATTRIBUTION = Comment.Attribution
LEGEND = Generic.Subheading
