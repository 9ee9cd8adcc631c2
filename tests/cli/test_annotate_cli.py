"""highlight / highlights / note / unhighlight from the command line, on a real library."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli

HL_FIELDS = {"id", "article_id", "text", "prefix", "suffix", "start", "end", "color", "note",
             "created", "updated", "state"}

ARTICLE = """---
title: Bridge tolls debated
url: https://paper.example/bridge
tags: [transport]
---
The toll committee sat late into the night.

"Nobody should pay **twice** to cross the river," said Ines Barlow, a commuter
who drives the route each day.

The committee said the toll would fund repairs. The committee said little else.
"""


@pytest.fixture
def aid(run: Cli, tmp_path: Path) -> str:
    path = tmp_path / "bridge.md"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run.json("import", str(path))
    return str(result["results"][0]["id"])


def test_highlight_by_quote_as_the_reader_sees_it(run: Cli, aid: str) -> None:
    # Typed without the Markdown markup, by id prefix.
    h = run.json("highlight", aid[:6], "--quote", "pay twice to cross the river",
                 "--note", "key claim")
    assert set(h) == HL_FIELDS | {"article_title"}
    assert h["text"] == "pay **twice** to cross the river"
    assert (h["note"], h["color"], h["state"], h["article_id"]) == (
        "key claim", "yellow", "anchored", aid)
    body = run.json("show", aid)["body"]
    assert body[h["start"]:h["end"]] == h["text"]
    assert run.json("list")[0]["highlights"] == 1
    wrapped = run.json("highlight", aid, "--quote", "a commuter who drives")
    assert wrapped["text"] == "a commuter\nwho drives"


def test_same_quote_again_updates_note_and_colour(run: Cli, aid: str) -> None:
    first = run.json("highlight", aid, "--quote", "sat late into the night")
    second = run.json("highlight", aid, "--quote", "sat late into the night",
                      "--color", "GREEN", "--note", "timing")
    assert second["id"] == first["id"]
    assert (second["color"], second["note"]) == ("green", "timing")
    assert len(run.json("highlights", aid)) == 1


def test_missing_and_ambiguous_quotes_are_one_line_errors(run: Cli, aid: str) -> None:
    missing = run("highlight", aid, "--quote", "the ferry sank")
    assert missing.exit_code == 1
    assert missing.stderr.count("\n") == 1 and "quote not found" in missing.stderr
    twice = run("highlight", aid, "--quote", "The committee said")
    assert twice.exit_code == 1 and "occurs 2 times" in twice.stderr
    bad_colour = run("highlight", aid, "--quote", "toll committee", "--color", "mauve")
    assert bad_colour.exit_code == 2 and "mauve" in bad_colour.stderr
    assert run.json("highlights") == []


def test_highlights_lists_notebook_with_filters(run: Cli, aid: str) -> None:
    a = run.json("highlight", aid, "--quote", "sat late into the night", "--color", "blue")
    b = run.json("highlight", aid, "--quote", "fund repairs", "--note", "how much?")
    run.json("note", aid, "--text", "Compare with last year's vote.")
    every = run.json("highlights")
    assert [e["kind"] for e in every] == ["note", "highlight", "highlight"]
    assert [e.get("id") for e in every[1:]] == [b["id"], a["id"]]
    in_order = run.json("highlights", aid)
    assert [e["id"] for e in in_order] == [a["id"], b["id"]]
    assert [e["id"] for e in run.json("highlights", "--color", "blue")] == [a["id"]]
    assert [e.get("id") for e in run.json("highlights", "--search", "much")] == [b["id"]]
    assert [e["kind"] for e in run.json("highlights", "--search", "vote")] == ["note"]
    assert len(run.json("highlights", "--tag", "TRANSPORT")) == 3
    assert run.json("highlights", "--tag", "sports") == []
    plain = run("highlights")
    assert "Bridge tolls debated" in plain.stdout and "how much?" in plain.stdout


def test_note_set_read_and_clear(run: Cli, aid: str) -> None:
    note = run.json("note", aid, "--text", "-", input="Line one.\nLine two.\n")
    assert note["text"] == "Line one.\nLine two." and note["article_id"] == aid
    cleared = run.json("note", aid, "--text", "")
    assert cleared == {"article_id": aid, "text": ""}
    assert run.json("highlights") == []


def test_unhighlight_and_undo(run: Cli, aid: str) -> None:
    h = run.json("highlight", aid, "--quote", "fund repairs", "--note", "keep this note")
    gone = run.json("unhighlight", h["id"][:7])
    assert gone == {"removed": [{"id": h["id"], "text": "fund repairs"}], "errors": []}
    assert run.json("highlights", aid) == []
    assert run.json("list")[0]["highlights"] == 0
    kept = run.json("highlights", aid, "--deleted")
    assert kept[0]["deleted"] is True and kept[0]["note"] == "keep this note"
    back = run.json("unhighlight", "--undo", h["id"])
    assert back["restored"][0]["note"] == "keep this note"
    unknown = run("unhighlight", "ffffffffffff")
    assert unknown.exit_code == 1 and "no highlight" in unknown.stderr


def test_reimport_of_an_edited_article_keeps_or_orphans(run: Cli, aid: str,
                                                        tmp_path: Path) -> None:
    kept = run.json("highlight", aid, "--quote", "fund repairs")
    lost = run.json("highlight", aid, "--quote", "sat late into the night", "--note", "n")
    edited = ARTICLE.replace("The toll committee sat late into the night.\n",
                             "Update: the vote moved to Friday.\n")
    (tmp_path / "bridge.md").write_text(edited, encoding="utf-8")
    run.json("import", str(tmp_path / "bridge.md"))
    by_id = {h["id"]: h for h in run.json("highlights", aid)}
    assert by_id[kept["id"]]["state"] == "anchored"
    assert by_id[kept["id"]]["start"] == kept["start"] + len("Update: the vote moved to Friday.") \
        - len("The toll committee sat late into the night.")
    assert (by_id[lost["id"]]["state"], by_id[lost["id"]]["start"]) == ("orphaned", None)
    assert [h["id"] for h in run.json("highlights", "--orphaned")] == [lost["id"]]
