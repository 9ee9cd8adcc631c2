"""Conflict copies as Syncthing, Dropbox and iCloud name them; the trash never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.sync.conflicts import (
    TRASH_DIR,
    conflict_copies,
    conflict_kind,
    conflict_original,
    looks_like_conflict,
    move_to_trash,
    split_name,
)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("library.sync-conflict-20240101-120000-ABCDEFG.db", "syncthing"),
        ("library.sync-conflict-20261122-071530-7XQ2MNP.db", "syncthing"),
        ("library (Ana's conflicted copy 2024-01-01).db", "dropbox"),
        ("library (Ana's conflicted copy 2024-01-01 (1)).db", "dropbox"),
        ("library (conflicted copy 2024-01-01 120000).db", "dropbox"),
        ("library (DESKTOP-01's Conflicted Copy 2024-03-05).db", "dropbox"),
        ("library 2.db", "icloud"),
        ("library 13.db", "icloud"),
    ],
)
def test_conflict_names_are_recognised(name: str, kind: str) -> None:
    assert conflict_kind(name, "library.db") == kind


@pytest.mark.parametrize(
    "name",
    [
        "library.db",
        "library.db-journal",
        "library.sync-conflict-20240101-120000-ABCDEFG.db-journal",  # a journal's copy: not a db
        "library.sync-conflict-2024-ABCDEFG.db",  # malformed date
        "other.sync-conflict-20240101-120000-ABCDEFG.db",  # another file's copy
        "library (copy).db",
        "library2.db",
        "library 2.db.bak",
        "my library 2.db",
        "library (Ana's conflicted copy 2024-01-01).sqlite",
    ],
)
def test_other_names_are_not_conflict_copies(name: str) -> None:
    assert conflict_kind(name, "library.db") is None


def test_names_with_dots_and_no_extension() -> None:
    assert conflict_kind("my.lib.sync-conflict-20240101-120000-ABC.db", "my.lib.db") == "syncthing"
    assert conflict_kind("notes (conflicted copy 2024-01-01)", "notes") == "dropbox"
    assert conflict_kind("notes 2", "notes") == "icloud"
    assert split_name("a.b.db") == ("a.b", ".db")
    assert split_name(".hidden") == (".hidden", "")


def test_original_of_a_copy_among_snapshots() -> None:
    names = ["3f2a9c01be77.db", "laptop.db", "laptop 2.db"]
    assert conflict_original("laptop 2.db", names) == "laptop.db"
    assert conflict_original("laptop.db", names) is None
    assert conflict_original("desk 2.db", names) is None  # iCloud needs its original
    assert looks_like_conflict("desk.sync-conflict-20240101-120000-ABCDEFG.db")
    assert looks_like_conflict("desk (Bo's conflicted copy 2024-01-01).db")
    assert not looks_like_conflict("desk 2.db")


def test_copies_beside_the_library_are_found(tmp_path: Path) -> None:
    live = tmp_path / "library.db"
    names = [
        "library.db", "library.db-journal", "library 2.db", "other.db",
        "library.sync-conflict-20240101-120000-ABCDEFG.db",
        "library (Ana's conflicted copy 2024-01-01).db",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "library 3.db").mkdir()  # a folder is never a copy
    found = [p.name for p in conflict_copies(live)]
    assert found == sorted([
        "library 2.db",
        "library (Ana's conflicted copy 2024-01-01).db",
        "library.sync-conflict-20240101-120000-ABCDEFG.db",
    ])
    assert conflict_copies(tmp_path / "missing" / "library.db") == []


def test_trash_keeps_every_copy(tmp_path: Path) -> None:
    first = tmp_path / "library 2.db"
    first.write_bytes(b"one")
    moved = move_to_trash(first)
    assert moved == tmp_path / TRASH_DIR / "library 2.db"
    assert not first.exists() and moved.read_bytes() == b"one"
    first.write_bytes(b"two")  # the same name again: nothing in the trash is overwritten
    again = move_to_trash(first)
    assert again != moved and again.parent == moved.parent and again.suffix == ".db"
    assert {p.read_bytes() for p in moved.parent.iterdir()} == {b"one", b"two"}
    elsewhere = move_to_trash(_touch(tmp_path / "x.db"), tmp_path / "t")
    assert elsewhere == tmp_path / "t" / "x.db"


def _touch(path: Path) -> Path:
    path.write_bytes(b"")
    return path
