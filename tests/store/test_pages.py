"""The kept web pages: compressed, found by any address, local to one library."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.ingest.article import Article
from reader.library import Library
from reader.library.merging import merge_file

PAGE = b"<html><body><article><p>" + b"The harbour ferry sails at dawn. " * 200 + b"</p>"


def _article(url: str) -> Article:
    return Article(title="Ferry", body="The harbour ferry sails at dawn.\n", url=url)


def test_page_is_kept_compressed_and_found_by_its_addresses(lib: Library) -> None:
    outcome = lib.import_article(_article("https://news.example/ferry"))
    lib.keep_page(outcome.id, PAGE, url="https://news.example/ferry",
                  aliases=["https://short.example/f?utm_source=x", "https://news.example/ferry/"])
    assert lib.page_of(outcome.id) == (PAGE, "https://news.example/ferry")
    facts = lib.page_facts(outcome.id)
    assert facts["page_bytes"] == len(PAGE) and facts["page_stored_bytes"] < len(PAGE) // 10
    assert lib.article_id_by_url("https://short.example/f") == outcome.id
    assert lib.resolve("https://short.example/f").id == outcome.id
    assert lib.info()["pages"] == 1
    lib.delete(outcome.id)
    assert lib.article_id_by_url("https://short.example/f") is None


def test_a_damaged_page_counts_as_none(lib: Library, db_file: Path) -> None:
    outcome = lib.import_article(_article("https://news.example/ferry"))
    lib.keep_page(outcome.id, PAGE, url=None, aliases=[])
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE pages SET html = x'00ff00'")
    assert lib.page_of(outcome.id) is None


def test_pages_are_not_merged(tmp_path: Path) -> None:
    a, b = Library(tmp_path / "a.db"), Library(tmp_path / "b.db")
    outcome = b.import_article(_article("https://news.example/ferry"))
    b.keep_page(outcome.id, PAGE, url=None, aliases=["https://short.example/f"])
    b.close()
    report = merge_file(a, tmp_path / "b.db", backup=False)
    assert report.articles_added == 1
    assert a.page_of(outcome.id) is None and a.info()["pages"] == 0
    a.close()
