"""A small, fast YAML emitter for the front matter readmark writes (strings, lists, dates).

PyYAML's dumper costs more than rendering a whole export, so the few value shapes readmark
writes are emitted here: a plain scalar when that reads back as the same string, else a
double-quoted one with YAML escapes. Every string reads back unchanged with ``yaml.safe_load``
(a property test checks this), so python-frontmatter and Obsidian see the same values.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PLAIN = re.compile(r"[^\W\d_][\w .,'’()/&+-]*", re.UNICODE)
_RESOLVED_WORDS = frozenset(
    "y n yes no on off true false null ~".split()
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")
# Anything ``_escape`` changes: named escapes and characters ``_printable`` refuses.
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]')
_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _printable(ch: str) -> bool:
    """Whether ``ch`` may stand unescaped inside a YAML double-quoted scalar on one line."""
    code = ord(ch)
    if code < 0x7F:
        return code >= 0x20
    if code in (0x85, 0x2028, 0x2029, 0xFEFF):  # line breaks to YAML 1.1, and the BOM
        return False
    return 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    if _printable(ch):
        return ch
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def scalar(value: str | None) -> str:
    """Return ``value`` as a YAML scalar that reads back as the same string (``None``: empty).

    ISO dates (``2024-03-01``) and UTC times (``2024-03-01T10:00:00Z``) are written bare, so
    Obsidian shows them as dates; YAML readers then give date objects.
    """
    if value is None:
        return ""
    if not value:
        return '""'
    if _DATE.fullmatch(value) or _DATETIME.fullmatch(value):
        return value
    if (
        _PLAIN.fullmatch(value)
        and not value.endswith(" ")
        and value.lower() not in _RESOLVED_WORDS
    ):
        return value
    if not _NEEDS_ESCAPE.search(value):
        return f'"{value}"'
    return '"' + "".join(_escape(ch) for ch in value) + '"'


def field(key: str, value: str | Sequence[str] | None) -> str:
    """Return one top-level ``key: value`` entry (lists as indented ``- item`` lines)."""
    if isinstance(value, str) or value is None:
        text = scalar(value)
        return f"{key}: {text}" if text else f"{key}:"
    if not value:
        return f"{key}: []"
    return f"{key}:\n" + "\n".join(f"  - {scalar(item)}" for item in value)
