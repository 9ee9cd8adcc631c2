"""Bytes to text: encodings, binary detection, and one-line metadata values."""

from __future__ import annotations

import codecs
import unicodedata

from reader.safe_text import for_storage

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(ValueError):
    """The bytes are not text."""


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode bytes that are not UTF-8 as Windows-1252, one by one."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("readmark-cp1252", _cp1252_fallback)


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode file bytes to text.

    A byte-order mark selects UTF-8/16/32; otherwise UTF-8, where any bytes that are not
    UTF-8 are read as Windows-1252 (so one Latin-1 word does not garble the rest).

    Returns:
        ``(text, warning)``; the warning says when a fallback was needed.

    Raises:
        DecodeError: For binary data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), None
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding.upper()} text (byte {exc.start})") from exc
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (contains NUL bytes), not an article")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text = data.decode("utf-8", errors="readmark-cp1252")
    sample = text[:8192]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\x0c")
    if controls > max(8, len(sample) // 20):
        raise DecodeError("binary file (mostly control bytes), not an article")
    return text, f"not valid UTF-8 (first at byte {first_bad}); those bytes read as Windows-1252"


def clean_field(value: str) -> str:
    """Return a one-line metadata value: NFC, no controls or bidi overrides, spaces folded."""
    text, _ = for_storage(unicodedata.normalize("NFC", value))
    return " ".join(text.split())
