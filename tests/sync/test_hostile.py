"""A library file from elsewhere is never trusted: the hostile corpus (``hostile.py``) and the
guards one by one (schema, rows, deadline, clock)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import cli
from reader.library import Library, StoreError
from reader.library.merging import SyncError, merge_file, merge_library
from reader.store.clock import MAX_DRIFT_US, Clock, format_stamp, parse_stamp, stamp_problem
from reader.store.merge import validate as merge_validate
from tests.conftest import Cli
from tests.sync.hostile import ARTICLE, CASES, QUOTE, make_hostile

NOW_US = 1_800_000_000_000_000  # a fixed "now" for the stamp rules (2027)


@pytest.fixture
def two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Cli, Path, str]:
    """``here`` (this machine) and ``there``'s file, sharing an article, a highlight on it and
    the article's note; ``there`` also has an article of its own with a highlight."""
    monkeypatch.setenv(merge_validate.DEADLINE_ENV, "30")  # every case ends well within it
    here = Cli(tmp_path / "here" / "library.db")
    there = Cli(tmp_path / "there" / "library.db")
    source = tmp_path / "orchard.md"
    source.write_text(ARTICLE, encoding="utf-8")
    aid = here.json("import", str(source))["results"][0]["id"]
    here.json("highlight", aid, "--quote", QUOTE, "--note", "mine")
    here.json("note", aid, "--text", "read again")
    there.db.parent.mkdir()
    shutil.copyfile(here.db, there.db)
    other = tmp_path / "lake.md"
    other.write_text(ARTICLE.replace("orchard", "lake").replace("orchards", "lakes"), "utf-8")
    monkeypatch.setenv("READMARK_DEVICE", "there")
    lake = there.json("import", str(other))["results"][0]["id"]
    there.json("highlight", lake, "--quote", QUOTE)
    monkeypatch.setenv("READMARK_DEVICE", "here")
    return here, there.db, aid


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def sync_hostile(here: Cli, hostile: Path, case_name: str) -> dict[str, int]:
    """Merge ``hostile``; check the outcome its case expects; return the skipped counts."""
    case = CASES[case_name]
    result = here("sync", str(hostile), "--json")
    if case.refused:
        assert result.exit_code == 1
        line = result.stderr.strip()
        assert "\n" not in line and str(hostile) in line and case.refused in line, line
        return {}
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["merges"][0]
    assert report["skipped"].get(case.skipped, 0) >= 1, report
    return dict(report["skipped"])


@pytest.mark.parametrize("case_name", sorted(CASES))
def test_hostile_file_is_refused_or_its_bad_rows_skipped(
    two: tuple[Cli, Path, str], tmp_path: Path, case_name: str
) -> None:
    here, there, aid = two
    hostile = tmp_path / f"{case_name}.db"
    shutil.copyfile(there, hostile)
    make_hostile(str(hostile), CASES[case_name])
    before = hostile.read_bytes()

    sync_hostile(here, hostile, case_name)
    assert hostile.read_bytes() == before  # never written
    assert integrity(here.db) == "ok"
    # Later commands work.
    highlights = here.json("highlights")
    assert all(isinstance(h.get("note", ""), str) for h in highlights)
    assert here("export", "--all", "--to", str(tmp_path / "out")).exit_code == 0
    assert here("show", aid, "--plain", "--no-pager").exit_code == 0
    assert here.json("highlights", aid)[0]["color"] in ("yellow", "pink")

    # A later local edit survives syncing with the hostile file again.
    here.json("highlight", aid, "--quote", QUOTE, "--color", "green", "--note", "mine, later")
    here.json("note", aid, "--text", "still mine")
    sync_hostile(here, hostile, case_name)
    got = here.json("highlights", aid)
    assert [(h["color"], h["note"]) for h in got] == [("green", "mine, later")]
    assert here.json("show", aid)["title"] == "The orchard survey"  # not removed, not renamed
    with Library(here.db) as lib:
        note = lib.article_note(aid)
        assert note is not None and note.text == "still mine"
        parsed = parse_stamp(lib.clock.now())  # the clock stayed in range
        assert parsed is not None and stamp_problem(lib.clock.now(), parsed[0]) is None
        assert lib._scalar("SELECT count(*) FROM note_revisions") <= (
            merge_validate.MAX_REVISIONS_PER_NOTE + 2)
        assert lib._scalar("SELECT max(length(body)) FROM articles") <= merge_validate.MAX_BYTES
    assert integrity(here.db) == "ok"


