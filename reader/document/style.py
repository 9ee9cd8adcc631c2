"""``ArticleStyle``: the Pygments style used to colour articles in the terminal."""

from __future__ import annotations

from typing import ClassVar

from pygments.style import Style
from pygments.token import Generic, Literal, Number, Token, _TokenType

from reader.document import tokens as t


class ArticleStyle(Style):  # type: ignore[misc]  # pygments ships no types
    """Warm quotes, blue speakers, dim cues and markup; headings bold."""

    name = "article"
    background_color = "#1e1e1e"
    styles: ClassVar[dict[_TokenType, str]] = {
        Token: "",
        t.QUOTE: "#e5c07b",
        t.QUOTE_MARK: "bold #d19a66",
        t.QUOTE_NESTED: "italic #c678dd",
        t.QUOTE_SCARE: "italic #98c379",
        t.QUOTE_TITLE: "italic #61afef",
        t.QUOTE_TERM: "italic #56b6c2",
        t.BLOCK_QUOTE: "#e5c07b",
        t.SPEAKER: "bold #61afef",
        t.CUE: "italic #8a9199",
        t.ATTRIBUTION: "italic #7f848e",
        t.MARKUP: "#5c6370",
        t.LINK: "underline #61afef",
        t.CODE: "#98c379",
        t.RULE: "#5c6370",
        t.LEGEND: "bold #abb2bf",
        Generic.Heading: "bold #e06c75",
        Generic.Subheading: "bold #e06c75",
        Generic.Strong: "bold",
        Generic.Emph: "italic",
        Number: "#d19a66",
        Literal.Date: "#56b6c2",
    }
