"""``readmark export`` and ``readmark import-annotations`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli

ARTICLE = """---
title: Bridge tolls debated
url: https://paper.example/bridge
tags: [transport]
---
The toll committee sat late into the night.

"Nobody should pay **twice** to cross the river," said Ines Barlow, a commuter
who drives the route each day.
"""


@pytest.fixture
def aid(run: Cli, tmp_path: Path) -> str:
    path = tmp_path / "bridge.md"
    path.write_text(ARTICLE, encoding="utf-8")
    aid = str(run.json("import", str(path))["results"][0]["id"])
    run.json("highlight", aid, "--quote", "sat late into the night", "--note", "late!")
    return aid


def test_export_writes_a_report_and_then_leaves_files_alone(
    run: Cli, aid: str, tmp_path: Path
) -> None:
    out = tmp_path / "notes"
    first = run.json("export", "--all", "--to", str(out))
    [entry] = first["written"]
    assert (entry["article_id"], entry["status"]) == (aid, "created")
    assert entry["path"] == str(out / "bridge-tolls-debated.md") and first["unchanged"] == []
    second = run.json("export", aid, "--to", str(out), "--style", "plain")
    assert second["written"][0]["status"] == "updated"
    third = run.json("export", aid, "--to", str(out), "--style", "plain")
    assert third["written"] == [] and third["unchanged"][0]["status"] == "unchanged"
    text = run("export", "--tag", "transport", "--to", str(out))
    assert text.exit_code == 0 and "updated" in text.stdout


def test_export_to_stdout_concatenates(run: Cli, aid: str, tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("---\ntitle: Other\n---\nA second story, short.\n", encoding="utf-8")
    oid = str(run.json("import", str(other))["results"][0]["id"])
    run.json("note", oid, "--text", "see also")
    result = run("export", "--all", "--to", "-")
    assert result.exit_code == 0
    docs = result.stdout.split("\n* * *\n\n")
    assert len(docs) == 2 and all(d.startswith("---\ntitle: ") for d in docs)
    assert "late!" in result.stdout and "see also" in result.stdout
    assert "readmark:begin" not in result.stdout


def test_json_format_and_import_back(run: Cli, aid: str, tmp_path: Path) -> None:
    target = tmp_path / "ann.json"
    report = run.json("export", "--all", "--format", "json", "--to", str(target))
    assert report == {"path": str(target), "articles": 1, "annotations": 1}
    printed = json.loads(run("export", aid, "--format", "json").stdout)
    assert printed["annotations"][0]["target"]["source"] == "https://paper.example/bridge"
    back = run.json("import-annotations", str(target))
    assert len(back["highlights"]) == 1 and back["problems"] == []
    assert len(run.json("highlights", aid)) == 1


def test_import_problems_exit_1_one_line_each(run: Cli, aid: str, tmp_path: Path) -> None:
    path = tmp_path / "ann.json"
    path.write_text(json.dumps([
        {"id": "urn:a", "type": "Annotation", "target": {"source": "https://paper.example/bridge",
         "selector": {"type": "TextQuoteSelector", "exact": "a sentence not in it"}}},
        {"id": "urn:b", "type": "Annotation", "target": {"source": "https://paper.example/bridge",
         "selector": {"type": "TextQuoteSelector", "exact": "toll committee"}}},
    ]), encoding="utf-8")
    result = run("import-annotations", str(path))
    assert result.exit_code == 1
    assert result.stdout.startswith("imported 1 highlights and 0 notes")
    assert result.stderr.count("\n") == 1 and "urn:a: text not found" in result.stderr
    path.write_text("[1, 2", encoding="utf-8")
    bad = run("import-annotations", str(path))
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1 and str(path) in bad.stderr


def test_errors_are_one_line(run: Cli, aid: str, tmp_path: Path) -> None:
    nothing = run("export")
    assert nothing.exit_code == 1 and "--all" in nothing.stderr
    template = tmp_path / "t.j2"
    template.write_text("{% if %}", encoding="utf-8")
    bad = run("export", aid, "--template", str(template), "--to", str(tmp_path / "o"))
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1
    assert f"{template}:1: template error" in bad.stderr
    date = run("export", "--since", "last tuesday")
    assert date.exit_code == 1 and "--since" in date.stderr
    both = run("export", aid, "--all")
    assert both.exit_code == 1 and "not both" in both.stderr


def test_since_picks_recent_changes(run: Cli, aid: str, tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert run.json("export", "--since", "2999-01-01", "--to", str(out))["written"] == []
    recent = run.json("export", "--since", "2000-01-01", "--to", str(out))
    assert [e["article_id"] for e in recent["written"]] == [aid]


def test_template_abuse_is_one_line(run: Cli, aid: str, tmp_path: Path) -> None:
    template = tmp_path / "deep.j2"
    template.write_text("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", encoding="utf-8")
    result = run("export", aid, "--template", str(template), "--to", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"readmark: error: {template}:1: template error: recursion too deep "
        "(a macro or loop calling itself without end?)"]


@pytest.mark.parametrize("opener,closer", [("[", "]"), ('{"a":', "}")])
def test_deeply_nested_annotation_json_is_one_line(
    run: Cli, tmp_path: Path, opener: str, closer: str
) -> None:
    path = tmp_path / "deep.json"
    path.write_text(opener * 200_000 + "1" + closer * 200_000, encoding="utf-8")
    result = run("import-annotations", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"readmark: error: {path}: not annotation JSON: nested too deeply"]