def test_skipped_rows_are_counted_by_reason_and_good_rows_still_merge(
    two: tuple[Cli, Path, str], tmp_path: Path
) -> None:
    here, there, _ = two
    hostile = tmp_path / "mixed.db"
    shutil.copyfile(there, hostile)
    make_hostile(str(hostile), CASES["markup-colour"])  # every highlight: a bad colour
    result = here.json("sync", str(hostile))
    report = result["merges"][0]
    assert report["skipped"] == {"value": 2}
    assert report["articles_added"] == 1  # the lake article still comes
    assert report["highlights_added"] == 0
    out = here("sync", str(hostile))
    assert "2 bad rows skipped (2 value)" in out.stdout


def test_merge_driver_refuses_a_file_with_a_view(two: tuple[Cli, Path, str],
                                                   tmp_path: Path) -> None:
    here, there, _ = two
    hostile = tmp_path / "theirs.db"
    shutil.copyfile(there, hostile)
    make_hostile(str(hostile), CASES["recursive-view"])
    ours_before = here.db.read_bytes()
    args = ["merge-driver", str(tmp_path / "base.db"), str(here.db), str(hostile)]
    result = here.runner.invoke(cli, args)
    assert result.exit_code == 1
    assert "view 'notes'" in result.stderr and result.stderr.count("\n") == 1
    assert here.db.read_bytes() == ours_before


