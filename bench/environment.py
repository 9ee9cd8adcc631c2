"""The machine and versions a run was made on (printed with the table, saved beside the JSON)."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.platform()


def _commit() -> str | None:
    """HEAD's short hash, with ``+dirty`` when the work tree has uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, timeout=10, check=False)
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                                cwd=ROOT, capture_output=True, text=True, timeout=10,
                                check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    commit = head.stdout.strip()
    return (commit + ("+dirty" if status.stdout.strip() else "")) or None


def environment(mode: str, n: int) -> dict[str, Any]:
    """Return the run's mode and size, versions, and the machine's CPU, cores, RAM and OS."""
    return {
        "mode": mode,
        "articles": n,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "textual": _version("textual"),
        "pygments": _version("pygments"),
        "sqlite_utils": _version("sqlite-utils"),
        "readmark_commit": _commit(),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": _ram_gb(),
        "os": _os_name(),
        "platform": f"{sys.platform} {platform.machine()}",
    }


def describe(env: dict[str, Any]) -> str:
    """Return one line describing the machine and versions, for the Markdown output."""
    return (f"{env['cpu']}, {env['cores']} cores, {env['ram_gb']} GB RAM, {env['os']}; "
            f"Python {env['python']}, SQLite {env['sqlite']}, Textual {env['textual']}, "
            f"Pygments {env['pygments']}, sqlite-utils {env['sqlite_utils']}; "
            f"readmark {env['readmark_commit']}; mode {env['mode']}, "
            f"{env['articles']:,} articles")
