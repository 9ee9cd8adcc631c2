"""``sync --dir`` killed with SIGKILL at seeded points loses nothing and leaves no lasting mess.

A child process runs a folder sync (merge the other machine's snapshot, publish ours) and kills
itself: at a VM-step count drawn from a seeded sequence (a SQLite progress handler, so the kill
lands inside the merge, the backup or the snapshot's ``VACUUM INTO``), or just before or just
after the snapshot's atomic rename. After each kill:

* the library and every snapshot in the folder pass ``PRAGMA integrity_check``;
* the library holds the state before the sync or after it, and every commit made before it;
* the other machine's snapshot is untouched; ours is the old one or a complete new one;
* the next ordinary ``sync --dir`` succeeds, removes the killed run's temporaries, and both
  machines then hold every highlight either made.

The counts (kills, integrity failures, lost commits, temporaries left and removed) are printed.
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
from reader.library.merging import synced_state, write_snapshot
from reader.store.merge import validate as merge_validate
from reader.sync import folder as folder_module
from reader.sync.folder import snapshot_name, sync

pytestmark = pytest.mark.slow  # real processes (see docs/DEVELOPING.md, Test tiers)
REPO = Path(__file__).resolve().parents[2]
STEP = 500  # VM instructions between progress-handler calls
SEED = 20261204
TICK_KILLS = 5  # kill points drawn from the whole run, and as many from the publish alone

CHILD = """
import os, signal, sys, time
from pathlib import Path
from reader.library import Library
from reader.store.merge import validate as merge_validate
from reader.store import snapshot
from reader.sync import folder
from reader.sync.folder import sync
lib = Library(Path(sys.argv[1]))
point = sys.argv[3]
step = int(sys.argv[4])
ticks = 0
def die():
    os.kill(os.getpid(), signal.SIGKILL)
def tick():
    global ticks
    ticks += 1
    if point.isdigit() and ticks >= int(point):
        die()
    return 0
lib.conn.set_progress_handler(tick, step)
# The merge's deadline takes over the progress handler: its checks tick too, and ours is put
# back for the publish.
class Ticking:
    time_ns = staticmethod(time.time_ns)
    @staticmethod
    def monotonic():
        tick()
        return time.monotonic()
merge_validate.time = Ticking
merge_validate.PROGRESS_STEPS = step
publish = folder.write_snapshot
def publishing(lib_, target):
    lib.conn.set_progress_handler(tick, step)
    return publish(lib_, target)
folder.write_snapshot = publishing
def wrap(original, when):
    def wrapped(path):
        if point == when:
            die()
        return original(path)
    return wrapped