# -- the deadline -------------------------------------------------------------------------------
WRITER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=0)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO meta (key, value) VALUES ('written', 'yes')")
conn.commit()
print("wrote")
"""


def test_deadline_stops_the_merge_rolls_back_and_releases_the_lock(
    two: tuple[Cli, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there, _ = two
    monkeypatch.setattr(merge_validate, "PROGRESS_STEPS", 1)
    with Library(here.db) as lib:
        before = lib._scalar("SELECT count(*) FROM articles")
        with pytest.raises(StoreError, match=r"merge stopped after 0 s") as caught:
            merge_library(lib, there, seconds=0)
        assert "\n" not in str(caught.value) and str(there) in str(caught.value)
        assert not lib.conn.in_transaction
        # Another process can write at once (no busy wait: timeout 0), the library still open.
        done = subprocess.run([sys.executable, "-c", WRITER, str(here.db)],
                              capture_output=True, text=True, check=False)
        assert done.stdout.strip() == "wrote", done.stderr
        assert lib._scalar("SELECT count(*) FROM articles") == before
        # The connection works normally afterwards: no handler is left behind.
        report = merge_file(lib, there, backup=False)
        assert report.articles_added == 1
    assert integrity(here.db) == "ok"


def test_deadline_from_the_environment_gives_one_line(
    two: tuple[Cli, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there, _ = two
    monkeypatch.setattr(merge_validate, "PROGRESS_STEPS", 1)
    monkeypatch.setenv(merge_validate.DEADLINE_ENV, "0")
    result = here("sync", str(there), "--json")
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert "\n" not in line and str(there) in line and "merge stopped after 0 s" in line
    monkeypatch.setenv(merge_validate.DEADLINE_ENV, "soon")  # not a number: the default
    assert merge_validate.merge_deadline() == merge_validate.MERGE_DEADLINE_S


# -- the schema ---------------------------------------------------------------------------------
def test_an_older_library_is_checked_at_its_own_level_and_upgraded(
    tmp_path: Path
) -> None:
    from sqlite_utils import Database

    from reader.store.migration_names import MIGRATION_NAMES
    from reader.store.migrations import migrations

    older = tmp_path / "older.db"
    conn = sqlite3.connect(older)
    migrations.apply(Database(conn), stop_before=MIGRATION_NAMES[-1])
    conn.close()
    with Library(tmp_path / "here.db") as lib:
        assert merge_file(lib, older, backup=False).changed() is False
    conn = sqlite3.connect(older)
    conn.execute("CREATE VIEW articles_v AS SELECT 1")
    conn.commit()
    conn.close()
    with Library(tmp_path / "here.db") as lib, pytest.raises(SyncError, match="view"):
        merge_file(lib, older, backup=False)


def test_the_file_is_checked_again_inside_the_merge_transaction(
    two: tuple[Cli, Path, str], tmp_path: Path
) -> None:
    here, there, _ = two
    hostile = tmp_path / "changed.db"
    shutil.copyfile(there, hostile)
    make_hostile(str(hostile), CASES["foreign-trigger"])
    with Library(here.db) as lib, pytest.raises(StoreError, match="trigger 'mine'"):
        merge_library(lib, hostile)  # as if it changed after merge_file checked it


# -- the clock ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("stamp", "problem"), [
    (format_stamp(NOW_US, 0, "site"), None),
    (format_stamp(NOW_US + MAX_DRIFT_US, 9999, "site"), None),
    (format_stamp(NOW_US + MAX_DRIFT_US + 1, 0, "site"), "future"),
    ("99999999999999999-9999-zz", "future"),
    ("~", "stamp"), ("zz", "stamp"), ("", "stamp"), (None, "stamp"), (b"1", "stamp"),
    ("253402300800000000-0000-x", "stamp"),  # 18 digits
    ("1800000000000000-0000-x", "stamp"),  # 16 digits
    ("18000000000000000-000-x", "stamp"),
    ("18000000000000000-0000-", "stamp"),
    ("18000000000000000-0000-a b", "stamp"),
    ("18000000000000000-0000-" + "s" * 65, "stamp"),
    ("１８０００００００００００００００-0000-x", "stamp"),
])
def test_stamp_rules(stamp: object, problem: str | None) -> None:
    assert stamp_problem(stamp, NOW_US) == problem
    # The merge checks stamps in SQL: the same rules.
    if isinstance(stamp, str):
        latest = f"{NOW_US + MAX_DRIFT_US:017d}"
        conn = sqlite3.connect(":memory:")
        bad, ahead = conn.execute(
            f"SELECT {merge_validate.stamp_bad_sql('?1')}, "
            f"{merge_validate.stamp_ahead_sql('?1').replace(':latest', '?2')}",
            [stamp, latest]).fetchone()
        conn.close()
        assert ("stamp" if bad else "future" if ahead else None) == problem


def test_observe_ignores_stamps_that_would_push_the_clock_out_of_range() -> None:
    clock = Clock("here", time_source=lambda: NOW_US)
    wall = clock.wall()
    for bad in ("~", "zz", "99999999999999999-9999-zz", "253402300799999999-0000-x",
                "100000000000000000-0000-x", format_stamp(wall + 2 * MAX_DRIFT_US, 0, "x")):
        clock.observe(bad)
    first = clock.now()
    parsed = parse_stamp(first)
    assert parsed is not None and parsed[0] < wall + MAX_DRIFT_US
    ahead = format_stamp(wall + MAX_DRIFT_US // 2, 5, "there")  # ahead, but within drift
    clock.observe(ahead)
    assert clock.now() > ahead


def test_the_clock_never_makes_a_stamp_wider_than_17_digits() -> None:
    clock = Clock("here", time_source=lambda: 10**17 + 5)  # a wall clock gone mad
    stamps = [clock.now() for _ in range(3)]
    assert all(stamp_problem(s, 10**17) is None for s in stamps)
    assert stamps == sorted(stamps)


def test_sync_folder_reports_a_hostile_snapshot_and_merges_the_others(
    two: tuple[Cli, Path, str], tmp_path: Path
) -> None:
    here, there, _ = two
    folder = tmp_path / "shared"
    folder.mkdir()
    shutil.copyfile(there, folder / "there.db")
    shutil.copyfile(there, folder / "evil.db")
    make_hostile(str(folder / "evil.db"), CASES["recursive-view"])
    shutil.copyfile(there, folder / "stamps.db")
    make_hostile(str(folder / "stamps.db"), CASES["tilde-stamps"])
    result = here("sync", "--dir", str(folder), "--json")
    assert result.exit_code == 1
    run = json.loads(result.stdout)
    assert len(run["errors"]) == 1 and "evil.db" in run["errors"][0]
    assert "view 'notes'" in run["errors"][0] and "\n" not in run["errors"][0]
    by_source = {Path(m["source"]).name: m for m in run["merges"]}
    assert set(by_source) == {"there.db", "stamps.db"}
    assert by_source["stamps.db"]["skipped"]["stamp"] >= 3  # its good rows still came:
    assert run["totals"]["articles_added"] == 1 and by_source["stamps.db"]["articles_added"] == 1
    assert run["published"] and Path(run["published"]).parent == folder.resolve()
    assert integrity(here.db) == "ok"
