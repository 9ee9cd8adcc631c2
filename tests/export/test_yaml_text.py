"""The front matter emitter: every string reads back unchanged with PyYAML."""

from __future__ import annotations

import frontmatter
import yaml
from hypothesis import given
from hypothesis import strategies as st

from reader.export.yaml_text import field, scalar

# Strings as SQLite hands them over: valid Unicode, no lone surrogates.
TEXT = st.text(st.characters(exclude_categories=("Cs",)))


@given(TEXT)
def test_any_string_round_trips(value: str) -> None:
    assert yaml.safe_load(f"key: {scalar(value)}\n") == {"key": value}


@given(TEXT, st.lists(TEXT, max_size=4))
def test_front_matter_reads_back_with_python_frontmatter(title: str, tags: list[str]) -> None:
    text = f"---\n{field('title', title)}\n{field('tags', tags)}\n---\nbody\n"
    post = frontmatter.loads(text)
    assert post["title"] == title and post["tags"] == tags


def test_plain_where_it_reads_the_same() -> None:
    assert scalar("News Example") == "News Example"
    assert scalar("yes") == '"yes"' and scalar("Null") == '"Null"'
    assert scalar("a: b") == '"a: b"' and scalar("#tag") == '"#tag"'
    assert scalar("2024-04-30") == "2024-04-30"
    assert scalar('say "hi"\n') == '"say \\"hi\\"\\n"'
    assert field("tags", []) == "tags: []" and field("url", None) == "url:"