snapshot._fsync = wrap(snapshot._fsync, "before-rename")
snapshot._fsync_dir = wrap(snapshot._fsync_dir, "after-rename")
print("go", flush=True)
run = sync(lib, Path(sys.argv[2]))
print("done" if not run.errors else "errors: " + "; ".join(run.errors), flush=True)
"""


def _body(rng: random.Random) -> str:
    words = ["harbour", "council", "tide", "ferry", "winter", "gauge", "pier", "vote"]
    return "\n\n".join(" ".join(rng.choice(words) for _ in range(30)).capitalize() + "."
                       for _ in range(4))


def _fill(lib: Library, seed: int, articles: int) -> set[str]:
    """Articles (half shared by every seed) with highlights; returns the highlight ids."""
    rng, common = random.Random(seed), random.Random(0)
    made = set()
    for i in range(articles):
        shared = i < articles // 2
        url = f"https://news.example/{i if shared else f'{seed}-{i}'}"
        body = _body(common if shared else rng)
        aid = lib.import_article(Article(title=f"Story {url}", body=body, url=url)).id
        for _ in range(4):
            start = rng.randrange(len(body) - 30)
            made.add(lib.add_highlight(aid, start, start + 20, note=f"{seed}").id)
    return made


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()


def _state(path: Path) -> dict[str, object]:
    with Library(path) as lib:
        return synced_state(lib)


def _restore(template: Path, target: Path) -> None:
    """Put the template's bytes back into ``target`` (same file, so the same replica)."""
    for side in ("-journal", "-wal", "-shm"):
        Path(str(target) + side).unlink(missing_ok=True)
    shutil.copyfile(template, target)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_sync_dir_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                       ) -> None:
    folder, saved = tmp_path / "Sync", tmp_path / "saved"
    folder.mkdir()
    saved.mkdir()
    home = tmp_path / "a" / "library.db"
    other = tmp_path / "b" / "library.db"
    with Library(home) as a, Library(other) as b:
        made_a = _fill(a, 1, 16)
        sync(a, folder)  # an older snapshot of ours, to be replaced
        made_a |= _fill(a, 3, 6)  # committed since: must reach the folder
        made_b = _fill(b, 2, 16)
        sync(b, folder)
        own = folder / snapshot_name(a.clock.device)
        theirs = folder / snapshot_name(b.clock.device)
    shutil.copyfile(home, saved / "a.db")
    shutil.copyfile(other, saved / "b.db")
    shutil.copytree(folder, saved / "Sync")
    before, old_snapshot = _state(home), _state(own)
    theirs_bytes = theirs.read_bytes()

    # Calibrate: how many progress ticks a whole sync takes (and where its publish starts),
    # and the state after it.
    ticks, publish_at = [0], [0]

    def count() -> int:
        ticks[0] += 1
        return 0

    class Ticking:  # the merge's deadline checks tick too (it takes the progress handler)
        time_ns = staticmethod(time.time_ns)

        @staticmethod
        def monotonic() -> float:
            count()
            return time.monotonic()

    with monkeypatch.context() as patch, Library(home) as lib:

        def publishing(lib_: Library, target: Path) -> Path:
            publish_at[0] = ticks[0]
            lib.conn.set_progress_handler(count, STEP)
            return write_snapshot(lib_, target)

        patch.setattr(folder_module, "write_snapshot", publishing)
        patch.setattr(merge_validate, "time", Ticking)
        patch.setattr(merge_validate, "PROGRESS_STEPS", STEP)
        lib.conn.set_progress_handler(count, STEP)
        assert sync(lib, folder).errors == []
        lib.conn.set_progress_handler(None, 0)
        after = synced_state(lib)
    assert before != after and 50 < publish_at[0] < ticks[0] - 2

    rng = random.Random(SEED)
    points = [str(rng.randint(1, ticks[0] - 1)) for _ in range(TICK_KILLS)]
    points += [str(rng.randint(publish_at[0] + 1, ticks[0] - 1)) for _ in range(TICK_KILLS)]
    points += ["before-rename", "after-rename"]
    counts = {"runs": 0, "kills": 0, "integrity_failures": 0, "lost_commits": 0,
              "temporaries_left": 0, "temporaries_removed": 0, "old_snapshot_kept": 0}
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for point in points:
        _restore(saved / "a.db", home)
        shutil.rmtree(folder)
        shutil.copytree(saved / "Sync", folder)
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(home), str(folder), point, str(STEP)],
            stdout=subprocess.PIPE, env=env, text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "go"
        child.wait(timeout=120)
        counts["runs"] += 1
        counts["kills"] += child.returncode == -signal.SIGKILL
        snapshots = sorted(p for p in folder.glob("*.db"))
        for path in [home, *snapshots]:
            counts["integrity_failures"] += _integrity(path) != "ok"
        state = _state(home)  # a hot journal is rolled back here
        assert state in (before, after), point
        assert theirs.read_bytes() == theirs_bytes
        snapshot_state = _state(own)
        assert snapshot_state in (old_snapshot, after), point
        counts["old_snapshot_kept"] += snapshot_state == old_snapshot
        leftovers = [p for p in folder.iterdir() if p.name.endswith((".tmp", ".tmp-journal"))]
        counts["temporaries_left"] += len(leftovers)

        # The next ordinary run cleans up and finishes the job.
        with Library(home) as lib:
            run = sync(lib, folder)
            assert run.errors == [] and run.warnings == []
            counts["temporaries_removed"] += len(run.cleaned)
            assert synced_state(lib) == after
            have = {h for h in made_a | made_b if lib.get_highlight(h) is not None}
        with Library(other) as b:
            run_b = sync(b, folder)
            assert run_b.errors == []
            have_b = {h for h in made_a | made_b if b.get_highlight(h) is not None}
        _restore(saved / "b.db", other)  # b's library as it was, for the next run
        counts["lost_commits"] += len((made_a | made_b) - have) + len((made_a | made_b) - have_b)
        assert sorted(p.name for p in folder.iterdir()) == sorted([own.name, theirs.name])

    print("\nsync --dir kill -9:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    assert counts["kills"] == len(points)
    assert counts["integrity_failures"] == 0 and counts["lost_commits"] == 0
    assert counts["temporaries_left"] >= TICK_KILLS  # kills that landed mid-publish …
    assert counts["temporaries_removed"] == counts["temporaries_left"]  # … and were cleaned
    assert 0 < counts["old_snapshot_kept"] < len(points)
