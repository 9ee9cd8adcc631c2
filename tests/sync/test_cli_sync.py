"""``readmark sync`` from the command line: files, folders, dry runs, JSON, one-line errors."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.store.replica import read_file_replica
from tests.conftest import Cli

ARTICLE = """---
title: Orchard survey
url: https://farm.example/orchard
---
Apple growers counted fewer bees this spring than in any year since records began.

"We rent hives now," said one grower.
"""

REPORT_KEYS = {"source", "articles_added", "articles_updated", "highlights_added",
               "highlights_updated", "notes_added", "notes_updated", "revisions_kept",
               "reanchored", "dry_run", "backup", "changed", "skipped"}


@pytest.fixture
def two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Cli, Cli, str]:
    """Two libraries sharing one article: ``here`` (this machine) and ``there``."""
    here, there = Cli(tmp_path / "here" / "library.db"), Cli(tmp_path / "there" / "library.db")
    source = tmp_path / "orchard.md"
    source.write_text(ARTICLE, encoding="utf-8")
    aid = here.json("import", str(source))["results"][0]["id"]
    there.db.parent.mkdir()
    shutil.copyfile(here.db, there.db)
    monkeypatch.setenv("READMARK_DEVICE", "there")
    there.json("highlight", aid, "--quote", "fewer bees", "--note", "check the figures")
    monkeypatch.setenv("READMARK_DEVICE", "here")
    return here, there, aid


def snapshot_of(db: Path) -> str:
    """The snapshot name of a library: its own site id, stored in it."""
    site = read_file_replica(db)[0]
    assert site is not None
    return f"{site}.db"


def test_sync_a_file_prints_what_changed(two: tuple[Cli, Cli, str]) -> None:
    here, there, aid = two
    dry = here.json("sync", str(there.db), "--dry-run")
    assert dry["dry_run"] and dry["changed"]
    assert here.json("highlights", aid) == []
    out = here("sync", str(there.db))
    assert out.exit_code == 0 and out.stdout.count("\n") == 1
    assert "1 highlight added" in out.stdout
    assert [h["note"] for h in here.json("highlights", aid)] == ["check the figures"]
    again = here.json("sync", str(there.db))
    assert set(again["merges"][0]) == REPORT_KEYS and again["changed"] is False


def test_both_writes_the_merged_state_back(two: tuple[Cli, Cli, str]) -> None:
    here, there, aid = two
    here.json("note", aid, "--text", "ask about hives")
    result = here.json("sync", str(there.db), "--both")
    assert [m["notes_added"] for m in result["merges"]] == [0, 1]
    assert [m["highlights_added"] for m in result["merges"]] == [1, 0]
    notebook = there.json("highlights")
    assert [(e["kind"], e.get("note") or e["text"]) for e in notebook] == [
        ("note", "ask about hives"), ("highlight", "check the figures")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x.db", "--dir", "."], "not both"),
        (["--both"], "--both needs OTHER.db"),
        (["missing.db"], "missing.db: no such file"),
    ],
)
def test_bad_arguments_are_one_line_errors(run: Cli, tmp_path: Path, args: list[str],
                                           message: str, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("sync", *args)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_bad_files_are_refused_and_nothing_changes(run: Cli, tmp_path: Path) -> None:
    run.json("info")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"GIF89a" + bytes(range(256)) * 8)
    newer = tmp_path / "newer.db"
    shutil.copyfile(run.db, newer)
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "SELECT migration_set, 'm999_from_the_future', applied_at "
                 "FROM _sqlite_migrations LIMIT 1")
    conn.commit()
    conn.close()
    before = run.db.read_bytes()
    for bad, words in ((junk, "junk.db"), (newer, "newer readmark"), (run.db, "library itself")):
        result = run("sync", str(bad))
        assert result.exit_code == 1, result.output
        assert result.stderr.count("\n") == 1 and words in result.stderr
    assert run.db.read_bytes() == before


def test_sync_dir_publishes_merges_and_reports(two: tuple[Cli, Cli, str],
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    here, there, _aid = two
    folder = tmp_path / "Sync"
    folder.mkdir()
    monkeypatch.setenv("READMARK_DEVICE", "there")
    first = there.json("sync", "--dir", str(folder))
    assert first["published"] == str(folder / snapshot_of(there.db)) and first["merges"] == []
    monkeypatch.setenv("READMARK_DEVICE", "here")
    (folder / "broken.db").write_bytes(b"nope" * 50)
    result = here("sync", "--dir", str(folder), "--json")
    assert result.exit_code == 1  # one file could not be merged …
    assert "broken.db" in result.stderr and result.stderr.count("\n") == 1
    data = json.loads(result.stdout)  # … the rest was merged and published
    assert set(data) == {"folder", "published", "dry_run", "changed", "totals", "merges",
                         "conflicts", "cleaned", "warnings", "errors"}
    assert data["totals"]["highlights_added"] == 1
    assert data["published"] == str(folder / snapshot_of(here.db))
    (folder / "broken.db").unlink()
    text = here("sync", "--dir", str(folder))
    assert text.exit_code == 0 and text.stdout.splitlines()[-1].startswith("sync: 1 file merged")


def test_sync_dir_refuses_the_live_librarys_folder(run: Cli) -> None:
    result = run("sync", "--dir", str(run.db.parent))
    assert result.exit_code == 1 and "holds the live library" in result.stderr
    assert sorted(p.name for p in run.db.parent.iterdir()) == ["library.db"]


def test_plain_sync_uses_the_configured_folder(run: Cli, tmp_path: Path) -> None:
    alone = run("sync")
    assert alone.exit_code == 0 and "no sync folder" in alone.stdout
    folder = tmp_path / "Shared"
    folder.mkdir()
    config = Path.home() / "config" / "readmark" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'sync_dir = "{folder}"\n', encoding="utf-8")
    data = run.json("sync")
    assert data["folder"] == str(folder) and data["published"] == str(folder / snapshot_of(run.db))
