"""The Library facade on real SQLite files: writes, clocks, tombstones, FTS, paging."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.ingest.article import Article
from reader.library import SORT_ORDERS, Ambiguous, Library, ListQuery, NotFound


def art(n: int, **kw: object) -> Article:
    base: dict[str, object] = {
        "title": f"Article {n:03d}",
        "body": f"Body number {n} about harbors and ferries. Unique{n} word.",
        "authors": [f"Author {n % 3}"],
        "published": f"2024-01-{n % 28 + 1:02d}",
        "tags": ["even" if n % 2 == 0 else "odd"],
        "site": "a.example" if n % 2 else "b.example",
    }
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def test_pragmas_and_file_created(db_file: Path) -> None:
    lib = Library(db_file)
    assert db_file.exists()
    assert lib.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert lib.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert lib.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    lib.close()


def test_reimport_same_article_is_unchanged(lib: Library) -> None:
    first = lib.import_article(art(1))
    second = lib.import_article(art(1))
    assert first.status == "new" and second.status == "unchanged"
    assert second.id == first.id
    assert lib.count() == 1


def test_changed_body_keeps_id_and_stamps_clock(lib: Library) -> None:
    a = art(1, url="https://example.com/x", origin_path="/tmp/x.md")
    first = lib.import_article(a)
    before = lib.clocks(first.id)
    a.body = "A rewritten body."
    second = lib.import_article(a)
    assert second.status == "updated" and second.changed == ["body"]
    assert second.id == first.id
    stored = lib.get(first.id)
    assert stored is not None and stored.body == "A rewritten body."
    after = lib.clocks(first.id)
    assert after["body"] > before["body"]
    assert after["title"] == before["title"]


def test_found_again_by_url_from_another_path(lib: Library) -> None:
    one = lib.import_article(art(1, url="https://example.com/a?utm_source=x", origin_path="/a"))
    two = lib.import_article(art(1, url="https://EXAMPLE.com/a#frag", origin_path="/b"))
    assert two.id == one.id and lib.count() == 1


def test_found_again_by_content_from_another_path(lib: Library) -> None:
    one = lib.import_article(art(1, origin_path="/a"))
    two = lib.import_article(art(1, origin_path="/b", title="Renamed"))
    assert two.id == one.id and two.status == "updated" and lib.count() == 1


def test_user_tag_edit_survives_reimport_of_unchanged_file(lib: Library) -> None:
    out = lib.import_article(art(1))
    lib.update_tags(out.id, ["keep"], ["odd"])
    assert lib.import_article(art(1)).status == "unchanged"
    stored = lib.get(out.id)
    assert stored is not None and stored.tags == ["keep"]
    # A file whose tags changed brings its own additions and removals; the edits stay.
    lib.import_article(art(1, tags=["odd", "fresh"]))
    stored = lib.get(out.id)
    assert stored is not None and stored.tags == ["keep", "fresh"]
    lib.import_article(art(1, tags=["fresh"]))
    stored = lib.get(out.id)
    assert stored is not None and stored.tags == ["keep", "fresh"]
    lib.import_article(art(1, tags=[]))
    stored = lib.get(out.id)
    assert stored is not None and stored.tags == ["keep"]


def test_delete_leaves_tombstone_and_reimport_revives(lib: Library) -> None:
    out = lib.import_article(art(1))
    assert lib.delete(out.id)
    assert lib.get(out.id) is None and lib.count() == 0
    row = lib.db.execute("SELECT deleted, body FROM articles WHERE id = ?", [out.id]).fetchone()
    assert row["deleted"] and row["body"] == ""
    assert lib.search("harbors") == []
    assert not lib.delete(out.id)
    again = lib.import_article(art(1))
    assert again.id == out.id and again.status == "new" and lib.count() == 1


def test_fts_kept_current(lib: Library) -> None:
    out = lib.import_article(art(1, origin_path="/p"))
    assert [h.article.id for h in lib.search("unique1")] == [out.id]
    lib.import_article(art(1, origin_path="/p", body="Now about lighthouses."))
    assert lib.search("unique1") == []
    assert [h.article.id for h in lib.search("lighthouse")] == [out.id]  # porter stemming
    assert [h.article.id for h in lib.search("author 1")] == [out.id]


def test_search_ranks_title_above_body_and_marks_snippet(lib: Library) -> None:
    lib.import_article(art(1, title="Ferries everywhere", body="Nothing relevant here at all."))
    lib.import_article(art(2, body="One mention of ferries in passing."))
    hits = lib.search("ferries")
    assert hits[0].article.title == "Ferries everywhere"
    assert "\ue000" in hits[1].snippet and "\ue001" in hits[1].snippet


def test_search_prefix_for_typing(lib: Library) -> None:
    lib.import_article(art(1, body="The lighthouse keeper."))
    assert len(lib.search("lightho")) == 1
    assert lib.search("lightho", prefix_last=False) == []


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_search_accepts_any_text(lib: Library, text: str) -> None:
    lib.search(text)  # must not raise


def test_resolve_by_id_prefix_and_title(lib: Library) -> None:
    a = lib.import_article(art(1, title="The ferry landing"))
    lib.import_article(art(2, title="The ferry fares"))
    assert lib.resolve(a.id).id == a.id
    assert lib.resolve(a.id[:6]).id == a.id
    assert lib.resolve("landing").id == a.id
    with pytest.raises(Ambiguous):
        lib.resolve("ferry")
    with pytest.raises(NotFound):
        lib.resolve("nothing like this")


@pytest.mark.parametrize("sort", SORT_ORDERS)
def test_keyset_pages_match_offset_pages(lib: Library, sort: str) -> None:
    for n in range(37):
        out = lib.import_article(art(n))
        if n % 5 == 0:
            lib.save_position(out.id, 3, 0.5)
    query = ListQuery(sort=sort)
    full = lib.page(query, 0, 1000)
    assert len(full) == 37
    walked = []
    last = None
    while True:
        page = lib.page_after(query, last, 7)
        walked.extend(page)
        if len(page) < 7:
            break
        last = page[-1]
    assert [a.id for a in walked] == [a.id for a in full]
    assert [a.id for a in lib.page(query, 7, 7)] == [a.id for a in full[7:14]]


def test_sort_orders_mean_what_they_say(lib: Library) -> None:
    for n in (3, 1, 2):
        lib.import_article(art(n))
    titles = [a.title for a in lib.page(ListQuery(sort="title"), 0, 10)]
    assert titles == sorted(titles)
    dates = [a.published for a in lib.page(ListQuery(sort="newest"), 0, 10)]
    assert dates == sorted(dates, reverse=True)
    read = lib.page(ListQuery(sort="newest"), 0, 1)[0]
    lib.save_position(read.id, 5, 1.0)
    assert lib.page(ListQuery(sort="unread"), 0, 10)[-1].id == read.id


def test_filters_and_facets(lib: Library) -> None:
    for n in range(6):
        lib.import_article(art(n))
    assert lib.count(ListQuery(tag="even")) == 3
    assert lib.count(ListQuery(author="author 1")) == 2
    assert lib.count(ListQuery(site="A.EXAMPLE")) == 3
    assert dict(lib.facets("tag")) == {"even": 3, "odd": 3}
    assert dict(lib.facets("site")) == {"a.example": 3, "b.example": 3}
    with pytest.raises(ValueError):
        lib.facets("colour")


def test_save_position_clamps(lib: Library) -> None:
    out = lib.import_article(art(1))
    lib.save_position(out.id, 10**6, 7.0)
    stored = lib.get(out.id)
    assert stored is not None
    assert stored.position == len(stored.body) and stored.progress == 1.0


def test_second_writer_waits_instead_of_failing(db_file: Path) -> None:
    lib = Library(db_file)
    other = sqlite3.connect(db_file, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another readmark process is writing
    threading.Timer(0.5, lambda: other.execute("COMMIT")).start()
    started = time.monotonic()
    assert lib.import_article(art(1)).status == "new"
    assert time.monotonic() - started >= 0.3
    other.close()
    lib.close()


def test_threads_share_a_library(lib: Library) -> None:
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            for n in range(k * 10, k * 10 + 10):
                lib.import_article(art(n))
                lib.page(ListQuery(), 0, 5)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and lib.count() == 40


def test_facets_follow_edits_and_deletes(lib: Library) -> None:
    one = lib.import_article(art(1, tags=["Harbor"], site="x.example"))
    lib.import_article(art(2, tags=["harbor", "fish"], site="X.example"))
    assert lib.count(ListQuery(tag="HARBOR")) == 2
    lib.update_tags(one.id, ["boats"], ["Harbor"])
    assert lib.count(ListQuery(tag="harbor")) == 1
    assert lib.count(ListQuery(tag="boats")) == 1
    lib.delete(one.id)
    assert lib.count(ListQuery(tag="boats")) == 0
    assert dict(lib.facets("site")) == {"X.example": 1}
    assert lib.count(ListQuery(site="x.EXAMPLE", tag="fish")) == 1


def test_title_match_beats_a_long_body_full_of_the_word(lib: Library) -> None:
    for n in range(3, 13):  # a library where the word is not everywhere
        lib.import_article(art(n, body=f"Nothing of note in number {n}."))
    lib.import_article(art(1, title="Harbor dredging vote", body="The commission met. " * 40))
    lib.import_article(art(2, title="A very long article",
                           body=("Words about the harbor and other things here. " * 800)))
    assert lib.search("harbor")[0].article.title == "Harbor dredging vote"


def test_removed_articles_leave_the_search_index(lib: Library) -> None:
    kept, gone = lib.import_article(art(1)).id, lib.import_article(art(2)).id
    assert {h.article.id for h in lib.search("harbors")} == {kept, gone}
    lib.delete(gone)
    assert [h.article.id for h in lib.search("harbors")] == [kept]
    assert lib.search("Unique2") == []
    indexed = lib.db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH "
                             "'harbors'").fetchone()[0]
    assert indexed == 1
    lib.import_article(art(2))  # named again: back in the index
    assert [h.article.id for h in lib.search("Unique2")] == [gone]
    assert "\ue000Unique2\ue001" in lib.search("unique2")[0].snippet
