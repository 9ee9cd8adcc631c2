"""Search as you type: prefixes of unstemmed words, whole words first, superseded searches."""

from __future__ import annotations

import pytest

from reader.ingest.article import Article
from reader.library import Library
from reader.store.search import SearchCancelled, plan_search


def add(lib: Library, title: str, body: str, **kw: object) -> str:
    return lib.import_article(Article(title=title, body=body, **kw)).id  # type: ignore[arg-type]


def ids(lib: Library, text: str, **kw: object) -> list[str]:
    return [h.article.id for h in lib.search(text, **kw)]  # type: ignore[arg-type]


def test_every_prefix_of_a_typed_word_finds_it(lib: Library) -> None:
    # The Porter index holds "ruling" as "rule": "rulin" is no prefix of that stem.
    ruling = add(lib, "Harbor news", "The court issued its ruling on Monday.")
    add(lib, "Other news", "Nothing to see here at all.")
    for k in range(1, len("ruling") + 1):
        assert ruling in ids(lib, "ruling"[:k]), "ruling"[:k]
    assert ids(lib, "rulin") == [ruling]


def test_prefixes_ignore_case_and_accents(lib: Library) -> None:
    cafe = add(lib, "Notes", "We met at the Café Lumière downtown.")
    assert ids(lib, "caf") == [cafe]
    assert ids(lib, "LUMI") == [cafe]
    assert ids(lib, "lumiè") == [cafe]


def test_earlier_words_stay_stemmed_with_a_prefix_last(lib: Library) -> None:
    hit = add(lib, "Harbor", "The courts handed down a ruling.")
    add(lib, "Harbor too", "A ruling about something else entirely.")
    assert ids(lib, "court rulin") == [hit]
    assert ids(lib, '"handed down" rul') == [hit]


def test_whole_word_matches_come_before_prefix_only_matches(lib: Library) -> None:
    longer = add(lib, "Roads", "The parkway opened.")
    word = add(lib, "Garden", "A walk in the park.")
    assert ids(lib, "park") == [word, longer]
    assert ids(lib, "park", prefix_last=False) == [word]


def test_prefix_matches_in_the_title_come_first(lib: Library) -> None:
    in_title = add(lib, "Ferry schedules", "Times change in winter.")
    in_body = add(lib, "Winter", "The ferry runs less.")
    assert ids(lib, "fe") == [in_title, in_body]


def test_a_word_with_inner_punctuation_as_prefix(lib: Library) -> None:
    hit = add(lib, "Quote", "She said: don't wait for the ferry.")
    assert ids(lib, "don't") == [hit]
    assert ids(lib, "don'") == [hit]


def test_prefix_index_follows_edits_and_removals(lib: Library) -> None:
    art = Article(title="Lighthouse", body="The keeper climbed.", origin_path="/a.md")
    first = lib.import_article(art).id
    assert ids(lib, "keep") == [first]
    art.body = "The warden climbed."
    lib.import_article(art)
    assert ids(lib, "keep") == []
    assert ids(lib, "ward") == [first]
    lib.delete(first)
    assert ids(lib, "ward") == []
    assert ids(lib, "lightho") == []


def test_pages_of_a_prefix_search_join_up(lib: Library) -> None:
    for n in range(30):
        title = f"Harbor {n}" if n % 3 == 0 else f"Item {n}"
        add(lib, title, f"Body {n} mentions the harbormaster and harbors.")
    whole = ids(lib, "harb", limit=30)
    paged = [i for offset in range(0, 30, 7) for i in ids(lib, "harb", limit=7, offset=offset)]
    assert paged == whole and len(set(whole)) == 30


def test_a_superseded_search_stops_and_the_library_stays_usable(lib: Library) -> None:
    with lib.batch():
        for n in range(300):
            add(lib, f"Story {n}", " ".join(["harbor vote budget"] * 40) + f" item{n}")
    with pytest.raises(SearchCancelled):
        lib.search("harbor", cancelled=lambda: True)
    checks = 0

    def later() -> bool:  # false when asked up front, true once the query is running
        nonlocal checks
        checks += 1
        return checks > 1

    with pytest.raises(SearchCancelled):
        lib.search("harbor", cancelled=later)
    assert checks > 1
    assert len(lib.search("harbor")) == 50
    assert len(lib.search("harbor", cancelled=lambda: False)) == 50
    lib.save_position(lib.search("item7")[0].article.id, 10, 0.5)  # no handler left behind


def test_plan_sends_short_words_only_to_the_prefix_index() -> None:
    short = plan_search("t")
    assert short is not None and short.words is None and short.prefix == '"t" *'
    long = plan_search("court rulin")
    assert long is not None and long.words == '"court" "rulin"'
    assert long.rest == '"court"' and long.prefix == '"rulin" *'
    phrase = plan_search('"a phrase"')
    assert phrase is not None and phrase.prefix is None
    assert plan_search("lightho", prefix_last=False) == plan_search('"lightho"')
    assert plan_search("  ") is None
