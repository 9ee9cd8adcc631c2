"""Every key binding of the app, each with an id so users can remap it in the config file.

Remap in ``config.toml``::

    [keys]
    "readmark.down" = "j,down,ctrl+n"

Shared ids (``readmark.down``...) move in both the library list and the article, so one remap
changes both. Reserved for the highlights issue, and deliberately unbound here: ``h``
(highlight), ``n`` (note), ``H`` (highlights panel).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

RESERVED_KEYS = frozenset({"h", "n", "H"})


def _b(key: str, action: str, description: str, id_: str, show: bool = True, **kw: str) -> Binding:
    """Build a binding whose id is ``readmark.<id_>``."""
    return Binding(key, action, description, show=show, id=f"readmark.{id_}", **kw)  # type: ignore[arg-type]


MOVE_BINDINGS: list[BindingType] = [
    _b("j,down", "cursor_down", "Down", "down", show=False),
    _b("k,up", "cursor_up", "Up", "up", show=False),
    _b("space,pagedown", "page_down", "Page down", "page_down", show=False),
    _b("pageup", "page_up", "Page up", "page_up", show=False),
    _b("g,home", "top", "Top", "top", show=False),
    _b("G,end", "bottom", "Bottom", "bottom", show=False),
]

LIST_BINDINGS: list[BindingType] = [
    *MOVE_BINDINGS,
    _b("enter", "open", "Open", "open"),
]

LIBRARY_BINDINGS: list[BindingType] = [
    _b("q", "quit", "Quit", "quit"),
    _b("slash", "search", "Search", "search", key_display="/"),
    _b("s", "sort", "Sort", "sort"),
    _b("f", "filter", "Filter", "filter"),
    _b("escape", "clear", "Clear", "clear", show=False),
    _b("i", "import_samples", "Import samples", "import_samples", show=False),
]

ARTICLE_BINDINGS: list[BindingType] = [
    *MOVE_BINDINGS,
    _b("right_parenthesis", "sentence(1)", "Next sentence", "sentence_next", show=False,
       key_display=")"),
    _b("left_parenthesis", "sentence(-1)", "Previous sentence", "sentence_prev", show=False,
       key_display="("),
    _b("right_curly_bracket", "paragraph(1)", "Next paragraph", "paragraph_next", show=False,
       key_display="}"),
    _b("left_curly_bracket", "paragraph(-1)", "Previous paragraph", "paragraph_prev",
       show=False, key_display="{"),
    _b("right_square_bracket", "quote(1)", "Next quote", "quote_next", key_display="]"),
    _b("left_square_bracket", "quote(-1)", "Prev quote", "quote_prev", key_display="["),
]

READING_BINDINGS: list[BindingType] = [
    _b("escape,q", "back", "Back", "back"),
    _b("slash", "search", "Search", "search", show=False, key_display="/"),
    _b("p", "toggle_panel", "Quotes panel", "panel"),
]

APP_BINDINGS: list[BindingType] = [
    _b("question_mark", "help", "Help", "help", key_display="?"),
    _b("t", "change_theme", "Theme", "theme"),
]
