"""Dates from Jekyll/Hugo post file names (``YYYY-MM-DD-slug.md``)."""

from __future__ import annotations

import pytest

from reader.ingest import metadata as md
from reader.ingest.reader import parse_article


@pytest.mark.parametrize(("name", "expected"), [
    ("2024-03-01-harbour-news.md", "2024-03-01"),
    ("_posts/2023-12-31_year-end.markdown", "2023-12-31"),
    ("2024-03-01.md", "2024-03-01"),
    ("2024-02-30-not-a-day.md", None),
    ("20240301-harbour.md", None),
    ("notes-2024-03-01.md", None),
    ("2024-03-015-x.md", None),
])
def test_date_from_filename(name: str, expected: str | None) -> None:
    assert md.date_from_filename(name) == expected


def test_file_name_date_when_front_matter_has_none() -> None:
    article = parse_article("---\ntitle: Tide tables\n---\nThe tide tables are out.\n",
                            name="2024-03-01-tide-tables.md", origin=None,
                            body_format="markdown")
    assert article.published == "2024-03-01"


def test_file_name_date_when_front_matter_date_is_not_a_date() -> None:
    article = parse_article("---\ntitle: Tide tables\ndate: next spring\n---\nThe tables.\n",
                            name="2024-03-01-tide-tables.md", origin=None,
                            body_format="markdown")
    assert article.published == "2024-03-01"
    assert "date 'next spring' not understood; ignored" in article.warnings


def test_front_matter_date_wins() -> None:
    article = parse_article("---\ntitle: Tide tables\ndate: 2024-05-06\n---\nThe tables.\n",
                            name="2024-03-01-tide-tables.md", origin=None,
                            body_format="markdown")
    assert article.published == "2024-05-06"


def test_title_from_a_dated_file_name_leaves_the_date_out() -> None:
    text = ("The tide tables are out, and the harbour is busy again today, with boats queueing "
            "at the lock gates from first light until well after the evening tide has turned.\n")
    article = parse_article(text,
                            name="2024-03-01-harbour-reopens.txt", origin=None,
                            body_format="text")
    assert article.title == "Harbour reopens"
    assert article.published == "2024-03-01"
