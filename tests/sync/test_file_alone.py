"""After any readmark command exits, the library file alone is a complete, sound database.

This is what a file-sync tool sees when the live library sits in a synced folder: it copies the
main file without any ``-journal`` or ``-wal`` beside it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import cli

ARTICLE = """---
title: Tide tables revised
url: https://coast.example/tides
---
The harbour master published new tide tables on Monday.

"The old tables were off by twenty minutes," she said.
"""


def _readmark(db: Path, *args: str, process: bool = False) -> str:
    """Run a command to its end: in a process of its own, or in-process (faster)."""
    if not process:
        result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout
    done = subprocess.run([sys.executable, "-m", "reader", "--db", str(db), *args],
                          capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _alone(db: Path, tmp_path: Path, n: int) -> dict[str, int]:
    """Copy only the main file (as a sync tool would), check it, and count what it holds."""
    leftovers = [p.name for p in db.parent.iterdir() if p.name != db.name]
    assert not [name for name in leftovers if name.startswith(db.name + "-")], leftovers
    copy = tmp_path / f"copy{n}" / "library.db"
    copy.parent.mkdir()
    shutil.copyfile(db, copy)
    conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        return {
            table: int(conn.execute(f"SELECT count(*) FROM {table} WHERE deleted IS NULL")
                       .fetchone()[0])
            for table in ("articles", "highlights", "notes")
        }
    finally:
        conn.close()


@pytest.mark.slow
def test_the_main_file_alone_holds_every_committed_change(tmp_path: Path) -> None:
    db = tmp_path / "lib" / "library.db"
    source = tmp_path / "tides.md"
    source.write_text(ARTICLE, encoding="utf-8")
    aid = json.loads(_readmark(db, "import", str(source), "--json"))["results"][0]["id"]
    assert _alone(db, tmp_path, 1)["articles"] == 1
    _readmark(db, "tag", aid, "+coast")
    hid = json.loads(_readmark(db, "highlight", aid, "--quote", "off by twenty minutes",
                               "--json", process=True))["id"]
    _readmark(db, "note", aid, "--text", "check the old tables")
    assert _alone(db, tmp_path, 2) == {"articles": 1, "highlights": 1, "notes": 1}
    other = tmp_path / "other.db"
    shutil.copyfile(db, other)
    _readmark(db, "unhighlight", hid)
    assert _alone(db, tmp_path, 3)["highlights"] == 0
    _readmark(db, "sync", str(other), "--both", process=True)
    folder = tmp_path / "sync"
    folder.mkdir()
    _readmark(db, "sync", "--dir", str(folder), process=True)
    _readmark(db, "rm", aid)
    assert _alone(db, tmp_path, 4) == {"articles": 0, "highlights": 0, "notes": 1}
    for snapshot in folder.glob("*.db"):  # the published snapshot is complete too
        _alone(snapshot, tmp_path, 5)
