"""Hostile and odd input found by trying readmark as a demanding user would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.library import Library, StoreError
from reader.store.migration_names import MIGRATION_NAMES
from tests.conftest import ARTICLES, Cli


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def change_counter(db: Path) -> int:
    """SQLite's file change counter: it moves on every committed write."""
    return int.from_bytes(db.read_bytes()[24:28], "big")


def test_fifo_and_device_are_refused_without_hanging(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "b-after.md", "# After the pipe\n\ntext\n")
    os.mkfifo(folder / "a-pipe.md")
    env = {**os.environ, "READMARK_DB": str(tmp_path / "lib.db")}
    cmd = [sys.executable, "-m", "reader", "import", "--json",
           str(folder), str(folder / "a-pipe.md"), "/dev/zero"]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    report = json.loads(out.stdout)
    errors = {r["source"]: r["error"] for r in report["results"] if r["status"] == "failed"}
    assert "not a regular file" in errors[str(folder / "a-pipe.md")]
    assert "not a regular file" in errors["/dev/zero"]
    assert report["totals"]["new"] == 1 and out.returncode == 1


def test_unsupported_file_type_named_explicitly(run: Cli, tmp_path: Path) -> None:
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7 ...")
    report = run.json("import", str(pdf), code=1)
    assert "unsupported file type" in report["results"][0]["error"]


