"""Line slicing helpers shared by the Markdown and plain-text block parsers."""

from __future__ import annotations

Line = tuple[int, int]  # start, end (without the newline)


def split_lines(body: str) -> list[Line]:
    """``(start, end)`` of every line of ``body``, newline (and a CR before it) excluded."""
    out: list[Line] = []
    pos = 0
    n = len(body)
    while pos < n:
        nl = body.find("\n", pos)
        if nl < 0:
            out.append((pos, n))
            break
        end = nl - 1 if nl > pos and body[nl - 1] == "\r" else nl
        out.append((pos, end))
        pos = nl + 1
    return out


def strip_slices(src: str, slices: list[Line]) -> list[Line]:
    """The slices with their leading whitespace dropped."""
    out = []
    for s, e in slices:
        t = src[s:e]
        out.append((s + len(t) - len(t.lstrip()), e))
    return out


def with_newlines(slices: list[Line]) -> list[Line]:
    """Extend all but the last slice by one char so content keeps a line separator."""
    out: list[Line] = []
    for i, (s, e) in enumerate(slices):
        out.append((s, e + 1) if i < len(slices) - 1 else (s, e))
    return out
