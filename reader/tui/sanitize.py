"""Make article text safe to draw: article text is data, never terminal control or markup.

Every function here keeps text as plain strings; callers must hand the result to Rich/Textual
as plain text (``Text(...)``, ``Content(...)``, ``Segment``), never as markup.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size

# C0 controls except tab and newline, DEL, C1 controls, and bidi overrides/isolates, which
# could reorder what the terminal shows.
_DROP = frozenset(
    [chr(c) for c in range(0x00, 0x20) if c not in (0x09, 0x0A)]
    + [chr(0x7F)]
    + [chr(c) for c in range(0x80, 0xA0)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
_DROP_RE = re.compile("[" + re.escape("".join(sorted(_DROP))) + "]")
_SPACE_RE = re.compile(r"[\t\n\r]+")


def is_dropped(char: str) -> bool:
    """Return whether ``char`` is a control character that must never reach the terminal.

    Args:
        char: A single character.

    Returns:
        True for C0 (except tab/newline), DEL, C1 and bidi control characters.
    """
    return char in _DROP


def clean(text: str) -> str:
    """Strip control characters and fold tabs/newlines into single spaces.

    An ESC sequence loses its ESC byte, so ``\\x1b[31m`` shows as the harmless text ``[31m``.

    Args:
        text: Untrusted text (a title, author, snippet, ...).

    Returns:
        One line of plain text, safe to show.
    """
    return _SPACE_RE.sub(" ", _DROP_RE.sub("", text))


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
