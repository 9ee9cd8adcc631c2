"""``readmark import``: batches, re-imports and every kind of bad input."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.ingest import reader as ingest_reader
from tests.conftest import ARTICLES, SEEDS, Cli


def copy_fixtures(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("jekyll_post.txt", "rewrite.txt", "toml_front.md", "byline.txt"):
        shutil.copy(ARTICLES / name, dest / name)
    return dest


def test_import_directory_then_reimport_changes_nothing(run: Cli, tmp_path: Path) -> None:
    src = copy_fixtures(tmp_path / "in")
    (src / "notes.pdf").write_bytes(b"%PDF")  # not an article format: skipped in directories
    report = run.json("import", str(src))
    assert report["totals"] == {"new": 4, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 0}
    listed = run.json("list")
    again = run.json("import", str(src))
    assert again["totals"] == {"new": 0, "updated": 0, "unchanged": 4, "skipped": 0, "failed": 0}
    assert run.json("list") == listed


def test_edited_file_updates_in_place(run: Cli, tmp_path: Path) -> None:
    src = copy_fixtures(tmp_path / "in")
    first = run.json("import", str(src / "byline.txt"))["results"][0]
    path = src / "byline.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA late correction.\n", encoding="utf-8")
    second = run.json("import", str(path))["results"][0]
    assert second["status"] == "updated" and second["id"] == first["id"]
    assert second["changed"] == ["body"]


def test_globs_and_stdin(run: Cli, tmp_path: Path) -> None:
    src = copy_fixtures(tmp_path / "in")
    report = run.json("import", str(src / "*.md"))
    assert [r["status"] for r in report["results"]] == ["new"]
    piped = run.json("import", "-", input="# Piped In\n\nSome text from a pipe.\n")
    assert piped["results"][0]["title"] == "Piped In"
    missing = run.json("import", str(src / "*.nothing"), code=1)
    assert missing["results"][0]["error"] == "no files match this pattern"


def test_bad_inputs_fail_alone_and_batch_goes_on(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = copy_fixtures(tmp_path / "in")
    run.json("import", str(src))
    before = run.json("list")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (bad / "empty.md").write_bytes(b"")
    (bad / "blank.txt").write_bytes(b"\n  \n")
    (bad / "only-front-matter.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (bad / "huge.md").write_text("word " * 300, encoding="utf-8")
    latin1 = "Caf\xe9 society returns\n\nThe caf\xe9 reopened."
    (bad / "latin1.txt").write_bytes(latin1.encode("cp1252"))
    shutil.copy(ARTICLES / "bad_front_matter.md", bad / "broken-front.md")
    (bad / "loop.md").symlink_to(bad / "loop.md")
    (bad / "sub").mkdir()
    (bad / "sub" / "back").symlink_to(bad, target_is_directory=True)
    monkeypatch.setattr(ingest_reader, "MAX_BYTES", 1000)

    result = run("import", str(bad), str(tmp_path / "missing.md"))
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    by_name = {line.split()[1].rstrip(":"): line for line in errors if line.startswith("failed")}
    assert "binary" in by_name[str(bad / "binary.md")]
    assert "empty file" in by_name[str(bad / "empty.md")]
    assert "empty file" in by_name[str(bad / "blank.txt")]
    assert "no article text" in by_name[str(bad / "only-front-matter.md")]
    assert "too large" in by_name[str(bad / "huge.md")]
    assert "no such file" in by_name[str(tmp_path / "missing.md")]
    assert "too many levels of symbolic links" in by_name[str(bad / "loop.md")].lower()
    assert any("symlink loop" in line for line in errors)
    assert any("latin1.txt" in line and "not valid UTF-8" in line for line in errors)
    assert any("broken-front.md" in line and "malformed front matter" in line for line in errors)
    assert all(len(line) < 300 for line in errors)  # one clear line each
    # The good files in the batch were imported; nothing saved before was lost.
    titles = {a["title"] for a in run.json("list")}
    assert "Café society returns" in titles
    assert {a["title"] for a in before} <= titles
    con = sqlite3.connect(run.db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_unreadable_file(run: Cli, tmp_path: Path) -> None:
    path = tmp_path / "secret.md"
    path.write_text("# Secret\n\ntext\n", encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):
        # Running as root: permissions do not apply, so use a directory named like an article.
        path.chmod(0o600)
        path = tmp_path / "folder.md"
        path.mkdir()
        (path / "inner.txt").write_text("Inner headline\n\nbody\n", encoding="utf-8")
        assert run.json("import", str(path / "inner.txt"))["totals"]["new"] == 1
        return
    report = run.json("import", str(path), code=1)
    assert report["results"][0]["error"] == "permission denied"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
def test_seed_articles_metadata(run: Cli) -> None:
    run.json("import", str(SEEDS))
    by_author = {a["authors"][0]: a for a in run.json("list")}
    post = by_author["Asawin Suebsaeng"]
    assert post["title"].startswith("Trump is planning to send kill teams")
    assert post["url"].startswith("https://rollingstone.com/politics/")
    assert post["site"] == "rollingstone.com"
    rewrite = by_author["Connor Walcott"]
    assert rewrite["site"] == "Valuetainment.com"
    assert rewrite["url"] is None


def test_rewrite_crediting_original_stays_separate(run: Cli, tmp_path: Path) -> None:
    src = copy_fixtures(tmp_path / "in")
    rewrite = src / "rewrite.txt"
    rewrite.write_text(
        rewrite.read_text(encoding="utf-8")
        + "\nSource: Priya Ramaswamy, "
        + "tidewatercourier.com/news/county/ferry-landing-reopen-plan-2291/\n",
        encoding="utf-8",
    )
    report = run.json("import", str(src / "jekyll_post.txt"), str(rewrite))
    assert [r["status"] for r in report["results"]] == ["new", "new"]
    assert len({r["id"] for r in report["results"]}) == 2


def test_own_export_in_the_folder_is_skipped_and_article_kept(run: Cli, tmp_path: Path) -> None:
    """Exporting into the folder the article came from, then importing that folder again,
    must not turn the export into a new version of the article."""
    folder = tmp_path / "reading"
    folder.mkdir()
    (folder / "harbour.md").write_text(
        "---\ntitle: Harbour vote\nurl: https://news.example/harbour\n---\n\n"
        + "The council met on Tuesday. " * 120
        + "\n\nThe council approved the dredging contract 4-1 after a long hearing.\n",
        encoding="utf-8",
    )
    aid = run.json("import", str(folder))["results"][0]["id"]
    quote = "approved the dredging contract 4-1"
    before = run.json("highlight", aid, "-q", quote, "-n", "why now?")
    body = run.json("show", aid)["body"]
    assert run("export", aid, "--to", str(folder)).exit_code == 0
    stream = run("export", aid, "--to", "-")
    (folder / "stream.md").write_text(stream.stdout, encoding="utf-8")
    exports = sorted(p for p in folder.iterdir() if p.name != "harbour.md")
    assert len(exports) == 2

    result = run("import", str(folder))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for path in exports:
        assert f"skipped    {path}: readmark export" in lines
    assert lines[-1] == "3 file(s): 0 new, 0 updated, 1 unchanged, 2 skipped, 0 failed"
    report = run.json("import", str(folder))
    skipped = [r for r in report["results"] if r["status"] == "skipped"]
    assert [(r["reason"], r["error"], r["id"]) for r in skipped] == [
        ("readmark export", None, None)] * 2
    assert report["totals"]["skipped"] == 2
    # The article and its highlight are as they were.
    assert run.json("show", aid)["body"] == body
    assert len(run.json("list")) == 1
    (after,) = run.json("highlights", aid)
    assert (after["start"], after["end"], after["state"]) == (
        before["start"], before["end"], "anchored")


def test_reimport_reports_highlights_moved_and_orphaned(run: Cli, tmp_path: Path) -> None:
    path = tmp_path / "vet.md"
    first = (
        "# The Vet\n\nCats, said the vet, are tougher killers than they do seem to most "
        "owners.\n\nDogs are loyal and the harbor ferry is late again.\n\n"
        "A closing paragraph that stays exactly as it was.\n"
    )
    path.write_text(first, encoding="utf-8")
    aid = run.json("import", str(path))["results"][0]["id"]
    for quote in ("tougher killers than they do", "Dogs are loyal",
                  "stays exactly as it was", "the harbor ferry is late"):
        run.json("highlight", aid, "--quote", quote)
    removed = run.json("highlight", aid, "--quote", "A closing paragraph")
    run.json("unhighlight", removed["id"])
    edited = first.replace("they do seem", "they have seemed").replace(
        "Dogs are loyal and the harbor ferry is late again.", "Something else entirely.")
    path.write_text("A new opening line.\n\n" + edited, encoding="utf-8")
    result = run.json("import", str(path))["results"][0]
    # moved: the re-anchored quote and the one shifted by the new opening (the removed
    # highlight moved too, but is not counted); orphaned: the two in the deleted sentence
    assert (result["highlights_moved"], result["highlights_orphaned"]) == (2, 2)
    assert run.json("import", str(path))["results"][0]["highlights_moved"] == 0
    path.write_text(edited, encoding="utf-8")
    line = run("import", str(path)).stdout.strip().splitlines()[0]
    assert line.startswith("updated")
    assert line.endswith("(2 highlights moved)")
    path.write_text(edited.replace("Cats, said the vet, are tougher killers than they have "
                                   "seemed to most owners.", "Nothing."), encoding="utf-8")
    line = run("import", str(path)).stdout.strip().splitlines()[0]
    assert line.endswith("(1 highlight moved, 1 orphaned)")
