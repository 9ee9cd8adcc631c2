"""Temporaries left in the sync folder by a killed ``sync --dir`` are removed by later runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.ingest.article import Article
from reader.library import Library
from reader.sync.folder import STALE_AFTER, snapshot_name, stale_temporaries, sync
from tests.conftest import Cli

BODY = "The ferry will stop running in winter, the council said. " * 4


def _gone_pid() -> int:
    """The pid of a process that has ended (and was reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=60)
    return child.pid


def _touch(path: Path, age: float = 0.0) -> Path:
    path.write_bytes(b"SQLite format 3\x00 partial")
    if age:
        when = time.time() - age
        os.utime(path, (when, when))
    return path


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library(tmp_path / "home" / "library.db")
    library.import_article(Article(title="Ferry", body=BODY, url="https://news.example/f"))
    library.claim_site()
    return library


@pytest.mark.skipif(sys.platform == "win32", reason="process ids are not checked there")
def test_stale_temporaries_are_removed_and_live_ones_kept(lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    own = snapshot_name(lib.clock.device)
    dead, alive = _gone_pid(), os.getppid()
    ours_dead = [_touch(folder / f".{own}.{dead}.tmp"),
                 _touch(folder / f".{own}.{dead}.tmp-journal")]
    ours_live = _touch(folder / f".{own}.{alive}.tmp")  # another run of ours, still writing
    theirs_fresh = _touch(folder / f".0123456789ab.db.{dead}.tmp")  # maybe alive elsewhere
    theirs_old = [_touch(folder / f".fedcba987654.db.{dead}.tmp", age=STALE_AFTER + 120),
                  _touch(folder / f".fedcba987654.db.{dead}.tmp-journal", age=STALE_AFTER + 60)]
    # Not ours to touch: other tools' temporaries, lookalikes, a symlink, a folder.
    others = [_touch(folder / ".syncthing.0123456789ab.db.tmp", age=10 * STALE_AFTER),
              _touch(folder / f".{own}.{dead}.tmp.bak", age=10 * STALE_AFTER),
              _touch(folder / f"{own[:-3]}.{dead}.tmp", age=10 * STALE_AFTER),
              _touch(folder / f".{own}.x{dead}.tmp", age=10 * STALE_AFTER)]
    (folder / f".{own}.{dead + 1}.tmp").symlink_to(ours_live)
    (folder / f".aaaa.db.{dead}.tmp").mkdir()

    dry = sync(lib, folder, dry_run=True)
    expected = sorted(str(p) for p in [*ours_dead, *theirs_old])
    assert sorted(c.path for c in dry.cleaned) == expected
    assert not any(c.removed for c in dry.cleaned) and all(Path(p).exists() for p in expected)
    assert "4 stale temporary files to remove" in dry.summary()

    run = sync(lib, folder)
    assert sorted(c.path for c in run.cleaned) == expected and not run.errors
    assert all(c.removed for c in run.cleaned)
    reasons = {Path(c.path).name: c.reason for c in run.cleaned}
    assert reasons[ours_dead[0].name] == f"left by process {dead}, no longer running"
    assert reasons[theirs_old[0].name] == "untouched for 61 minutes"  # its newest file
    for path in [*ours_dead, *theirs_old]:
        assert not path.exists()
    for path in [ours_live, theirs_fresh, *others]:
        assert path.exists()
    assert (folder / f".aaaa.db.{dead}.tmp").is_dir()
    assert run.published == str(folder / own)
    assert sync(lib, folder).cleaned == []


def test_a_temporary_of_ours_is_stale_once_untouched_for_long(lib: Library,
                                                               tmp_path: Path) -> None:
    """A reused pid (or a platform where pids cannot be checked) still ages out."""
    folder = tmp_path / "Sync"
    folder.mkdir()
    own = snapshot_name(lib.clock.device)
    reused = _touch(folder / f".{own}.{os.getppid()}.tmp", age=STALE_AFTER + 600)
    assert stale_temporaries(folder, own) == [(reused, "untouched for 70 minutes")]
    assert stale_temporaries(folder, own, now=time.time() - 1200) == []


def test_a_temporary_with_this_processes_pid_is_stale(lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    own = snapshot_name(lib.clock.device)
    mine = _touch(folder / f".{own}.{os.getpid()}.tmp")
    assert [p for p, _ in stale_temporaries(folder, own)] == [mine]


def test_the_cli_reports_what_it_cleaned(tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    cli = Cli(tmp_path / "home" / "library.db")
    first = cli.json("sync", "--dir", str(folder))
    own = Path(first["published"]).name
    leftover = _touch(folder / f".{own}.{_gone_pid()}.tmp-journal", age=5)
    data = cli.json("sync", "--dir", str(folder))
    assert data["cleaned"] == [{"path": str(leftover), "reason": data["cleaned"][0]["reason"],
                                "removed": True}]
    assert not leftover.exists()
    _touch(leftover)
    text = cli("sync", "--dir", str(folder), "--dry-run")
    assert text.exit_code == 0 and f"would remove stale temporary {leftover}" in text.stdout
    assert "1 stale temporary file to remove" in text.stdout.splitlines()[-1]
    assert leftover.exists()
