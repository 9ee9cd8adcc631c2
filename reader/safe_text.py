"""The one policy for text from outside: what is removed before it is stored or shown.

Article text, titles, names, notes and file names are data. They must never reach a
terminal (or an exported file) as control sequences, and must not be able to disguise
themselves by reordering what is shown. Every output path (CLI, TUI, export) and ingest
use this module, so one hostile title comes out the same way everywhere.

What is removed (:data:`UNSAFE_CHARACTERS` and :data:`UNSAFE_RE`):

* whole escape sequences, so no parameter text such as ``[31m`` is left behind: CSI
  (``ESC [`` and 8-bit ``\\x9b``), terminated OSC/DCS/SOS/PM/APC strings (``ESC ]``,
  ``ESC P``, ``ESC X``, ``ESC ^``, ``ESC _`` and their 8-bit forms, ended by BEL or ST, on one
  line), and other two- or three-character ``ESC`` sequences (``ESC ( B``, ``ESC c``...).
  An unterminated string loses only its introducer: the rest is plain printable text;
* C0 controls except tab and newline, DEL and C1 controls;
* bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder
  what a terminal shows (bidi *marks* such as U+200E are kept: they only nudge ordering and
  real right-to-left text needs them);
* lone surrogates, which are not text and cannot be encoded for output.

Zero-width joiners, non-joiners and variation selectors are kept, so emoji sequences and
scripts that need them stay whole. Stdlib only; imports nothing else from ``reader``.
"""

from __future__ import annotations

import re

#: Characters that are never kept, wherever they appear (the one character table).
UNSAFE_CHARACTERS: frozenset[str] = frozenset(
    [chr(c) for c in range(0x00, 0x20) if chr(c) not in "\t\n"]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + [chr(c) for c in range(0xD800, 0xE000)]
)

_ST = r"(?:\x07|\x1b\\|\x9c)"  # string terminator: BEL, ESC \ or 8-bit ST
_SEQUENCES = (
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: parameters, intermediates, final byte
    rf"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*{_ST}"  # OSC, DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]"  # nF/Fp/Fe/Fs escapes: ESC ( B, ESC c, ESC 7 ... and bare introducers
)


def _char_class(chars: frozenset[str]) -> str:
    """A regex character class for ``chars``, written as ranges of consecutive code points."""
    points = sorted(map(ord, chars))
    parts: list[str] = []
    start = prev = points[0]
    for p in [*points[1:], -1]:
        if p != prev + 1:
            parts.append(f"\\U{start:08x}" + (f"-\\U{prev:08x}" if prev != start else ""))
            start = p
        prev = p
    return "[" + "".join(parts) + "]"


#: Matches one unsafe piece: a whole escape sequence or one character of the table.
UNSAFE_RE: re.Pattern[str] = re.compile(_SEQUENCES + "|" + _char_class(UNSAFE_CHARACTERS))
_LINE_BREAKS = re.compile("[\t\n\u2028\u2029]+")


def unsafe_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of ``text`` that :func:`for_terminal` removes.

    For callers that keep per-character data (source offsets, styles) alongside the text.

    Args:
        text: Any text from outside.

    Returns:
        Sorted, disjoint spans; empty when the text is already safe.
    """
    if not UNSAFE_RE.search(text):
        return []
    return [m.span() for m in UNSAFE_RE.finditer(text)]


def is_safe(text: str) -> bool:
    """Whether ``for_terminal`` (without ``one_line``) would leave ``text`` as it is.

    Args:
        text: Any text.

    Returns:
        ``True`` when ``text`` holds no escape sequence or unsafe character.
    """
    return UNSAFE_RE.search(text) is None


def for_terminal(text: str | None, *, one_line: bool = False) -> str:
    """Return ``text`` safe to print to a terminal or write to an exported file.

    Args:
        text: Any text from outside (``None`` reads as empty).
        one_line: Turn every run of line breaks and tabs into one space, for list rows,
            headers and one-line messages. Other spaces (no-break spaces included) are kept
            and ends are not stripped, so pieces of a line can be cleaned separately and joined.

    Returns:
        The text without escape sequences, control characters (newline and tab are kept
        unless ``one_line``), bidi overrides/isolates or lone surrogates.
    """
    if not text:
        return ""
    if UNSAFE_RE.search(text):
        text = UNSAFE_RE.sub("", text)
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
    return text


_UNSAFE_CHAR_RE: re.Pattern[str] = re.compile(_char_class(UNSAFE_CHARACTERS))


def escape_in_json(text: str) -> str:
    """Return JSON text with every unsafe character written as a ``\\uXXXX`` escape.

    The data is unchanged for any JSON reader, but a terminal showing the JSON never meets a
    raw C1 control or bidi override (``json.dumps`` escapes only C0 controls).

    Args:
        text: Text made by ``json.dumps`` (unsafe characters only occur inside strings).

    Returns:
        The same JSON, safe to print.
    """
    if is_safe(text):
        return text
    return _UNSAFE_CHAR_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def line(text: str | None) -> str:
    """Return ``text`` as one safe line: ``for_terminal(text, one_line=True)``.

    Args:
        text: Any text from outside (``None`` reads as empty).

    Returns:
        The text safe to show, its line breaks and tabs folded into spaces.
    """
    return for_terminal(text, one_line=True)


def for_storage(text: str) -> tuple[str, int]:
    """Return ``text`` as it may be stored, and how many unsafe pieces were removed.

    Stored text is already what :func:`for_terminal` would show (newlines and tabs kept);
    the count lets ingest warn that something was removed.

    Args:
        text: Text read from a file, a URL or another library.

    Returns:
        ``(clean_text, removed)``: ``removed`` counts whole escape sequences and single
        characters.
    """
    if not UNSAFE_RE.search(text):
        return text, 0
    return UNSAFE_RE.subn("", text)
