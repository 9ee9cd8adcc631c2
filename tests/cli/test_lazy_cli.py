"""Lazy start-up: commands import their modules on use, yet every one is listed and reachable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from reader.cli import LAZY_COMMANDS, cli, load_command, summary_command
from reader.library import Library
from tests.conftest import ARTICLES, REPO, Cli

# Every public command, written out: a command dropped from (or added to) the lazy mapping
# without updating this list fails here.
EXPECTED = [
    "export", "highlight", "highlights", "import", "import-annotations", "info", "list",
    "merge-driver", "note", "quotes", "rm", "search", "show", "speakers", "sync", "tag",
    "unhighlight",
]

# Imported by some commands, never needed to print the version.
HEAVY = ("textual", "rich", "jinja2", "dateutil", "sqlite_utils", "yaml", "frontmatter",
         "rapidfuzz", "reader.text", "reader.store", "reader.library", "reader.tui",
         "reader.export", "reader.ingest.reader", "reader.commands")

_PROBE = """
import json, runpy, sys
sys.argv = ["readmark", *sys.argv[1:]]
try:
    runpy.run_module("reader", run_name="__main__")
except SystemExit:
    pass
sys.stdout.flush()
print("\\nMODULES=" + json.dumps(sorted(sys.modules)))
"""


def _modules_after(*args: str, tmp_path: Path) -> tuple[list[str], str]:
    """Run ``python -m reader ARGS`` in a fresh interpreter; return its modules and output."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("READMARK_DB", None)
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True,
                          text=True, env=env, cwd=tmp_path, check=True)
    output, _, modules = done.stdout.rpartition("\nMODULES=")
    return json.loads(modules), output


def _loaded(modules: list[str], prefix: str) -> bool:
    return any(m == prefix or m.startswith(prefix + ".") for m in modules)


def test_help_lists_every_command_once() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    section = result.output.split("Commands:\n", 1)[1]
    listed = [line.split()[0] for line in section.splitlines() if line.startswith("  ")]
    assert listed == EXPECTED
    assert sorted(LAZY_COMMANDS) == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_every_command_is_reachable(name: str) -> None:
    command = load_command(name)
    assert isinstance(command, click.Command) and command.name == name
    result = CliRunner().invoke(cli, [name, "--help"], prog_name="readmark")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: readmark {name} ")


@pytest.mark.parametrize("name", EXPECTED)
def test_summary_matches_the_commands_own_help(name: str) -> None:
    """``--help`` shows the mapping's summary: it must say what the command's docstring says."""
    command = load_command(name)
    for limit in (30, 45, 60, 200):
        assert summary_command(name).get_short_help_str(limit) == command.get_short_help_str(limit)


def test_a_mistyped_command_still_gets_a_suggestion() -> None:
    result = CliRunner().invoke(cli, ["hightlights"])
    assert result.exit_code == 2
    assert "No such command or file 'hightlights'. Did you mean 'highlights'?" in result.output


def test_lazy_commands_run(run: Cli) -> None:
    run.json("import", str(ARTICLES / "byline.txt"))
    assert [a["title"] for a in run.json("list")] == ["Harbor Fees to Rise Next Year"]
    assert run.json("highlights") == []


def test_version_imports_no_command_module(tmp_path: Path) -> None:
    modules, output = _modules_after("--version", tmp_path=tmp_path)
    assert output.strip().startswith("readmark, version ")
    assert [m for m in modules if any(_loaded([m], heavy) for heavy in HEAVY)] == []


def test_list_imports_neither_the_tui_nor_the_text_engine(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    Library(db).close()  # an existing library: creating one may need more (the schema)
    modules, output = _modules_after("--db", str(db), "list", "--limit", "20", "--json",
                                     tmp_path=tmp_path)
    assert json.loads(output) == []
    assert _loaded(modules, "reader.store")
    for heavy in ("textual", "rich", "jinja2", "sqlite_utils", "reader.text", "reader.tui",
                  "reader.export", "reader.ingest.reader"):
        assert not _loaded(modules, heavy), heavy
