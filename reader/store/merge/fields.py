"""Per-field last-writer-wins on one row present in both libraries (pure Python, no SQL).

Each table's editable columns form clock groups: a group's columns move together, carried by
the side whose stamp for the group (``clocks[group]``) is larger. Equal stamps with different
values (rare: damage, or anchors re-stamped by an older readmark) are settled by comparing the
values, so every machine picks the same one. Stamps that are not group stamps (``note_base``,
``text_base``) travel with their group's winner.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

ARTICLE_GROUPS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "authors": ("authors",),
    "url": ("url",),
    "site": ("site",),
    "published": ("published",),
    "tags": ("tags",),
    "lang": ("lang",),
    "body": ("body", "body_format", "words", "content_hash"),
    "position": ("position", "progress"),
    "deleted": ("deleted",),
}
HIGHLIGHT_GROUPS: dict[str, tuple[str, ...]] = {
    "anchor": ("made_exact", "made_prefix", "made_suffix", "made_start", "made_end"),
    "color": ("color",),
    "note": ("note",),
    "deleted": ("deleted",),
}
# Where a highlight is now: derived from its made anchor and its article's body after a merge
# (``reader.library.highlights.derive_anchors``), so it is copied with a new row but never merged.
HIGHLIGHT_DERIVED = ("exact", "prefix", "suffix", "start_pos", "end_pos", "anchor_hash", "state")
NOTE_GROUPS: dict[str, tuple[str, ...]] = {"text": ("text",), "deleted": ("deleted",)}
# The note field of a table, and the clocks key holding the stamp of the text it replaced.
NOTE_FIELD: dict[str, tuple[str, str]] = {"highlights": ("note", "note_base"),
                                          "notes": ("text", "text_base")}
BASE_KEYS = frozenset(base for _, base in NOTE_FIELD.values())


@dataclass(frozen=True)
class Table:
    """How one synced table merges: key, clock groups, columns that take the minimum, and
    columns derived from the merged row (copied with a new row, recomputed after a merge)."""

    name: str
    key: str
    groups: dict[str, tuple[str, ...]]
    earliest: tuple[str, ...]  # first-seen times: the merged row keeps the smaller
    fixed: tuple[str, ...] = ()  # same on every copy of the row (part of its identity)
    derived: tuple[str, ...] = ()  # a function of the merged state, not merged themselves

    @property
    def columns(self) -> tuple[str, ...]:
        """Every synced column: key, fixed, group columns, derived, earliest, clocks, updated."""
        grouped = tuple(c for cols in self.groups.values() for c in cols)
        return (self.key, *self.fixed, *grouped, *self.derived, *self.earliest, "clocks",
                "updated")


ARTICLES = Table("articles", "id", ARTICLE_GROUPS, ("imported",))
HIGHLIGHTS = Table("highlights", "id", HIGHLIGHT_GROUPS, ("created",),
                   ("article_id", "made_hash"), HIGHLIGHT_DERIVED)
NOTES = Table("notes", "article_id", NOTE_GROUPS, ("created",))


@dataclass
class Revision:
    """A note text that lost to a concurrent edit, to be kept in ``note_revisions``."""

    id: str
    kind: str
    target: str
    text: str
    stamp: str
    replaced_by: str


@dataclass
class RowMerge:
    """The outcome of merging one row: columns to write, and what else happened."""

    changes: dict[str, Any] = field(default_factory=dict)  # column -> new value
    groups: list[str] = field(default_factory=list)  # groups whose value the other side gave
    revision: Revision | None = None


def revision_id(target: str, stamp: str, text: str) -> str:
    """Return the id of a kept note text: the same loser gives the same id everywhere."""
    return hashlib.sha256(f"{target}\0{stamp}\0{text}".encode()).hexdigest()[:16]


def load_clocks(value: str | None) -> dict[str, str]:
    """Decode a ``clocks`` column, tolerating ``NULL`` and damage."""
    try:
        data = json.loads(value or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def latest(clocks: dict[str, str]) -> str | None:
    """Return the greatest stamp of a row (``updated``), ignoring note base stamps."""
    stamps = [v for k, v in clocks.items() if k not in BASE_KEYS and v]
    return max(stamps) if stamps else None


def _rank(stamp: str, values: tuple[Any, ...]) -> tuple[str, str]:
    return stamp, json.dumps(values, ensure_ascii=False, default=str)


def merge_row(table: Table, mine: dict[str, Any], theirs: dict[str, Any]) -> RowMerge:
    """Merge ``theirs`` into ``mine`` (two versions of one row), field group by field group.

    Returns:
        The columns of ``mine`` to change (empty when ``mine`` already holds the merge), the
        groups taken from ``theirs``, and the losing note text to keep, if any.
    """
    out = RowMerge()
    mine_clocks, their_clocks = load_clocks(mine["clocks"]), load_clocks(theirs["clocks"])
    clocks = dict(mine_clocks)
    note = NOTE_FIELD.get(table.name)
    for group, columns in table.groups.items():
        mine_stamp, their_stamp = mine_clocks.get(group, ""), their_clocks.get(group, "")
        if mine_stamp > their_stamp:
            continue
        mine_values = tuple(mine[c] for c in columns)
        their_values = tuple(theirs[c] for c in columns)
        if mine_stamp == their_stamp and (
            mine_values == their_values or _rank(mine_stamp, mine_values)
            > _rank(their_stamp, their_values)
        ):
            continue
        clocks[group] = their_stamp
        if note and group == note[0]:
            _take_base(clocks, their_clocks, note[1])
        if mine_values != their_values:
            out.groups.append(group)
            out.changes.update({c: theirs[c] for c in columns if theirs[c] != mine[c]})
    if note:
        out.revision = _loser(table, mine, theirs, mine_clocks, their_clocks)
    for column in table.earliest:
        if theirs[column] and (not mine[column] or theirs[column] < mine[column]):
            out.changes[column] = theirs[column]
    if clocks != mine_clocks:
        out.changes["clocks"] = json.dumps(clocks, sort_keys=True)
    updated = latest(clocks)
    if updated != mine["updated"]:
        out.changes["updated"] = updated
    return out


def _take_base(clocks: dict[str, str], source: dict[str, str], base: str) -> None:
    if source.get(base):
        clocks[base] = source[base]
    else:
        clocks.pop(base, None)


def _loser(table: Table, mine: dict[str, Any], theirs: dict[str, Any],
           mine_clocks: dict[str, str], their_clocks: dict[str, str]) -> Revision | None:
    """The note text that lost a concurrent edit, or ``None`` (same text, sequential edit,
    or an empty loser)."""
    column, base = NOTE_FIELD[table.name]
    mine_stamp, their_stamp = mine_clocks.get(column, ""), their_clocks.get(column, "")
    if mine[column] == theirs[column] or mine_stamp == their_stamp:
        return None
    if mine_stamp > their_stamp:
        loser, loser_stamp, winner_clocks = theirs, their_stamp, mine_clocks
    else:
        loser, loser_stamp, winner_clocks = mine, mine_stamp, their_clocks
    if not loser[column] or winner_clocks.get(base) == loser_stamp:
        return None
    target = str(mine[table.key])
    kind = "highlight" if table.name == "highlights" else "article"
    return Revision(revision_id(target, loser_stamp, loser[column]), kind, target,
                    loser[column], loser_stamp, max(mine_stamp, their_stamp))
