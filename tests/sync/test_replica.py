"""Each library file is its own replica: its own site id, a fresh one for every copy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.ingest.article import Article
from reader.library import Library
from reader.store.clock import parse_stamp
from reader.store.replica import read_file_replica
from reader.sync.folder import snapshot_name, sync
from tests.conftest import Cli

BODY = ("The tram line will close for repairs in March, the city said on Monday. "
        "Riders were told to expect buses instead. ") * 3


def _article(n: int) -> Article:
    return Article(title=f"Tram story {n}", body=f"Story {n}. {BODY}",
                   url=f"https://news.example/tram/{n}")


def _site_of_stamps(lib: Library, article_id: str) -> set[str]:
    stamps = lib.clocks(article_id).values()
    assert all(parse_stamp(s) for s in stamps)
    return {s.split("-", 2)[2] for s in stamps}


def test_two_libraries_on_one_machine_have_their_own_ids(tmp_path: Path) -> None:
    one = Library(tmp_path / "one.db")
    two = Library(tmp_path / "two.db")
    try:
        a = one.import_article(_article(1)).id
        b = two.import_article(_article(2)).id
        assert one.clock.device != two.clock.device
        assert _site_of_stamps(one, a) == {one.clock.device}
        assert _site_of_stamps(two, b) == {two.clock.device}
    finally:
        one.close()
        two.close()
    assert read_file_replica(tmp_path / "one.db")[0] == one.clock.device
    with Library(tmp_path / "one.db") as again:  # the id stays with the file
        assert again.clock.device == one.clock.device


def test_a_copy_gets_a_fresh_id_before_its_first_write(tmp_path: Path) -> None:
    original = tmp_path / "library.db"
    with Library(original) as lib:
        lib.import_article(_article(1))
        site = lib.clock.device
    copy = tmp_path / "other.db"
    shutil.copyfile(original, copy)
    before = copy.read_bytes()
    with Library(copy) as lib:
        assert lib.clock.device != site
        assert lib.count() == 1
    assert copy.read_bytes() == before  # reading a copy changes nothing in it
    with Library(copy) as lib:
        aid = lib.import_article(_article(2)).id
        copied_site = lib.clock.device
        assert copied_site != site and _site_of_stamps(lib, aid) == {copied_site}
    assert read_file_replica(copy)[0] == copied_site
    with Library(original) as lib:
        assert lib.clock.device == site


def test_a_file_taken_to_another_machine_gets_a_fresh_id(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "library.db"
    with Library(path) as lib:
        lib.import_article(_article(1))
        site = lib.clock.device
    # The same file at the same path, on a machine whose config dir is a copy of this one's.
    monkeypatch.setenv("READMARK_DEVICE", "other-machine")
    with Library(path) as lib:
        lib.import_article(_article(2))
        assert lib.clock.device != site
        elsewhere = lib.clock.device
    monkeypatch.setenv("READMARK_DEVICE", "testdevice01")
    with Library(path) as lib:  # back home: the file was written there, so it is a new replica
        assert lib.clock.device not in (site, elsewhere)


def test_without_the_env_override_two_libraries_still_differ(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READMARK_DEVICE")
    sites = []
    for name in ("a.db", "b.db"):
        with Library(tmp_path / name) as lib:
            lib.import_article(_article(1))
            sites.append(lib.clock.device)
    assert sites[0] != sites[1]
    assert all(len(s) == 12 and int(s, 16) >= 0 for s in sites)


def test_two_processes_opening_one_copy_agree_on_its_id(tmp_path: Path) -> None:
    original = tmp_path / "library.db"
    with Library(original) as lib:
        lib.import_article(_article(1))
    copy = tmp_path / "copy.db"
    shutil.copyfile(original, copy)
    first, second = Library(copy), Library(copy)
    try:
        assert first.clock.device != second.clock.device  # both minted, neither stored yet
        a = first.import_article(_article(2)).id
        b = second.import_article(_article(3)).id
        assert first.clock.device == second.clock.device
        assert _site_of_stamps(first, a) == _site_of_stamps(first, b) == {first.clock.device}
    finally:
        first.close()
        second.close()


def test_sync_dir_between_two_libraries_on_one_machine(tmp_path: Path) -> None:
    """The issue's case: two ``--db`` libraries, one machine, one folder."""
    folder = tmp_path / "Sync"
    folder.mkdir()
    source = tmp_path / "tram.md"
    source.write_text("---\ntitle: Tram\nurl: https://news.example/tram\n---\nThe tram line "
                      "will close for repairs. Riders should expect buses.\n", encoding="utf-8")
    one, two = Cli(tmp_path / "one" / "library.db"), Cli(tmp_path / "two" / "library.db")
    aid = one.json("import", str(source))["results"][0]["id"]
    one.json("highlight", aid, "--quote", "close for repairs")
    first = one.json("sync", "--dir", str(folder))
    second = two.json("sync", "--dir", str(folder))
    assert first["published"] != second["published"]
    assert second["totals"]["articles_added"] == 1
    assert second["totals"]["highlights_added"] == 1
    two.json("highlight", aid, "--quote", "expect buses")
    two.json("sync", "--dir", str(folder))
    back = one.json("sync", "--dir", str(folder))
    assert back["totals"]["highlights_added"] == 1 and back["warnings"] == []
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(snapshot_name(str(read_file_replica(cli.db)[0]))
                           for cli in (one, two))


