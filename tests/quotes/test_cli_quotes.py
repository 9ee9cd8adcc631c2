"""``readmark quotes`` and ``readmark speakers`` on files and library articles."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from reader.cli import cli

ARTICLE = """---
title: Harbor vote
---

"We will rebuild the pier," said Ada Marsh, who chairs the board.

Tom Reyes disagreed. "It is a mistake," he said. "A costly one."

Critics call it the "harbor tax."
"""


def run(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "lib.db"), *args])
    return result.exit_code, result.output


def test_quotes_json_from_file(tmp_path: Path) -> None:
    path = tmp_path / "harbor.md"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out = run(tmp_path, "quotes", str(path), "--json")
    assert code == 0, out
    data = json.loads(out)
    assert [(q["speaker"], q["kind"]) for q in data] == [
        ("Ada Marsh", "speech"),
        ("Tom Reyes", "speech"),
        ("Tom Reyes", "speech"),
        (None, "term"),
    ]
    assert set(data[0]) == {"start", "end", "text", "speaker", "cue", "kind"}
    assert data[0]["text"] == "We will rebuild the pier,"


def test_speakers_json_and_text(tmp_path: Path) -> None:
    path = tmp_path / "harbor.md"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out = run(tmp_path, "speakers", str(path), "--json")
    assert code == 0, out
    data = json.loads(out)
    assert [(s["speaker"], s["count"]) for s in data] == [("Tom Reyes", 2), ("Ada Marsh", 1)]
    assert data[0]["quotes"][0]["text"] == "It is a mistake,"
    code, out = run(tmp_path, "speakers", str(path))
    assert code == 0 and "Tom Reyes" in out and out.index("Tom Reyes") < out.index("Ada Marsh")


def test_quotes_from_library_article(tmp_path: Path) -> None:
    path = tmp_path / "harbor.md"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out = run(tmp_path, "import", str(path))
    assert code == 0, out
    path.unlink()
    code, out = run(tmp_path, "quotes", "Harbor vote", "--json")
    assert code == 0, out
    assert [q["speaker"] for q in json.loads(out)][:2] == ["Ada Marsh", "Tom Reyes"]
    code, out = run(tmp_path, "quotes", "Harbor vote")
    assert code == 0 and "Ada Marsh" in out and "We will rebuild the pier" in out


def test_unknown_target_fails_cleanly(tmp_path: Path) -> None:
    code, out = run(tmp_path, "quotes", "no-such-article")
    assert code != 0
    assert "Traceback" not in out
