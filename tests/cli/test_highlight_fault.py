"""``readmark highlight`` killed with SIGKILL loses nothing it reported as done.

A loop of ``readmark highlight`` commands runs on one library, each as a real process. Most
are killed at a point drawn from a seeded generator: at the k-th batch of SQLite VM steps (a
progress handler), at the k-th SQL statement (a trace callback, so ``BEGIN``, each write
and ``COMMIT`` are all possible), or just after the success line was written and flushed.
After every command the library must pass ``PRAGMA integrity_check``, and every highlight
whose command printed success must be there with the note that command gave it.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, Cli

STEP = 50  # SQLite VM instructions between progress-handler calls
COMMANDS = 40
SEED = 20240501

# Runs the real CLI after arming one kill point; on a normal exit prints how many progress
# ticks and statements there were (to stderr), so the parent can draw points in range.
CHILD = """
import atexit, json, os, signal, sqlite3, sys
kind, point, step = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
counts = {"step": 0, "statement": 0}

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def counter(name):
    def bump(*_):
        counts[name] += 1
        if kind == name and counts[name] == point:
            die()
        return 0
    return bump

real_connect = sqlite3.connect

def connect(*args, **kwargs):
    conn = real_connect(*args, **kwargs)
    conn.set_progress_handler(counter("step"), step)
    conn.set_trace_callback(counter("statement"))
    return conn

sqlite3.connect = connect
import click
real_echo = click.echo

def echo(message=None, *args, **kwargs):
    real_echo(message, *args, **kwargs)
    if kind == "printed" and "highlighted" in str(message):
        sys.stdout.flush()
        die()

click.echo = echo
atexit.register(lambda: print(json.dumps(counts), file=sys.stderr, flush=True))
from reader.cli import cli
cli.main(args=sys.argv[4:], prog_name="readmark")
"""


def sentence(i: int) -> str:
    return f"Item number {i} says the harbour ferry ran {i * 7 % 13} minutes late today."


def quote(i: int) -> str:
    return f"number {i} says the harbour"


def highlight(
    db: Path, kind: str, point: int, i: int, note: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(point), str(STEP), "--db", str(db),
         "highlight", "Fault", "--quote", quote(i), "--note", note],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)  # a hot journal left by the kill is rolled back here
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def present(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT id, note FROM highlights WHERE deleted IS NULL").fetchall()
    finally:
        conn.close()
    return {str(hid): str(note) for hid, note in rows}


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_highlight_commands_lose_nothing_reported(run: Cli) -> None:
    body = "\n\n".join(sentence(i) for i in range(COMMANDS))
    run("import", "-", input=f"# Fault drill\n\n{body}\n")
    db = run.db
    calibration = highlight(db, "none", 0, 0, "calibration")
    assert calibration.returncode == 0, calibration.stderr
    counts = json.loads(calibration.stderr.strip().splitlines()[-1])
    assert counts["step"] > 0 and counts["statement"] > 0
    rng = random.Random(SEED)
    promised: dict[str, str] = {}  # highlight id -> note its command reported
    kills = integrity_failures = 0
    lost: list[str] = []
    for n in range(COMMANDS):
        kind = rng.choice(["step", "step", "statement", "statement", "printed", "none"])
        point = rng.randint(1, counts[kind]) if kind in counts else 0
        i = rng.randrange(COMMANDS)  # some quotes come up again: an update, not an insert
        note = f"note {n} of kind {kind} at {point}"
        done = highlight(db, kind, point, i, note)
        if done.returncode == -signal.SIGKILL:
            kills += 1
        else:
            assert done.returncode == 0, done.stderr
        for line in done.stdout.splitlines():
            if line.startswith("highlighted "):
                promised[line.split()[1]] = note
        if integrity(db) != "ok":
            integrity_failures += 1
        now = present(db)
        lost = [hid for hid, note_ in promised.items()
                if hid not in now or (now[hid] != note_ and not _later(now[hid], note_))]
        assert not lost, f"after command {n} ({kind} at {point}): lost {lost}"
    print(f"\nhighlight fault drill: {COMMANDS} commands, {kills} killed, "
          f"{integrity_failures} integrity failures, {len(lost)} lost, "
          f"{len(promised)} highlights reported")
    assert integrity_failures == 0
    assert kills >= COMMANDS // 2
    assert any(line.startswith("highlighted ") for line in calibration.stdout.splitlines())


def _later(stored: str, promised: str) -> bool:
    """Whether the stored note was written by a later command than the promised one (the
    same quote highlighted again, by a command killed after its commit)."""
    return int(stored.split()[1]) > int(promised.split()[1]) if stored.startswith("note ") \
        else False
