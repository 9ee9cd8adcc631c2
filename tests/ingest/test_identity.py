"""Canonical URLs, content hashes and the stable id."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.ingest.identity import article_id, canonical_url, content_hash


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTPS://WWW.Example.COM/Path/?utm_source=x&utm_medium=y#top", "https://www.example.com/Path"),
        ("http://example.com:80/a?b=1&fbclid=z", "http://example.com/a?b=1"),
        ("example.com/a/b/", "https://example.com/a/b"),
        ("https://example.com", "https://example.com/"),
        ("mailto:someone@example.com", None),
        ("not a url", None),
        ("", None),
        (None, None),
    ],
)
def test_canonical_url(raw: str | None, expected: str | None) -> None:
    assert canonical_url(raw) == expected


def test_content_hash_ignores_typography_and_spacing() -> None:
    assert content_hash("He said “yes” — twice.\n") == content_hash('He said  "yes" --- twice.')
    assert content_hash("one") != content_hash("two")


def test_id_prefers_url_and_is_stable() -> None:
    body_hash = content_hash("text")
    by_url = article_id("https://example.com/a", body_hash)
    assert by_url == article_id("https://example.com/a", content_hash("other text"))
    assert by_url != article_id(None, body_hash)
    assert len(by_url) == 16 and int(by_url, 16) >= 0


@given(st.text())
def test_canonical_url_never_raises(text: str) -> None:
    result = canonical_url(text)
    assert result is None or result.startswith(("http://", "https://"))
