"""The scriptable CLI: every command with --json, on a real library file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ARTICLES, Cli

FIELDS = {"id", "title", "authors", "url", "site", "published", "tags", "words", "highlights",
          "progress", "imported"}


def load(run: Cli) -> dict[str, dict]:
    run.json("import", str(ARTICLES / "jekyll_post.txt"), str(ARTICLES / "toml_front.md"),
             str(ARTICLES / "byline.txt"))
    return {a["title"]: a for a in run.json("list")}


def test_list_fields_filters_and_sort(run: Cli) -> None:
    by_title = load(run)
    assert all(set(a) == FIELDS for a in by_title.values())
    assert [a["title"] for a in run.json("list", "--tag", "transit")] == [
        "Night buses return to the east side"]
    assert [a["title"] for a in run.json("list", "--author", "jane doe")] == [
        "Harbor Fees to Rise Next Year"]
    assert len(run.json("list", "--site", "EXAMPLE.ORG")) == 1
    titles = [a["title"] for a in run.json("list", "--sort", "title")]
    assert titles == sorted(titles, key=str.casefold)
    assert len(run.json("list", "--limit", "2")) == 2
    bad = run("list", "--sort", "sideways")
    assert bad.exit_code == 2 and "sideways" in bad.stderr


def test_show_json_and_plain(run: Cli) -> None:
    by_title = load(run)
    post = by_title["County plans to reopen the old ferry landing before summer"]
    shown = run.json("show", post["id"][:6])
    assert shown["id"] == post["id"] and shown["body"].startswith("- 'A Landing Again'")
    plain = run("show", "ferry landing", "--plain")
    assert plain.exit_code == 0
    assert "County plans to reopen" in plain.stdout and "Helen Okafor" in plain.stdout
    assert "\x1b[" not in plain.stdout
    missing = run("show", "no such thing")
    assert missing.exit_code == 1 and missing.stderr.startswith("readmark: error:")


def test_show_strips_control_sequences(run: Cli) -> None:
    run.json("import", "-", input="# Evil\n\nHello \x1b]0;pwned\x07 and \x1b[2J[bold]x[/bold]\n")
    out = run("show", "Evil", "--plain").stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold]x[/bold]" in out


def test_search_json_with_match_offsets(run: Cli) -> None:
    load(run)
    hits = run.json("search", "landing")
    assert hits and hits[0]["title"].startswith("County plans")
    start, end = hits[0]["matches"][0]
    assert hits[0]["snippet"][start:end].lower().startswith("landing")
    for nasty in ['"', "AND OR", "NEAR(", "*", "a:b", "'; DROP TABLE articles; --"]:
        result = run("search", nasty, "--json")
        assert result.exit_code == 0, nasty
        assert isinstance(json.loads(result.stdout), list)
    assert len(run.json("list")) == 3


def test_tag_add_remove(run: Cli) -> None:
    by_title = load(run)
    aid = by_title["Harbor Fees to Rise Next Year"]["id"]
    assert run.json("tag", aid, "+harbor", "money", "-nothing")["tags"] == ["harbor", "money"]
    assert run.json("tag", aid, "-harbor", "+health")["tags"] == ["money", "health"]
    assert run.json("tag", aid, "-health")["tags"] == ["money"]
    assert run.json("list", "--tag", "money")[0]["id"] == aid


def test_rm_leaves_others(run: Cli) -> None:
    by_title = load(run)
    aid = by_title["Harbor Fees to Rise Next Year"]["id"]
    out = run.json("rm", aid)
    assert out["removed"] == [{"id": aid, "title": "Harbor Fees to Rise Next Year"}]
    assert aid not in {a["id"] for a in run.json("list")}
    assert len(run.json("list")) == 2
    assert run.json("rm", aid, code=1)["errors"]


def test_info(run: Cli) -> None:
    load(run)
    info = run.json("info")
    assert info["path"] == str(run.db)
    assert info["articles"] == 3 and info["schema_version"] == info["schema_latest"]
    assert info["journal_mode"] == "delete" and info["sqlite_version"].count(".") == 2


def test_db_from_environment_and_python_m(tmp_path: Path) -> None:
    db = tmp_path / "env" / "lib.db"
    env = {"READMARK_DB": str(db), "PATH": "", "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "reader", "info", "--json"], env=env,
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["path"] == str(db) and db.exists()


def test_default_location_is_user_data_dir(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "PATH": ""}
    out = subprocess.run([sys.executable, "-m", "reader", "info", "--json"], env=env,
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["path"] == str(tmp_path / "data" / "readmark" / "library.db")
