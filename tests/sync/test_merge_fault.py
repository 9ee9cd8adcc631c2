"""A merge killed with SIGKILL leaves the library as it was before or as it is after.

A child process merges a big library into another and is killed: half the runs by the parent
after a random delay, half by itself at a random point inside SQLite (the merge's deadline
check, a progress handler run every few VM steps, is counted, so the kill surely lands
mid-transaction). After each kill the library,
reopened, must pass ``PRAGMA integrity_check`` and hold exactly the before or the after state.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.ingest.article import Article
from reader.library import Library
from reader.library.merging import merge_file, synced_state
from reader.store.merge import validate as merge_validate

REPO = Path(__file__).resolve().parents[2]
STEP = 2000  # VM instructions between progress-handler calls

CHILD = """
import os, signal, sys, time
from pathlib import Path
from reader.library import Library
from reader.store.merge import validate as merge_validate
from reader.library.merging import merge_file
lib = Library(Path(sys.argv[1]))
kill_at = int(sys.argv[3])
ticks = 0
class Ticking:
    time_ns = staticmethod(time.time_ns)
    @staticmethod
    def monotonic():
        global ticks
        ticks += 1
        if kill_at and ticks >= kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return time.monotonic()
merge_validate.time = Ticking
merge_validate.PROGRESS_STEPS = int(sys.argv[5])
print("go", flush=True)
merge_file(lib, Path(sys.argv[2]), backup=sys.argv[4] == "1")
print("done", flush=True)
"""


def paragraphs(rng: random.Random, n: int) -> str:
    words = ["harbour", "council", "tide", "ferry", "winter", "gauge", "pier", "vote"]
    return "\n\n".join(
        " ".join(rng.choice(words) for _ in range(40)).capitalize() + "." for _ in range(n)
    )


def build(path: Path, seed: int, articles: int, shared: int) -> None:
    """A library of ``articles`` articles (the first ``shared`` common to every seed) with
    highlights and notes that differ by seed."""
    rng = random.Random(seed)
    common = random.Random(0)
    with Library(path) as lib:
        items = []
        for i in range(articles):
            own = i < shared
            src = common if own else rng
            url = f"https://news.example/{i if own else f'{seed}-{i}'}"
            items.append(Article(title=f"Article {url}", body=paragraphs(src, 6), url=url))
        lib.import_many(items)
        rows = lib._rows("SELECT id, body FROM articles")
        with lib.batch() as tick:
            for row in rows:
                for _ in range(8):
                    start = rng.randrange(len(row["body"]) - 30)
                    lib.add_highlight(row["id"], start, start + 25,
                                      note=f"note {seed} {rng.random()}")
                lib.set_article_note(row["id"], f"article note {seed}")
                tick()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


class Ticking:
    """Stands for the ``time`` module of the merge's deadline check: counts its calls."""

    ticks = 0
    time_ns = staticmethod(time.time_ns)

    @classmethod
    def monotonic(cls) -> float:
        cls.ticks += 1
        return time.monotonic()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.slow
def test_killed_merge_leaves_before_or_after(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    build(mine, 1, 120, 60)
    build(theirs, 2, 120, 60)
    with Library(mine) as lib:
        before = synced_state(lib)
    trial = tmp_path / "trial.db"
    shutil.copyfile(mine, trial)
    with Library(trial) as lib:
        monkeypatch.setattr(merge_validate, "time", Ticking)
        monkeypatch.setattr(merge_validate, "PROGRESS_STEPS", STEP)
        started = time.perf_counter()
        report = merge_file(lib, theirs, backup=False)
        seconds = time.perf_counter() - started
        monkeypatch.undo()
        after = synced_state(lib)
    ticks = [Ticking.ticks]
    assert report.highlights_added > 0 and report.revisions_kept > 0 and before != after
    rng = random.Random(7)
    outcomes = []
    for run in range(8):
        victim = tmp_path / f"victim{run}.db"
        shutil.copyfile(mine, victim)
        self_kill = run % 2 == 1
        kill_at = rng.randint(1, ticks[0]) if self_kill else 0
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(victim), str(theirs), str(kill_at),
             "1" if run % 4 == 0 else "0", str(STEP)],
            stdout=subprocess.PIPE, env=env, text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "go"
        if not self_kill:
            time.sleep(rng.uniform(0, seconds * 1.2))
            child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        assert integrity(victim) == "ok"
        with Library(victim) as lib:  # a hot journal is rolled back here
            state = synced_state(lib)
            assert integrity(victim) == "ok"
        assert state in (before, after)
        outcomes.append((child.returncode, state == after))
    killed = [o for o in outcomes if o[0] == -signal.SIGKILL]
    assert len(killed) >= 4  # the self-kills at least
    assert any(not done for _, done in killed)  # some kill landed before the commit
