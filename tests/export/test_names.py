"""Hostile titles: file names stay inside the export folder, stable and unique."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.export import export_all
from reader.export.names import MAX_STEM, choose_path, slugify
from reader.library import Library
from tests.export.conftest import NOW, article, span


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("../../etc/x", "etc-x"),
        ("..", "untitled"),
        ("", "untitled"),
        ("   ", "untitled"),
        ("CON", "con-article"),
        ("nul", "nul-article"),
        ("Com1", "com1-article"),
        ("a/b\\c:d*e?f\"g<h>i|j", "a-b-c-d-e-f-g-h-i-j"),
        ("bell\x07 and \x1b[31mred\x1b[0m", "bell-and-red"),
        ("Ünïcödé Straße — 東京", "ünïcödé-straße-東京"),
        (".hidden", "hidden"),
    ],
)
def test_slugs_are_safe(title: str, stem: str) -> None:
    assert slugify(title) == stem


def test_long_titles_are_cut() -> None:
    assert slugify("word " * 100) == ("word-" * 16).rstrip("-")
    wide = slugify("東" * 300)
    assert len(wide) <= MAX_STEM and len(wide.encode()) <= 200


@given(st.text())
def test_any_title_gives_a_name_inside_the_folder(title: str) -> None:
    stem = slugify(title)
    assert stem and "/" not in stem and "\\" not in stem and not stem.startswith(".")
    assert all(ch.isalnum() or ch == "-" for ch in stem)
    assert len(stem.encode("utf-8")) <= 200


def test_collisions_get_the_article_id(tmp_path: Path) -> None:
    taken: set[str] = set()
    first = choose_path(tmp_path, "Same", "aaaaaaaa11111111", taken)
    second = choose_path(tmp_path, "SAME", "bbbbbbbb22222222", taken)
    (tmp_path / "other-cccccccc.md").write_text("not ours")
    (tmp_path / "other.md").write_text("not ours either")
    third = choose_path(tmp_path, "other", "cccccccc33333333", taken)
    assert [first.name, second.name, third.name] == [
        "same.md", "same-bbbbbbbb.md", "other-cccccccc-2.md"]


def test_hostile_titles_export_inside_the_folder(lib: Library, out: Path) -> None:
    titles = ["../../etc/x", "CON", "", "x" * 400, "a/b", "tab\there\x00", "Same", "same"]
    for n, title in enumerate(titles):
        aid = lib.import_article(article(body=f"Article {n} body text here.", title=title or "t",
                                         url=f"https://ex.example/{n}")).id
        lib.add_highlight(aid, *span(lib, aid, "body text"))
    first = export_all(lib, out, now=NOW)
    assert len(first) == len(titles) and all(r.written for r in first)
    paths = [r.path for r in first]
    assert len(set(paths)) == len(paths)
    assert all(p is not None and p.parent == out for p in paths)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths if p)
    again = export_all(lib, out, now=NOW)
    assert [r.path for r in again] == paths and not any(r.written for r in again)
    assert not (out.parent / "etc").exists()
