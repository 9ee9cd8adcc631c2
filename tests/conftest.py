"""Shared fixtures: a real library file in ``tmp_path`` and a CLI runner bound to it."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from reader.cli import cli
from reader.library import Library

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = FIXTURES / "articles"
REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"

# Hypothesis profiles. ``ci`` (also the default, ``dev``) is derandomized: the same examples on
# every run and machine, so a red build is reproducible and a green one means the same thing
# everywhere. ``long`` draws fresh random examples, many more: run it on demand
# (docs/DEVELOPING.md; ``HYPOTHESIS_MAX_EXAMPLES`` changes its count) and pin what it finds
# with ``@example``. Tests that set their own ``max_examples`` keep it; the profile sets the rest.
_PROFILE_ENV = "HYPOTHESIS_PROFILE"
settings.register_profile("ci", derandomize=True, database=None, deadline=None,
                          print_blob=True, max_examples=100)
settings.register_profile("dev", settings.get_profile("ci"))
settings.register_profile("long", deadline=None, print_blob=True, derandomize=False,
                          max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES") or 1000))
settings.load_profile(os.environ.get(_PROFILE_ENV) or ("ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the user's real data, config and device id."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("READMARK_DEVICE", "testdevice01")
    monkeypatch.delenv("READMARK_DB", raising=False)


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """Path of a (not yet created) library file."""
    return tmp_path / "lib" / "library.db"


@pytest.fixture
def lib(db_file: Path) -> Iterator[Library]:
    """An open, empty library on a real file."""
    library = Library(db_file)
    yield library
    library.close()


class Cli:
    """Runs ``readmark --db DB ...`` in-process and decodes ``--json`` output."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None) -> Result:
        return self.runner.invoke(cli, ["--db", str(self.db), *args], input=input,
                                  catch_exceptions=False)

    def json(self, *args: str, input: str | bytes | None = None, code: int = 0) -> Any:
        result = self(*args, "--json", input=input)
        assert result.exit_code == code, result.output
        return json.loads(result.stdout)


@pytest.fixture
def run(db_file: Path) -> Cli:
    """The CLI bound to this test's library."""
    return Cli(db_file)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the test tiers: everything under ``tests/tui`` is ``tui``.

    ``pytest -m "not tui and not slow"`` is the quick tier; CI runs everything.
    """
    tui_dir = Path(__file__).parent / "tui"
    for item in items:
        if tui_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.tui)
