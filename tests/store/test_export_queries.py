"""Store queries for export and annotation import, on a real library file."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.ingest.article import Article
from reader.library import Library, NotFound, StoreError
from reader.store.articles import since_stamp

BODY = (
    "The council met on Tuesday to discuss the harbour.\n\n"
    "\"We cannot wait another winter,\" said Mara Quill, who chairs the ferry board.\n\n"
    "Residents packed the hall. Several asked about the tide gauges and the old pier."
)


def article(title: str, url: str, tags: list[str] | None = None) -> Article:
    return Article(title=title, body=f"{title}.\n\n{BODY}", url=url, tags=tags or [])


def span(lib: Library, aid: str, text: str) -> tuple[int, int]:
    body = lib.get(aid).body  # type: ignore[union-attr]
    start = body.index(text)
    return start, start + len(text)


@pytest.fixture
def ids(lib: Library) -> dict[str, str]:
    out = {}
    for name, tags in (("Beta", ["local"]), ("alpha", ["Local"]), ("Gamma", []), ("Delta", [])):
        out[name] = lib.import_article(
            article(name, f"https://news.example/{name.lower()}", tags)).id
    return out


def test_annotated_articles_by_title_with_tag_filter(lib: Library, ids: dict[str, str]) -> None:
    assert lib.annotated_article_ids() == []
    lib.add_highlight(ids["Beta"], *span(lib, ids["Beta"], "harbour"))
    lib.set_article_note(ids["alpha"], "read again")
    lib.add_highlight(ids["Gamma"], *span(lib, ids["Gamma"], "old pier"))
    gone = lib.add_highlight(ids["Delta"], *span(lib, ids["Delta"], "old pier"))
    lib.delete_highlight(gone.id)
    assert lib.annotated_article_ids() == [ids["alpha"], ids["Beta"], ids["Gamma"]]
    assert lib.annotated_article_ids(tag="LOCAL") == [ids["alpha"], ids["Beta"]]


def test_since_counts_changes_including_removals(lib: Library, ids: dict[str, str]) -> None:
    old = lib.add_highlight(ids["Beta"], *span(lib, ids["Beta"], "harbour"))
    lib.add_highlight(ids["Gamma"], *span(lib, ids["Gamma"], "old pier"))
    cut = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    assert lib.annotated_article_ids(since=cut) == []
    past = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    assert lib.annotated_article_ids(since=past) == [ids["Beta"], ids["Gamma"]]
    lib.delete_highlight(old.id)
    later = dt.datetime.fromisoformat("2000-01-01")  # naive: UTC
    assert ids["Beta"] in lib.annotated_article_ids(since=later)
    assert since_stamp(dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) == "0" * 17


def test_bulk_reads_match_single_reads(lib: Library, ids: dict[str, str]) -> None:
    for name in ("Beta", "Gamma"):
        aid = ids[name]
        lib.add_highlight(aid, *span(lib, aid, "old pier"), note="n")
        lib.add_highlight(aid, *span(lib, aid, "harbour"), color="blue")
    lib.set_article_note(ids["Beta"], "note on beta")
    many = lib.highlights_of_many([ids["Beta"], ids["Gamma"], ids["Delta"]])
    assert set(many) == {ids["Beta"], ids["Gamma"]}
    for aid, found in many.items():
        single = [h.__class__(**{**h.__dict__, "article_title": None})
                  for h in lib.highlights_of(aid)]
        assert found == single
    notes = lib.notes_of_many(list(ids.values()))
    assert list(notes) == [ids["Beta"]] and notes[ids["Beta"]].text == "note on beta"
    summaries = lib.summaries_of([ids["Beta"], "nope"])
    assert list(summaries) == [ids["Beta"]] and summaries[ids["Beta"]].title == "Beta"


def test_article_by_url_uses_the_canonical_form(lib: Library, ids: dict[str, str]) -> None:
    assert lib.article_id_by_url("HTTPS://News.Example/beta/?utm_source=x") == ids["Beta"]
    assert lib.article_id_by_url("https://news.example/nothing") is None
    assert lib.article_id_by_url("not a url") is None


def test_created_times_can_be_set(lib: Library, ids: dict[str, str]) -> None:
    aid = ids["Beta"]
    h = lib.add_highlight(aid, *span(lib, aid, "harbour"))
    lib.set_highlight_created(h.id, "2020-02-03T04:05:06.789Z")
    assert lib.get_highlight(h.id).created == "2020-02-03T04:05:06.789Z"  # type: ignore[union-attr]
    lib.set_article_note(aid, "x")
    lib.set_note_created(aid, "2021-01-01T00:00:00.000Z")
    assert lib.article_note(aid).created == "2021-01-01T00:00:00.000Z"  # type: ignore[union-attr]
    with pytest.raises(NotFound):
        lib.set_highlight_created("0" * 16, "2020-01-01T00:00:00Z")
    with pytest.raises(NotFound):
        lib.set_note_created(ids["Gamma"], "2020-01-01T00:00:00Z")
    with pytest.raises(StoreError, match="not an ISO 8601"):
        lib.set_highlight_created(h.id, "yesterday")
