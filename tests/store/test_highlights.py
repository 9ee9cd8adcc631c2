"""Highlights and notes in the store: ids, tombstones, counts, the Notebook, re-anchoring."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.ingest.article import Article
from reader.library import ArticleNote, Highlight, Library, NotebookQuery, NotFound, StoreError

BODY = (
    "The council met on Tuesday to discuss the harbour.\n\n"
    "\"We cannot wait another winter,\" said Mara Quill, who chairs the ferry board.\n\n"
    "Residents packed the hall. Several asked about the tide gauges and the old pier."
)


def article(body: str = BODY, **kw: object) -> Article:
    base: dict[str, object] = {"title": "Harbour vote", "body": body,
                               "url": "https://news.example/harbour", "tags": ["local"]}
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def span(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


@pytest.fixture
def aid(lib: Library) -> str:
    return lib.import_article(article()).id


def test_highlight_stores_quote_selector_and_counts(lib: Library, aid: str) -> None:
    start, end = span(BODY, "We cannot wait another winter")
    h = lib.add_highlight(aid, start, end)
    assert (h.text, h.start, h.end, h.color, h.state) == (
        "We cannot wait another winter", start, end, "yellow", "anchored")
    assert BODY[:start].endswith(h.prefix) and len(h.prefix) == 32
    assert BODY[end:].startswith(h.suffix) and len(h.suffix) == 32
    assert lib.get(aid).highlights == 1  # type: ignore[union-attr]
    assert lib.highlights_of(aid) == [h]


def test_whitespace_at_the_ends_is_dropped(lib: Library, aid: str) -> None:
    start, end = span(BODY, "\n\nResidents packed the hall. ")
    h = lib.add_highlight(aid, start, end)
    assert h.text == "Residents packed the hall."


def test_same_passage_again_updates_instead_of_duplicating(lib: Library, aid: str) -> None:
    start, end = span(BODY, "Residents packed the hall.")
    first = lib.add_highlight(aid, start, end)
    second = lib.add_highlight(aid, start, end, color="green", note="crowd size?")
    assert second.id == first.id
    assert (second.color, second.note) == ("green", "crowd size?")
    assert len(lib.highlights_of(aid)) == 1
    assert lib.get(aid).highlights == 1  # type: ignore[union-attr]


def test_id_is_the_same_on_two_machines(tmp_path: Path) -> None:
    ids = []
    for name in ("laptop", "desktop"):
        with Library(tmp_path / f"{name}.db") as lib:
            art_id = lib.import_article(article()).id
            ids.append(lib.add_highlight(art_id, *span(BODY, "the old pier")).id)
    assert ids[0] == ids[1]


def test_delete_is_a_tombstone_and_undo_restores(lib: Library, aid: str) -> None:
    h = lib.add_highlight(aid, *span(BODY, "the tide gauges"), note="check data")
    assert lib.delete_highlight(h.id) is True
    assert lib.delete_highlight(h.id) is False
    assert lib.highlights_of(aid) == []
    assert lib.get(aid).highlights == 0  # type: ignore[union-attr]
    kept = lib.highlights_of(aid, include_deleted=True)
    assert [k.id for k in kept] == [h.id] and kept[0].deleted and kept[0].note == "check data"
    back = lib.restore_highlight(h.id)
    assert not back.deleted and back.note == "check data"
    assert lib.get(aid).highlights == 1  # type: ignore[union-attr]


def test_highlighting_a_removed_passage_revives_it(lib: Library, aid: str) -> None:
    h = lib.add_highlight(aid, *span(BODY, "the tide gauges"))
    lib.delete_highlight(h.id)
    again = lib.add_highlight(aid, *span(BODY, "the tide gauges"), color="blue")
    assert again.id == h.id and not again.deleted and again.color == "blue"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [(5, 5, "outside"), (-1, 4, "outside"), (0, 10_000, "outside"), (50, 52, "no text")],
)
def test_bad_ranges_are_clear_errors(
    lib: Library, aid: str, start: int, end: int, message: str
) -> None:
    if message == "no text":
        start = BODY.index("\n\n")
        end = start + 2
    with pytest.raises(StoreError, match=message):
        lib.add_highlight(aid, start, end)
    assert lib.highlights_of(aid) == []


def test_unknown_colour_and_missing_things(lib: Library, aid: str) -> None:
    with pytest.raises(StoreError, match=r"unknown colour 'mauve'.*yellow, green"):
        lib.add_highlight(aid, 0, 10, color="mauve")
    h = lib.add_highlight(aid, 0, 10, color="Pink")
    assert h.color == "pink"
    with pytest.raises(StoreError, match="unknown colour"):
        lib.update_highlight(h.id, color="")
    with pytest.raises(NotFound):
        lib.update_highlight("0" * 16, note="x")
    with pytest.raises(NotFound):
        lib.add_highlight("nope", 0, 3)


def test_every_change_is_committed_at_once(lib: Library, aid: str, db_file: Path) -> None:
    h = lib.add_highlight(aid, *span(BODY, "the old pier"), note="first")
    lib.update_highlight(h.id, color="purple", note="second thought")
    other = sqlite3.connect(db_file)  # another process's view, while lib stays open
    row = other.execute("SELECT color, note FROM highlights WHERE id = ?", [h.id]).fetchone()
    assert row == ("purple", "second thought")
    other.close()


def test_fields_carry_their_own_clock_stamps(lib: Library, aid: str) -> None:
    h = lib.add_highlight(aid, *span(BODY, "the old pier"))
    before = dict(lib.db.execute("SELECT clocks FROM highlights").fetchone())
    lib.update_highlight(h.id, note="n")
    after = dict(lib.db.execute("SELECT clocks FROM highlights").fetchone())
    import json

    old, new = json.loads(before["clocks"]), json.loads(after["clocks"])
    assert new["note"] > old["note"]
    assert new["color"] == old["color"] and new["anchor"] == old["anchor"]


def test_article_note_set_edit_and_clear(lib: Library, aid: str) -> None:
    assert lib.article_note(aid) is None
    note = lib.set_article_note(aid, "Follow up with the ferry board.\n\n")
    assert isinstance(note, ArticleNote) and note.text == "Follow up with the ferry board."
    assert lib.set_article_note(aid, "Changed.").text == "Changed."  # type: ignore[union-attr]
    assert lib.set_article_note(aid, "  ") is None
    assert lib.article_note(aid) is None


def test_notebook_newest_first_search_and_filters(lib: Library, aid: str) -> None:
    other = lib.import_article(article(
        "Grain prices rose sharply in the spring markets.", title="Markets",
        url="https://news.example/markets", tags=["economy"])).id
    a = lib.add_highlight(aid, *span(BODY, "the old pier"), note="photograph it")
    b = lib.add_highlight(other, 0, 12, color="green")
    lib.set_article_note(aid, "Ask about ferry timetables")
    entries = lib.notebook()
    assert [type(e).__name__ for e in entries] == ["ArticleNote", "Highlight", "Highlight"]
    assert [e.id for e in entries if isinstance(e, Highlight)] == [b.id, a.id]
    assert entries[1].article_title == "Markets"  # type: ignore[union-attr]
    assert [e.id for e in lib.notebook(NotebookQuery(text="photograph"))  # type: ignore[union-attr]
            ] == [a.id]
    assert [type(e).__name__ for e in lib.notebook(NotebookQuery(text="timetable"))] == [
        "ArticleNote"]
    assert [e.id for e in lib.notebook(NotebookQuery(color="green"))] == [b.id]  # type: ignore[union-attr]
    assert {getattr(e, "id", "note") for e in lib.notebook(NotebookQuery(tag="LOCAL"))} == {
        a.id, "note"}
    assert lib.notebook(NotebookQuery(text="\"")) == []
    lib.delete(other)
    assert b.id not in {getattr(e, "id", None) for e in lib.notebook()}


def test_reimport_with_text_added_before_moves_highlight(lib: Library, aid: str) -> None:
    h = lib.add_highlight(aid, *span(BODY, "We cannot wait another winter"), note="key quote")
    new_body = "UPDATE: the vote was postponed.\n\n" + BODY
    lib.import_article(article(new_body))
    [moved] = lib.highlights_of(aid)
    assert moved.id == h.id and moved.state == "anchored" and moved.note == "key quote"
    assert new_body[moved.start:moved.end] == "We cannot wait another winter"  # type: ignore[misc]


def test_reimport_with_a_typo_fixed_reanchors(lib: Library, aid: str) -> None:
    body = BODY.replace("Several asked", "Severall asked")
    aid2 = lib.import_article(article(body, url="https://news.example/typo")).id
    h = lib.add_highlight(aid2, *span(body, "Severall asked about the tide gauges"))
    lib.import_article(article(BODY, url="https://news.example/typo"))
    [found] = lib.highlights_of(aid2)
    assert found.id == h.id and found.state == "re-anchored"
    assert BODY[found.start:found.end].startswith("Several asked about")  # type: ignore[misc]


def test_reimport_without_the_text_keeps_an_orphan(lib: Library, aid: str) -> None:
    h = lib.add_highlight(aid, *span(BODY, "Residents packed the hall."), note="keep me")
    lib.import_article(article("An entirely different story about bridges and tolls."))
    [orphan] = lib.highlights_of(aid)
    assert (orphan.id, orphan.state, orphan.start, orphan.end) == (h.id, "orphaned", None, None)
    assert orphan.text == "Residents packed the hall." and orphan.note == "keep me"
    assert [e.id for e in lib.notebook(NotebookQuery(orphaned=True))] == [h.id]  # type: ignore[union-attr]
    lib.import_article(article())  # the text comes back: the orphan is found again
    [back] = lib.highlights_of(aid)
    assert back.state == "anchored" and BODY[back.start:back.end] == back.text  # type: ignore[misc]


def test_removed_article_comes_back_whole_with_its_highlights(lib: Library, aid: str) -> None:
    h = lib.add_highlight(aid, *span(BODY, "the old pier"))
    lib.delete(aid)
    assert lib.get(aid) is None
    lib.import_article(article())
    stored = lib.get(aid)
    assert stored is not None and stored.body == BODY
    assert [x.id for x in lib.highlights_of(aid)] == [h.id]
    assert stored.highlights == 1


def test_highlights_survive_reopening(db_file: Path) -> None:
    with Library(db_file) as lib:
        art_id = lib.import_article(article()).id
        h = lib.add_highlight(art_id, *span(BODY, "the old pier"), color="blue", note="n")
    with Library(db_file) as lib:
        assert lib.highlights_of(art_id) == [h]
        assert lib.resolve_highlight(h.id[:6]).id == h.id
