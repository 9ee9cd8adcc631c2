"""The one error export and annotation import raise: a message that fits on one line."""

from __future__ import annotations


class ExportError(Exception):
    """Export or import failed; the message names the file (and line) and what is wrong."""
