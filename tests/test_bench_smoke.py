"""The benchmark suite still runs: ``python -m bench --smoke`` on a tiny corpus.

Only the shape of the output is checked (documented keys, numbers where measured); timings and
ratios are never asserted in tests (see docs/DEVELOPING.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

KEYS = {"metric", "value", "unit", "baseline", "baseline_value", "ratio", "target", "met"}
TARGET_KINDS = {"ratio_min", "ratio_max", "abs_over_baseline_max_ms", "value_max"}


@pytest.mark.slow
def test_smoke_run_writes_documented_json(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--json", str(out),
         "--workdir", str(tmp_path / "work")],
        cwd=REPO, capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "| metric | readmark |" in proc.stdout

    results = json.loads(out.read_text())
    assert isinstance(results, list) and results
    names = [r["metric"] for r in results]
    assert len(names) == len(set(names))
    for result in results:
        assert result.keys() >= KEYS, result
        assert "crashed" not in result["metric"], result
        if result["target"] is not None:
            assert result["target"]["kind"] in TARGET_KINDS
            assert isinstance(result["target"]["limit"], int | float)
            assert result["target"]["text"]
        if result["skipped"]:
            assert result["note"], result
            assert result["met"] is None
            continue
        for key in ("value", "baseline_value", "ratio"):
            assert isinstance(result[key], int | float), (key, result)
        assert isinstance(result["met"], bool) or result["target"] is None
    for fragment in ("import", "search p50, rare", "search p95, common", "startup",
                     "open a", "quote lexing", "peak RSS", "export", "merge"):
        assert any(fragment in name for name in names), fragment

    env = json.loads((tmp_path / "bench.env.json").read_text())
    for key in ("python", "sqlite", "textual", "pygments", "cpu", "cores", "mode"):
        assert env[key], key
    assert env["mode"] == "smoke"
