"""The format of readmark's export files, as far as reading one needs it.

A file is YAML front matter, then the reader's own text, the managed block between
:data:`BEGIN` and :data:`END`, and more of the reader's text. Import uses this to tell readmark's
own exports from articles; ``reader.export.managed`` writes such files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BEGIN = "<!-- readmark:begin (exported highlights: edits inside this block are replaced) -->"
END = "<!-- readmark:end -->"
ID_KEY = "readmark_id"  # the front matter key naming the exported article
EXPORTED_KEY = "exported"  # the front matter key holding the export time
OWN_KEYS = ("title", "authors", "url", "site", "published", "tags", ID_KEY, EXPORTED_KEY)
_ID_LINE = re.compile(r"^readmark_id:[ \t]*[\"']?([0-9A-Za-z_-]+)[\"']?[ \t]*$", re.MULTILINE)
_EXPORTED_LINE = re.compile(r"^exported:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_KEY_LINE = re.compile(r"""^(?:"[^"]*"|'[^']*'|[^\s#'"\-][^:]*?)[ \t]*:(?:[ \t]|$)""")
MARKER_LINE = re.compile(r"^<!-- readmark:(begin|end)\b.*-->[ \t]*$", re.MULTILINE)


@dataclass
class ExportFile:
    """An export file split into its parts.

    Attributes:
        user_front: The reader's own front matter entries, as written (each ends in a newline).
        before: Text between the front matter and the managed block.
        managed: The managed block's content, or ``None`` when the markers are missing.
        after: Text after the managed block.
        exported: The raw ``exported`` value in the front matter, if any.
    """

    user_front: list[str] = field(default_factory=list)
    before: str = ""
    managed: str | None = None
    after: str = "\n"
    exported: str | None = None


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Return the front matter text (without its ``---`` lines) and the rest of ``text``."""
    if not text.startswith("---\n"):
        return None, text
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            return text[4 : len(text) - 3], ""
        return None, text
    return text[4 : end + 1], text[end + 5 :]


def readmark_id(text: str) -> str | None:
    """Return the ``readmark_id`` in the front matter of a file's text, if any."""
    front, _ = split_front_matter(text)
    if front is None:
        return None
    found = _ID_LINE.search(front)
    return found.group(1) if found else None


def _entries(front: str) -> list[tuple[str | None, str]]:
    """Split front matter into top-level entries ``(key, text)``; comments stay attached."""
    entries: list[tuple[str | None, str]] = []
    for line in front.splitlines(keepends=True):
        match = _KEY_LINE.match(line)
        if match:
            entries.append((line.split(":", 1)[0].strip().strip("'\""), line))
        elif entries:
            key, previous = entries[-1]
            entries[-1] = (key, previous + line)
        else:
            entries.append((None, line))
    return entries


def parse(text: str) -> ExportFile:
    """Split an existing export file into the reader's parts and readmark's."""
    front, rest = split_front_matter(text)
    out = ExportFile()
    if front is not None:
        for key, entry in _entries(front):
            if key in OWN_KEYS:
                if key == EXPORTED_KEY:
                    found = _EXPORTED_LINE.match(entry)
                    out.exported = found.group(1) if found else None
                continue
            out.user_front.append(entry if entry.endswith("\n") else entry + "\n")
    begin = end = None
    for match in MARKER_LINE.finditer(rest):
        if match.group(1) == "begin" and begin is None:
            begin = match
        elif match.group(1) == "end" and begin is not None:
            end = match
            break
    if begin is None or end is None:
        out.before, out.managed, out.after = rest, None, ""
        return out
    out.before = rest[: begin.start()]
    out.managed = rest[begin.end() + 1 : end.start()]
    out.after = rest[end.end() :]
    return out