def test_undecodable_file_name_does_not_abort_batch(run: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    bad = os.path.join(os.fsencode(folder), b"bad\xffname.md")
    with open(bad, "wb") as handle:
        handle.write(b"# Odd name\n\nbody\n")
    write(folder / "good.md", "# Good name\n\nbody too\n")
    report = run.json("import", str(folder))
    assert report["totals"] == {"new": 2, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 0}
    assert any("\ufffd" in r["source"] for r in report["results"])


def test_read_only_library_is_one_clear_error(db_file: Path) -> None:
    lib = Library(db_file)
    lib.db.execute("PRAGMA query_only = ON")
    from reader.ingest.article import Article

    with pytest.raises(StoreError, match="cannot write library"):
        lib.import_article(Article(title="t", body="b"))
    with pytest.raises(StoreError, match="cannot write library"), lib.batch():
        pass
    lib.close()


def test_same_text_different_urls_are_two_articles(run: Cli, tmp_path: Path) -> None:
    for name in ("a", "b"):
        write(tmp_path / f"{name}.md", f"---\ntitle: Paywalled {name}\n"
              f"url: https://{name}.example.com/story\n---\n\nSubscribe to continue reading.\n")
    report = run.json("import", str(tmp_path / "a.md"), str(tmp_path / "b.md"))
    assert [r["status"] for r in report["results"]] == ["new", "new"]
    assert len(run.json("list")) == 2


def test_bad_date_drops_only_the_date(run: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "d.md", "---\ntitle: Kept Title\ndate: 2026-13-45\n"
                 "tags: [x]\n---\n\nBody.\n")
    result = run.json("import", str(path))["results"][0]
    assert result["title"] == "Kept Title"
    assert any("date" in w and "not understood" in w for w in result["warnings"])
    assert run.json("list")[0]["tags"] == ["x"]


def test_non_text_front_matter_values(run: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "odd.md", "---\ntitle: [a, b]\ntags: [[x, y], {k: v}, null, true, "
                 "ok, OK, ' spaced  out ']\n---\n\n# Heading Title\n\nBody.\n")
    result = run.json("import", str(path))["results"][0]
    assert result["title"] == "Heading Title"
    assert run.json("list")[0]["tags"] == ["ok", "spaced out"]


def test_control_sequences_are_removed_at_import(run: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "evil.md", "---\ntitle: \"Evil \\e[31mRED\\e[0m title\"\n"
                 "tags: [\"\\e[2Jwipe\"]\n---\n\nHello \x1b[5mblinking\x1b[0m \x07world.\n")
    result = run.json("import", str(path))["results"][0]
    assert any("control" in w for w in result["warnings"])
    article = run.json("show", result["id"])
    assert article["title"] == "Evil RED title" and article["tags"] == ["wipe"]
    assert article["body"] == "Hello blinking world."
    assert run.json("search", "red")[0]["id"] == result["id"]


def test_symlinked_folder_twice_is_not_an_error_but_a_loop_is(run: Cli, tmp_path: Path) -> None:
    root = tmp_path / "d"
    write(root / "real" / "a.md", "# A\n\ntext\n")
    (root / "alias").symlink_to(root / "real", target_is_directory=True)
    report = run.json("import", str(root))
    assert report["totals"] == {"new": 1, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 0}
    (root / "real" / "up").symlink_to(root, target_is_directory=True)
    report = run.json("import", str(root), code=1)
    assert [r["error"] for r in report["results"] if r["error"]] == ["symlink loop; not followed"]


def test_unicode_filters_and_tag_case(run: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "u.md", "---\ntitle: Uni\nauthor: Zoë Ünïcode\ntags: [ünïcödé, a]\n"
                 "---\n\nBody.\n")
    aid = run.json("import", str(path))["results"][0]["id"]
    assert len(run.json("list", "--tag", "ÜNÏCÖDÉ")) == 1
    assert len(run.json("list", "--author", "zoë ünïcode")) == 1
    assert len(run.json("list", "--author", "Zoe\u0308 U\u0308ni\u0308code")) == 1  # NFD input
    assert run.json("tag", aid, "+A", "+  b  ")["tags"] == ["ünïcödé", "a", "b"]


def test_exact_title_wins(run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "1.md", "# Budget\n\nOne.\n")
    write(tmp_path / "2.md", "# Budget cuts\n\nTwo.\n")
    run.json("import", str(tmp_path))
    assert run.json("show", "budget")["title"] == "Budget"


def test_byline_needs_names(tmp_path: Path) -> None:
    from reader.ingest.reader import read_file

    path = write(tmp_path / "x.txt", "Night Falls Early\n\nBy the time the council met, it "
                 "was dark.\n")
    assert read_file(path).authors == []


def test_sort_orders_for_people(run: Cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ntitle: À Ribeauhof\nauthor: Zed Abbott\n"
          "date: 2026-11-03T23:30:00-08:00\n---\n\nx\n")
    write(tmp_path / "b.md", "---\ntitle: The Keeper\nauthor: Ann Young\n"
          "date: 2026-11-04T01:00:00+00:00\n---\n\ny\n")
    write(tmp_path / "c.md", "---\ntitle: Bridges\nauthor: Bo van der Berg\n---\n\nz\n")
    run.json("import", str(tmp_path))
    assert [a["title"] for a in run.json("list", "--sort", "title")] == [
        "À Ribeauhof", "Bridges", "The Keeper"]
    assert [a["authors"][0] for a in run.json("list", "--sort", "author")] == [
        "Zed Abbott", "Bo van der Berg", "Ann Young"]
    dated = [a["title"] for a in run.json("list", "--sort", "newest") if a["published"]]
    assert dated == ["À Ribeauhof", "The Keeper"]  # 07:30 UTC on the 4th is after 01:00


def test_encodings(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "utf16.txt").write_bytes("Wide Text Title\n\nÉté.\n".encode("utf-16"))
    (tmp_path / "mixed.txt").write_bytes(
        "Café Title\n\nThe café and the ".encode() + "caf\xe9".encode("cp1252") + b".\n")
    report = run.json("import", str(tmp_path))
    titles = {r["title"] for r in report["results"]}
    assert titles == {"Wide Text Title", "Café Title"}


def test_search_words_that_look_like_options(run: Cli) -> None:
    run.json("import", str(ARTICLES / "jekyll_post.txt"))
    assert len(run.json("search", "-landing")) == 1


def test_mistyped_command(run: Cli) -> None:
    result = run("lst")
    assert result.exit_code == 2 and "Did you mean 'list'" in result.stderr


def test_newer_library_is_refused(db_file: Path) -> None:
    Library(db_file).close()
    import sqlite3

    con = sqlite3.connect(db_file)
    con.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('readmark', 'm999_from_the_future', 'x')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer readmark"):
        Library(db_file)
    assert len(MIGRATION_NAMES) < 999


def test_rm_twice_and_removed_stays_removed_on_folder_reimport(run: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    shutil.copy(ARTICLES / "byline.txt", folder / "byline.txt")
    aid = run.json("import", str(folder))["results"][0]["id"]
    assert len(run.json("rm", aid, aid)["removed"]) == 1
    assert run.json("import", str(folder))["totals"]["unchanged"] == 1
    assert run.json("list") == []
    assert run.json("import", str(folder / "byline.txt"))["totals"]["new"] == 1  # by name


def test_noop_reimport_writes_nothing(run: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("jekyll_post.txt", "toml_front.md", "byline.txt"):
        shutil.copy(ARTICLES / name, folder / name)
    run.json("import", str(folder))
    before = change_counter(run.db)
    assert run.json("import", str(folder))["totals"]["unchanged"] == 3
    assert change_counter(run.db) == before


def test_bidi_overrides_removed_from_body(run: Cli, tmp_path: Path) -> None:
    body = "# Bidi\n\nPay \u202egnp.exe\u202c now; zero\u200bwidth stays.\n"
    path = write(tmp_path / "rtl.md", body)
    aid = run.json("import", str(path))["results"][0]["id"]
    assert run.json("show", aid)["body"] == "# Bidi\n\nPay gnp.exe now; zero\u200bwidth stays.\n"


def test_open_with_failed_path_exits_1_when_not_a_terminal(run: Cli, tmp_path: Path) -> None:
    result = run(str(tmp_path / "missing.md"))
    assert result.exit_code == 1
    assert "missing.md" in result.stderr and "could not be imported" in result.stderr