def test_a_snapshot_named_as_ours_with_other_content_is_reported_and_merged(
        tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    mine = Library(tmp_path / "mine" / "library.db")
    other = Library(tmp_path / "other" / "library.db")
    try:
        mine.import_article(_article(1))
        assert sync(mine, folder).warnings == []
        own = folder / snapshot_name(mine.clock.device)
        assert own.exists()
        assert sync(mine, folder).warnings == []  # our own snapshot: nothing to say
        # Another library (an older readmark with a shared id, a copied file…) wrote there.
        hid = other.add_highlight(other.import_article(_article(2)).id, 10, 30).id
        other.claim_site()
        shutil.copyfile(other.path, own)
        run = sync(mine, folder)
        assert len(run.warnings) == 1 and str(own) in run.warnings[0]
        assert "another library file" in run.warnings[0] and "\n" not in run.warnings[0]
        assert mine.get_highlight(hid) is not None  # merged, not ignored
        assert run.published == str(own)  # and replaced by ours, which now holds it
        assert read_file_replica(own)[0] == mine.clock.device
        assert sync(mine, folder).warnings == []
    finally:
        mine.close()
        other.close()


def test_an_own_named_snapshot_without_an_owner_is_judged_by_its_content(
        tmp_path: Path) -> None:
    """Libraries opened with an explicit clock (and older readmarks) record no owner."""
    from reader.store.clock import Clock

    folder = tmp_path / "Sync"
    folder.mkdir()
    with Library(tmp_path / "a.db", clock=Clock("shared")) as a, \
            Library(tmp_path / "b.db", clock=Clock("shared")) as b:
        a.import_article(_article(1))
        sync(a, folder)
        assert sync(a, folder).warnings == []
        b.import_article(_article(2))
        run_b = sync(b, folder)  # b finds a's content under its name: merged, not skipped
        assert len(run_b.warnings) == 1 and "holds changes" in run_b.warnings[0]
        assert run_b.totals()["articles_added"] == 1
        run_a = sync(a, folder)
        assert run_a.totals()["articles_added"] == 1 and len(run_a.warnings) == 1
        assert a.count() == b.count() == 2


def test_the_cli_warns_on_stderr_and_in_json(tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    mine, other = Cli(tmp_path / "mine.db"), Cli(tmp_path / "other.db")
    source = tmp_path / "tram.md"
    source.write_text("---\ntitle: Tram\n---\n" + BODY, encoding="utf-8")
    other.json("import", str(source))
    data = mine.json("sync", "--dir", str(folder))
    shutil.copyfile(other.db, data["published"])
    result = mine("sync", "--dir", str(folder), "--json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert len(out["warnings"]) == 1 and out["totals"]["articles_added"] == 1
    assert result.stderr.startswith("readmark: warning: ") and result.stderr.count("\n") == 1
