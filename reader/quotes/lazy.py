"""Regular expressions compiled on first use, so importing the text engine stays cheap.

The cue patterns are large alternations (every speech verb, names, appositives); compiling
them all at import cost as much as importing Textual. :func:`lazy` returns a stand-in
with the methods of :class:`re.Pattern` that the engine uses; the pattern is compiled the
first time one of them is called, and the compiled pattern is kept.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

_END = sys.maxsize


class LazyPattern:
    """A regular expression compiled on first use (see :func:`lazy`)."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        p = self._compiled
        if p is None:
            p = self._compiled = re.compile(self._source, self._flags)
        return p

    @property
    def is_compiled(self) -> bool:
        """Whether the pattern has been compiled yet."""
        return self._compiled is not None

    @property
    def pattern(self) -> str:
        """The pattern's source text (no compilation needed)."""
        return self._source

    def match(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        """As :meth:`re.Pattern.match`."""
        return self.compiled.match(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        """As :meth:`re.Pattern.search`."""
        return self.compiled.search(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        """As :meth:`re.Pattern.fullmatch`."""
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        """As :meth:`re.Pattern.finditer`."""
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = _END) -> list[Any]:
        """As :meth:`re.Pattern.findall`."""
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        """As :meth:`re.Pattern.sub`."""
        return self.compiled.sub(repl, string, count)

    def __repr__(self) -> str:
        state = "compiled" if self._compiled is not None else "not compiled yet"
        return f"<lazy pattern, {state}: {self._source[:40]!r}>"


def lazy(source: str, flags: int = 0) -> LazyPattern:
    """A pattern compiled the first time it is used.

    Args:
        source: The regular expression.
        flags: :mod:`re` flags.

    Returns:
        A stand-in with ``match``, ``search``, ``fullmatch``, ``finditer``, ``findall``
        and ``sub``.
    """
    return LazyPattern(source, flags)
