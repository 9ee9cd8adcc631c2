"""``ArticleStyle``: the Pygments style used to colour articles in the terminal."""

from __future__ import annotations

from typing import ClassVar

from pygments.style import Style
from pygments.token import Generic, Literal, Number, Token, _TokenType

Article = Token.Article


class ArticleStyle(Style):
    """Warm quotes, blue speakers, dim cues and markup; headings bold."""

    name = "article"
    background_color = "#1e1e1e"
    styles: ClassVar[dict[_TokenType, str]] = {
        Token: "",
        Article.Quote: "#e5c07b",
        Article.Quote.Mark: "bold #d19a66",
        Article.Quote.Nested: "italic #c678dd",
        Article.Quote.Scare: "italic #98c379",
        Article.Quote.Title: "italic #61afef",
        Article.Quote.Term: "italic #56b6c2",
        Article.Quote.Block: "#e5c07b",
        Article.Speaker: "bold #61afef",
        Article.Cue: "italic #8a9199",
        Article.Attribution: "italic #7f848e",
        Article.Markup: "#5c6370",
        Article.Link: "underline #61afef",
        Article.Code: "#98c379",
        Article.Rule: "#5c6370",
        Article.Legend: "bold #abb2bf",
        Generic.Heading: "bold #e06c75",
        Generic.Subheading: "bold #e06c75",
        Generic.Strong: "bold",
        Generic.Emph: "italic",
        Number: "#d19a66",
        Literal.Date: "#56b6c2",
    }
