"""The built-in styles in plain Python render exactly what their Jinja2 templates render."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.export.builtin_styles import RENDERERS
from reader.export.context import ArticleExport, ExportHighlight, gather, template_vars
from reader.export.markdown import export_articles, render_item
from reader.export.templates import STYLES, Renderer, tidy
from reader.library import COLORS, ArticleNote, ArticleSummary
from tests.export.conftest import NOW, Annotated

# Fixed examples plus seeded generation: the same cases on every run.
SAME_EVERY_RUN = settings(derandomize=True, max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])

HOSTILE = [
    "", " ", "\n", "\n\n\n", "  trailing  ", "\ttab\t", "line\n\n\n\nline", "a \nb\t\nc",
    "{{ 7 * 7 }} {% if x %}{# c #}", "<!-- readmark:end -->", "---\ntitle: x\n---",
    "\x1b[31mred\x1b[0m", "bell\x07", "rtl \u202eevil\u202c", "cr\r\nlf", "> quoted\n> more",
    "# heading", "[x](y) ![i](j)", "*em* **strong** `code`", "emoji 🦆 · dots…", "\u00a0nbsp",
    "null", "yes", "ünïcödé Ελληνικά 中文", "\x85next line", "\\ back\\slash",
]
# Text with every awkward character class the renderers treat specially.
TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.sampled_from(["a", " ", "\t", "\n", "\x1b", "\x07", "\u202e", "\r", ">", "-",
                             "#", "“", "*", "{", "}", "é"]), max_size=30),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
)
COLOR = st.one_of(st.sampled_from(COLORS), st.sampled_from(["", "Dark Red", "a/b", "x\x1b!"]))
URL = st.one_of(st.none(), st.just(""), st.sampled_from([
    "https://news.example/a", "https://news.example/a b(c)<d>", "http://x.example/\x1b[0m",
]))


@st.composite
def highlights(draw: st.DrawFn, orphaned: bool) -> ExportHighlight:
    n = draw(st.integers(0, 10**6))
    return ExportHighlight(
        id=f"{n:016x}", article_id="a" * 16, text=draw(TEXT), prefix="", suffix="",
        start=None if orphaned else n, end=None if orphaned else n + 5, color=draw(COLOR),
        note=draw(TEXT), created="2024-05-01T12:00:00.000Z",
        stamp="01714564800000000-0000-dev", state="orphaned" if orphaned else "anchored",
    )


@st.composite
def quotes(draw: st.DrawFn) -> dict[str, Any]:
    return {"text": draw(TEXT), "speaker": draw(st.one_of(st.none(), TEXT)), "cue": "said",
            "kind": "speech", "start": 0, "end": 1}


@st.composite
def articles(draw: st.DrawFn) -> ArticleExport:
    summary = ArticleSummary(
        id="0123456789abcdef", title=draw(TEXT), authors=draw(st.lists(TEXT, max_size=3)),
        url=draw(URL), site=draw(st.one_of(st.none(), TEXT)),
        published=draw(st.one_of(st.none(), st.just(""), st.just("2024-04-30"))),
        tags=draw(st.lists(TEXT, max_size=3)), words=100, highlights=0, progress=0.0,
        imported="2024-05-01T12:00:00Z",
    )
    note_text = draw(st.one_of(st.none(), TEXT))
    note = None if note_text is None else ArticleNote(summary.id, note_text, "2024", None)
    return ArticleExport(
        article=summary, highlights=draw(st.lists(highlights(False), max_size=4)),
        orphans=draw(st.lists(highlights(True), max_size=3)), note=note,
        quotes=draw(st.lists(quotes(), max_size=2)),
    )


def jinja(style: str, item: ArticleExport) -> str:
    return Renderer(style).render(template_vars(item, style))


def test_every_built_in_style_has_a_python_renderer() -> None:
    assert set(RENDERERS) == set(STYLES)


@pytest.mark.parametrize("style", STYLES)
@SAME_EVERY_RUN
@given(item=articles())
def test_python_styles_equal_their_templates(style: str, item: ArticleExport) -> None:
    assert RENDERERS[style](item) == jinja(style, item)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("colour", [*COLORS, "", "Dark Red", "a/b"])
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_in_every_place_renders_the_same(style: str, colour: str,
                                                      hostile: str) -> None:
    summary = ArticleSummary("0123456789abcdef", hostile, [hostile, "B"], None, hostile,
                             None, [hostile], 1, 0, 0.0, "2024-05-01T12:00:00Z")
    h = ExportHighlight("1" * 16, summary.id, hostile, "", "", 1, 2, colour, hostile,
                        "2024", None, "anchored")
    orphan = h._replace(id="2" * 16, start=None, end=None, state="orphaned")
    item = ArticleExport(summary, [h], [orphan], ArticleNote(summary.id, hostile, "2024", None),
                         [{"text": hostile, "speaker": hostile or None}])
    assert RENDERERS[style](item) == jinja(style, item)


@pytest.mark.parametrize("style", STYLES)
def test_an_article_with_nothing_renders_the_same(style: str) -> None:
    summary = ArticleSummary("0123456789abcdef", "Bare", [], None, None, None, [], 0, 0, 0.0,
                             "2024-05-01T12:00:00Z")
    item = ArticleExport(summary, [], [], None)
    assert RENDERERS[style](item) == jinja(style, item) == "# Bare\n"


@pytest.mark.parametrize("style", STYLES)
def test_a_stored_article_renders_the_same_with_quotes(annotated: Annotated,
                                                       style: str) -> None:
    [item] = gather(annotated.lib, [annotated.aid], quotes=True)
    assert item.quotes and item.orphans and item.note
    assert render_item(Renderer(style), item) == jinja(style, item)


def test_a_user_template_still_renders_through_jinja(annotated: Annotated,
                                                     tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("{{ style }}: {{ highlights | length }} / {{ orphans | length }}"
                        " {{ highlights[0].updated }}\n", encoding="utf-8")
    [result] = export_articles(annotated.lib, [annotated.aid], tmp_path / "out",
                               renderer=Renderer("plain", template), now=NOW)
    assert result.path is not None
    text = result.path.read_text(encoding="utf-8")
    assert "plain: 3 / 1 20" in text and text.count("Z\n") >= 1


def _tidy_every_time(text: str) -> str:
    """``tidy`` as it was: both regexes on every text."""
    text = re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE))
    text = text.strip("\n")
    return text + "\n" if text else ""


@SAME_EVERY_RUN
@given(st.text(st.sampled_from(["a", " ", "\t", "\n", "\r", "\x0b", "\u00a0"]), max_size=40))
def test_tidy_skips_its_regexes_only_when_they_would_change_nothing(text: str) -> None:
    assert tidy(text) == _tidy_every_time(text)
