"""``readmark import`` under faults: a kill -9 at any point, and a disk that fills up.

What the import printed as ``new`` or ``updated`` must be in the library whatever happens next:
a file's line is printed only after the commit that saved it. Each case runs the real command
in a child process on a real library file.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.library import Library
from tests.conftest import REPO

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and RLIMIT_FSIZE")]

STEP = 5000  # SQLite VM instructions between progress-handler calls in the child
WORDS = "harbour council tide ferry winter gauge pier vote budget street".split()
LINE = re.compile(r"^(new|updated|unchanged|skipped|failed)\s+(.+?) → (\w+) ")

# The real command, with a progress handler on the library's connection that kills the
# process (SIGKILL, no cleanup) at its KILL_AT-th call: a point inside SQLite the test chose.
# With KILL_AT 0 it runs to the end and reports the number of calls on stderr.
CHILD = """
import atexit, os, signal, sys
from reader.library import service as library
kill_at, step = int(sys.argv[1]), int(sys.argv[2])
calls = 0
def tick():
    global calls
    calls += 1
    if kill_at and calls >= kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return 0
opened = library.Library.__init__
def init(self, *args, **kwargs):
    opened(self, *args, **kwargs)
    self.conn.set_progress_handler(tick, step)
library.Library.__init__ = init
atexit.register(lambda: print(f"calls={calls}", file=sys.stderr))
from reader.cli import cli
cli(sys.argv[3:], prog_name="readmark")
"""


def write_articles(folder: Path, count: int, seed: int, stamp: str) -> None:
    """Write ``count`` distinct articles (own title and URL each) ending in ``stamp``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        body = "\n\n".join(
            " ".join(rng.choice(WORDS) for _ in range(50)).capitalize() + "." for _ in range(4)
        )
        (folder / f"story-{i:04d}.md").write_text(
            f"---\ntitle: Story number {i}\nurl: https://news.example/{i}\n---\n\n"
            f"{body}\n\n{stamp}\n",
            encoding="utf-8",
        )


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def live_bodies(path: Path) -> dict[str, str]:
    """Article id → body of every live article (opening the library rolls back a hot journal)."""
    with Library(path) as lib:
        rows = lib.conn.execute("SELECT id, body FROM articles WHERE deleted IS NULL").fetchall()
    return {row[0]: row[1] for row in rows}


def printed(stdout: str) -> list[tuple[str, str, str]]:
    """The ``(status, source, id)`` of every complete result line the import printed."""
    return [(m.group(1), m.group(2), m.group(3))
            for m in map(LINE.match, stdout.splitlines()) if m]


def child_import(db: Path, folder: Path, kill_at: int = 0) -> subprocess.Popen[str]:
    """Start ``readmark --db DB import FOLDER`` in a child (unbuffered output)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(kill_at), str(STEP), "--db", str(db), "import",
         str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def test_kill_9_never_loses_a_file_reported_as_saved(tmp_path: Path) -> None:
    """kill -9 at seeded points, half inside SQLite (at a chosen progress-handler call), half
    by the parent after a seeded delay: after each kill the library passes integrity_check and
    holds every file whose ``new``/``updated`` line was printed, as that version."""
    db, folder = tmp_path / "library.db", tmp_path / "in"
    rng = random.Random(12)
    write_articles(folder, 1000, 0, "Calibration.")
    probe = child_import(tmp_path / "probe.db", folder)
    started = time.monotonic()
    _, err = probe.communicate(timeout=300)
    seconds = time.monotonic() - started
    assert probe.returncode == 0, err
    calls = int(re.findall(r"calls=(\d+)", err)[-1])

    kills = printed_total = lost_total = 0
    for round_ in range(8):
        # Every round rewrites the files (``updated``) and adds more (``new``).
        stamp = f"Round {round_}."
        write_articles(folder, 1000 + 50 * round_, round_, stamp)
        self_kill = round_ % 2 == 0
        child = child_import(db, folder, rng.randint(1, calls) if self_kill else 0)
        if not self_kill:
            time.sleep(rng.uniform(0.1, seconds))
            child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=300)
        kills += child.returncode == -signal.SIGKILL
        assert integrity(db) == "ok", f"round {round_}: {err}"
        bodies = live_bodies(db)
        assert integrity(db) == "ok", f"round {round_}"
        reported = [(aid, src) for status, src, aid in printed(out)
                    if status in ("new", "updated")]
        lost = [src for aid, src in reported if stamp not in bodies.get(aid, "")]
        printed_total += len(reported)
        lost_total += len(lost)
        assert not lost, f"round {round_}: printed but not saved: {lost[:3]}"
    print(f"kills={kills} printed={printed_total} saved={printed_total - lost_total} "
          f"lost={lost_total}")
    assert kills >= 4  # the self-kills at least
    assert printed_total > 0


def limited_import(
    db: Path, folder: Path, max_bytes: int, *extra: str
) -> subprocess.CompletedProcess[str]:
    """Run ``readmark import`` in a child that cannot write files past ``max_bytes`` (SIGXFSZ
    ignored, so a write past the limit fails with EFBIG as on a full disk)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db), "import", str(folder), *extra],
        capture_output=True, text=True, env=env, timeout=300, preexec_fn=limit, check=False,
    )


def test_full_disk_is_one_error_and_true_totals(tmp_path: Path) -> None:
    db, folder = tmp_path / "library.db", tmp_path / "in"
    write_articles(folder, 1000, 3, "Full disk.")
    Library(db).close()
    done = limited_import(db, folder, db.stat().st_size + 2_000_000)
    assert done.returncode == 1
    errors = done.stderr.splitlines()
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"readmark: error: {db}: cannot write library: ")
    assert "import stopped" in errors[0]
    assert integrity(db) == "ok"
    bodies = live_bodies(db)
    lines = done.stdout.splitlines()
    reported = printed(done.stdout)
    assert [status for status, _, _ in reported] == ["new"] * len(bodies)
    assert {aid for _, _, aid in reported} == set(bodies)
    assert lines[-1] == (f"{len(bodies)} file(s): {len(bodies)} new, 0 updated, 0 unchanged, "
                         "0 skipped, 0 failed")
    assert len(lines) == len(bodies) + 1  # nothing printed after the failure
    assert len(bodies) < 1000
    print(f"full disk: {len(lines) - 1} printed, {len(bodies)} saved; {errors[0]}")

    again = limited_import(db, folder, db.stat().st_size + 300_000, "--json")
    report = json.loads(again.stdout)
    assert again.returncode == 1 and "cannot write library" in report["error"]
    assert again.stderr == ""
    assert integrity(db) == "ok"
    after = live_bodies(db)
    assert report["totals"]["new"] == len(after) - len(bodies)
    statuses = [r["status"] for r in report["results"]]  # the batches that were committed
    assert statuses == (["unchanged"] * len(bodies) + ["new"] * 1000)[: len(statuses)]
