"""Text from elsewhere never reaches a terminal raw: ``--json`` escapes what ``safe_text``
removes, and two libraries' backups never prune each other."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from reader.ingest.article import Article
from reader.library import Library
from reader.library.merging import BACKUPS_KEPT, backup_library, backup_prefix
from reader.safe_text import UNSAFE_CHARACTERS
from tests.conftest import Cli

HOSTILE = "T\x1b[31mRED\x1b[0m\u202eedoc\u202c\x9b2J\x07"


def test_json_output_escapes_c1_controls_and_bidi_overrides(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as lib:
        aid = lib.import_article(Article(title="Plain", body="Some text here.")).id
    # A library written by something else (an older readmark, another tool) holds raw text.
    conn = sqlite3.connect(db)
    conn.execute("UPDATE articles SET title = ? WHERE id = ?", [HOSTILE, aid])
    conn.commit()
    conn.close()
    out = Cli(db)("list", "--json").stdout
    assert not any(ch in UNSAFE_CHARACTERS for ch in out), repr(out)
    assert json.loads(out)[0]["title"] == HOSTILE  # the data itself is unchanged


def _backups(folder: Path, library: Path) -> list[Path]:
    return sorted(folder.glob(f"{backup_prefix(library)}*.db"))


def test_backups_of_one_library_never_prune_anothers(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    x, x1 = tmp_path / "x.db", tmp_path / "x-1.db"
    elsewhere = tmp_path / "other" / "x.db"
    for path in (x, x1, elsewhere):
        with Library(path) as lib:
            lib.import_article(Article(title=path.name, body="Body text."))
    with Library(x1) as lib:
        for _ in range(3):
            backup_library(lib, folder)
    with Library(elsewhere) as lib:
        backup_library(lib, folder)
    with Library(x) as lib:
        for _ in range(BACKUPS_KEPT + 2):
            backup_library(lib, folder)
    assert len(_backups(folder, x1)) == 3
    assert len(_backups(folder, elsewhere)) == 1
    assert len(_backups(folder, x)) == BACKUPS_KEPT
