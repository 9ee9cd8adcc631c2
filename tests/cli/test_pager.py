"""``readmark show`` through a pager: colours only where the pager shows them.

``show`` runs as a real process on a pseudo-terminal (the pager is used only on a terminal)
with a pager script in ``tmp_path`` that records the ``LESS`` it was given and what it read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, Cli

pytestmark = pytest.mark.slow  # real processes (see docs/DEVELOPING.md, Test tiers)

pty = pytest.importorskip("pty")

ARTICLE = (
    "# Ferry vote\n\n"
    "\u201cWe cannot wait another winter for this,\u201d said Mara Quill, who chairs the "
    "ferry board, before the council voted on the harbour bridge.\n"
)
PAGER_SCRIPT = """#!/bin/sh
printf '%s' "${LESS-<unset>}" > "$RECORD.env"
cat > "$RECORD.in"
"""


def _pager(bin_dir: Path, name: str) -> Path:
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / name
    script.write_text(PAGER_SCRIPT, encoding="ascii")
    script.chmod(0o755)
    return script


def _show_on_a_terminal(db: Path, env: dict[str, str], *args: str) -> int:
    """Run ``readmark show`` with stdin and stdout on a pseudo-terminal; return its status."""
    master, slave = os.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reader", "--db", str(db), "show", "Ferry", *args],
            stdin=slave, stdout=slave, stderr=slave, env=env, cwd=REPO,
        )
    finally:
        os.close(slave)
    try:
        while True:  # drain the terminal so the process never blocks on it
            try:
                if not os.read(master, 65536):
                    break
            except OSError:  # EIO: the terminal's other side is closed
                break
        return proc.wait(timeout=60)
    finally:
        os.close(master)


@pytest.fixture
def setup(run: Cli, tmp_path: Path) -> tuple[Path, dict[str, str], Path]:
    run("import", "-", input=ARTICLE)
    record = tmp_path / "record"
    env = {k: v for k, v in os.environ.items() if k not in ("PAGER", "LESS", "NO_COLOR")}
    env.update(PYTHONPATH=str(REPO), TERM="xterm-256color", COLUMNS="80", LINES="24",
               RECORD=str(record), PATH=f"{tmp_path / 'bin'}{os.pathsep}{env.get('PATH', '')}")
    return run.db, env, record


def test_less_gets_raw_mode_when_less_is_unset(
    setup: tuple[Path, dict[str, str], Path], tmp_path: Path
) -> None:
    db, env, record = setup
    _pager(tmp_path / "bin", "less")  # the default pager, found on PATH
    assert _show_on_a_terminal(db, env) == 0
    assert Path(f"{record}.env").read_text() == "-R"
    paged = Path(f"{record}.in").read_text(encoding="utf-8")
    assert "\x1b[" in paged and "Mara Quill" in paged


@pytest.mark.parametrize(("less", "coloured"), [("-F -X", False), ("-FRX", True), ("-r", True)])
def test_a_set_less_is_kept_and_decides_colour(
    setup: tuple[Path, dict[str, str], Path], tmp_path: Path, less: str, coloured: bool
) -> None:
    db, env, record = setup
    _pager(tmp_path / "bin", "less")
    assert _show_on_a_terminal(db, {**env, "LESS": less}) == 0
    assert Path(f"{record}.env").read_text() == less
    paged = Path(f"{record}.in").read_text(encoding="utf-8")
    assert ("\x1b[" in paged) is coloured and "Mara Quill" in paged


def test_other_pagers_get_plain_text(
    setup: tuple[Path, dict[str, str], Path], tmp_path: Path
) -> None:
    db, env, record = setup
    pager = _pager(tmp_path / "bin", "mypager")
    assert _show_on_a_terminal(db, {**env, "PAGER": str(pager)}) == 0
    assert Path(f"{record}.env").read_text() == "<unset>"
    paged = Path(f"{record}.in").read_text(encoding="utf-8")
    assert "\x1b" not in paged and "Mara Quill" in paged


def test_less_named_in_pager_with_raw_option_keeps_colour(
    setup: tuple[Path, dict[str, str], Path], tmp_path: Path
) -> None:
    db, env, record = setup
    pager = _pager(tmp_path / "bin", "less")
    assert _show_on_a_terminal(db, {**env, "PAGER": f"{pager} -R", "LESS": "-X"}) == 0
    assert "\x1b[" in Path(f"{record}.in").read_text(encoding="utf-8")
