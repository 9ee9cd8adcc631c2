"""``readmark merge-driver %O %A %B``: git merges two edited library files with readmark."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.ingest.article import Article
from reader.library import Library
from reader.library.merging import SyncError
from reader.store.clock import Clock
from reader.sync.driver import merge_driver
from tests.conftest import REPO, Cli

BODY = "The bridge reopens in May. Engineers found the cables sound after a year of tests."


def _library(path: Path, device: str) -> Library:
    lib = Library(path, clock=Clock(device))
    lib.import_article(Article(title="Bridge", body=BODY, url="https://city.example/bridge"))
    return lib


def _mark(lib: Library, phrase: str) -> str:
    article = lib.resolve("Bridge")
    start = article.body.index(phrase)
    return lib.add_highlight(article.id, start, start + len(phrase)).id


def test_driver_merges_theirs_into_ours(tmp_path: Path) -> None:
    ours = _library(tmp_path / "ours.db", "ours")
    theirs = Library(tmp_path / "theirs.db", clock=Clock("theirs"))
    ours.close()
    shutil.copyfile(ours.path, theirs.path)
    base = tmp_path / "base.db"
    shutil.copyfile(ours.path, base)
    ours = Library(ours.path, clock=Clock("ours"))
    h1 = _mark(ours, "reopens in May")
    h2 = _mark(theirs, "cables sound")
    ours.close()
    theirs.close()
    report = merge_driver(base, ours.path, theirs.path)
    assert report.highlights_added == 1 and report.backup is None
    merged = Library(ours.path)
    try:
        assert merged.get_highlight(h1) is not None and merged.get_highlight(h2) is not None
    finally:
        merged.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["base.db", "ours.db", "theirs.db"]


def test_driver_refuses_what_is_no_library(tmp_path: Path) -> None:
    ours = _library(tmp_path / "ours.db", "ours")
    ours.close()
    before = ours.path.read_bytes()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all" * 64)
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    for theirs in (junk, empty, tmp_path / "missing.db"):
        with pytest.raises(SyncError, match=re.escape(theirs.name)):
            merge_driver(empty, ours.path, theirs)
    with pytest.raises(SyncError, match=r"empty\.db"):
        merge_driver(junk, empty, ours.path)
    assert ours.path.read_bytes() == before


def test_merge_driver_command_errors_are_one_line(run: Cli, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"x" * 100)
    result = run("merge-driver", str(junk), str(junk), str(tmp_path / "nope.db"))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "nope.db" in result.stderr


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_git_merge_uses_the_driver(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "Test")
    _git(repo, "config", "commit.gpgsign", "false")
    # As the README says, with this interpreter standing in for the readmark script.
    driver = f'"{sys.executable}" -m reader merge-driver %O %A %B'
    _git(repo, "config", "merge.readmark.driver", driver)
    (repo / ".gitattributes").write_text("*.db merge=readmark\n", encoding="utf-8")
    db = repo / "library.db"
    _library(db, "laptop").close()
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "library")
    _git(repo, "checkout", "-q", "-b", "desktop")
    desk = Library(db, clock=Clock("desktop"))
    h_desk = _mark(desk, "cables sound")
    desk.close()
    _git(repo, "commit", "-q", "-am", "desktop highlight")
    _git(repo, "checkout", "-q", "main")
    laptop = Library(db, clock=Clock("laptop"))
    h_lap = _mark(laptop, "reopens in May")
    laptop.close()
    _git(repo, "commit", "-q", "-am", "laptop highlight")
    env_merge = subprocess.run(["git", "merge", "-q", "--no-edit", "desktop"], cwd=repo,
                               capture_output=True, text=True, check=False, timeout=60,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    assert env_merge.returncode == 0, env_merge.stdout + env_merge.stderr
    merged = Library(db)
    try:
        assert merged.get_highlight(h_desk) is not None
        assert merged.get_highlight(h_lap) is not None
    finally:
        merged.close()
    assert _git(repo, "status", "--porcelain") == ""
