"""Metadata from front matter and from the text, on fixtures shaped like real articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest import metadata as md
from reader.ingest.reader import read_file
from tests.conftest import ARTICLES


def test_jekyll_post_with_source_trailer() -> None:
    article = read_file(ARTICLES / "jekyll_post.txt")
    assert article.title == "County plans to reopen the old ferry landing before summer"
    assert article.authors == ["Priya Ramaswamy"]
    assert article.url == "https://tidewatercourier.com/news/county/ferry-landing-reopen-plan-2291"
    assert article.site == "tidewatercourier.com"
    assert article.tags == ["Priya Ramaswamy", "transport"]
    assert article.body_format == "markdown"  # a .txt with front matter is a Jekyll post
    assert article.body.startswith("- 'A Landing Again'")
    assert "layout: post" not in article.body


def test_plain_rewrite_with_bio_line(tmp_path: Path) -> None:
    article = read_file(ARTICLES / "rewrite.txt")
    assert article.authors == ["Nadia Brooks"]
    assert article.site == "Harborwire.com"
    assert article.url is None
    assert article.body_format == "text"
    assert article.title == "Rewrite"  # no headline: the file name
    # A file name that is only an id is no title: the lede's first sentence, shortened, is.
    hashed = tmp_path / "001_9f3b2c7d1e0a4b6c.txt"
    hashed.write_bytes((ARTICLES / "rewrite.txt").read_bytes())
    title = read_file(hashed).title
    assert title.startswith("Marlow County officials intend") and title.endswith("…")


def test_toml_front_matter_and_url_canonicalised() -> None:
    article = read_file(ARTICLES / "toml_front.md")
    assert article.title == "Night buses return to the east side"
    assert article.authors == ["Ruth Adeyemi", "Tomás Greer"]
    assert article.tags == ["transit", "city"]
    assert article.published == "2024-03-05T18:30:00+00:00"
    assert article.url == "https://example.org/Transit/night-buses?id=7"
    assert article.site == "example.org"


def test_json_front_matter() -> None:
    article = read_file(ARTICLES / "json_front.markdown")
    assert article.title == "Notes on keeping a lab notebook"
    assert article.authors == ["Sam Whitfield", "Ida Moreau"]
    assert article.tags == ["science", "writing", "habits"]
    assert article.published == "2023-03-03"


def test_headline_byline_and_dateline_from_text() -> None:
    article = read_file(ARTICLES / "byline.txt")
    assert article.title == "Harbor Fees to Rise Next Year"
    assert article.authors == ["Jane Doe", "Omar Haddad"]
    assert article.published == "2024-04-02"


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Nov. 18, 2026", "2026-11-18"), ("18 November 2026", "2026-11-18"),
     ("Published: 2026-11-18", "2026-11-18"), ("In 2026 the vote was 6-3", None)],
)
def test_dateline(line: str, expected: str | None) -> None:
    assert md.dateline_from_text(f"Headline here\n{line}\n\nBody.") == expected


def test_malformed_front_matter_imports_body_with_warning() -> None:
    article = read_file(ARTICLES / "bad_front_matter.md")
    assert article.body.strip() == (
        "The body survives even though the front matter above is broken."
    )
    assert any("malformed front matter" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe & Ann Li", ["Jane Doe", "John Roe", "Ann Li"]),
        ("Doe, Jane", ["Jane Doe"]),
        ("Jane Doe, Reuters", ["Jane Doe"]),
        (["A. B. Writer", {"name": "C. D. Reporter"}], ["A. B. Writer", "C. D. Reporter"]),
        (None, []),
    ],
)
def test_split_authors(value: object, expected: list[str]) -> None:
    assert md.split_authors(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-01", "2024-05-01"),
        ("May 1, 2024", "2024-05-01"),
        ("1 May 2024", "2024-05-01"),
        ("2024-05-01 09:30", "2024-05-01T09:30:00"),
        ("soon", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: str | None) -> None:
    assert md.parse_date(value) == expected


def test_tags_from_strings_and_lists_deduplicated() -> None:
    assert md.split_tags("a, b", ["b", "c"], "d e") == ["a", "b", "c", "d", "e"]


def test_source_line_with_bare_domain_and_site_name() -> None:
    authors, url, site = md.source_line("Body.\n\nSource: Reuters, reuters.com/world/x-1/\n")
    assert authors == []
    assert url == "https://reuters.com/world/x-1"
    assert site == "Reuters"


def test_setext_heading_title(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("Harbor Report\n=============\n\nText here.\n", encoding="utf-8")
    assert read_file(path).title == "Harbor Report"


def test_file_name_title_when_text_has_none(tmp_path: Path) -> None:
    path = tmp_path / "quiet-harbor-notes.txt"
    path.write_text("just a sentence with no headline at all.\n", encoding="utf-8")
    assert read_file(path).title == "Quiet harbor notes"


def test_source_line_of_a_rewrite_credits_the_original(tmp_path: Path) -> None:
    path = tmp_path / "rewrite-of-ferry.txt"
    text = (ARTICLES / "rewrite.txt").read_text(encoding="utf-8")
    path.write_text(
        text + "\nSource: Priya Ramaswamy, tidewatercourier.com/news/county/ferry-2291/\n",
        encoding="utf-8",
    )
    article = read_file(path)
    assert article.authors == ["Nadia Brooks"]
    assert article.site == "Harborwire.com"
    assert article.url is None  # the original's URL: importing both must not merge them
