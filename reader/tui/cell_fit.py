"""Fit text to terminal cells: shorten with an ellipsis, pad to a column.

Removing controls and escapes is :mod:`reader.safe_text`'s job (``for_terminal``). Every
function here keeps text as plain strings; callers must hand the result to Rich/Textual as
plain text (``Text(...)``, ``Content(...)``, ``Segment``), never as markup.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size


def shorten(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` terminal cells, ending with an ellipsis when cut.

    Args:
        text: Plain text.
        width: Maximum number of cells.

    Returns:
        The text, shortened if needed (never padded).
    """
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"


def fit(text: str, width: int) -> str:
    """Shorten ``text`` to ``width`` cells and pad it with spaces to exactly ``width`` cells.

    Args:
        text: Plain text.
        width: Column width in cells.

    Returns:
        Text exactly ``width`` cells wide.
    """
    return set_cell_size(shorten(text, width), max(width, 0))
