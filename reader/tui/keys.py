"""Every key binding of the app, each with an id so users can remap it in the config file.

Remap in ``config.toml``::

    [keys]
    "readmark.down" = "j,down,ctrl+n"

Shared ids (``readmark.down``...) move in both the library list and the article, so one remap
changes both. ``h`` (highlight), ``H`` (highlight the quote) and ``n`` (note) are fixed keys
that scripts rely on: the article view binds them with ids (``HIGHLIGHT_KEY_BINDINGS``: shown
in help and the footer), and the reading screen binds them again without ids
(``FIXED_BINDINGS``), so they keep working whatever the config remaps.
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
    _b("a", "add_url", "Add from URL", "add_url", show=False),
    _b("N", "notebook", "Notebook", "notebook"),
    _b("T", "edit_tags", "Tags", "edit_tags"),
]

NOTEBOOK_BINDINGS: list[BindingType] = [
    _b("escape", "clear", "Clear/back", "notebook_clear"),
    _b("q", "back", "Back", "notebook_back", show=False),
    _b("slash", "search", "Search", "notebook_search", key_display="/"),
    _b("f", "filter", "Filter", "notebook_filter"),
    _b("c", "cycle_color", "Colour", "notebook_color"),
    _b("o", "toggle_orphaned", "Orphaned", "notebook_orphaned"),
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
    _b("w", "word(1)", "Next word", "word_next", show=False),
    _b("b", "word(-1)", "Previous word", "word_prev", show=False),
]

READING_BINDINGS: list[BindingType] = [
    _b("escape,q", "back", "Back", "back"),
    _b("slash", "search", "Search", "search", show=False, key_display="/"),
    _b("p", "toggle_panel", "Quotes panel", "panel"),
    _b("T", "edit_tags", "Tags", "edit_tags", show=False),
    _b("e", "export", "Export", "export", show=False),
]


def _fixed(key: str, action: str, description: str) -> Binding:
    """An id-less binding: a keymap cannot move it."""
    return Binding(key, action, description, show=False)


HIGHLIGHT_KEY_BINDINGS: list[BindingType] = [
    _b("h", "screen.highlight", "Highlight", "highlight"),
    _b("H", "screen.highlight_quote", "Highlight quote", "highlight_quote", show=False),
    _b("n", "screen.note", "Note", "note", show=False),
]

FIXED_BINDINGS: list[BindingType] = [
    _fixed("h", "highlight", "Highlight"),
    _fixed("H", "highlight_quote", "Highlight quote"),
    _fixed("n", "note", "Note"),
]


HIGHLIGHT_BINDINGS: list[BindingType] = [
    _b("v", "select", "Select", "select", show=False),
    _b("N", "article_note", "Article note", "article_note", show=False),
    *[_b(str(i), f"color({i - 1})", f"Colour: {name}", f"color_{i}", show=False)
      for i, name in enumerate(("yellow", "green", "blue", "pink", "purple"), 1)],
    _b("x", "unhighlight", "Remove highlight", "unhighlight", show=False),
    _b("u", "undo", "Undo remove", "undo_unhighlight", show=False),
    _b("full_stop", "next_highlight(1)", "Next highlight", "highlight_next", show=False,
       key_display="."),
    _b("comma", "next_highlight(-1)", "Previous highlight", "highlight_prev", show=False,
       key_display=","),
    _b("l", "highlights_panel", "Highlights panel", "highlights_panel", show=False),
]

APP_BINDINGS: list[BindingType] = [
    _b("question_mark", "help", "Help", "help", key_display="?"),
    _b("t", "change_theme", "Theme", "theme"),
]
